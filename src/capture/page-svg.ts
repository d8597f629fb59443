/**
 * The page as an SVG image, for "Page entière": a copy of the document in a <foreignObject>,
 * with the page's own style sheets and its images and fonts inlined, which the browser lays out
 * and paints itself when the image is drawn on a canvas. Script re-drawing every element
 * (html2canvas) took 11 s on the 2,000-row invoice list; the browser's own painting takes about
 * a tenth of that, and draws what the page shows (its layout, fonts, pseudo-elements).
 *
 * An SVG image is a closed world: no script runs in it and it loads nothing, so everything it
 * shows is in the markup (same-origin style sheets' rules, images and fonts as data: URLs).
 * Text of the page stays text: the copy is serialised as XML, never parsed from strings. Fields
 * show what the page's markup holds, never what the user typed or chose in them.
 * Masked elements are emptied in the copy as well as covered by the burned-in rectangles, so a
 * difference of layout between the page and the copy cannot uncover one.
 *
 * Runs in the page (injected by extension/page-capture), on the live document.
 */
import { dataUrlOfBlob } from '../data-url';
import type { Size } from './geometry';
import { EDITABLE_TEXT, matching } from './mask';

export interface PageSvgOptions {
  /** Elements left out of the image (the sidebar's host). */
  exclude: readonly string[];
  /** Elements drawn as empty boxes (masked: the burned-in rectangles cover them too). */
  masked: readonly string[];
  /** Fetches a resource to inline; defaults to fetch() (same-origin or CORS). */
  fetchResource?: (url: string) => Promise<Blob>;
}

export interface PageSvg {
  /** The image's markup, of the size asked for, in CSS px (draw it at any scale: it is vectors and text). */
  svg: string;
  /** Colour under the page (the page's own background, white when it has none). */
  background: string;
  /** Resources inlined, and those left out (cross-origin without CORS, too big, unreachable). */
  inlined: number;
  missed: number;
}

