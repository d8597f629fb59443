/**
 * Splitting a whole-page screenshot into parts ("Page entière"): a page taller than a browser's
 * canvas (32,767 px a side; a 2,000-row invoice list is ~68,500 CSS px) is rendered at full
 * scale into several images of similar height rather than scaled down until unreadable. The
 * parts overlap a little, so that a line of text cut at the bottom of one part is whole at the
 * top of the next. Pure: no DOM.
 */
import { clip, type Rect, type Size } from './geometry';

export interface TileLimits {
  /** Longest canvas side the browsers draw (Chromium and Firefox: 32,767 px). */
  maxSide: number;
  /** Pixels of one part: memory while rendering, and a file well under the portal's 10 MB. */
  maxPartArea: number;
  /** Tallest part, in image px: still easy to scroll through in an image viewer. */
  maxPartHeight: number;
  /** Most parts: a request takes 10 files (50 MB in all); leave room for the user's own. */
  maxParts: number;
  /** Rows shared by two consecutive parts, in CSS px. */
  overlap: number;
}

export const WHOLE_PAGE_LIMITS: TileLimits = {
  maxSide: 32_767,
  maxPartArea: 24_000_000,
  maxPartHeight: 16_384,
  maxParts: 6,
  overlap: 48,
};

/** One part: a band of the whole-page image, in image px. */
export interface Tile {
  /** 1, 2, 3… (0 when the page fits one image: no number in its name). */
  part: number;
  y: number;
  height: number;
}

export type TilePlan =
  | { fits: true; scale: number; width: number; height: number; tiles: Tile[] }
  /** More parts than allowed: the caller keeps the visible capture and says why. */
  | { fits: false; scale: number; width: number; height: number; parts: number };

/**
 * The image size of a page (CSS px) at `wanted` image px per CSS px (reduced only for a page
 * wider than a canvas), and its parts: as few as the limits allow, of equal height, overlapping.
 */
export function planTiles(page: Size, wanted: number, limits: TileLimits = WHOLE_PAGE_LIMITS): TilePlan {
  const scale = Math.min(wanted, limits.maxSide / Math.max(1, page.width));
  const width = Math.max(1, Math.floor(page.width * scale));
  const height = Math.max(1, Math.floor(page.height * scale));
  const tallest = Math.max(1, Math.min(limits.maxSide, limits.maxPartHeight, Math.floor(limits.maxPartArea / width)));
  if (height <= tallest) return { fits: true, scale, width, height, tiles: [{ part: 0, y: 0, height }] };
  const overlap = Math.min(Math.round(limits.overlap * scale), Math.floor(tallest / 4));
  // n parts of height h cover (n × h) − (n − 1) × overlap rows.
  const parts = Math.ceil((height - overlap) / (tallest - overlap));
  if (parts > limits.maxParts) return { fits: false, scale, width, height, parts };
  const each = Math.ceil((height + (parts - 1) * overlap) / parts);
  const tiles: Tile[] = [];
  for (let index = 0; index < parts; index++) {
    // The last part ends with the page, and so shares a few more rows with the one before
    // (the rounding): every part is the same size, and its canvas can be used again.
    const y = index === parts - 1 ? height - each : index * (each - overlap);
    tiles.push({ part: index + 1, y, height: each });
  }
  return { fits: true, scale, width, height, tiles };
}

/** Rectangles of the whole image (masks), moved into one part and clipped to it. */
export function rectsInTile(rects: readonly Rect[], tile: Tile, width: number): Rect[] {
  const out: Rect[] = [];
  for (const rect of rects) {
    const placed = clip({ ...rect, y: rect.y - tile.y }, { width, height: tile.height });
    if (placed) out.push(placed);
  }
  return out;
}

/** The band of the visible area (one part), for a viewport capture rendered from the page. */
export function viewportTile(scrollY: number, viewportHeight: number, scale: number, imageHeight: number): Tile {
  const y = Math.max(0, Math.min(Math.floor(scrollY * scale), imageHeight - 1));
  return { part: 0, y, height: Math.max(1, Math.min(Math.floor(viewportHeight * scale), imageHeight - y)) };
}
