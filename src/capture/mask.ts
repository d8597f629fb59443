/**
 * Automatic masking, before any screenshot is stored: password fields, the fields the portal
 * profile marks sensitive (IBAN/RIB, phone…) and the areas the user marked. The rectangles are
 * measured in the page (`collectMaskRects`, run by the page reader and by the capture
 * engine, page-engine.ts) and burned into the pixels (`burnMasks`): solid, opaque,
 * no layer that could be removed afterwards.
 */
import { listOf, profileFor } from '../context/profiles';
import { merge, rescale, toImageRects, type Frame, type Rect, type Size } from './geometry';

/** Masked on every page, whatever the profile says. */
export const ALWAYS_MASKED = ['input[type=password]', '[data-chorus-pro-mask]'] as const;
/** CSS px added around each box: borders and focus rings go too. */
export const MASK_PADDING = 2;
export const MASK_COLOUR = '#000000';
/** Elements whose text the user may have typed: never drawn in a copy of the page. */
export const EDITABLE_TEXT = '[contenteditable]:not([contenteditable="false"])';

export interface MaskOptions {
  /** Selectors of the portal profile (profile.sensitiveFields); defaults to the page's profile. */
  selectors?: readonly string[];
  /** Areas the user marked, in document CSS px (page coordinates, scroll-independent). */
  userAreas?: readonly Rect[];
  /** Which image the rectangles are for: the visible area (default) or the whole page. */
  origin?: Frame['origin'];
  /** Image pixels per CSS px; devicePixelRatio by default. */
  scale?: number;
}

/** What the page answers: rectangles in the image's pixels, and the image size they assume. */
export interface MaskPlan {
  rects: Rect[];
  image: Size;
  /** How many elements matched (visible or not), for the "n fields masked" line. */
  matched: number;
}

const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const isBox = (value: unknown, keys: readonly string[]) =>
  typeof value === 'object' && value !== null && keys.every((key) => isNumber((value as Record<string, unknown>)[key]));

/** Shape check of a plan coming back from the page's world. */
export function isMaskPlan(value: unknown): value is MaskPlan {
  if (typeof value !== 'object' || value === null) return false;
  const { rects, image, matched } = value as Record<string, unknown>;
  return Array.isArray(rects) && rects.every((rect) => isBox(rect, ['x', 'y', 'width', 'height'])) && isBox(image, ['width', 'height']) && isNumber(matched);
}

/** The selectors to mask on this page: always-masked ones plus the profile's (every profile's if none matches). */
export function maskSelectors(url: string, extra: readonly string[] = []): string[] {
  return [...new Set([...ALWAYS_MASKED, ...listOf(profileFor(url), 'sensitiveFields'), ...extra])];
}

/** Elements matching any selector; a broken selector (profile typo) is skipped, not fatal. */
export function matching(root: ParentNode, selectors: readonly string[]): Element[] {
  const found = new Set<Element>();
  for (const selector of selectors) {
    try {
      for (const element of root.querySelectorAll(selector)) found.add(element);
    } catch {
      // An invalid selector masks nothing more; the others still apply.
    }
  }
  return [...found];
}

/** Open shadow roots under a root, nested ones included. */
function shadowRootsUnder(root: ParentNode): ShadowRoot[] {
  const found: ShadowRoot[] = [];
  const pending: ParentNode[] = [root];
  for (let next = pending.pop(); next; next = pending.pop()) {
    for (const element of next.querySelectorAll('*')) {
      if (element.shadowRoot) {
        found.push(element.shadowRoot);
        pending.push(element.shadowRoot);
      }
    }
  }
  return found;
}

/**
 * Boxes (client CSS px of the top document) of every element matching the selectors in the
 * document, in its open shadow roots, and in its same-origin frames (their boxes moved by where
 * the frame's content sits). Another site's frame cannot be read, so cannot hold a field of the
 * portal's.
 */
