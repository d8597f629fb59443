/** Reading text as the user sees it: visible text, values shown after labels, table columns. */
import { hasLayout, hidesItself, isVisible } from './visibility';

export function foldWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** At most `max` characters, the last one an ellipsis when the text was cut. */
export function capLength(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = Math.max(0, max - 1);
  // Never cut a surrogate pair in half.
  if (/[\uDC00-\uDFFF]/.test(text.charAt(end))) end--;
  return `${text.slice(0, end).trimEnd()}…`;
}

const SKIPPED = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT', 'SELECT', 'TEXTAREA']);
const INLINE =
  /^(A|ABBR|B|BDI|BDO|CITE|CODE|DATA|DFN|EM|FONT|I|IMG|KBD|LABEL|MARK|Q|S|SAMP|SMALL|SPAN|STRONG|SUB|SUP|TIME|U|VAR)$/;

function collectText(el: Element, shown: boolean, parts: string[]): void {
  const view = el.ownerDocument.defaultView;
  for (const child of el.childNodes) {
    if (child.nodeType === Node.TEXT_NODE) {
      if (shown) parts.push(child.nodeValue ?? '');
    } else if (child.nodeType === Node.ELEMENT_NODE) {
      const element = child as Element;
      if (SKIPPED.has(element.tagName) || hidesItself(element)) continue;
      // visibility is inherited but a descendant may set it back to visible.
      const visibility = view?.getComputedStyle(element).visibility;
      const childShown = visibility ? visibility === 'visible' : shown;
      // Without layout, block boundaries would glue words together: "<p>a</p><p>b</p>" → "ab".
      const separator = INLINE.test(element.tagName) ? '' : ' ';
      parts.push(separator);
      collectText(element, childShown, parts);
      parts.push(separator);
    }
  }
}

/** The element's text as the user sees it, whitespace folded. */
export function visibleText(el: Element): string {
  if ('innerText' in el && hasLayout(el.ownerDocument)) return foldWhitespace((el as HTMLElement).innerText);
  const parts: string[] = [];
  collectText(el, true, parts);
  return foldWhitespace(parts.join(''));
}

const CONTROLS = new Set(['INPUT', 'SELECT', 'TEXTAREA']);

/**
 * Rows read of each part of a table (head, body, foot). A listing's later rows hold more of the
 * same; walking thousands of them (each a style read) holds the page for seconds at the click.
 */
export const READ_TABLE_ROWS = 100;

/**
 * Tells whether each row, met in document order, is past the first READ_TABLE_ROWS of its table
 * part. Not `sectionRowIndex`: the browser counts every row before it at each read, which over a
 * 2,000-row listing costs 24–38 ms a pass in Chromium, paid by each of the reader's walks; this
 * counts back from the row last met, and READ_TABLE_ROWS rows at most.
 */
function readRowsLimit(): (row: Element) => boolean {
  let last: Element | null = null;
  let lastIndex = 0;
  return (row) => {
    let index = 0;
    for (let previous = row.previousElementSibling; previous && index < READ_TABLE_ROWS; previous = previous.previousElementSibling) {
      if (previous === last) {
        index += lastIndex + 1;
        break;
      }
      if (previous.tagName === 'TR') index++;
    }
    last = row;
    lastIndex = index;
    return index >= READ_TABLE_ROWS;
  };
}

/**
 * Walks the visible, non-blank text nodes under `root` in document order, and the form
 * controls among them (so a reader can tell that a label is followed by a field, not by text);
 * of a table, the first READ_TABLE_ROWS rows of each part.
 */
export function visibleWalker(root: Element): TreeWalker {
  const view = root.ownerDocument.defaultView;
  const pastReadRows = readRowsLimit();
  return root.ownerDocument.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
    acceptNode(node) {
      if (node.nodeType === Node.TEXT_NODE) {
        const parent = node.parentElement;
        const shown =
          /\S/.test(node.nodeValue ?? '') && parent !== null && view?.getComputedStyle(parent).visibility !== 'hidden';
        return shown ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP;
      }
      const element = node as Element;
      if (element.tagName === 'TR' && pastReadRows(element)) return NodeFilter.FILTER_REJECT;
      if (SKIPPED.has(element.tagName) || hidesItself(element) || element.getAttribute('type') === 'hidden') {
        return NodeFilter.FILTER_REJECT;
      }
      return CONTROLS.has(element.tagName) ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP;
    },
  });
}

export interface LabelledValue {
  value: string;
  /** Where the value was read: a text node or a form control. */
  node: Node;
  /** The value was in the label's own text ("N° de facture : F-1"), not in the next text. */
  inline: boolean;
  /** The label as the page wrote it, e.g. "N° d'engagement". */
  label: string;
}

