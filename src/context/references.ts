/**
 * The public body's own references that a page shows beside an invoice: the engagement
 * (commitment, purchase order) number and the service code. The portal asks for them when the
 * recipient requires them, and support needs them to look at the invoice; they are read from
 * what the page displays (after a label, or in a table column), never from what the user typed.
 */
import { byDocumentOrder, columnCells, foldWhitespace, labelledValues, visibleNodes, visibleText } from './text';

export type ReferenceKind = 'engagementNumber' | 'serviceCode';

export interface FoundReference {
  kind: ReferenceKind;
  value: string;
  /** The label shown with it, e.g. "N° d'engagement". */
  label: string;
}

// "N° d'engagement", "Numéro d'engagement juridique", "Bon de commande", "Commitment number", "Purchase order"…
const ENGAGEMENT_LABEL =
  /^(?:(?:n°|no\.?|num[ée]ro)\s*(?:d['’]\s*)?(?:de\s+)?(?:l['’]\s*)?(?:engagement(?:\s+juridique)?|bon\s+de\s+commande)|engagement\s+juridique|bon\s+de\s+commande|commitment\s+(?:number|no\.?)|purchase\s+order(?:\s+(?:number|no\.?))?)(?=$|[\s*:：])/i;
// "Code service", "Code du service exécutant", "Service code".
const SERVICE_CODE_LABEL = /^(?:code\s+(?:du\s+)?service(?:\s+(?:ex[ée]cutant|destinataire))?|service\s+code)(?=$|[\s*:：])/i;

const LABELS: readonly [ReferenceKind, RegExp][] = [
  ['engagementNumber', ENGAGEMENT_LABEL],
  ['serviceCode', SERVICE_CODE_LABEL],
];

/** A reference is one short word with a letter or digit: filters out prose, "—" and "Non renseigné". */
function plausible(value: string): boolean {
  return value.length >= 1 && value.length <= 50 && !/\s/.test(value) && /[\p{L}\d]/u.test(value) && !/^(?:n\/?a|aucun|none)$/i.test(value);
}

const labelText = (text: string) => foldWhitespace(text).replace(/[\s*:：-]+$/, '');

interface Found extends FoundReference {
  node: Node;
}

function fromLabels(doc: Document, kind: ReferenceKind, label: RegExp, nodes: readonly Node[]): Found[] {
  return labelledValues(doc.body, label, nodes).map(({ value, node, inline, label: shown }) => ({
    kind,
    // "N° d'engagement : EJ-12 (validé)": the reference is the first word after the label.
    value: inline ? (value.split(' ')[0] ?? '') : value,
    label: labelText(shown),
    node,
  }));
}

function fromTables(doc: Document, kind: ReferenceKind, label: RegExp): Found[] {
  return columnCells(doc, label).map(({ cell, header }) => ({ kind, value: visibleText(cell), label: labelText(header), node: cell }));
}

/** Engagement numbers and service codes the page shows, in page order, each once per kind; `nodes`: the body's visibleNodes, when already walked. */
export function findReferences(doc: Document, nodes: readonly Node[] = visibleNodes(doc.body)): FoundReference[] {
  const found = LABELS.flatMap(([kind, label]) => [...fromLabels(doc, kind, label, nodes), ...fromTables(doc, kind, label)]).sort((a, b) => byDocumentOrder(a.node, b.node));
  const seen = new Set<string>();
  const references: FoundReference[] = [];
  for (const { kind, value, label } of found) {
    const key = `${kind}\n${value}`;
    if (!plausible(value) || seen.has(key)) continue;
    seen.add(key);
    references.push({ kind, value, label });
  }
  return references;
}
