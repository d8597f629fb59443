import { selectorsOf } from './profiles/index';
import type { PortalProfile } from './profiles/index';
import { byDocumentOrder, capLength, foldWhitespace, visibleText } from './text';
import { isVisible } from './visibility';

export type ErrorKind = 'alert' | 'live' | 'container' | 'http' | 'dialog' | 'field';

export interface ErrorMessage {
  /** As shown, whitespace folded, at most MAX_ERROR_LENGTH characters. */
  text: string;
  kind: ErrorKind;
  /** The label of the field a validation message belongs to. */
  field?: string;
}

export const MAX_ERROR_LENGTH = 500;

/** Words that make an alert an error (alerts also announce successes and progress). */
export const ERROR_WORDING =
  /erreur|error|échec|echec|impossible|refus|invalide|invalid|incorrect|fail|introuvable|not found|interdit|forbidden|denied|indisponible|unavailable|expiré|expired/i;
const HTTP_ERROR =
  /\b(?:erreur|error|http)\s*[45]\d\d\b|^[45]\d\d\s*(?:[-–:]|$|[a-z ]*(?:error|found|forbidden|unauthori[sz]ed|request|gateway|unavailable))|erreur technique|technical error|page introuvable|page not found|internal server error|service (?:indisponible|unavailable)/i;

interface Candidate {
  el: Element;
  kind: ErrorKind;
  field?: string | undefined;
  /** Where the text is read when not from `el` itself (a dialog's description). */
  source?: Element | null | undefined;
}

function idRefs(el: Element, attribute: string): string[] {
  return (el.getAttribute(attribute) ?? '').split(/\s+/).filter(Boolean);
}

function cleanLabel(text: string): string {
  return text.replace(/[\s*:：]+$/, '');
}

function labelOf(control: Element, profile: PortalProfile | null): string | undefined {
  const doc = control.ownerDocument;
  const labelledBy = idRefs(control, 'aria-labelledby').map((id) => doc.getElementById(id));
  const label =
    (control as HTMLInputElement).labels?.[0] ??
    labelledBy.find((el) => el !== null) ??
    control.closest(selectorsOf(profile, 'fieldGroups'))?.querySelector('label, legend');
  const text = label ? visibleText(label) : (control.getAttribute('aria-label') ?? '');
  return cleanLabel(foldWhitespace(text)) || undefined;
}

// How pages name error elements: "…-erreur", "error-…", "invalid-feedback".
const ERROR_NAME = /err|invalid/i;

/**
 * Validation messages pointed at by their control: its aria-errormessage, or a description
 * of an invalid control named as an error (its other descriptions are hints, not errors).
 */
function messagesOfControls(doc: Document): Map<Element, Element> {
  const controls = new Map<Element, Element>();
  for (const control of doc.querySelectorAll('[aria-errormessage], [aria-invalid=true][aria-describedby]')) {
    const described = idRefs(control, 'aria-describedby').map((id) => doc.getElementById(id));
    const messages = [
      ...idRefs(control, 'aria-errormessage').map((id) => doc.getElementById(id)),
      ...described.filter((el) => el && ERROR_NAME.test(`${el.id} ${el.className}`)),
    ];
    for (const message of messages) if (message && !controls.has(message)) controls.set(message, control);
  }
  return controls;
}

function fieldOf(message: Element, control: Element | undefined, profile: PortalProfile | null): string | undefined {
  if (control) return labelOf(control, profile);
  const group = message.closest(selectorsOf(profile, 'fieldGroups'));
  const label = group?.querySelector('label, legend');
  if (label) return cleanLabel(visibleText(label)) || undefined;
  const groupControl = group?.querySelector('input, select, textarea');
  return groupControl ? labelOf(groupControl, profile) : undefined;
}

function collect(doc: Document, profile: PortalProfile | null): Candidate[] {
  const candidates: Candidate[] = [];
  const taken = new Set<Element>();
  // Added from the most to the least specific kind: an element matching several keeps the first.
  const add = (candidate: Candidate) => {
    if (taken.has(candidate.el)) return;
    taken.add(candidate.el);
    candidates.push(candidate);
  };
  for (const [el, control] of messagesOfControls(doc)) add({ el, kind: 'field', field: fieldOf(el, control, profile) });
  for (const el of doc.querySelectorAll(selectorsOf(profile, 'fieldErrors'))) {
    add({ el, kind: 'field', field: fieldOf(el, undefined, profile) });
  }
  for (const el of doc.querySelectorAll('dialog[open], [role=dialog], [role=alertdialog]')) {
    if (el.tagName === 'DIALOG' && !el.hasAttribute('open')) continue;
    const description = idRefs(el, 'aria-describedby').map((id) => doc.getElementById(id)).find((ref) => ref !== null);
    if (ERROR_WORDING.test(visibleText(el))) add({ el, kind: 'dialog', source: description });
  }
  for (const el of doc.querySelectorAll('h1')) {
    if (HTTP_ERROR.test(visibleText(el))) add({ el, kind: 'http' });
  }
  const info = selectorsOf(profile, 'infoContainers');
  for (const el of doc.querySelectorAll('[role=alert]')) {
    if (!el.matches(info)) add({ el, kind: 'alert' });
  }
  // Live regions also announce successes and progress: only error wording makes them errors.
  for (const el of doc.querySelectorAll('[aria-live=polite], [aria-live=assertive]')) {
    if (ERROR_WORDING.test(visibleText(el))) add({ el, kind: 'live' });
  }
  for (const el of doc.querySelectorAll(selectorsOf(profile, 'errorContainers'))) add({ el, kind: 'container' });
  return candidates;
}

function hasAncestorIn(el: Element, elements: Set<Element>): boolean {
  for (let ancestor = el.parentElement; ancestor; ancestor = ancestor.parentElement) {
    if (elements.has(ancestor)) return true;
  }
  return false;
}

/**
 * The error messages the page shows: alerts, live regions, the profile's error containers,
 * HTTP error pages, dialogs with error wording and field validation messages with their
 * field's label. Visible ones only, each once, in document order.
 */
export function findErrorMessages(doc: Document, profile: PortalProfile | null): ErrorMessage[] {
  const shown = collect(doc, profile)
    .filter((candidate) => isVisible(candidate.el))
    .map((candidate) => ({ ...candidate, text: visibleText(candidate.source ?? candidate.el) }))
    .filter((candidate) => candidate.text !== '')
    .sort((a, b) => byDocumentOrder(a.el, b.el));
  const shownElements = new Set(shown.map((candidate) => candidate.el));
  const messages: ErrorMessage[] = [];
  const seen = new Set<string>();
  // The tab title is all an HTTP error page may say; it comes first, like the head it is in.
  const title = foldWhitespace(doc.title);
  if (HTTP_ERROR.test(title) && !shown.some((candidate) => candidate.kind === 'http')) {
    seen.add(title);
    messages.push({ text: capLength(title, MAX_ERROR_LENGTH), kind: 'http' });
  }
  for (const { el, kind, field, text } of shown) {
    // A message inside another shown message is already part of that message's text.
    if (hasAncestorIn(el, shownElements) || seen.has(text)) continue;
    seen.add(text);
    const message: ErrorMessage = { text: capLength(text, MAX_ERROR_LENGTH), kind };
    if (field) message.field = field;
    messages.push(message);
  }
  return messages;
}
