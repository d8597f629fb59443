// @vitest-environment node
import { describe, expect, test } from 'vitest';
import type { SidebarState } from '../../../src/context/sidebar-state';
import { capturedItems } from '../../../src/report/captured-items';
import { translatorFor } from '../../support/i18n';

const STATE: SidebarState = {
  tabId: 3,
  page: { url: 'https://chorus-pro.gouv.fr/cpp/facture?numero=F2026-0042&jeton=secret', title: 'Facture F2026-0042 - Chorus Pro' },
  capture: null,
  capturePending: false,
  reading: {
    facts: {
      generation: 'classic',
      section: ['Factures émises', 'Facture F2026-0042'],
      title: 'Facture F2026-0042 - Chorus Pro',
      heading: 'Facture F2026-0042',
      portalVersion: 'V2.0.1 - R13',
      user: { name: 'Jean Dupont', connectionId: 'jdupont-4821', email: 'jean.dupont@exemple.fr' },
      errors: [
        { text: 'Dépôt impossible.', kind: 'alert' },
        { text: "La date d'échéance est obligatoire.", kind: 'field', field: "Date d'échéance" },
      ],
      invoiceNumbers: ['F2026-0042'],
      sirets: [{ siret: '11000201100044', label: 'SIRET destinataire', role: 'recipient' }],
      references: [{ kind: 'engagementNumber', value: 'EJ-2026-0007', label: "N° d'engagement" }],
    },
    viewport: { width: 1280, height: 800 },
    screen: { width: 1920, height: 1080 },
    devicePixelRatio: 1,
  },
  trail: [
    { kind: 'page', at: 0, title: 'Accueil', section: ['ACCUEIL CONNECTÉ'], path: '/cpp/accueil' },
    { kind: 'click', at: 1, label: 'FACTURES ÉMISES' },
    { kind: 'page', at: 2, title: 'Facture', heading: 'Facture F2026-0042', path: '/cpp/facture' },
    { kind: 'error', at: 3, text: 'Dépôt impossible.' },
  ],
  diagnostics: [
    { kind: 'script-error', at: 4, message: 'TypeError: x is undefined', source: 'https://chorus-pro.gouv.fr/cpp/js/app.js:12:5' },
    { kind: 'request-failed', at: 5, method: 'POST', url: 'https://chorus-pro.gouv.fr/cpp/api/deposer', status: 500 },
    { kind: 'request-failed', at: 6, method: 'GET', url: 'https://chorus-pro.gouv.fr/cpp/api/etat', status: 0 },
  ],
  browser: { name: 'Firefox', version: '153.8.0', os: 'Linux', architecture: 'x86-64' },
  environment: { uiLanguage: 'fr-FR', timeZone: 'Europe/Paris', extensionVersion: '0.1.0', zoomPercent: 110 },
};

describe('what we captured', () => {
  test('lists every fact, grouped, with ids stable for removal', () => {
    const items = capturedItems(STATE, translatorFor('fr'), () => '14:30');
    const byGroup = (group: string) => items.filter((item) => item.group === group).map((item) => `${item.label} = ${item.value}`);
    expect(byGroup('errors')).toEqual(['Erreur = Dépôt impossible.', "Date d'échéance = La date d'échéance est obligatoire."]);
    expect(byGroup('path')).toEqual([
      'Étape 1 = ACCUEIL CONNECTÉ — clic sur « FACTURES ÉMISES »',
      "Étape 2 = Facture F2026-0042 — message d'erreur « Dépôt impossible. » (14:30)",
    ]);
    expect(byGroup('technical')).toEqual([
      'Erreur de script = TypeError: x is undefined (https://chorus-pro.gouv.fr/cpp/js/app.js:12:5, à 14:30)',
      'Requête en échec = POST https://chorus-pro.gouv.fr/cpp/api/deposer → 500 (à 14:30)',
      'Requête en échec = GET https://chorus-pro.gouv.fr/cpp/api/etat → pas de réponse (à 14:30)',
    ]);
    expect(byGroup('invoices')).toEqual(['Numéro de facture = F2026-0042', 'SIRET destinataire = 11000201100044', "N° d'engagement = EJ-2026-0007"]);
    expect(items.filter((item) => item.identifier).map((item) => item.identifier)).toEqual([
      { kind: 'siret', value: '11000201100044', role: 'recipient', label: 'SIRET destinataire' },
      { kind: 'engagementNumber', value: 'EJ-2026-0007', label: "N° d'engagement" },
    ]);
    expect(byGroup('account')).toEqual(['Identifiant de connexion = jdupont-4821', 'Nom = Jean Dupont', 'Adresse électronique = jean.dupont@exemple.fr']);
    expect(byGroup('page')).toContain('Adresse = https://chorus-pro.gouv.fr/cpp/facture?numero=…&jeton=…');
    expect(byGroup('page')).toContain('Version du portail = V2.0.1 - R13');
    expect(byGroup('browser')).toEqual(
      expect.arrayContaining(['Navigateur = Firefox 153.8.0 — Linux (x86-64)', 'Taille de la fenêtre = 1280 × 800', 'Zoom = 110 %', 'Fuseau horaire = Europe/Paris']),
    );
    expect(new Set(items.map((item) => item.id)).size).toBe(items.length);
  });

  test('in English too, and with nothing read from the page', () => {
    const items = capturedItems({ ...STATE, reading: null, trail: [] }, translatorFor('en'), () => '2:30 PM');
    expect(items.map((item) => item.group)).not.toContain('errors');
    expect(items.filter((item) => item.group === 'technical').map((item) => `${item.label} = ${item.value}`)).toEqual([
      'Script error = TypeError: x is undefined (https://chorus-pro.gouv.fr/cpp/js/app.js:12:5, at 2:30 PM)',
      'Failed request = POST https://chorus-pro.gouv.fr/cpp/api/deposer → 500 (at 2:30 PM)',
      'Failed request = GET https://chorus-pro.gouv.fr/cpp/api/etat → no answer (at 2:30 PM)',
    ]);
    expect(capturedItems({ ...STATE, diagnostics: [] }, translatorFor('en'), () => '').some((item) => item.group === 'technical')).toBe(false);
    expect(items.find((item) => item.id === 'browser:browser')?.label).toBe('Browser');
    expect(items.find((item) => item.id === 'browser:viewport')).toBeUndefined();
  });
});
