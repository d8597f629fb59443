import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fillPortalForm, HIGHLIGHT_MS, requestFormOf } from '../../../src/channels/portal-form';
import { classic } from '../../../src/context/profiles/classic';
import type { RequestFormProfile } from '../../../src/context/profiles/index';
import { services } from '../../../src/context/profiles/services';
import { translatorFor } from '../../support/i18n';
import { validRequest } from '../../support/request-fixture';
import { openLivePage } from './live-portal';

const t = translatorFor('fr');
const PORTAL = join(dirname(fileURLToPath(import.meta.url)), '../../fixtures/portal');

/**
 * A replica portal page, parsed as the browser parses it (its scripts do not run). Its
 * stylesheet link is dropped: happy-dom does not load stylesheets and logs every attempt.
 */
function portalPage(path: string): Document {
  const html = readFileSync(join(PORTAL, path), 'utf8').replace(/<link rel="stylesheet"[^>]*>/g, '');
  return new DOMParser().parseFromString(html, 'text/html');
}

const field = <T extends Element = HTMLInputElement>(doc: Document, selector: string) => doc.querySelector(selector) as unknown as T;

const screenshot = () => new File([new Uint8Array([137, 80, 78, 71])], 'capture.png', { type: 'image/png' });

/** Records the input/change events the portal's scripts would see, by element id. */
function watchEvents(doc: Document) {
  const seen: string[] = [];
  for (const type of ['input', 'change']) doc.addEventListener(type, (event) => seen.push(`${type}:${(event.target as Element).id}`));
  return seen;
}

/** Fails the test on anything that would send the form: a submit, or a click on any button. */
function forbidSending(doc: Document) {
  const sent: string[] = [];
  doc.addEventListener('submit', () => sent.push('submit'), true);
  doc.addEventListener('click', (event) => sent.push(`click:${(event.target as Element).id}`), true);
  return sent;
}

const loggedInRequest = () =>
  validRequest({
    contact: { name: 'Jean Dupont', email: 'jean.dupont@exemple.fr', phone: '06 12 34 56 78', siret: '44306184100013' },
  });

afterEach(() => {
  vi.useRealTimers();
});

describe('requestFormOf', () => {
  it('picks the form for the situation: classic logged in, classic visitor, services', async () => {
    expect(requestFormOf(classic, true).path).toBe('/cpp/sollicitation-saisir');
    expect(requestFormOf(classic, false).path).toBe('/cpp/nous-contacter');
    expect(requestFormOf(services, true).id).toBe('services-ticket-connected');
    expect(requestFormOf(services, false).id).toBe('services-ticket-disconnected');
  });
});