/** One resource bigger than this is left out (a font or picture this size is not a screenshot's). */
const MAX_RESOURCE_BYTES = 4 * 1024 * 1024;
/** All inlined resources together. */
const MAX_TOTAL_BYTES = 16 * 1024 * 1024;
/** Drawn when an image cannot be inlined: keeps the box, shows nothing that is not there. */
const EMPTY_IMAGE = 'data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7';
const URL_IN_CSS = /url\(\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|([^)'"\s]*))\s*\)/g;
const XHTML = 'http://www.w3.org/1999/xhtml';

/** Resources fetched once each, within the byte budget; a failure is a missed resource, not an error. */
class Inliner {
  private readonly cache = new Map<string, Promise<string | null>>();
  private total = 0;
  inlined = 0;
  missed = 0;

  constructor(private readonly fetchResource: (url: string) => Promise<Blob>) {}

  /** A style sheet's text (another site's, which the page may use but not read). */
  async text(url: string): Promise<string | null> {
    const blob = await this.blob(url);
    return blob && blob.text();
  }

  dataUrl(url: string): Promise<string | null> {
    let pending = this.cache.get(url);
    if (!pending) {
      pending = this.load(url);
      this.cache.set(url, pending);
    }
    return pending;
  }

  private async load(url: string): Promise<string | null> {
    const blob = await this.blob(url);
    return blob && dataUrlOfBlob(blob);
  }

  /** The resource, within the byte budget; null (and counted as missed) when it cannot be had. */
  private async blob(url: string): Promise<Blob | null> {
    try {
      const blob = await this.fetchResource(url);
      if (blob.size > MAX_RESOURCE_BYTES || this.total + blob.size > MAX_TOTAL_BYTES) throw new Error('too big');
      this.total += blob.size;
      this.inlined++;
      return blob;
    } catch {
      this.missed++;
      return null;
    }
  }
}

async function defaultFetch(url: string): Promise<Blob> {
  const response = await fetch(url, { credentials: 'same-origin' });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return response.blob();
}

/** An absolute http(s) address, or null for what needs no fetching (data:, fragments) or cannot be fetched. */
function fetchable(raw: string, base: string): string | null {
  const trimmed = raw.trim();
  if (trimmed === '' || trimmed.startsWith('#') || /^data:/i.test(trimmed)) return null;
  try {
    const url = new URL(trimmed, base);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

/** Every url() of a style text replaced by the resource's data: URL (or removed when it cannot be had). */
async function inlineUrls(css: string, base: string, inliner: Inliner): Promise<string> {
  const urls = new Set<string>();
  for (const match of css.matchAll(URL_IN_CSS)) {
    const url = fetchable(match[1] ?? match[2] ?? match[3] ?? '', base);
    if (url) urls.add(url);
  }
  if (urls.size === 0) return css;
  const found = new Map<string, string | null>();
  await Promise.all([...urls].map(async (url) => found.set(url, await inliner.dataUrl(url))));
  return css.replace(URL_IN_CSS, (whole, double?: string, single?: string, bare?: string) => {
    const url = fetchable(double ?? single ?? bare ?? '', base);
    if (!url) return whole;
    const dataUrl = found.get(url);
    return dataUrl ? `url("${dataUrl}")` : 'none';
  });
}

/** Viewport units: inside an SVG image they are relative to the image (the whole page), not to the window. */
const VIEWPORT_LENGTH = /(-?(?:\d+\.?\d*|\.\d+))(d|s|l)?(vh|vw|vmin|vmax)\b/g;

/** Viewport lengths of a style text in px of the window the page is shown in. */
export function fixViewportUnits(css: string, viewport: { width: number; height: number }): string {
  return css.replace(VIEWPORT_LENGTH, (_whole, number: string, _kind: string | undefined, unit: string) => {
    const side = { vh: viewport.height, vw: viewport.width, vmin: Math.min(viewport.width, viewport.height), vmax: Math.max(viewport.width, viewport.height) }[unit]!;
    return `${(Number(number) * side) / 100}px`;
  });
}

type SheetText = { css: string; base: string } | { fetch: string; media: string };

/** A sheet's media condition (a `media` attribute, an @import's), or '' when it always applies. */
function mediaOf(sheet: CSSStyleSheet): string {
  const media = sheet.media?.mediaText?.trim() ?? '';
  return media === 'all' ? '' : media;
}

const withinMedia = (css: string, media: string) => (media ? `@media ${media} {\n${css}}\n` : css);

/** The rules of a sheet as text, @import followed (their own base), each under its sheet's media condition. */
function sheetTexts(sheet: CSSStyleSheet, base: string, out: SheetText[], outerMedia = ''): void {
  const own = sheet.href ?? base;
  const media = [outerMedia, mediaOf(sheet)].filter(Boolean).join(' and ');
  let rules: CSSRuleList;
  try {
    rules = sheet.cssRules;
  } catch {
    // Another site's sheet without CORS: its rules cannot be read here; fetched again below.
    if (sheet.href) out.push({ fetch: sheet.href, media });
    return;
  }
  let text = '';
  const flush = () => {
    if (text) out.push({ css: withinMedia(text, media), base: own });
    text = '';
  };
  for (const rule of rules) {
    // An @import: its own rules, with its own base address.
    if ('styleSheet' in rule && 'href' in rule) {
      flush();
      const imported = (rule as CSSImportRule).styleSheet;
      if (imported) sheetTexts(imported, own, out, media);
      continue;
    }
    text += `${rule.cssText}\n`;
  }
  flush();
}

/** The page's style, in order: every sheet (linked, <style>, adopted), urls inlined. */
async function pageStyle(doc: Document, viewport: Size, inliner: Inliner): Promise<string> {
  const texts: SheetText[] = [];
  const sheets = [...doc.styleSheets, ...(doc.adoptedStyleSheets ?? [])];
  for (const sheet of sheets) {
    if (sheet.disabled) continue;
    sheetTexts(sheet, doc.baseURI, texts);
  }
  const inlined = await Promise.all(
    texts.map(async (text) => {
      if ('css' in text) return inlineUrls(fixViewportUnits(text.css, viewport), text.base, inliner);
      const css = await inliner.text(text.fetch);
      return css === null ? '' : inlineUrls(fixViewportUnits(withinMedia(css, text.media), viewport), text.fetch, inliner);
    }),
  );
  return inlined.join('\n');
}

/** Pairs of (live element, its copy) for a selector: a deep copy keeps the order of elements. */
function pairs<T extends Element>(live: ParentNode, copy: ParentNode, selector: string): [T, T][] {
  const originals = live.querySelectorAll<T>(selector);
  const copies = copy.querySelectorAll<T>(selector);
  const out: [T, T][] = [];
  for (let i = 0; i < Math.min(originals.length, copies.length); i++) out.push([originals[i]!, copies[i]!]);
  return out;
}

/** Pictures: the one the page shows (currentSrc), inlined; a canvas as its current pixels. */
async function copyImages(live: Element, copy: Element, doc: Document, inliner: Inliner): Promise<void> {
  const work: Promise<void>[] = [];
  for (const [image, twin] of pairs<HTMLImageElement>(live, copy, 'img')) {
    const box = image.getBoundingClientRect();
    twin.removeAttribute('srcset');
    twin.removeAttribute('sizes');
    twin.removeAttribute('loading');
    // The box the page gave it, whether or not the picture can be inlined.
    twin.setAttribute('width', String(Math.round(box.width)));
    twin.setAttribute('height', String(Math.round(box.height)));
    const url = image.currentSrc || image.src;
    if (/^data:/i.test(url)) continue;
    const source = fetchable(url, doc.baseURI);
    twin.setAttribute('src', EMPTY_IMAGE);
    if (source) work.push(inliner.dataUrl(source).then((dataUrl) => void (dataUrl && twin.setAttribute('src', dataUrl))));
  }
  // <source> would override the inlined src of its <img>.
  for (const source of copy.querySelectorAll('picture > source')) source.remove();
  for (const [canvas, twin] of pairs<HTMLCanvasElement>(live, copy, 'canvas')) {
    const box = canvas.getBoundingClientRect();
    const picture = doc.createElementNS(XHTML, 'img');
    for (const name of ['id', 'class', 'style']) {
      const value = canvas.getAttribute(name);
      if (value !== null) picture.setAttribute(name, value);
    }
    picture.setAttribute('width', String(Math.round(box.width)));
    picture.setAttribute('height', String(Math.round(box.height)));
    let pixels = EMPTY_IMAGE;
    try {
      pixels = canvas.toDataURL('image/png');
    } catch {
      // A canvas holding another site's pixels cannot be read: an empty box.
    }
    picture.setAttribute('src', pixels);
    twin.replaceWith(picture);
  }
  await Promise.all(work);
}

/** url() in style attributes (a background set by the page's script or markup), inlined like the sheets'. */
async function inlineStyleAttributes(copy: Element, base: string, viewport: Size, inliner: Inliner): Promise<void> {
  await Promise.all(
    [...copy.querySelectorAll('[style*="url("], [style*="vh"], [style*="vw"], [style*="vmin"], [style*="vmax"]')].map(async (element) => {
      element.setAttribute('style', await inlineUrls(fixViewportUnits(element.getAttribute('style') ?? '', viewport), base, inliner));
    }),
  );
}

/** The colour under the page, as the browser paints it (the root's, else the body's). */
export function pageBackground(doc: Document, view: Window): string {
  const transparent = (colour: string) => colour === 'transparent' || /^rgba\(.*,\s*0\)$/.test(colour);
  for (const element of [doc.documentElement, doc.body]) {
    if (!element) continue;
    const colour = view.getComputedStyle(element).backgroundColor;
    if (colour && !transparent(colour)) return colour;
  }
  return '#ffffff';
}

/**
 * The document as an SVG image of `size` (CSS px; the page's size, the sidebar's margin left out
 * by the caller). `layoutWidth` is the width the page lays out in (without a scrollbar).
 */
export async function pageToSvg(doc: Document, view: Window, size: Size, layoutWidth: number, options: PageSvgOptions): Promise<PageSvg> {
  const inliner = new Inliner(options.fetchResource ?? defaultFetch);
  const live = doc.documentElement;
  // Fields come as the page's markup has them: what the user typed or chose is never read
  // (a copy keeps attributes, not a field's current value).
  const copy = live.cloneNode(true) as HTMLElement;
  const viewport = { width: layoutWidth, height: view.innerHeight };
  const [css] = await Promise.all([pageStyle(doc, viewport, inliner), copyImages(live, copy, doc, inliner), inlineStyleAttributes(copy, doc.baseURI, viewport, inliner)]);
  // Text typed into an editable element is the user's, not the page's.
  for (const editable of copy.querySelectorAll(EDITABLE_TEXT)) editable.textContent = '';
  for (const element of matching(copy, options.masked)) {
    element.setAttribute('data-chorus-pro-masked', '');
    if (element.localName === 'input') element.removeAttribute('value');
    if (element.localName === 'textarea') element.textContent = '';
  }
  // Style is in the one sheet below; what would run or load is dropped (frames keep their box, empty).
  for (const element of matching(copy, [...options.exclude, 'script', 'noscript', 'template', 'link', 'style'])) element.remove();
  // The sidebar's room on the page is not part of it.
  copy.style.removeProperty('margin-right');
  copy.style.setProperty('width', `${layoutWidth}px`);
  const head = copy.querySelector('head') ?? copy.insertBefore(doc.createElementNS(XHTML, 'head'), copy.firstChild);
  const style = doc.createElementNS(XHTML, 'style');
  style.textContent = `${css}\n[data-chorus-pro-masked], [data-chorus-pro-masked] * { visibility: hidden !important; }\n`;
  head.append(style);
  const markup = new XMLSerializer().serializeToString(copy);
  const { width, height } = size;
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">` +
    `<foreignObject x="0" y="0" width="${width}" height="${height}">${markup}</foreignObject></svg>`;
  return { svg, background: pageBackground(doc, view), inlined: inliner.inlined, missed: inliner.missed };
}
