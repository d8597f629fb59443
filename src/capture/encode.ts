/**
 * Encoding a screenshot for a support request: legible text, small files, the portal's limits.
 *
 * Measured on the replica portal at 1280×800 (Chromium 156): PNG
 * 98–240 KB, JPEG q0.92 82–225 KB (blurry edges around text), WebP q0.9 41–124 KB. The portal
 * accepts PNG and JPG/JPEG attachments but not WebP, so: PNG first (lossless, text sharp); JPEG
 * at decreasing quality, never below 0.75, only when PNG exceeds the 300 KB target; and when
 * even that is ≥ 10 MB (the portal's per-file limit), downscale and try again.
 *
 * Where it runs: anywhere with a canvas — an extension page (sidebar, editor: HTMLCanvasElement),
 * the Chrome background service worker (OffscreenCanvas, createImageBitmap), Firefox's
 * background page, or an injected page script (whole-page capture). The decision logic
 * (`nextAttempt`, `attachmentName`) is pure.
 */
import { MAX_ATTACHMENT_BYTES, MAX_ATTACHMENT_NAME_LENGTH } from '../report/attachments';
import type { Size } from './geometry';

export type ImageFormat = 'png' | 'jpeg';
export const MIME: Record<ImageFormat, string> = { png: 'image/png', jpeg: 'image/jpeg' };
export const EXTENSION: Record<ImageFormat, string> = { png: 'png', jpeg: 'jpg' };

/** Aim: a 1280×800 portal page at most this big. */
export const TARGET_BYTES = 300 * 1024;
/** JPEG qualities tried in order; below the last one, small text becomes hard to read. */
export const JPEG_QUALITIES = [0.92, 0.85, 0.75] as const;
/** Never shrink below this (a page this small would not be readable anyway). */
export const MIN_SCALE = 0.25;

/**
 * The size aimed at for an image of this many pixels: TARGET_BYTES for a 1280×800 screen, in
 * proportion beyond (a part of a whole page is many screens tall: kept lossless while it stays
 * well under the 10 MB limit, rather than spending seconds on JPEG tries), never above 80 % of it.
 */
export function targetBytesFor(size: Size): number {
  const screens = (size.width * size.height) / (1280 * 800);
  return Math.round(Math.min(MAX_ATTACHMENT_BYTES * 0.8, TARGET_BYTES * Math.max(1, screens)));
}

export interface Attempt {
  format: ImageFormat;
  /** JPEG quality (0–1); undefined for PNG. */
  quality?: number;
  /** Factor applied to the source size (1 = as captured). */
  scale: number;
}

export interface Trial extends Attempt {
  bytes: number;
}

export type Decision = { next: Attempt } | { done: Trial };

const within = (trial: Trial, limit: number) => trial.bytes <= limit;

/**
 * Given what was tried so far (in order), the next encoding to try or the one to keep. Pure.
 * - the first at the current scale that fits the target wins (PNG, then JPEG 0.92 → 0.75);
 * - when none fits the target, the smallest under the 10 MB limit at that scale wins;
 * - when none is under the limit, the source is scaled down by the ratio of sizes (with margin)
 *   and the same sequence runs again, down to MIN_SCALE (then the smallest is kept; the caller
 *   reports it as too large).
 */
export function nextAttempt(tried: readonly Trial[], target = TARGET_BYTES, limit = MAX_ATTACHMENT_BYTES): Decision {
  const last = tried[tried.length - 1];
  if (!last) return { next: { format: 'png', scale: 1 } };
  const scale = last.scale;
  const atScale = tried.filter((trial) => trial.scale === scale);
  const fitting = atScale.find((trial) => within(trial, target));
  if (fitting) return { done: fitting };
  const pngTried = atScale.some((trial) => trial.format === 'png');
  if (!pngTried) return { next: { format: 'png', scale } };
  const untried = JPEG_QUALITIES.filter((q) => !atScale.some((trial) => trial.format === 'jpeg' && trial.quality === q));
  // Far over the target (a long page): the intermediate qualities would not get there, skip them.
  const lowest = JPEG_QUALITIES[JPEG_QUALITIES.length - 1]!;
  const quality = last.bytes > 4 * target ? (untried.includes(lowest) ? lowest : undefined) : untried[0];
  if (quality !== undefined) return { next: { format: 'jpeg', quality, scale } };
  const smallest = [...atScale].sort((a, b) => a.bytes - b.bytes)[0]!;
  if (smallest.bytes < limit) return { done: smallest };
  if (scale <= MIN_SCALE) return { done: [...tried].sort((a, b) => a.bytes - b.bytes)[0]! };
  // Bytes grow roughly with the pixel count: shrink both sides by √(limit / bytes), with 15 % margin.
  const shrunk = Math.max(MIN_SCALE, Math.floor(scale * Math.sqrt((limit * 0.85) / smallest.bytes) * 100) / 100);
  // PNG rarely wins on a large page; start the smaller size with the best JPEG that kept text legible.
  return { next: { format: 'jpeg', quality: JPEG_QUALITIES[JPEG_QUALITIES.length - 1], scale: Math.min(shrunk, scale - 0.01) } };
}

const two = (n: number) => String(n).padStart(2, '0');

