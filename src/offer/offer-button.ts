/**
 * The in-page "Besoin d'aide ?" offer beside the first error a portal page shows: a host element
 * of ours right after the error in the document (so Tab reaches it right after the error), taken
 * out of the page's flow (position absolute: the page's layout does not move) and placed beside
 * the error, never over it. Its buttons live in a closed shadow root; the host's attributes and
 * place are watched and put back, so the page can neither restyle nor move it. The error's text
 * reaches the button as text only (textContent, attributes), never as markup.
 */
import { helpLabelFor, type OfferTexts } from './offer-texts';
import { placeOffer } from './placement';

export type DismissScope = 'page' | 'everywhere';

export interface OfferActions {
  /** "Besoin d'aide ?" pressed by the user. */
  open(error: string): void;
  /** The user declined the offer on this page, or everywhere; the button is already gone. */
  dismiss(scope: DismissScope): void;
  /** Whether an event comes from the user (event.isTrusted): a page's scripts cannot press our buttons. */
  trusted?: (event: Event) => boolean;
}

export interface OfferButton {
  /** The error it stands beside. */
  readonly error: Element;
  remove(): void;
}

export const OFFER_HOST_TAG = 'chorus-pro-aide-offre';

// Taken once, before any page script could replace them on the page's prototypes.
const attachShadow = Element.prototype.attachShadow;

// The browser's default sans-serif, not system-ui: the first use of the system's UI font in a
// page's process is a font lookup laid on the portal page's main thread (2-3 ms in Firefox).
const STYLE =
  ':host{all:initial}' +
  '.offer{display:flex;gap:6px;align-items:center;padding:3px;border-radius:6px;background:#fff;color:#1e1e1e;' +
  'box-shadow:0 1px 4px rgb(0 0 0 / 30%);font:14px/1.3 sans-serif;white-space:nowrap}' +
  'button{font:inherit;cursor:pointer;border-radius:4px;padding:4px 8px;border:1px solid #000091}' +
  '.help{background:#000091;color:#fff;font-weight:600}' +
  '.decline{background:#fff;color:#000091;font-size:12px;padding:2px 6px}' +
  'button:focus-visible{outline:3px solid #0a76f6;outline-offset:2px}';

export function showOfferButton(doc: Document, error: { el: Element; text: string }, texts: OfferTexts, actions: OfferActions): OfferButton {
  const win = doc.defaultView ?? window;
  const trusted = actions.trusted ?? ((event: Event) => event.isTrusted);
  const host = doc.createElement(OFFER_HOST_TAG);
  let position = { left: 0, top: 0 };
  const styleOf = () =>
    ['all: initial', 'position: absolute', `left: ${position.left}px`, `top: ${position.top}px`, 'z-index: 2147483646', 'display: block', 'margin: 0', 'transform: none']
      .map((rule) => `${rule} !important`)
      .join(';');

  const root = attachShadow.call(host, { mode: 'closed' });
  const style = doc.createElement('style');
  style.textContent = STYLE;
  const group = doc.createElement('div');
  group.className = 'offer';
  group.setAttribute('role', 'group');
  group.setAttribute('aria-label', texts.group);
  const button = (className: string, text: string, label: string | null, onPress: () => void) => {
    const element = doc.createElement('button');
    element.type = 'button';
    element.className = className;
    element.textContent = text;
    if (label) element.setAttribute('aria-label', label);
    element.addEventListener('click', (event) => {
      if (trusted(event)) onPress();
    });
    return element;
  };
  const declined = (scope: DismissScope) => () => {
    remove();
    actions.dismiss(scope);
  };
  group.append(
    button('help', texts.help, helpLabelFor(texts, error.text), () => actions.open(error.text)),
    button('decline', texts.declinePage, null, declined('page')),
    button('decline', texts.declineAll, null, declined('everywhere')),
  );
  root.append(style, group);

  /** Right after the error, beside it: where the page put it back if it moved or restyled it. */
  function place() {
    if (error.el.nextSibling !== host) error.el.after(host);
    position = { left: 0, top: 0 };
    host.setAttribute('style', styleOf());
    // Measured from where the host sits at (0, 0) of its containing block.
    const origin = host.getBoundingClientRect();
    const box = group.getBoundingClientRect();
    const target = placeOffer(error.el.getBoundingClientRect(), box, doc.documentElement.clientWidth || win.innerWidth);
    position = { left: Math.round(target.left - origin.left), top: Math.round(target.top - origin.top) };
    host.setAttribute('style', styleOf());
  }

  const watcher = new MutationObserver(() => {
    if (!error.el.isConnected) return remove();
    const attributes = host.getAttributeNames();
    if (error.el.nextSibling !== host || attributes.length !== 1 || host.getAttribute('style') !== styleOf()) {
      for (const name of attributes) host.removeAttribute(name);
      place();
    }
  });
  const onResize = () => place();

  function remove() {
    watcher.disconnect();
    win.removeEventListener('resize', onResize);
    host.remove();
  }

  place();
  watcher.observe(host, { attributes: true });
  if (error.el.parentNode) watcher.observe(error.el.parentNode, { childList: true });
  win.addEventListener('resize', onResize, { passive: true });
  return { error: error.el, remove };
}
