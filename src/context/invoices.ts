import type { PortalProfile } from './profiles/index';
import { byDocumentOrder, columnCells, foldWhitespace, labelledValues, visibleNodes, visibleText } from './text';
import { isVisible } from './visibility';

// "Numéro de facture", "N° de facture", "No facture", "Invoice number", "Invoice no."…
const INVOICE_LABEL = /^(?:(?:n°|no\.?|num[ée]ro)\s*(?:de\s+(?:la\s+)?)?facture|invoice\s*(?:number|no\.?|n°|#))(?=$|[\s*:：])/i;
const URL_KEYS = new Set(['numero', 'numfacture', 'numerofacture', 'numero_facture', 'invoice', 'invoicenumber', 'invoice_number']);

/** An invoice number is short, has a digit and no space: filters out labels, dates in words, prose. */
function plausible(value: string): boolean {
  return value.length >= 2 && value.length <= 30 && /\d/.test(value) && !/\s/.test(value);
}

interface Found {
  value: string;
  node: Node;
}

function fromLabels(doc: Document, nodes: readonly Node[]): Found[] {
  return labelledValues(doc.body, INVOICE_LABEL, nodes).map(({ value, node, inline }) => ({
    // "N° de facture : F-1 du 12/03" — the number is the first word after the label.
    value: inline && !plausible(value) ? (value.split(' ')[0] ?? '') : value,
    node,
  }));
}

function fromKnownIds(doc: Document, profile: PortalProfile | null): Found[] {
  return (profile?.invoiceNumberIds ?? []).flatMap((id) => {
    const el = doc.getElementById(id);
    // What the user typed (a search criterion) is never read: only text the page displays.
    if (!el || !isVisible(el) || el.matches('input, select, textarea')) return [];
    return [{ value: foldWhitespace(visibleText(el)), node: el }];
  });
}

function fromTables(doc: Document): Found[] {
  return columnCells(doc, INVOICE_LABEL).map(({ cell }) => ({ value: visibleText(cell), node: cell }));
}

function fromUrl(url: string): string[] {
  try {
    return [...new URL(url).searchParams].filter(([key]) => URL_KEYS.has(key.toLowerCase())).map(([, value]) => value.trim());
  } catch {
    return [];
  }
}

/**
 * Invoice numbers the page shows: after an invoice-number label, in the profile's known
 * elements, in the invoice-number column of result tables, in page order; then in the URL.
 * Each once. `nodes`: the body's visibleNodes, when already walked.
 */
export function findInvoiceNumbers(doc: Document, url: string, profile: PortalProfile | null, nodes: readonly Node[] = visibleNodes(doc.body)): string[] {
  const inPage = [...fromLabels(doc, nodes), ...fromKnownIds(doc, profile), ...fromTables(doc)].sort((a, b) =>
    byDocumentOrder(a.node, b.node),
  );
  return [...new Set([...inPage.map((found) => found.value), ...fromUrl(url)].filter(plausible))];
}
