/**
 * The compatibility engine: html2canvas drawing a band of the page, element by element, from
 * the live page. It runs in the page's own world (extension/page-compat, injected with
 * scripting's world 'MAIN'): in Firefox's content-script world html2canvas cannot read the
 * copy of the document it makes (Xray wrappers). The page's world is not trusted: the capture
 * engine (content-script world) asks for a band with a random token and takes back only a PNG
 * Blob of the expected size under that token; masks are burned in afterwards by the engine.
 *
 * In the copy html2canvas draws, fields show what the page served (their markup), never what
 * the user typed or chose; contenteditable text is left out; masked elements are emptied; the
 * sidebar is left out.
 */
import type { Rect } from './geometry';
import { EDITABLE_TEXT, matching } from './mask';

export const COMPAT_REQUEST = 'chorus-pro-compat/render';
export const COMPAT_ANSWER = 'chorus-pro-compat/image';

export interface CompatRequest {
  type: typeof COMPAT_REQUEST;
  token: string;
  /** The band, in CSS px of the document. */
  region: Rect;
  /** Image px per CSS px. */
  scale: number;
  /** Width the page lays out in (the sidebar's margin left out). */
  layoutWidth: number;
  exclude: string[];
  masked: string[];
}

export type CompatAnswer = { type: typeof COMPAT_ANSWER; token: string; image: Blob } | { type: typeof COMPAT_ANSWER; token: string; error: string };

/** The part of html2canvas's options this engine sets. */
export interface Html2CanvasOptions {
  x: number;
  y: number;
  width: number;
  height: number;
  scale: number;
  windowWidth: number;
  windowHeight: number;
  backgroundColor: string | null;
  useCORS: boolean;
  allowTaint: boolean;
  logging: boolean;
  ignoreElements(element: Element): boolean;
  onclone(copy: Document): void;
}
export type Html2Canvas = (element: HTMLElement, options: Partial<Html2CanvasOptions>) => Promise<HTMLCanvasElement>;

/** A bigger answer is refused: a band is at most 24 Mpx (tiles.ts), far under this as PNG. */
const MAX_ANSWER_BYTES = 64 * 1024 * 1024;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const isStrings = (value: unknown): value is string[] => Array.isArray(value) && value.every((item) => typeof item === 'string');

export function isCompatRequest(value: unknown): value is CompatRequest {
  if (!isObject(value) || value.type !== COMPAT_REQUEST || typeof value.token !== 'string') return false;
  const region = value.region;
  return (
    isObject(region) &&
    ['x', 'y', 'width', 'height'].every((key) => isNumber(region[key])) &&
    isNumber(value.scale) &&
    value.scale > 0 &&
    isNumber(value.layoutWidth) &&
    isStrings(value.exclude) &&
    isStrings(value.masked)
  );
}

/** A Blob, whatever world made it (instanceof fails across Firefox's compartments). */
const isBlob = (value: unknown): value is Blob => (value instanceof Blob || Object.prototype.toString.call(value) === '[object Blob]') && isNumber((value as Blob).size);

/**
 * Fields as the page served them, in html2canvas's copy of the document (it copies the current
 * value of fields): typed text, choices and ticks back to the markup's, contenteditable text
 * removed, masked elements emptied and hidden. Hidden, as in the SVG copy: the copy is made when
 * a band is drawn, after the masks were measured, and a field the page moved since would show
 * beside its black box.
 */
export function showAsServed(copy: Document, masked: readonly string[]): void {
  const roots: ParentNode[] = [copy];
  for (const element of copy.querySelectorAll('*')) if (element.shadowRoot) roots.push(element.shadowRoot);
  for (const root of roots) {
    for (const input of root.querySelectorAll('input')) {
      input.value = input.defaultValue;
      input.checked = input.defaultChecked;
    }
    for (const area of root.querySelectorAll('textarea')) area.value = area.defaultValue;
    for (const option of root.querySelectorAll('option')) option.selected = option.defaultSelected;
    for (const editable of root.querySelectorAll(EDITABLE_TEXT)) editable.textContent = '';
    for (const element of matching(root, masked)) {
      if (element instanceof copy.defaultView!.HTMLInputElement) {
        element.removeAttribute('value');
        element.value = '';
      } else if (element.localName === 'textarea') {
        (element as HTMLTextAreaElement).value = '';
      } else element.textContent = '';
      (element as HTMLElement).style?.setProperty('visibility', 'hidden', 'important');
    }
  }
}

/** Draws one band with html2canvas, as a PNG Blob. Runs in the page's world. */
export async function renderBand(html2canvas: Html2Canvas, view: Window, request: CompatRequest): Promise<Blob> {
  const { region, scale } = request;
  const canvas = await html2canvas(view.document.documentElement, {
    x: region.x,
    y: region.y,
    width: region.width,
    height: region.height,
    scale,
    windowWidth: request.layoutWidth,
    windowHeight: view.innerHeight,
    backgroundColor: null,
    // Another site's picture is drawn when its server allows it (CORS), skipped otherwise: a
    // tainted canvas could not be read at all.
    useCORS: true,
    allowTaint: false,
    logging: false,
    ignoreElements: (element) => request.exclude.some((selector) => element.matches(selector)),
    onclone: (copy) => showAsServed(copy, request.masked),
  });
  return new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the band could not be encoded'))), 'image/png'));
}

/** The page-world side: answers each request with its token. Installed once per page. */
export function installCompatRunner(view: Window, html2canvas: Html2Canvas): void {
  const marker = view as Window & { chorusProCompatRunner?: true };
  if (marker.chorusProCompatRunner) return;
  marker.chorusProCompatRunner = true;
  view.addEventListener('message', (event: MessageEvent) => {
    if (event.source !== view || !isCompatRequest(event.data)) return;
    const { token } = event.data;
    const answer = (body: { image: Blob } | { error: string }) => view.postMessage({ type: COMPAT_ANSWER, token, ...body }, view.location.origin);
    renderBand(html2canvas, view, event.data).then(
      (image) => answer({ image }),
      (error: unknown) => answer({ error: error instanceof Error ? error.message : String(error) }),
    );
  });
}

/** 128 random bits, hex. */
export function randomToken(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * The content-script side: asks the page-world runner for a band and takes back only a PNG Blob
 * under the request's token, from this window, within `timeoutMs`.
 */
export function requestBand(view: Window, request: Omit<CompatRequest, 'type' | 'token'>, timeoutMs: number, token = randomToken()): Promise<Blob> {
  return new Promise((resolve, reject) => {
    const finish = (settle: () => void) => {
      view.removeEventListener('message', listen);
      clearTimeout(timer);
      settle();
    };
    const timer = setTimeout(() => finish(() => reject(new Error('the compatibility engine did not answer'))), timeoutMs);
    function listen(event: MessageEvent) {
      const data: unknown = event.data;
      if (event.source !== view || !isObject(data) || data.type !== COMPAT_ANSWER || data.token !== token) return;
      const { image, error } = data;
      if (typeof error === 'string') return finish(() => reject(new Error(`the compatibility engine failed: ${error}`)));
      if (!isBlob(image) || image.type !== 'image/png' || image.size > MAX_ANSWER_BYTES) return finish(() => reject(new Error('the compatibility engine answered something else than an image')));
      finish(() => resolve(image));
    }
    view.addEventListener('message', listen);
    view.postMessage({ ...request, type: COMPAT_REQUEST, token }, view.location.origin);
  });
}
