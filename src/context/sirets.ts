import { isValidSiret, normalizeSiret } from '../report/siret';
import type { PortalProfile } from './profiles/index';
import { cellAt, columnOf, foldWhitespace, headerRow, visibleNodes, visibleText } from './text';

/** Which party of the invoice a SIRET belongs to, when its label says so. */
export type PartyRole = 'supplier' | 'recipient';

export interface FoundSiret {
  siret: string;
  /** The label shown with it, e.g. "SIRET destinataire". */
  label?: string;
  role?: PartyRole;
}

const SUPPLIER_WORDS = /(?:^|[^\p{L}])(?:fournisseur|[ée]metteur|vendeur|supplier|issuer|seller)(?![\p{L}])/iu;
const RECIPIENT_WORDS = /(?:^|[^\p{L}])(?:destinataire|client|acheteur|structure publique|recipient|buyer|customer)(?![\p{L}])/iu;

/** The party a label names: "SIRET fournisseur" → supplier, "SIRET destinataire" → recipient. */
export function roleOfLabel(label: string | undefined): PartyRole | undefined {
  if (!label) return undefined;
  if (RECIPIENT_WORDS.test(label)) return 'recipient';
  if (SUPPLIER_WORDS.test(label)) return 'supplier';
  return undefined;
}

// 14 digits, written whole or grouped 3-3-3-5 ("732 829 320 00074"), not inside a longer number or word.
const SIRET_WRITTEN = /(?<![\w.,])\d{3}[\s.]?\d{3}[\s.]?\d{3}[\s.]?\d{5}(?![\w]|[.,]\d)/g;
// Longer text before a number is a sentence ("… n'est pas actif pour le SIRET …"), not a label.
const MAX_LABEL_LENGTH = 40;

function asLabel(text: string): string | undefined {
  const label = foldWhitespace(text).replace(/[\s*:：-]+$/, '');
  return label && label.length <= MAX_LABEL_LENGTH ? label : undefined;
}

const LABEL_LIKE = /[:：]\s*$|\bsire[nt]\b/i;

/** Whether a text node is a label rather than a value of something else. */
function isLabel(text: Node): boolean {
  return !!text.parentElement?.closest('label, dt, th') || LABEL_LIKE.test(text.nodeValue ?? '');
}

/**
 * The label of a number: the text before it in the same text node ("SIRET : …"), its
 * column header, or the label just before it.
 */
function labelOf(node: Text, before: string, previous: Node | null): string | undefined {
  if (/\S/.test(before)) return LABEL_LIKE.test(before) ? asLabel(before) : undefined;
  const cell = node.parentElement?.closest('td');
  const table = cell?.closest('table');
  const header = table && headerRow(table);
  const headerCell = cell && header && cellAt(header, columnOf(cell));
  if (headerCell) return asLabel(visibleText(headerCell));
  return previous?.nodeType === Node.TEXT_NODE && isLabel(previous) ? asLabel(previous.nodeValue ?? '') : undefined;
}

/**
 * SIRETs shown on the page (valid ones only, each once, in page order) with their labels;
 * a SIRET shown again with a label (after a sentence mentioning it) takes that label.
 * The profile is taken like every extractor's, though SIRETs need no portal-specific markup.
 * `nodes`: the body's visibleNodes, when already walked.
 */
export function findSirets(doc: Document, _profile: PortalProfile | null, nodes: readonly Node[] = visibleNodes(doc.body)): FoundSiret[] {
  const found = new Map<string, FoundSiret>();
  nodes.forEach((node, index) => {
    if (node.nodeType !== Node.TEXT_NODE) return;
    const text = node.nodeValue ?? '';
    for (const match of text.matchAll(SIRET_WRITTEN)) {
      const siret = normalizeSiret(match[0]);
      if (found.get(siret)?.label || !isValidSiret(siret)) continue;
      const label = labelOf(node as Text, text.slice(0, match.index), nodes[index - 1] ?? null);
      const role = roleOfLabel(label);
      if (label) found.set(siret, role ? { siret, label, role } : { siret, label });
      else if (!found.has(siret)) found.set(siret, { siret });
    }
  });
  return [...found.values()];
}