describe('fillPortalForm', () => {
  it('fills the classic "Saisir sollicitation" form and attaches the screenshot as a request attachment, without sending', async () => {
    const doc = portalPage('classic/sollicitation-saisir.html');
    const events = watchEvents(doc);
    const sent = forbidSending(doc);
    const request = loggedInRequest();

    const report = await fillPortalForm(doc, requestFormOf(classic, true), request, [screenshot()], { t });

    expect(report).toMatchObject({
      formFound: true,
      filled: ['category', 'subCategory', 'issuer', 'title', 'description', 'attachments', 'attachmentType'],
      missing: [],
      why: {},
      truncated: [],
      filesNotAttached: [],
      captcha: false,
      submitLabel: 'Valider et envoyer',
    });
    // Read back from the page: the option's label, the field's value, the file's name.
    expect(report.shown).toMatchObject({ category: 'Facturation', title: request.title, attachments: 'capture.png' });
    expect(field<HTMLSelectElement>(doc, '#categorie').value).toBe('facturation');
    expect(field<HTMLSelectElement>(doc, '#sous-categorie').value).toBe('depot-de-facture');
    expect(field<HTMLSelectElement>(doc, '#emetteur').value).toBe('44306184100013');
    expect(field(doc, '#objet').value).toBe(request.title);
    const description = field<HTMLTextAreaElement>(doc, '#description').value;
    expect(description.startsWith(request.description)).toBe(true);
    expect(description).toContain('FA-2026-0042');
    expect(description).toContain('Firefox 153.8.0');
    expect([...(field(doc, '#piece-jointe-fichier').files ?? [])].map((file) => file.name)).toEqual(['capture.png']);
    expect(field<HTMLSelectElement>(doc, '#piece-jointe-type').value).toBe('sollicitation');
    expect(events).toEqual(expect.arrayContaining(['input:objet', 'change:objet', 'change:categorie', 'change:piece-jointe-fichier']));
    expect(sent).toEqual([]);
  });

  it('fills the classic "Nous contacter" form for a visitor and never touches the captcha', async () => {
    const doc = portalPage('classic/nous-contacter.html');
    const events = watchEvents(doc);
    const sent = forbidSending(doc);
    const request = validRequest({ loggedIn: false, subCategory: 'depot-facture' });
    const second = new File(['%PDF-1.7'], 'facture.pdf', { type: 'application/pdf' });

    const report = await fillPortalForm(doc, requestFormOf(classic, false), request, [screenshot(), second], { t });

    expect(report.filled).toEqual([
      'siret',
      'companyName',
      'lastName',
      'firstName',
      'email',
      'phone',
      'category',
      'subCategory',
      'title',
      'description',
      'attachments',
    ]);
    expect(report.missing).toEqual([]);
    // The input takes one file: the other is named so the user can attach it by hand.
    expect(report.filesNotAttached).toEqual(['facture.pdf']);
    expect(field(doc, '#contact-siret').value).toBe('73282932000074');
    expect(field(doc, '#contact-raison-sociale').value).toBe('Menuiserie Dupont SARL');
    expect(field(doc, '#contact-prenom').value).toBe('Jean');
    expect(field(doc, '#contact-nom').value).toBe('Dupont');
    expect(field(doc, '#contact-email').value).toBe('jean.dupont@exemple.fr');
    expect(field(doc, '#contact-telephone').value).toBe('06 12 34 56 78');
    expect(field(doc, '#contact-captcha').value).toBe('');
    expect(events.filter((event) => event.endsWith(':contact-captcha'))).toEqual([]);
    expect(sent).toEqual([]);
  });

  it('fills the services ticket through its widgets, reads back what they show, and cuts a title longer than the field allows', async () => {
    const doc = openLivePage('services/cpp_ticket_support.html', 'https://portail.chorus-pro.gouv.fr/?id=cpp_ticket_support');
    const sent = forbidSending(doc);
    let submitPressed = false;
    doc.querySelector('button[type="submit"]')?.addEventListener('click', () => (submitPressed = true));
    const longTitle = `Le dépôt échoue ${'encore '.repeat(30)}`.trim();
    const request = validRequest({ title: longTitle, category: 'assistance-technique', subCategory: 'message-erreur' });

    const report = await fillPortalForm(doc, requestFormOf(services, false), request, [screenshot()], { t });

    expect(report).toMatchObject({
      formFound: true,
      filled: ['category', 'subCategory', 'title', 'description', 'attachments', 'email'],
      missing: [],
      truncated: ['title'],
      captcha: true,
      submitLabel: 'Soumettre',
    });
    expect(report.shown).toMatchObject({ category: 'Assistance technique', subCategory: "Message d'erreur", email: 'jean.dupont@exemple.fr' });
    // The hidden controls follow the widgets, through the page's own handlers.
    expect(field<HTMLSelectElement>(doc, '#sp_formfield_categorie').value).toBe('assistance-technique');
    expect(field(doc, '#sp_formfield_sous_categorie').value).toBe('message-d-erreur');
    expect(doc.querySelector('#s2id_sp_formfield_sous_categorie .select2-chosen')?.textContent).toBe("Message d'erreur");
    const title = field(doc, '#sp_formfield_short_description').value;
    expect(title).toHaveLength(160);
    expect(title.endsWith('…')).toBe(true);
    expect([...doc.querySelectorAll('.sp-attachment-list li')].map((li) => li.textContent)).toEqual(['capture.png']);
    expect(field(doc, '#captcha-saisie').value).toBe('');
    // Widgets are opened and their options pressed; "Soumettre" and "Valider le Captcha" never are.
    expect(sent).not.toContain('submit');
    expect(sent).not.toContain('click:captcha-valider');
    expect(submitPressed).toBe(false);
  });

  it('does not fill a widget by its hidden control alone: a value the list does not offer is left to the user', async () => {
    const doc = openLivePage('services/cpp_ticket_connecte.html', 'https://portail.chorus-pro.gouv.fr/?id=cpp_ticket_connecte');
    const request = validRequest({ category: 'suivi-de-facture', subCategory: 'statut-bloque' });

    const report = await fillPortalForm(doc, requestFormOf(services, true), request, [], { t, widgetWaitMs: 400 });

    expect(report.filled).toContain('category');
    expect(report.missing).toEqual(['subCategory']);
    expect(report.why).toEqual({ subCategory: 'noOption' });
    expect(field(doc, '#sp_formfield_sous_categorie').value).toBe('');
    // The widget was closed again, as a person leaves a list without choosing.
    expect(doc.querySelector('.select2-drop-active')).toBeNull();
  });

  it('reports a widget that does not keep the option picked as not taken', async () => {
    const doc = openLivePage('services/cpp_ticket_connecte.html', 'https://portail.chorus-pro.gouv.fr/?id=cpp_ticket_connecte');
    // The page's widget shows the option but drops the value (a portal script refusing it).
    doc.getElementById('sp_formfield_categorie')?.addEventListener('change', (event) => ((event.target as HTMLSelectElement).value = ''));

    const report = await fillPortalForm(doc, requestFormOf(services, true), validRequest(), [], { t, widgetWaitMs: 400 });

    expect(report.why['category']).toBe('notTaken');
    expect(report.filled).not.toContain('category');
  });

  it('finds a renamed field by its label, reports a removed one as missing and fills the rest', async () => {
    const doc = portalPage('classic/sollicitation-saisir.html');
    // The portal renamed "objet" and dropped the issuer list.
    const subject = field(doc, '#objet');
    subject.id = 'sollicitation-intitule';
    subject.name = 'intitule';
    doc.querySelector('label[for="objet"]')?.setAttribute('for', 'sollicitation-intitule');
    doc.querySelector('#emetteur')?.closest('.form-group')?.remove();
    const request = loggedInRequest();

    const report = await fillPortalForm(doc, requestFormOf(classic, true), request, [screenshot()], { t });

    expect(report.missing).toEqual(['issuer']);
    expect(report.filled).toEqual(['category', 'subCategory', 'title', 'description', 'attachments', 'attachmentType']);
    expect(field(doc, '#sollicitation-intitule').value).toBe(request.title);
  });

  it('finds fields by aria-label, aria-labelledby and placeholder when selectors and labels are gone', async () => {
    const doc = new DOMParser().parseFromString(
      `<form>
        <span id="titre-libelle">Titre</span><input id="a" aria-labelledby="titre-libelle">
        <textarea id="b" aria-label="Description longue"></textarea>
        <input id="c" type="email" placeholder="Adresse électronique">
        <input id="d" name="captcha" aria-label="Titre">
      </form>`,
      'text/html',
    );
    const form: RequestFormProfile = {
      ...requestFormOf(services, true),
      form: ['form'],
      fields: {
        email: { selectors: ['#gone'], labels: ['Adresse électronique'] },
        title: { selectors: ['#gone'], labels: ['Titre'] },
        description: { selectors: ['#gone'], labels: ['Description'] },
      },
    };
    const request = validRequest();

    const report = await fillPortalForm(doc, form, request, [], { t });

    expect(report.filled).toEqual(['email', 'title', 'description']);
    expect(field(doc, '#a').value).toBe(request.title);
    expect(field(doc, '#c').value).toBe('jean.dupont@exemple.fr');
    expect(field<HTMLTextAreaElement>(doc, '#b').value.startsWith(request.description)).toBe(true);
    expect(field(doc, '#d').value).toBe('');
  });

  it('refuses a captcha even when a profile points at it', async () => {
    const doc = portalPage('classic/nous-contacter.html');
    const form: RequestFormProfile = { ...requestFormOf(classic, false), fields: { title: { selectors: ['#contact-captcha'], labels: [] } } };

    const report = await fillPortalForm(doc, form, validRequest(), [], { t });

    expect(report).toMatchObject({ filled: [], missing: ['title'], why: { title: 'notFound' }, captcha: true });
    expect(field(doc, '#contact-captcha').value).toBe('');
  });

  it('leaves a sub-category the portal has no equivalent for to the user', async () => {
    const doc = portalPage('classic/sollicitation-saisir.html');
    const request = validRequest({ category: 'suivi-de-facture', subCategory: 'statut-bloque' });

    const report = await fillPortalForm(doc, requestFormOf(classic, true), request, [], { t });

    expect(report.missing).toContain('subCategory');
    expect(report.filled).toContain('category');
    expect(field<HTMLSelectElement>(doc, '#sous-categorie').value).toBe('');
    // No file, no attachment type.
    expect(report.filled).not.toContain('attachmentType');
  });

  it('scrolls to the first filled field and outlines the filled fields until focused or for a few seconds', async () => {
    vi.useFakeTimers();
    const doc = portalPage('classic/sollicitation-saisir.html');
    const category = field<HTMLSelectElement>(doc, '#categorie');
    const scroll = vi.spyOn(category, 'scrollIntoView');
    const title = field(doc, '#objet');
    title.style.outline = '1px dotted red';
    const pageOutline = title.style.outline;

    await fillPortalForm(doc, requestFormOf(classic, true), validRequest(), [], { t });

    expect(scroll).toHaveBeenCalledOnce();
    expect(category.style.outline).not.toBe('');
    expect(title.style.outline).not.toBe(pageOutline);

    title.dispatchEvent(new Event('focus'));
    expect(title.style.outline).toBe(pageOutline);
    expect(category.style.outline).not.toBe('');

    vi.advanceTimersByTime(HIGHLIGHT_MS);
    expect(category.style.outline).toBe('');
  });

  it('keeps the page\'s own outline when the form is filled twice in a row', async () => {
    vi.useFakeTimers();
    const doc = portalPage('classic/sollicitation-saisir.html');
    const title = field(doc, '#objet');
    title.style.outline = '1px dotted red';
    const pageOutline = title.style.outline;
    const form = requestFormOf(classic, true);

    await fillPortalForm(doc, form, validRequest(), [], { t });
    await fillPortalForm(doc, form, validRequest(), [], { t });
    vi.advanceTimersByTime(HIGHLIGHT_MS);

    expect(title.style.outline).toBe(pageOutline);
  });
});