const LABEL_PUNCTUATION = /^[\s*:：]*/;

/** A pattern matching any of `labels` as a whole label at the start of a text. */
export function labelPattern(labels: readonly string[]): RegExp {
  const alternatives = labels.map((label) => label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^(?:${alternatives.join('|')})(?=$|[\\s*:：])`, 'i');
}

/**
 * The nodes visibleWalker accepts under `root`, in document order: walked once for a page
 * reading whose extractors each look for their labels (each node's style is read as it is walked).
 */
export function visibleNodes(root: Element): Node[] {
  const nodes: Node[] = [];
  const walker = visibleWalker(root);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(node);
  return nodes;
}

/**
 * The values shown after a label: the rest of the label's text, else the next visible text.
 * A label of a form field gives nothing: what users type is never read. `nodes`: root's
 * visibleNodes, when already walked.
 */
export function labelledValues(root: Element, label: RegExp, nodes: readonly Node[] = visibleNodes(root)): LabelledValue[] {
  const values: LabelledValue[] = [];
  nodes.forEach((node, index) => {
    if (node.nodeType !== Node.TEXT_NODE) return;
    const text = foldWhitespace(node.nodeValue ?? '');
    const match = label.exec(text);
    if (!match) return;
    const rest = text.slice(match[0].length).replace(LABEL_PUNCTUATION, '');
    if (rest) {
      values.push({ value: rest, node, inline: true, label: match[0] });
      return;
    }
    // A column header names the cells below it, not the text after it.
    if (isColumnHeader(node.parentElement?.closest('th'))) return;
    if (node.parentElement?.closest('label')?.control) return;
    const next = nextValueNode(nodes, index);
    const value = next?.nodeType === Node.TEXT_NODE ? foldWhitespace(next.nodeValue ?? '') : null;
    if (next && value) values.push({ value, node: next, inline: false, label: match[0] });
  });
  return values;
}

/** The first visible text or form control after `nodes[index]`, skipping "*" and ":" markers. */
function nextValueNode(nodes: readonly Node[], index: number): Node | undefined {
  for (let at = index + 1; at < nodes.length; at++) {
    const next = nodes[at]!;
    if (next.nodeType !== Node.TEXT_NODE || (next.nodeValue ?? '').replace(LABEL_PUNCTUATION, '') !== '') return next;
  }
  return undefined;
}

function isColumnHeader(cell: Element | null | undefined): boolean {
  return !!cell && !cell.parentElement?.querySelector(':scope > td');
}

/** The header row of a table: its first row, when in the table head or made of header cells only. */
export function headerRow(table: HTMLTableElement): HTMLTableRowElement | null {
  const first = table.rows[0];
  return first && (first.parentElement?.tagName === 'THEAD' || isColumnHeader(first.cells[0])) ? first : null;
}

/** The column a cell starts in, counting the spans of the cells before it. */
export function columnOf(cell: HTMLTableCellElement): number {
  let column = 0;
  for (let previous = cell.previousElementSibling; previous; previous = previous.previousElementSibling) {
    column += (previous as HTMLTableCellElement).colSpan || 1;
  }
  return column;
}

/** The cell of `row` covering `column`. */
export function cellAt(row: HTMLTableRowElement, column: number): HTMLTableCellElement | null {
  let start = 0;
  for (const cell of row.cells) {
    start += cell.colSpan || 1;
    if (column < start) return cell;
  }
  return null;
}

export interface ColumnCell {
  cell: HTMLTableCellElement;
  /** The column's header text. */
  header: string;
}

/** The body cells of every column whose header reads `label`, in visible tables, top to bottom (READ_TABLE_ROWS rows of each part). */
export function columnCells(doc: Document, label: RegExp): ColumnCell[] {
  const found: ColumnCell[] = [];
  for (const table of doc.querySelectorAll('table')) {
    const header = headerRow(table);
    const headerCell = header && [...header.cells].find((cell) => label.test(visibleText(cell)));
    if (!headerCell || !isVisible(table)) continue;
    const column = columnOf(headerCell);
    const headerText = visibleText(headerCell);
    const pastReadRows = readRowsLimit();
    for (const row of table.rows) {
      if (pastReadRows(row)) continue;
      const cell = row === header ? null : cellAt(row, column);
      if (cell && isVisible(cell)) found.push({ cell, header: headerText });
    }
  }
  return found;
}

export function byDocumentOrder(a: Node, b: Node): number {
  return a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
}
