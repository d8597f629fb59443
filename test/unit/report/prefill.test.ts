import { describe, expect, test } from 'vitest';
import type { SidebarState } from '../../../src/context/sidebar-state';
import { buildPrefill, EMPTY_PROFILE, fieldProblems, profileProblems, suggestCategory, toSupportRequest, type Profile } from '../../../src/report/prefill';
import { parseSupportRequest } from '../../../src/report/request';
import { translatorFor } from '../../support/i18n';

const t = translatorFor('fr');
const formatTime = () => '14:30';
const ERROR = "Erreur : le destinataire n'est pas actif pour le SIRET 11000201100044. Dépôt impossible. (code DP_ERR_042)";

function state(overrides: { user?: boolean; errors?: string[]; section?: string[] } = {}): SidebarState {
  return {
    tabId: 1,
    page: { url: 'https://chorus-pro.gouv.fr/cpp/facture?numero=F2026-0042', title: 'Facture F2026-0042 - Chorus Pro' },
    capture: { dataUrl: 'data:image/png;base64,iVBORw0KGgo=', capturedAt: Date.UTC(2026, 10, 27, 13, 30) },
    capturePending: false,
    reading: {
      facts: {
        generation: 'classic',
        section: overrides.section ?? ['Factures émises', 'Rechercher'],
        title: 'Facture F2026-0042',
        heading: 'Facture F2026-0042',
        portalVersion: 'V2.0.1 - R13',
        user: overrides.user === false ? null : { name: 'Jean Dupont', connectionId: 'jdupont-4821' },
        errors: (overrides.errors ?? [ERROR]).map((text) => ({ text, kind: 'alert' as const })),
        invoiceNumbers: ['F2026-0042', 'F2026-0043'],
        sirets: [{ siret: '11000201100044', label: 'SIRET destinataire', role: 'recipient' }],
        references: [{ kind: 'engagementNumber', value: 'EJ-2026-0007', label: "N° d'engagement" }],
      },
      viewport: { width: 1280, height: 800 },
      screen: { width: 1920, height: 1080 },
      devicePixelRatio: 1,
    },
    trail: [
      { kind: 'page', at: 1, title: 'Factures émises', path: '/cpp/factures-emises', section: ['Factures émises'] },
      { kind: 'click', at: 2, label: 'Rechercher' },
    ] as SidebarState['trail'],
    diagnostics: [],
    browser: { name: 'Firefox', version: '153.8.0', os: 'Linux', architecture: 'x86-64' },
    environment: { uiLanguage: 'fr-FR', timeZone: 'Europe/Paris', extensionVersion: '0.1.0', zoomPercent: 100 },
  };
}

const PROFILE: Profile = { name: '', connectionId: '', phone: '01 23 45 67 89', email: 'jean.dupont@exemple.fr', siret: '', issuer: 'Dupont SARL' };

describe('category suggestion', () => {
  test.each([
    [[ERROR], [], 'facturation', 'destinataire-introuvable', 'support'],
    [['Votre compte est verrouillé.'], [], 'assistance-technique', 'connexion', 'support'],
    [['Le service exécutant SE-042 est obligatoire pour ce destinataire.'], [], 'facturation', 'code-service-engagement', 'client'],
    [['Votre facture est au statut À recycler'], [], 'suivi-de-facture', 'facture-a-recycler', 'client'],
    [["Saisissez le code de vérification reçu"], [], 'compte-utilisateur', 'authentification', 'support'],
    [['Dépôt impossible'], ['Factures émises'], 'facturation', 'destinataire-introuvable', 'support'],
    [['Une anomalie est survenue'], ['Factures émises'], 'facturation', 'depot-facture', 'support'],
    [['La facture a été rejetée par le destinataire'], [], 'suivi-de-facture', 'rejet-facture', 'client'],
    [['Facture rejetée : motif hors délai'], [], 'suivi-de-facture', 'rejet-facture', 'client'],
    [['Le code service est obligatoire'], [], 'facturation', 'code-service-engagement', 'client'],
    [['Fichier trop volumineux'], [], 'assistance-technique', 'pieces-jointes', 'support'],
    [['Erreur technique inattendue'], ['Factures émises'], 'assistance-technique', 'message-erreur', 'support'],
    [['Erreur 500'], ['Mon compte'], 'assistance-technique', 'message-erreur', 'support'],
    [[], ['Mon compte'], 'assistance-technique', 'autre', 'support'],
  ])('%j on %j → %s / %s (%s)', (errors, section, category, subCategory, route) => {
    const suggestion = suggestCategory(errors, section);
    expect(suggestion).toMatchObject({ category, subCategory, route });
    expect(t(suggestion.reason.key, suggestion.reason.substitutions)).not.toBe('');
  });

  test('explains itself with the portal message found', () => {
    expect(suggestCategory([ERROR], []).reason).toEqual({ key: 'requestSuggestedFromError', substitutions: ["destinataire n'est pas actif"] });
  });
});

