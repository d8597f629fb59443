import { describe, expect, it } from 'vitest';
import { findInvoiceNumbers } from '../../../src/context/invoices';
import { classic } from '../../../src/context/profiles/classic';
import { services } from '../../../src/context/profiles/services';
import { READ_TABLE_ROWS } from '../../../src/context/text';
import { loadDocument } from '../../fixtures/documents/load';

const SEARCH_URL = 'https://chorus-pro.gouv.fr/cpp/factures-emises?execution=e2s1&numFacture=F2026-0099';

function pageWith(body: string): Document {
  return new DOMParser().parseFromString(`<!DOCTYPE html><html><body>${body}</body></html>`, 'text/html');
}

describe('findInvoiceNumbers on the classic search page', () => {
  const numbers = findInvoiceNumbers(loadDocument('classic-invoice-search.html'), SEARCH_URL, classic);

  it('reads labelled fields, the results column and the URL, in page order, each once — never the typed search criterion', () => {
    expect(numbers).toEqual(['F2026-0041', 'F2026-0039', 'F2026-0042', 'F2026-0043', 'F2026-0099']);
  });

  it('never reads the value of another input', () => {
    expect(numbers).not.toContain('SECRET-123');
    expect(numbers).not.toContain('TYPED-456');
  });

  it('skips hidden rows and implausible cells', () => {
    expect(numbers).not.toContain('F2026-0666');
    expect(numbers.some((number) => number.includes(' '))).toBe(false);
  });
});

describe('findInvoiceNumbers', () => {
  it('reads the value after an English label, and the URL of the services portal', () => {
    const doc = loadDocument('services-ticket-en.html');
    expect(findInvoiceNumbers(doc, 'https://portail.chorus-pro.gouv.fr/?id=cpp_invoice&invoice=INV-2026-17', services)).toEqual([
      'INV-2026-17',
    ]);
  });

  it('reads a definition list and an invoice table header in English', () => {
    const doc = pageWith(`
      <dl><dt>N° de facture</dt><dd>FA/2026/7</dd></dl>
      <table><tr><th>Invoice number</th><th>Amount</th></tr><tr><td>INV-1</td><td>10</td></tr><tr><td>INV-2</td><td>20</td></tr></table>`);
    expect(findInvoiceNumbers(doc, 'https://chorus-pro.gouv.fr/cpp/accueil', classic)).toEqual(['FA/2026/7', 'INV-1', 'INV-2']);
  });

  it('keeps plausible numbers only: 2 to 30 characters, a digit, no space', () => {
    const doc = pageWith(`
      <p>Numéro de facture : 7</p><p>N° de facture : ABC</p><p>No facture : ${'9'.repeat(31)}</p>
      <p>Numéro de facture : 12</p><p>Invoice no. ${'9'.repeat(30)}</p>`);
    expect(findInvoiceNumbers(doc, 'https://chorus-pro.gouv.fr/cpp/', classic)).toEqual(['12', '9'.repeat(30)]);
  });

  it('reads the known invoice element by id when the page displays it, never when it is a field the user types in', () => {
    const shown = pageWith('<span id="GDP_RechercheDemandePaiement_Criteres_NumeroFacture">F-77</span>');
    expect(findInvoiceNumbers(shown, 'https://chorus-pro.gouv.fr/cpp/', classic)).toEqual(['F-77']);
    expect(findInvoiceNumbers(shown, 'https://chorus-pro.gouv.fr/cpp/', null)).toEqual([]);
    const typed = pageWith('<input id="GDP_RechercheDemandePaiement_Criteres_NumeroFacture" value="F-77"><input id="autre" value="F-78">');
    expect(findInvoiceNumbers(typed, 'https://chorus-pro.gouv.fr/cpp/', classic)).toEqual([]);
  });

  it('reads the invoice query parameters of the URL only', () => {
    const url = 'https://chorus-pro.gouv.fr/cpp/facture?numero=F1&id=42&numeroFacture=F2&invoiceNumber=F3&siret=73282932000074';
    expect(findInvoiceNumbers(pageWith(''), url, classic)).toEqual(['F1', 'F2', 'F3']);
    expect(findInvoiceNumbers(pageWith(''), 'not a url', null)).toEqual([]);
  });

  it('does not take prose for a label', () => {
    const doc = pageWith('<p>Saisissez le numéro de facture 2026 dans le champ.</p><p>Numéro de facture obligatoire</p>');
    expect(findInvoiceNumbers(doc, 'https://chorus-pro.gouv.fr/cpp/', classic)).toEqual([]);
  });
});

describe('findInvoiceNumbers on a long listing', () => {
  it('reads the invoice column of the first READ_TABLE_ROWS rows only', () => {
    const rows = Array.from({ length: READ_TABLE_ROWS * 4 }, (_, i) => `<tr><td>F-${i}</td></tr>`).join('');
    const doc = pageWith(`<table><thead><tr><th>N° de facture</th></tr></thead><tbody>${rows}</tbody></table>`);
    expect(findInvoiceNumbers(doc, 'https://chorus-pro.gouv.fr/cpp/factures-emises/liste', classic)).toEqual(Array.from({ length: READ_TABLE_ROWS }, (_, i) => `F-${i}`));
  });
});
