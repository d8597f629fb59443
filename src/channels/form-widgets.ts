/**
 * A person's actions on a portal page, as events: pressing a button or a widget, typing into
 * a box, picking an option of a choice widget by its visible label. Portals built on widget
 * libraries (the services portal's select2 fields) listen to these events, not to the hidden
 * controls: setting a hidden value leaves the widget, and the form the portal sends, unchanged.
 */
import type { WidgetLocator } from '../context/profiles/index';
import { isVisible } from '../context/visibility';
import { foldWhitespace } from '../context/text';

/** Lowercase, no accents, no mandatory "*" or trailing colon, whitespace folded. */
export function normalize(text: string): string {
  return foldWhitespace(text.normalize('NFD').replace(/\p{M}/gu, '').replace(/[*:]/g, ' ')).toLowerCase();
}

/** How often a wait looks again at the page. */
const POLL_MS = 25;

/** Resolves with `probe`'s first truthy answer, or undefined once `timeoutMs` has passed. */
export async function waitUntil<T>(probe: () => T | null | undefined | false, timeoutMs: number): Promise<T | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = probe();
    if (found) return found;
    if (Date.now() >= deadline) return undefined;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

function mouse(element: Element, type: string): void {
  element.dispatchEvent(new MouseEvent(type, { bubbles: true, cancelable: true, composed: true, button: 0, view: element.ownerDocument.defaultView }));
}

function key(element: Element, type: 'keydown' | 'keypress' | 'keyup', keyName: string): void {
  element.dispatchEvent(new KeyboardEvent(type, { bubbles: true, cancelable: true, composed: true, key: keyName }));
}

/** A click as a person makes it: pointer down and up over the element, then the click. */
export function press(element: HTMLElement): void {
  mouse(element, 'pointerdown');
  mouse(element, 'mousedown');
  element.focus({ preventScroll: true });
  mouse(element, 'pointerup');
  mouse(element, 'mouseup');
  mouse(element, 'click');
}

/** A key pressed and released on the element (Escape, Enter…). */
export function pressKey(element: Element, keyName: string): void {
  key(element, 'keydown', keyName);
  key(element, 'keyup', keyName);
}

const prototypeOf = (element: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement) =>
  element.localName === 'select' ? HTMLSelectElement.prototype : element.localName === 'textarea' ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;

/**
 * Sets a value through the prototype's setter: pages built with React and the like watch the
 * element's own `value` property and would miss a plain assignment.
 */
function setNativeValue(element: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement, value: string): void {
  const setter = Object.getOwnPropertyDescriptor(prototypeOf(element), 'value')?.set;
  if (setter) setter.call(element, value);
  else element.value = value;
}

function inputEvent(element: Element, data: string | null, inputType: string): void {
  element.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, data, inputType }));
}

/**
 * Puts a whole value in a field as a paste would, with the events of a person's visit: focus,
 * input, change, and blur when leaving it (the portal checks and formats fields on blur).
 */
export function enterValue(element: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement, value: string): void {
  element.focus({ preventScroll: true });
  setNativeValue(element, value);
  if (element.localName === 'select') element.dispatchEvent(new Event('input', { bubbles: true }));
  else inputEvent(element, value, 'insertFromPaste');
  element.dispatchEvent(new Event('change', { bubbles: true }));
  element.blur();
}

/** Types `text` key by key into a search box, emptied first: what a widget's search listens to. */
export function typeInto(element: HTMLInputElement, text: string): void {
  element.focus({ preventScroll: true });
  setNativeValue(element, '');
  inputEvent(element, null, 'deleteContentBackward');
  for (const character of text) {
    key(element, 'keydown', character);
    key(element, 'keypress', character);
    setNativeValue(element, element.value + character);
    inputEvent(element, character, 'insertText');
    key(element, 'keyup', character);
  }
}

function first(root: ParentNode, selectors: readonly string[]): HTMLElement | null {
  for (const selector of selectors) {
    const found = root.querySelector<HTMLElement>(selector);
    if (found) return found;
  }
  return null;
}

function firstVisible(doc: Document, selectors: readonly string[]): HTMLElement | null {
  for (const selector of selectors) {
    const found = [...doc.querySelectorAll<HTMLElement>(selector)].find(isVisible);
    if (found) return found;
  }
  return null;
}

const escapeId = (id: string) => (typeof CSS !== 'undefined' && CSS.escape ? CSS.escape(id) : id.replace(/[^\w-]/g, '\\$&'));

/** The widget drawn for a hidden control, or null when the control stands on its own. */
export function widgetOf(control: Element, widgets: WidgetLocator): HTMLElement | null {
  const doc = control.ownerDocument;
  if (control.id) {
    for (const selector of widgets.containers) {
      const found = doc.querySelector<HTMLElement>(selector.replaceAll('{id}', escapeId(control.id)));
      if (found) return found;
    }
  }
  const group = widgets.fieldGroups.length > 0 ? control.closest(widgets.fieldGroups.join(', ')) : null;
  return group ? first(group, widgets.inGroup) : null;
}

/** The text a widget shows for its choice. */
export function shownBy(widget: HTMLElement, widgets: WidgetLocator): string {
  return foldWhitespace((first(widget, widgets.shown) ?? widget).textContent ?? '');
}

/** How long a widget may take to open, or to list the results of what was typed (a reference field asks its server). */
export const WIDGET_WAIT_MS = 3000;

/**
 * Opens the widget, types each choice in turn into its search box, and picks the first result
 * whose visible label reads the choice (or, with `partial`, contains it). Resolves with the
 * label picked, or null when no result matched (the widget is closed again with Escape).
 */
export async function pickInWidget(widget: HTMLElement, widgets: WidgetLocator, choices: readonly string[], partial: boolean, waitMs = WIDGET_WAIT_MS): Promise<string | null> {
  const doc = widget.ownerDocument;
  press(first(widget, widgets.opener) ?? widget);
  const search = await waitUntil(() => firstVisible(doc, widgets.search) as HTMLInputElement | null, waitMs);
  if (!search) return null;
  for (const choice of choices) {
    const wanted = normalize(choice);
    if (!wanted) continue;
    typeInto(search, choice);
    const reads = (option: HTMLElement) => {
      const label = normalize(option.textContent ?? '');
      return label === wanted || (partial && label.includes(wanted));
    };
    const answer = await waitUntil(() => {
      const options = widgets.options.flatMap((selector) => [...doc.querySelectorAll<HTMLElement>(selector)]).filter(isVisible);
      const match = options.find(reads);
      if (match) return { match };
      return firstVisible(doc, widgets.noResults) ? { match: null } : undefined;
    }, waitMs);
    if (answer?.match) {
      const label = foldWhitespace(answer.match.textContent ?? '');
      press(answer.match);
      return label;
    }
  }
  pressKey(search, 'Escape');
  return null;
}
