import { describe, expect, it } from 'vitest';
import { checkCompatibility, renderCompatibility } from '../../../src/context/compatibility';
import { isCompatibilityReport } from '../../../src/context/compatibility-report';
import { parsePortalData } from '../../../src/context/profiles/overrides';
import type { Translate } from '../../../src/i18n';
import { loadDocument } from '../../fixtures/documents/load';
import { openLivePage } from '../channels/live-portal';

// Keys and substitutions, so that the text's structure is checked, not a locale's wording.
const t: Translate = (key, substitutions) => (substitutions?.length ? `${key}(${substitutions.join(',')})` : key);
const TICKET_URL = 'https://portail.chorus-pro.gouv.fr/?id=cpp_ticket_support&sys_id=42';
const ticketForm = () => openLivePage('services/cpp_ticket_connecte.html', TICKET_URL);

describe('checkCompatibility', () => {
  it('counts what each detector of a classic page finds', () => {
    const report = checkCompatibility(loadDocument('classic-invoice-error.html'), 'https://chorus-pro.gouv.fr/cpp/facture?numero=F2026-0042', null);
    expect(report).toMatchObject({ page: 'https://chorus-pro.gouv.fr/cpp/facture?numero=…', generation: 'classic', revision: '', forms: [] });
    expect(report.lists.versionSelectors).toContainEqual({ selector: '.footer-version', count: 1 });
    expect(report.lists.breadcrumbSelectors).toContainEqual({ selector: '.breadcrumb', count: 1 });
    expect(report.lists.errorContainers?.find(({ selector }) => selector === '.alert-danger')?.count).toBeGreaterThan(0);
    expect(report.lists.invoiceNumberIds).toEqual([{ selector: 'GDP_RechercheDemandePaiement_Criteres_NumeroFacture', count: 0 }]);
    expect(isCompatibilityReport(report)).toBe(true);
  });

  it('lists the request form fields found on the ticket form, and how', () => {
    const report = checkCompatibility(ticketForm(), TICKET_URL, null);
    expect(report.forms.map(({ id }) => id)).toEqual(['services-ticket-connected', 'services-ticket-disconnected']);
    const [connected] = report.forms;
    expect(connected?.formElement).toBe(true);
    expect(connected?.fields).toMatchObject({
      category: { by: 'selector', widget: true },
      subCategory: { by: 'selector', widget: true },
      title: { by: 'selector', widget: false },
      description: { by: 'selector', widget: false },
    });
  });

  it('shows the change an administrator makes: a field found by label only is found by the new selector', () => {
    const doc = ticketForm();
    const title = doc.getElementById('sp_formfield_short_description')!;
    title.id = 'sp_formfield_titre';
    title.setAttribute('name', 'titre');
    doc.querySelector('label[for="sp_formfield_short_description"]')?.setAttribute('for', 'sp_formfield_titre');
    expect(checkCompatibility(doc, TICKET_URL, null).forms[0]?.fields.title?.by).toBe('label');

    const { override } = parsePortalData({ schema: 1, revision: 'r7', requestForms: { 'services-ticket-connected': { fields: { title: { selectors: ['#sp_formfield_titre'] } } } } });
    const report = checkCompatibility(doc, TICKET_URL, override);
    expect(report.revision).toBe('r7');
    expect(report.forms[0]?.fields.title?.by).toBe('selector');
  });

  it('reports no profile outside the portal', () => {
    expect(checkCompatibility(loadDocument('http-404-fr.html'), 'https://example.org/', null)).toEqual({ page: 'https://example.org/', generation: null, revision: '', lists: {}, forms: [] });
  });

  it('refuses a report the page could have changed', () => {
    const report = checkCompatibility(loadDocument('classic-invoice-error.html'), 'https://chorus-pro.gouv.fr/cpp/facture', null);
    expect(isCompatibilityReport({ ...report, lists: { ...report.lists, errorContainers: [{ selector: '.erreur', count: '3' }] } })).toBe(false);
    expect(isCompatibilityReport({ ...report, lists: { secret: [] } })).toBe(false);
    expect(isCompatibilityReport({ ...report, forms: [{ id: 'x', formElement: true, fields: { title: { by: 'guess', widget: false } } }] })).toBe(false);
  });
});

describe('renderCompatibility', () => {
  it('writes counts and selector names, never the page text', () => {
    const doc = loadDocument('classic-invoice-error.html');
    const text = renderCompatibility(checkCompatibility(doc, 'https://chorus-pro.gouv.fr/cpp/facture?numero=F2026-0042', null), t, '0.1.0');
    expect(text.split('\n').slice(0, 4)).toEqual([
      'compatibilityHeading',
      'compatibilityPage https://chorus-pro.gouv.fr/cpp/facture?numero=…',
      'compatibilityProfile classic',
      'compatibilityData 0.1.0',
    ]);
    expect(text).toContain('compatibilityVersion compatibilityMatched(1,3)\n  .footer-version × 1');
    expect(text).toContain('compatibilityNoForm');
    for (const pageText of ['Jean Dupont', 'F2026-0042\n', 'V2.0.1', 'onerror', '10 Mo']) expect(text).not.toContain(pageText);
  });

  it('names the override revision and each form field', () => {
    const { override } = parsePortalData({ schema: 1, revision: 'r7', profiles: { services: { errorContainers: ['.sp-erreur'] } } });
    const text = renderCompatibility(checkCompatibility(ticketForm(), TICKET_URL, override), t, '0.1.0');
    expect(text).toContain('compatibilityData 0.1.0 + compatibilityRevision(r7)');
    expect(text).toContain('compatibilityErrorContainers compatibilityMatched(0,1)');
    expect(text).toContain('compatibilityForm services-ticket-connected\n  category: compatibilityBySelector (compatibilityWidget)');
  });
});
