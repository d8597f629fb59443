import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fillPortalForm, HIGHLIGHT_MS, requestFormOf } from '../../../src/channels/portal-form';
import { classic } from '../../../src/context/profiles/classic';
import type { RequestFormProfile } from '../../../src/context/profiles/index';
import { services } from '../../../src/context/profiles/services';
import { translatorFor } from '../support/i18n';
import { validRequest } from '../server/request-fixture';

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
  it('picks the form for the situation: classic logged in, classic visitor, services', () => {
    expect(requestFormOf(classic, true).path).toBe('/cpp/sollicitation-saisir');
    expect(requestFormOf(classic, false).path).toBe('/cpp/nous-contacter');
    expect(requestFormOf(services, true).path).toBe('/?id=cpp_nous_contacter');
    expect(requestFormOf(services, false).path).toBe('/?id=cpp_nous_contacter');
  });
});

describe('fillPortalForm', () => {
  it('fills the classic "Saisir sollicitation" form and attaches the screenshot as a request attachment, without sending', () => {
    const doc = portalPage('classic/sollicitation-saisir.html');
    const events = watchEvents(doc);
    const sent = forbidSending(doc);
    const request = loggedInRequest();

    const report = fillPortalForm(doc, requestFormOf(classic, true), request, [screenshot()], { t });

    expect(report).toEqual({
      filled: ['category', 'subCategory', 'issuer', 'title', 'description', 'attachments', 'attachmentType'],
      missing: [],
      truncated: [],
      filesNotAttached: [],
    });
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

  it('fills the classic "Nous contacter" form for a visitor and never touches the captcha', () => {
    const doc = portalPage('classic/nous-contacter.html');
    const events = watchEvents(doc);
    const sent = forbidSending(doc);
    const request = validRequest({ loggedIn: false, subCategory: 'depot-facture' });
    const second = new File(['%PDF-1.7'], 'facture.pdf', { type: 'application/pdf' });

    const report = fillPortalForm(doc, requestFormOf(classic, false), request, [screenshot(), second], { t });

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

  it('fills the services portal ticket and cuts a title longer than the field allows', () => {
    const doc = portalPage('services/cpp_nous_contacter.html');
    const sent = forbidSending(doc);
    const longTitle = `Le dépôt échoue ${'encore '.repeat(30)}`.trim();
    const request = validRequest({ title: longTitle, category: 'assistance-technique', subCategory: 'message-erreur' });

    const report = fillPortalForm(doc, requestFormOf(services, true), request, [screenshot()], { t });

    expect(report).toEqual({
      filled: ['category', 'subCategory', 'email', 'title', 'description', 'attachments'],
      missing: [],
      truncated: ['title'],
      filesNotAttached: [],
    });
    expect(field<HTMLSelectElement>(doc, '#ticket-categorie').value).toBe('assistance-technique');
    expect(field<HTMLSelectElement>(doc, '#ticket-sous-categorie').value).toBe('message-d-erreur');
    const title = field(doc, '#ticket-titre').value;
    expect(title).toHaveLength(160);
    expect(title.endsWith('…')).toBe(true);
    expect(field(doc, '#ticket-captcha').value).toBe('');
    expect(sent).toEqual([]);
  });

  it('finds a renamed field by its label, reports a removed one as missing and fills the rest', () => {
    const doc = portalPage('classic/sollicitation-saisir.html');
    // The portal renamed "objet" and dropped the issuer list.
    const subject = field(doc, '#objet');
    subject.id = 'sollicitation-intitule';
    subject.name = 'intitule';
    doc.querySelector('label[for="objet"]')?.setAttribute('for', 'sollicitation-intitule');
    doc.querySelector('#emetteur')?.closest('.form-group')?.remove();
    const request = loggedInRequest();

    const report = fillPortalForm(doc, requestFormOf(classic, true), request, [screenshot()], { t });

    expect(report.missing).toEqual(['issuer']);
    expect(report.filled).toEqual(['category', 'subCategory', 'title', 'description', 'attachments', 'attachmentType']);
    expect(field(doc, '#sollicitation-intitule').value).toBe(request.title);
  });

  it('finds fields by aria-label, aria-labelledby and placeholder when selectors and labels are gone', () => {
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

    const report = fillPortalForm(doc, form, request, [], { t });

    expect(report.filled).toEqual(['email', 'title', 'description']);
    expect(field(doc, '#a').value).toBe(request.title);
    expect(field(doc, '#c').value).toBe('jean.dupont@exemple.fr');
    expect(field<HTMLTextAreaElement>(doc, '#b').value.startsWith(request.description)).toBe(true);
    expect(field(doc, '#d').value).toBe('');
  });

  it('refuses a captcha even when a profile points at it', () => {
    const doc = portalPage('services/cpp_nous_contacter.html');
    const form: RequestFormProfile = { ...requestFormOf(services, true), fields: { title: { selectors: ['#ticket-captcha'], labels: [] } } };

    const report = fillPortalForm(doc, form, validRequest(), [], { t });

    expect(report).toMatchObject({ filled: [], missing: ['title'] });
    expect(field(doc, '#ticket-captcha').value).toBe('');
  });

  it('leaves a sub-category the portal has no equivalent for to the user', () => {
    const doc = portalPage('classic/sollicitation-saisir.html');
    const request = validRequest({ category: 'suivi-de-facture', subCategory: 'statut-bloque' });

    const report = fillPortalForm(doc, requestFormOf(classic, true), request, [], { t });

    expect(report.missing).toContain('subCategory');
    expect(report.filled).toContain('category');
    expect(field<HTMLSelectElement>(doc, '#sous-categorie').value).toBe('');
    // No file, no attachment type.
    expect(report.filled).not.toContain('attachmentType');
  });

  it('scrolls to the first filled field and outlines the filled fields until focused or for a few seconds', () => {
    vi.useFakeTimers();
    const doc = portalPage('services/cpp_nous_contacter.html');
    const category = field<HTMLSelectElement>(doc, '#ticket-categorie');
    const scroll = vi.spyOn(category, 'scrollIntoView');
    const title = field(doc, '#ticket-titre');
    title.style.outline = '1px dotted red';
    const pageOutline = title.style.outline;

    fillPortalForm(doc, requestFormOf(services, true), validRequest(), [], { t });

    expect(scroll).toHaveBeenCalledOnce();
    expect(category.style.outline).not.toBe('');
    expect(title.style.outline).not.toBe(pageOutline);
    expect(field(doc, '#ticket-captcha').style.outline).toBe('');

    title.dispatchEvent(new Event('focus'));
    expect(title.style.outline).toBe(pageOutline);
    expect(category.style.outline).not.toBe('');

    vi.advanceTimersByTime(HIGHLIGHT_MS);
    expect(category.style.outline).toBe('');
  });

  it('keeps the page\'s own outline when the form is filled twice in a row', () => {
    vi.useFakeTimers();
    const doc = portalPage('services/cpp_nous_contacter.html');
    const title = field(doc, '#ticket-titre');
    title.style.outline = '1px dotted red';
    const pageOutline = title.style.outline;
    const form = requestFormOf(services, true);

    fillPortalForm(doc, form, validRequest(), [], { t });
    fillPortalForm(doc, form, validRequest(), [], { t });
    vi.advanceTimersByTime(HIGHLIGHT_MS);

    expect(title.style.outline).toBe(pageOutline);
  });
});
