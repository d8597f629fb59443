import type { SupportRequest } from '../../src/report/request';

/** A complete, valid request as the extension sends it; tests change what they look at. */
export function validRequest(overrides: Partial<SupportRequest> = {}): SupportRequest {
  return {
    schemaVersion: 1,
    route: 'support',
    category: 'facturation',
    subCategory: 'depot-facture',
    issuer: 'Menuiserie Dupont SARL',
    contact: {
      name: 'Jean Dupont',
      connectionId: 'jean.dupont@exemple.fr',
      email: 'jean.dupont@exemple.fr',
      phone: '06 12 34 56 78',
      siret: '73282932000074',
    },
    loggedIn: true,
    invoiceNumbers: ['FA-2026-0042'],
    title: 'Le dépôt de ma facture échoue',
    description: "Je dépose ma facture au format PDF et le portail affiche une erreur.\nJ'ai réessayé deux fois.",
    pathSteps: ['1. Factures émises › Saisir facture — clic sur « Valider »', '2. Factures émises › Erreur'],
    errors: ['Une erreur technique est survenue (code 500).'],
    browser: 'Firefox 153.8.0 — Linux (x86-64)',
    portalVersion: 'V2.0.1 - R13',
    pageUrl: 'https://chorus-pro.gouv.fr/cpp/facture?execution=e1s2',
    capturedAt: '2026-03-02T10:15:03.120Z',
    attachments: [],
    ...overrides,
  };
}