function maskedBoxes(doc: Document, selectors: readonly string[], offset = { x: 0, y: 0 }, depth = 0): { boxes: Rect[]; matched: number } {
  const boxes: Rect[] = [];
  let matched = 0;
  for (const root of [doc, ...shadowRootsUnder(doc)]) {
    const elements = matching(root, selectors);
    matched += elements.length;
    for (const element of elements) {
      for (const box of element.getClientRects()) boxes.push({ x: box.left + offset.x, y: box.top + offset.y, width: box.width, height: box.height });
    }
  }
  // Frames within frames, a few levels down: deeper is not a layout a portal uses.
  if (depth < 3) {
    for (const frame of doc.querySelectorAll<HTMLIFrameElement>('iframe, frame')) {
      let inner: Document | null = null;
      try {
        inner = frame.contentDocument;
      } catch {
        // Another site's frame.
      }
      if (!inner) continue;
      const box = frame.getBoundingClientRect();
      const found = maskedBoxes(inner, selectors, { x: offset.x + box.left + frame.clientLeft, y: offset.y + box.top + frame.clientTop }, depth + 1);
      boxes.push(...found.boxes);
      matched += found.matched;
    }
  }
  return { boxes, matched };
}

/** Whether two plans mask the same places (within a pixel): the page did not move between the two measures. */
export function sameMasks(a: MaskPlan, b: MaskPlan): boolean {
  const close = (x: number, y: number) => Math.abs(x - y) <= 1;
  const key = (rect: Rect) => [rect.x, rect.y, rect.width, rect.height];
  if (a.image.width !== b.image.width || a.image.height !== b.image.height || a.rects.length !== b.rects.length) return false;
  return a.rects.every((rect, i) => key(rect).every((value, j) => close(value, key(b.rects[i]!)[j]!)));
}

/**
 * Runs IN THE PAGE (or in a clone of it): measures what to mask for an image of the visible area
 * (origin 'viewport', image = innerWidth × innerHeight × scale) or of the whole document
 * (origin 'page', image = scrollWidth × scrollHeight × scale).
 */
export function collectMaskRects(doc: Document, win: Window, options: MaskOptions = {}): MaskPlan {
  const origin = options.origin ?? 'viewport';
  const scale = options.scale ?? (win.devicePixelRatio || 1);
  const selectors = options.selectors ?? maskSelectors(win.location.href);
  const root = doc.documentElement;
  const css: Size =
    origin === 'page'
      ? { width: Math.max(root.scrollWidth, root.clientWidth), height: Math.max(root.scrollHeight, root.clientHeight) }
      : { width: win.innerWidth, height: win.innerHeight };
  const image: Size = { width: Math.floor(css.width * scale), height: Math.floor(css.height * scale) };
  const frame: Frame = { scrollX: win.scrollX, scrollY: win.scrollY, scale, origin, image };
  const { boxes, matched } = maskedBoxes(doc, selectors);
  // User areas are in page coordinates: back to client coordinates, as if measured now.
  for (const area of options.userAreas ?? []) {
    boxes.push({ x: area.x - win.scrollX, y: area.y - win.scrollY, width: area.width, height: area.height });
  }
  return { rects: toImageRects(boxes, frame, MASK_PADDING), image, matched };
}

type Context2D = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

/**
 * Paints each rectangle solid and opaque into the context's pixels. `plan.image` is the size the
 * rectangles were measured for; they are rescaled to the canvas when it differs.
 */
export function burnMasks(context: Context2D, rects: readonly Rect[], measuredFor?: Size, colour = MASK_COLOUR): number {
  const canvas = context.canvas;
  const target: Size = { width: canvas.width, height: canvas.height };
  const placed = measuredFor ? rescale(rects, measuredFor, target) : merge(rects);
  context.save();
  context.setTransform(1, 0, 0, 1, 0, 0);
  context.globalAlpha = 1;
  context.globalCompositeOperation = 'source-over';
  context.filter = 'none';
  context.fillStyle = colour;
  for (const rect of placed) context.fillRect(rect.x, rect.y, rect.width, rect.height);
  context.restore();
  return placed.length;
}
