/**
 * Rectangle arithmetic for screenshots: element boxes in CSS pixels become rectangles in the
 * image's pixels (× devicePixelRatio or the whole-page scale), clipped to the image, merged.
 * Pure: no DOM, no browser.
 */

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Size {
  width: number;
  height: number;
}

export const isEmpty = (rect: Rect): boolean => !(rect.width > 0 && rect.height > 0);

export function translate(rect: Rect, dx: number, dy: number): Rect {
  return { x: rect.x + dx, y: rect.y + dy, width: rect.width, height: rect.height };
}

export function pad(rect: Rect, by: number): Rect {
  return { x: rect.x - by, y: rect.y - by, width: rect.width + 2 * by, height: rect.height + 2 * by };
}

/**
 * Scales a rectangle and rounds it OUTWARD to whole pixels: a mask never leaves a fractional
 * column of the thing it hides.
 */
export function scaleOut(rect: Rect, factor: number): Rect {
  const left = Math.floor(rect.x * factor);
  const top = Math.floor(rect.y * factor);
  const right = Math.ceil((rect.x + rect.width) * factor);
  const bottom = Math.ceil((rect.y + rect.height) * factor);
  return { x: left, y: top, width: right - left, height: bottom - top };
}

/** The part of `rect` inside `bounds` (a rectangle at 0,0 of that size), or null if none. */
export function clip(rect: Rect, bounds: Size): Rect | null {
  const left = Math.max(0, rect.x);
  const top = Math.max(0, rect.y);
  const right = Math.min(bounds.width, rect.x + rect.width);
  const bottom = Math.min(bounds.height, rect.y + rect.height);
  return right > left && bottom > top ? { x: left, y: top, width: right - left, height: bottom - top } : null;
}

/** Whether two rectangles overlap or touch (within `gap`). */
export function touches(a: Rect, b: Rect, gap = 0): boolean {
  return a.x <= b.x + b.width + gap && b.x <= a.x + a.width + gap && a.y <= b.y + b.height + gap && b.y <= a.y + a.height + gap;
}

export function union(a: Rect, b: Rect): Rect {
  const left = Math.min(a.x, b.x);
  const top = Math.min(a.y, b.y);
  return { x: left, y: top, width: Math.max(a.x + a.width, b.x + b.width) - left, height: Math.max(a.y + a.height, b.y + b.height) - top };
}

/**
 * Merges overlapping or touching rectangles into their bounding boxes until none overlap: fewer,
 * larger masks, and no seam between two masks of one field. Empty rectangles are dropped.
 * The result is sorted top to bottom, left to right.
 */
export function merge(rects: readonly Rect[], gap = 0): Rect[] {
  let pending = rects.filter((rect) => !isEmpty(rect)).map((rect) => ({ ...rect }));
  let merged = true;
  while (merged) {
    merged = false;
    const out: Rect[] = [];
    for (const rect of pending) {
      const index = out.findIndex((other) => touches(other, rect, gap));
      if (index === -1) out.push(rect);
      else {
        out[index] = union(out[index]!, rect);
        merged = true;
      }
    }
    pending = out;
  }
  return pending.sort((a, b) => a.y - b.y || a.x - b.x);
}

/** Where the rectangles are measured, and the image they land in. */
export interface Frame {
  /** Scroll offsets of the page when the boxes were read (CSS px). */
  scrollX: number;
  scrollY: number;
  /** Image pixels per CSS pixel: devicePixelRatio for a visible capture, the render scale for a whole page. */
  scale: number;
  /**
   * 'viewport': boxes are client rects (getBoundingClientRect) and the image is the visible area.
   * 'page': the image is the whole document from its top-left corner; boxes are shifted by the scroll.
   */
  origin: 'viewport' | 'page';
  /** The image's size in its own pixels. */
  image: Size;
}

/**
 * Element boxes (client rects, CSS px) → merged rectangles in the image's pixels, each grown by
 * `padding` CSS px (borders, focus rings), clipped to the image.
 */
export function toImageRects(boxes: readonly Rect[], frame: Frame, padding = 0): Rect[] {
  const out: Rect[] = [];
  for (const box of boxes) {
    if (isEmpty(box)) continue;
    const placed = frame.origin === 'page' ? translate(box, frame.scrollX, frame.scrollY) : box;
    const clipped = clip(scaleOut(pad(placed, padding), frame.scale), frame.image);
    if (clipped) out.push(clipped);
  }
  return merge(out);
}

/**
 * Rectangles computed for one image size, moved to another (the captured image may differ
 * slightly from innerWidth × dpr: zoom, scrollbars). Rounded outward, clipped.
 */
export function rescale(rects: readonly Rect[], from: Size, to: Size): Rect[] {
  if (from.width === to.width && from.height === to.height) return rects.map((rect) => ({ ...rect }));
  const sx = to.width / from.width;
  const sy = to.height / from.height;
  const out: Rect[] = [];
  for (const rect of rects) {
    const left = Math.floor(rect.x * sx);
    const top = Math.floor(rect.y * sy);
    const scaled = { x: left, y: top, width: Math.ceil((rect.x + rect.width) * sx) - left, height: Math.ceil((rect.y + rect.height) * sy) - top };
    const clipped = clip(scaled, to);
    if (clipped) out.push(clipped);
  }
  return merge(out);
}

/** A rectangle from two corner points in any order (a drag). */
export function fromPoints(x1: number, y1: number, x2: number, y2: number): Rect {
  return { x: Math.min(x1, x2), y: Math.min(y1, y2), width: Math.abs(x2 - x1), height: Math.abs(y2 - y1) };
}