/**
 * "capture-2026-11-27-1430.png" in local time; a label ("page", "annotee"), a sequence number
 * (2, 3… for a second capture in the same minute) and a part number (1, 2… for the parts of a
 * whole page too tall for one image) are inserted when given. Always ≤ 50 characters with the
 * extension, and only [a-z0-9-.] (safe on every file system and in the portal's form).
 */
export function attachmentName(date: Date, format: ImageFormat, options: { label?: string; sequence?: number; part?: number } = {}): string {
  const stamp = `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}-${two(date.getHours())}${two(date.getMinutes())}`;
  const extension = `.${EXTENSION[format]}`;
  const suffix = `${options.sequence && options.sequence > 1 ? `-${options.sequence}` : ''}${options.part ? `-${options.part}` : ''}`;
  const label = (options.label ?? '')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  const fixed = `capture-${stamp}${suffix}${extension}`;
  const room = MAX_ATTACHMENT_NAME_LENGTH - fixed.length - 1;
  const kept = label.slice(0, Math.max(0, room)).replace(/-+$/, '');
  return kept ? `capture-${kept}-${stamp}${suffix}${extension}` : fixed;
}

// ---- Runtime: canvases (extension pages, service worker, page scripts) ----

export type AnyCanvas = HTMLCanvasElement | OffscreenCanvas;
/** Anything with pixels and a size that a canvas can draw. */
export type Drawable = (HTMLCanvasElement | OffscreenCanvas | ImageBitmap | HTMLImageElement) & { width: number; height: number };

export interface EncodedImage {
  blob: Blob;
  format: ImageFormat;
  mime: string;
  quality?: number;
  width: number;
  height: number;
  bytes: number;
  /** Every encoding tried, in order (for the report and the tests). */
  trials: Trial[];
  /** False when even the smallest try is ≥ 10 MB: the caller must say so and not attach it. */
  withinLimit: boolean;
}

/** A new canvas: OffscreenCanvas where there is no document (service worker), else an element. */
export function createCanvas(width: number, height: number): AnyCanvas {
  if (typeof document === 'undefined' && typeof OffscreenCanvas !== 'undefined') return new OffscreenCanvas(width, height);
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  return canvas;
}

export function context2d(canvas: AnyCanvas): CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D {
  const context = canvas.getContext('2d') as CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D | null;
  if (!context) throw new Error(`no 2D context for a ${canvas.width}×${canvas.height} canvas (too large for this browser?)`);
  return context;
}

export function canvasToBlob(canvas: AnyCanvas, mime: string, quality?: number): Promise<Blob> {
  if ('convertToBlob' in canvas) return canvas.convertToBlob({ type: mime, ...(quality === undefined ? {} : { quality }) });
  return new Promise((resolve, reject) => {
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error(`the browser could not encode a ${canvas.width}×${canvas.height} image`))), mime, quality);
  });
}

/** The source at `scale`, on an opaque white background (JPEG has no transparency). */
function scaled(source: Drawable, scale: number): AnyCanvas {
  const width = Math.max(1, Math.round(source.width * scale));
  const height = Math.max(1, Math.round(source.height * scale));
  const canvas = createCanvas(width, height);
  const context = context2d(canvas);
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, width, height);
  context.imageSmoothingEnabled = true;
  context.imageSmoothingQuality = 'high';
  context.drawImage(source, 0, 0, width, height);
  return canvas;
}

/** Encodes following `nextAttempt`: the smallest legible file the portal accepts. */
export async function encodeForAttachment(source: Drawable, limits: { target?: number; limit?: number } = {}): Promise<EncodedImage> {
  const trials: Trial[] = [];
  const blobs = new Map<Trial, Blob>();
  const canvases = new Map<number, AnyCanvas>();
  const limit = limits.limit ?? MAX_ATTACHMENT_BYTES;
  for (;;) {
    const decision = nextAttempt(trials, limits.target ?? TARGET_BYTES, limit);
    if ('done' in decision) {
      const trial = decision.done;
      const canvas = canvases.get(trial.scale)!;
      return {
        blob: blobs.get(trial)!,
        format: trial.format,
        mime: MIME[trial.format],
        ...(trial.quality === undefined ? {} : { quality: trial.quality }),
        width: canvas.width,
        height: canvas.height,
        bytes: trial.bytes,
        trials,
        withinLimit: trial.bytes < limit,
      };
    }
    const { next } = decision;
    let canvas = canvases.get(next.scale);
    if (!canvas) {
      canvas = next.scale === 1 && isCanvas(source) ? source : scaled(source, next.scale);
      canvases.set(next.scale, canvas);
    }
    // Screenshots are opaque (captureVisibleTab, the whole page painted on its background): the source
    // canvas is encoded as it is at scale 1, without a copy.
    const blob = await canvasToBlob(canvas, MIME[next.format], next.quality);
    const trial: Trial = { ...next, bytes: blob.size };
    trials.push(trial);
    blobs.set(trial, blob);
  }
}

function isCanvas(source: Drawable): source is AnyCanvas {
  return (typeof OffscreenCanvas !== 'undefined' && source instanceof OffscreenCanvas) || (typeof HTMLCanvasElement !== 'undefined' && source instanceof HTMLCanvasElement);
}



/** Size of an image in pixels (for callers holding only a Blob). */
export async function imageSize(blob: Blob): Promise<Size> {
  const bitmap = await createImageBitmap(blob);
  const size = { width: bitmap.width, height: bitmap.height };
  bitmap.close();
  return size;
}
