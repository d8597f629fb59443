/**
 * Which engine draws a page: the SVG route (page-svg.ts, the browser painting a copy of the
 * page; about ten times faster on long lists) unless the page holds what that copy cannot show,
 * or its image comes back blank; then html2canvas (page-compat.ts), which draws element by
 * element from the live page and so follows scrolled panes, open shadow roots and fixed bars.
 * A same-origin frame's content neither engine draws (html2canvas leaves its box empty too, in
 * both browsers): it sends the page to html2canvas all the same, whose image of the rest came
 * out closer to the browser's, and the image says the frame is missing. Runs in the page, on
 * the live document.
 */

export type EngineName = 'svg' | 'html2canvas';
export type EngineRequest = 'auto' | EngineName;

/** What the SVG copy cannot draw, found in the page before it is copied. */
export type Undrawable = 'frame' | 'scrolled-pane' | 'shadow-root' | 'fixed-position';

export const NOT_DRAWN: readonly NotDrawn[] = ['frame', 'scrolled-pane', 'shadow-root', 'fixed-position', 'other-site-frames', 'other-site-pictures'];

/** What an image may lack, said to the user: what the SVG copy loses, and what neither engine may read (another site's frames, its pictures served without CORS). */
export type NotDrawn = Undrawable | 'other-site-frames' | 'other-site-pictures';

/** Why the automatic choice went to html2canvas (or 'asked': the user's "compatibility" recapture). */
export type FallbackReason = Undrawable | 'asked' | 'decode' | 'tainted' | 'blank';

/** Below this many elements a frame counts as empty (an about:blank placeholder). */
const FRAME_MIN_ELEMENTS = 4;

/** Elements of a document and of every open shadow root under it, without recursion limits on the page's depth. */
function* elementsOf(root: Document | ShadowRoot): Generator<Element> {
  const pending: (Document | ShadowRoot)[] = [root];
  for (let next = pending.pop(); next; next = pending.pop()) {
    for (const element of next.querySelectorAll('*')) {
      yield element;
      if (element.shadowRoot) pending.push(element.shadowRoot);
    }
  }
}

/** A frame's document when the page may read it (same origin), else null. */
export function frameDocument(frame: HTMLIFrameElement | HTMLFrameElement): Document | null {
  try {
    return frame.contentDocument;
  } catch {
    return null;
  }
}

const isFrame = (element: Element): element is HTMLIFrameElement => element.localName === 'iframe' || element.localName === 'frame';

/** A box the user sees part of: laid out and not hidden. */
function shown(element: Element, view: Window): boolean {
  const box = element.getBoundingClientRect();
  return box.width > 0 && box.height > 0 && view.getComputedStyle(element).visibility !== 'hidden';
}

/**
 * What the SVG copy of this page would lose: a frame with content (copied as an empty box), a
 * pane scrolled inside the page (copied scrolled to its top), an open shadow root (not in the
 * markup a copy serialises), and for the visible area of a scrolled page, fixed or sticky
 * elements (the copy places them against the top of the page, not of the window). Each kind
 * once, in a stable order. The document's own scrolling is not a scrolled pane: the image is
 * cut from the whole page.
 */
export function findUndrawable(doc: Document, view: Window, options: { viewport?: boolean } = {}): Undrawable[] {
  const placedByWindow = options.viewport === true && view.scrollY > 0;
  const found = new Set<Undrawable>();
  const root = doc.documentElement;
  for (const element of elementsOf(doc)) {
    if (element.shadowRoot && element.shadowRoot.childElementCount > 0 && shown(element, view)) found.add('shadow-root');
    if (isFrame(element) && shown(element, view)) {
      const inner = frameDocument(element);
      if (inner && inner.querySelectorAll('*').length >= FRAME_MIN_ELEMENTS) found.add('frame');
    }
    if (element !== root && element !== doc.body && (element.scrollTop > 0 || element.scrollLeft > 0) && shown(element, view)) found.add('scrolled-pane');
    if (placedByWindow && !found.has('fixed-position') && /^(fixed|sticky)$/.test(view.getComputedStyle(element).position) && shown(element, view)) found.add('fixed-position');
  }
  return (['frame', 'scrolled-pane', 'shadow-root', 'fixed-position'] as const).filter((kind) => found.has(kind));
}

/** Channel difference under which a pixel counts as the background colour. */
const BLANK_TOLERANCE = 8;

/** `rgb(r, g, b)` / `rgba(r, g, b, a)` / `#rrggbb` as channels; white for anything else. */
export function parseColour(colour: string): [number, number, number] {
  const rgb = /^rgba?\(\s*(\d+)[,\s]+(\d+)[,\s]+(\d+)/i.exec(colour);
  if (rgb) return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])];
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(colour);
  if (hex) return [parseInt(hex[1]!, 16), parseInt(hex[2]!, 16), parseInt(hex[3]!, 16)];
  return [255, 255, 255];
}

/**
 * Whether a downscaled image (RGBA bytes) is nothing but the page's background: an SVG copy the
 * browser declined to paint comes back as an empty canvas filled with the background only. Only
 * meaningful while the page shows text in that band (the caller checks).
 */
export function looksBlank(pixels: ArrayLike<number>, background: string): boolean {
  const [r, g, b] = parseColour(background);
  for (let i = 0; i + 3 < pixels.length; i += 4) {
    if (Math.abs(pixels[i]! - r) > BLANK_TOLERANCE || Math.abs(pixels[i + 1]! - g) > BLANK_TOLERANCE || Math.abs(pixels[i + 2]! - b) > BLANK_TOLERANCE) return false;
  }
  return true;
}

/** Whether the page shows any text between `top` and `bottom` (CSS px of the document). */
export function showsText(doc: Document, view: Window, top: number, bottom: number): boolean {
  const walker = doc.createTreeWalker(doc.body ?? doc.documentElement, 4 /* NodeFilter.SHOW_TEXT */);
  const range = doc.createRange();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.nodeValue || node.nodeValue.trim() === '') continue;
    range.selectNodeContents(node);
    for (const box of range.getClientRects()) {
      const y = box.top + view.scrollY;
      if (box.width > 0 && box.height > 0 && y < bottom && y + box.height > top) return true;
    }
  }
  return false;
}

/** Another site's frames and pictures shown on the page: neither engine may read them (a picture is drawn only when its site allows it). */
export function findOtherSite(doc: Document, view: Window): NotDrawn[] {
  const origin = view.location.origin;
  const foreign = (address: string) => {
    try {
      const url = new URL(address, doc.baseURI);
      return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin !== origin;
    } catch {
      return false;
    }
  };
  const found: NotDrawn[] = [];
  const frames = [...doc.querySelectorAll<HTMLIFrameElement>('iframe, frame')];
  if (frames.some((frame) => shown(frame, view) && frameDocument(frame) === null && foreign(frame.src))) found.push('other-site-frames');
  const pictures = [...doc.querySelectorAll('img')];
  if (pictures.some((picture) => shown(picture, view) && foreign(picture.currentSrc || picture.src))) found.push('other-site-pictures');
  return found;
}