describe('pre-fill', () => {
  test('fills the request from the capture and the profile', () => {
    const { fields, facts, suggestion } = buildPrefill(state(), PROFILE, { t, formatTime });
    expect(suggestion.category).toBe('facturation');
    expect(fields).toMatchObject({
      category: 'facturation',
      subCategory: 'destinataire-introuvable',
      issuer: 'Dupont SARL',
      name: 'Jean Dupont',
      connectionId: 'jdupont-4821',
      phone: '01 23 45 67 89',
      email: 'jean.dupont@exemple.fr',
      invoiceNumber: 'F2026-0042',
    });
    expect(fields.title).toContain('F2026-0042');
    expect(fields.description).toContain(ERROR);
    expect(facts).toMatchObject({ loggedIn: true, invoiceNumbers: ['F2026-0042', 'F2026-0043'], errors: [ERROR], portalVersion: 'V2.0.1 - R13' });
    expect(facts.pathSteps).toEqual(['Factures émises — clic sur « Rechercher »']);
    expect(facts.browser).toBe('Firefox 153.8.0 — Linux (x86-64)');
    // Captured text loses its addresses' query and fragment (redact.ts).
    expect(facts.pageUrl).toBe('https://chorus-pro.gouv.fr/cpp/facture');
    expect(facts.capturedAt).toBe('2026-11-27T13:30:00.000Z');
  });

  test('a title cut to its limit never ends in part of a number', () => {
    // The SIRET straddles the title's limit: cut there, its first digits would read as another number.
    const long = `${'Dépôt refusé '.repeat(7)}pour le SIRET 11000201100044 du destinataire`;
    const { fields } = buildPrefill(state({ errors: [long] }), EMPTY_PROFILE, { t, formatTime });
    expect(fields.title.endsWith('…')).toBe(true);
    expect(fields.title).not.toMatch(/\d…$/);
    expect(fields.title).toMatch(/SIRET…$/);
  });

  test('the profile wins over the page; removed captured items are left out', () => {
    const removed = new Set(['errors:0', 'path:0', 'invoices:0', 'page:version']);
    const { fields, facts } = buildPrefill(state(), { ...PROFILE, connectionId: 'mon-id' }, { t, formatTime, removed });
    expect(fields.connectionId).toBe('mon-id');
    expect(facts.errors).toEqual([]);
    expect(facts.pathSteps).toEqual([]);
    expect(facts.invoiceNumbers).toEqual(['F2026-0043']);
    expect(facts.portalVersion).toBe('');
    expect(fields.invoiceNumber).toBe('F2026-0043');
  });

  test('a structure without a SIRET gives the identifier the portal accepts for it instead', () => {
    const { fields, facts } = buildPrefill(state({ user: false }), EMPTY_PROFILE, { t, formatTime });
    const filled = { ...fields, email: 'a@b.fr', name: 'Anna Schmidt', phone: '+49 30 1234567', identifierType: 'ue-hors-france', siret: 'DE 123 456 789' };
    expect(fieldProblems(filled, facts, [], t)).toEqual({});
    const request = toSupportRequest(filled, facts, [], t);
    expect(parseSupportRequest(request)).toEqual({ ok: true, request });
    expect(request.contact).not.toHaveProperty('siret');
    expect(request.contact.structureIdentifier).toEqual({ type: 'ue-hors-france', value: 'DE 123 456 789' });
    expect(request.description).toContain("Identifiant de la structure (Structure de l'Union européenne hors France (n° de TVA)) : DE 123 456 789");
    // A French VAT number is no EU-outside-France identifier; an unknown type is refused.
    expect(fieldProblems({ ...filled, siret: 'FR12345678901' }, facts, [], t).siret).toBe('identifier.format');
    expect(fieldProblems({ ...filled, identifierType: 'iban' }, facts, [], t).identifierType).toBe('format');
  });

  test('not logged in: nobody shown on the page, so SIRET, name and phone are required', () => {
    const { fields, facts } = buildPrefill(state({ user: false }), EMPTY_PROFILE, { t, formatTime });
    expect(facts.loggedIn).toBe(false);
    const problems = fieldProblems({ ...fields, email: 'a@b.fr' }, facts, [], t);
    expect(problems).toMatchObject({ siret: 'required', name: 'required', phone: 'required' });
  });

  test('what it builds is accepted by parseSupportRequest, with the facts block after the user’s text', () => {
    const { fields, facts } = buildPrefill(state(), PROFILE, { t, formatTime });
    const attachments = [{ name: 'capture-2026-11-27-1430.png', type: 'image/png', size: 2048, sha256: 'a'.repeat(64) }];
    expect(fieldProblems(fields, facts, attachments, t)).toEqual({});
    const request = toSupportRequest(fields, facts, attachments, t);
    const parsed = parseSupportRequest(request);
    expect(parsed).toEqual({ ok: true, request });
    expect(request.description.startsWith(fields.description.trim())).toBe(true);
    expect(request.description).toContain('Identifiant de connexion : jdupont-4821');
    expect(request.description).toContain('capture-2026-11-27-1430.png');
    expect(request).not.toHaveProperty('diagnostics');
  });

  test('every identifier the page showed travels in the request, each removable', () => {
    const { fields, facts } = buildPrefill(state(), PROFILE, { t, formatTime });
    const request = toSupportRequest(fields, facts, [], t);
    expect(parseSupportRequest(request)).toEqual({ ok: true, request });
    // The invoice chosen first, then the others the page showed.
    expect(request.invoiceNumbers).toEqual(['F2026-0042', 'F2026-0043']);
    expect(request.identifiers).toEqual([
      { kind: 'siret', value: '11000201100044', role: 'recipient', label: 'SIRET destinataire' },
      { kind: 'engagementNumber', value: 'EJ-2026-0007', label: "N° d'engagement" },
    ]);
    expect(request.description).toContain("Identifiants relevés sur la page :\n- SIRET destinataire : 11000201100044\n- N° d'engagement : EJ-2026-0007");

    const removed = new Set(['invoices:siret0', 'invoices:engagementNumber0', 'invoices:1']);
    const kept = buildPrefill(state(), PROFILE, { t, formatTime, removed });
    const without = toSupportRequest(kept.fields, kept.facts, [], t);
    expect(without.invoiceNumbers).toEqual(['F2026-0042']);
    expect(without).not.toHaveProperty('identifiers');
    expect(without.description).not.toContain('Identifiants relevés');
  });

  test('technical details go as their own list, each as kept by the user', () => {
    const withDetails: SidebarState = {
      ...state(),
      diagnostics: [
        { kind: 'script-error', at: 1, message: 'TypeError: x is undefined' },
        { kind: 'request-failed', at: 2, method: 'POST', url: 'https://chorus-pro.gouv.fr/cpp/api/deposer', status: 500 },
      ],
    };
    const { fields, facts } = buildPrefill(withDetails, PROFILE, { t, formatTime, removed: new Set(['technical:0']) });
    expect(facts.diagnostics).toEqual([`Requête en échec — POST https://chorus-pro.gouv.fr/cpp/api/deposer → 500 (à 14:30)`]);
    const request = toSupportRequest(fields, facts, [], t);
    expect(parseSupportRequest(request)).toEqual({ ok: true, request });
    expect(request.diagnostics).toEqual(facts.diagnostics);
    expect(request.description).toContain(`Détails techniques (erreurs de script, requêtes en échec) :\n- ${facts.diagnostics[0]}`);
    expect(request.description).not.toContain('TypeError');
  });
});

