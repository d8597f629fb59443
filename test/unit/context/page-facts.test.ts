import { describe, expect, it } from 'vitest';
import { readPageFacts, sanitizePortalUrl } from '../../../src/context/page-facts';
import { loadDocument } from '../../fixtures/documents/load';

describe('readPageFacts', () => {
  it('reads everything support needs from a classic invoice page', () => {
    const facts = readPageFacts(loadDocument('classic-invoice-error.html'), 'https://chorus-pro.gouv.fr/cpp/facture?numero=F2026-0042');
    expect(facts).toMatchObject({
      generation: 'classic',
      section: ['Factures émises', 'Facture F2026-0042'],
      title: 'Facture F2026-0042 - Factures émises - Chorus Pro',
      heading: 'Facture F2026-0042',
      portalVersion: 'V2.0.1 - R13',
      user: { name: 'Jean Dupont', connectionId: 'jdupont-4821', email: 'jean.dupont@exemple.fr' },
      invoiceNumbers: ['F2026-0042'],
      sirets: [
        { siret: '11000201100044', label: 'SIRET destinataire' },
        { siret: '44306184100013', label: 'SIRET fournisseur' },
      ],
    });
    expect(facts.errors).toHaveLength(8);
  });

  it('reads the active menu entry and tab when there is no breadcrumb', () => {
    const facts = readPageFacts(
      loadDocument('classic-invoice-search.html'),
      'https://cpro.chorus-pro.gouv.fr/cpp/factures-emises?execution=e2s1',
    );
    expect(facts.section).toEqual(['FACTURES ÉMISES', 'Rechercher']);
    expect(facts.generation).toBe('classic');
    expect(facts.user).toBeNull();
    expect(facts.portalVersion).toBeNull();
  });

  it('reads an English services portal page', () => {
    const facts = readPageFacts(loadDocument('services-ticket-en.html'), 'https://portail.chorus-pro.gouv.fr/?id=cpp_invoice&invoice=INV-2026-17');
    expect(facts).toMatchObject({
      generation: 'services',
      section: ['My tickets', 'In progress'],
      heading: 'Invoice lookup',
      portalVersion: null,
      user: { name: 'Jane Smith' },
      invoiceNumbers: ['INV-2026-17'],
      sirets: [],
    });
    expect(facts.errors.map((error) => error.kind)).toEqual(['alert', 'field', 'dialog']);
  });

  it('never reads the user from form fields', () => {
    const facts = readPageFacts(loadDocument('classic-login.html'), 'https://chorus-pro.gouv.fr/cpp/utilisateur?execution=e1s1');
    expect(facts.user).toBeNull();
    expect(JSON.stringify(facts)).not.toMatch(/saisi|secret/i);
    // The version is found in the footer text when no element is marked for it.
    expect(facts.portalVersion).toBe('V2.0.1 - R13');
  });

  it('reports an HTTP error page, and no generation off the portal', () => {
    const facts = readPageFacts(loadDocument('http-404-fr.html'), 'https://chorus-pro.gouv.fr.evil.test/cpp/x');
    expect(facts.generation).toBeNull();
    expect(facts.errors).toEqual([{ kind: 'http', text: 'Erreur 404 – Page introuvable' }]);
    expect(facts.heading).toBe('Erreur 404 – Page introuvable');
  });

  it('splits a breadcrumb written as text and normalises the version', () => {
    const doc = new DOMParser().parseFromString(
      '<div class="breadcrumb">Accueil &gt; Sollicitations émises &gt; Saisir sollicitation</div><h1 hidden>Caché</h1><footer>V2.1.0-R14</footer>',
      'text/html',
    );
    const facts = readPageFacts(doc, 'https://chorus-pro.gouv.fr/cpp/sollicitation');
    expect(facts.section).toEqual(['Sollicitations émises', 'Saisir sollicitation']);
    expect(facts.portalVersion).toBe('V2.1.0 - R14');
    expect(facts.heading).toBeNull();
    expect(facts.title).toBe('');
  });
});

describe('sanitizePortalUrl', () => {
  it('keeps origin, path and the page-naming query values only', () => {
    expect(sanitizePortalUrl('https://chorus-pro.gouv.fr/cpp/utilisateur?execution=e1s1&lang=en_US')).toBe(
      'https://chorus-pro.gouv.fr/cpp/utilisateur?execution=e1s1&lang=en_US',
    );
    expect(sanitizePortalUrl('https://portail.chorus-pro.gouv.fr/?id=cpp_ticket&sys_id=abc123&email=a%40b.fr')).toBe(
      'https://portail.chorus-pro.gouv.fr/?id=cpp_ticket&sys_id=…&email=…',
    );
  });

  it('drops credentials, fragments and empty queries', () => {
    expect(sanitizePortalUrl('https://user:pass@chorus-pro.gouv.fr/cpp/facture?numero=F1#siret=73282932000074')).toBe(
      'https://chorus-pro.gouv.fr/cpp/facture?numero=…',
    );
    expect(sanitizePortalUrl('https://chorus-pro.gouv.fr/cpp/?')).toBe('https://chorus-pro.gouv.fr/cpp/');
  });

  it('returns an empty string for what is not a URL', () => {
    expect(sanitizePortalUrl('not a url')).toBe('');
  });
});