describe('field problems', () => {
  const base = () => buildPrefill(state(), PROFILE, { t, formatTime });

  test.each([
    ['siret', '123', 'siret.format'],
    ['siret', '73282932000075', 'siret.checksum'],
    ['phone', '01 23 45', 'phone.format'],
    ['email', 'jean@', 'email.format'],
    ['email', '', 'required'],
    ['title', '', 'required'],
    ['title', 'x'.repeat(201), 'tooLong'],
    ['description', '  ', 'required'],
    ['issuer', 'x'.repeat(201), 'tooLong'],
  ] as const)('%s = %j → %s', (field, value, code) => {
    const { fields, facts } = base();
    expect(fieldProblems({ ...fields, [field]: value }, facts, [], t)[field]).toBe(code);
  });

  test('valid SIRETs, La Poste included, and international phones pass', () => {
    const { fields, facts } = base();
    expect(fieldProblems({ ...fields, siret: '732 829 320 00074', phone: '+44 20 7946 0958' }, facts, [], t)).toEqual({});
    expect(fieldProblems({ ...fields, siret: '35600000000048' }, facts, [], t).siret).toBeUndefined();
  });

  test('a request to the public body needs the invoice number', () => {
    const { fields, facts } = base();
    const client = { ...fields, category: 'suivi-de-facture', subCategory: 'paiement', invoiceNumber: '' };
    expect(fieldProblems(client, facts, [], t).invoiceNumber).toBe('required');
  });

  test('attachment rules', () => {
    const { fields, facts } = base();
    const file = (name: string, size = 10, type = 'image/png') => ({ name, size, type });
    expect(fieldProblems(fields, facts, [file('a.exe', 10, '')], t).attachments).toBe('file.extension');
    expect(fieldProblems(fields, facts, [file('a.png', 10 * 1024 * 1024)], t).attachments).toBe('file.tooLarge');
    expect(fieldProblems(fields, facts, [file('a.png'), file('a.png')], t).attachments).toBe('duplicate');
    expect(fieldProblems(fields, facts, Array.from({ length: 11 }, (_, i) => file(`a${i}.png`)), t).attachments).toBe('tooMany');
  });

  test('the profile is checked the same way, every field optional', () => {
    expect(profileProblems(EMPTY_PROFILE)).toEqual({});
    expect(profileProblems({ ...EMPTY_PROFILE, siret: '123', phone: 'abc', email: 'x' })).toEqual({ siret: 'siret.format', phone: 'phone.format', email: 'email.format' });
  });
});
