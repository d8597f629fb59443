/**
 * A screenshot as it crosses between the extension's contexts: the toolbar click's capture, the
 * images of "Reprendre" and "Page entière", how far a capture is, and the parts of "Page
 * entière" the page hands to the sidebar. Each receiver checks what it gets with the guards here.
 */
import { NOT_DRAWN, type EngineName, type NotDrawn } from './engine-choice';
import { hasKeys, isPlainObject, literal } from '../protocol/guards';
import { MAX_ATTACHMENT_BYTES } from '../report/attachments';

/** A screenshot of the visible part of the tab, taken at the toolbar click (or asked from the page). */
export interface Capture {
  /** data: URL of the encoded image. */
  dataUrl: string;
  capturedAt: number;
  /** Drawn by the page engine, not taken by the browser: asked from the page, where the browser's own capture is not granted. */
  reconstructed?: true;
}

/** Why the toolbar click kept no screenshot, where the sidebar can say more than that none could be taken: the page kept moving under its masks. */
export type CaptureMissing = 'page-moved';
export const isCaptureMissing = literal('page-moved');

/** The toolbar click's screenshot once masked (null: none), and why none was kept when that can be said. */
export interface KeptCapture {
  capture: Capture | null;
  missing?: CaptureMissing;
}

/** One image of a screenshot: the visible area, the whole page, or one of its parts. */
export interface ScreenshotImage {
  /** data: URL of the encoded image (masked). */
  dataUrl: string;
  /** Its attachment name, e.g. capture-page-2026-11-27-1430-2.png. */
  name: string;
  width: number;
  height: number;
}

/** Nothing replaced: the screenshot the sidebar shows is kept. `message` is for the console only. */
export type ScreenshotFailure = { status: 'failed'; reason: 'timeout' | 'cancelled' | 'too-large' | 'busy' | 'failed'; message: string };

export type ScreenshotOutcome = { status: 'done'; capturedAt: number; images: ScreenshotImage[] } | ScreenshotFailure;

/**
 * "Page entière" as the background tells it: the images themselves came to the sidebar as
 * PageParts; which engine drew them, and what they may lack.
 */
export type WholePageOutcome = { status: 'done'; capturedAt: number; parts: number; engine: EngineName; notDrawn: NotDrawn[] } | ScreenshotFailure;

export interface ScreenshotProgress {
  phase: 'cloning' | 'rendering' | 'encoding';
  /** 0–1. */
  progress: number;
  elapsedMs: number;
}

/**
 * One image of "Page entière", posted by the capture engine in the page (the content scripts'
 * world) into the sidebar's frame as soon as it is encoded: a Blob, not a data: URL through two
 * extension messages (27 MB of them took ~6 s in Chromium). The page's own scripts can post into
 * that frame too: only a part with the token the sidebar made for this capture is taken.
 */
export interface PagePart {
  type: 'page-part';
  token: string;
  /** 0, 1, 2… from the top of the page. */
  index: number;
  name: string;
  width: number;
  height: number;
  image: Blob;
}

const PART_KEYS = ['type', 'token', 'index', 'name', 'width', 'height', 'image'] as const;

export function parsePagePart(value: unknown, token: string): PagePart | null {
  if (!isPlainObject(value) || !hasKeys(value, PART_KEYS) || value['type'] !== 'page-part' || value['token'] !== token) return null;
  const { index, name, width, height, image } = value;
  if (!Number.isInteger(index) || (index as number) < 0 || typeof name !== 'string' || !isSide(width) || !isSide(height)) return null;
  if (!(image instanceof Blob) || !/^image\/(png|jpeg)$/.test(image.type) || image.size === 0 || image.size >= MAX_ATTACHMENT_BYTES) return null;
  return { type: 'page-part', token, index: index as number, name, width, height, image };
}

const isSide = (value: unknown): value is number => Number.isInteger(value) && (value as number) > 0;

const isImageDataUrl = (value: unknown): value is string => typeof value === 'string' && /^data:image\/(png|jpeg);base64,/.test(value);

export function isCapture(value: unknown): value is Capture {
  if (typeof value !== 'object' || value === null) return false;
  const { dataUrl, capturedAt, reconstructed } = value as Record<string, unknown>;
  return isImageDataUrl(dataUrl) && typeof capturedAt === 'number' && (reconstructed === undefined || reconstructed === true);
}

const SCREENSHOT_FAILURES: ReadonlySet<unknown> = new Set(['timeout', 'cancelled', 'too-large', 'busy', 'failed']);

function isScreenshotImage(value: unknown): value is ScreenshotImage {
  if (!isPlainObject(value)) return false;
  const { dataUrl, name, width, height } = value;
  return isImageDataUrl(dataUrl) && typeof name === 'string' && typeof width === 'number' && typeof height === 'number';
}

const isScreenshotFailure = (value: Record<string, unknown>): boolean =>
  value['status'] === 'failed' && SCREENSHOT_FAILURES.has(value['reason']) && typeof value['message'] === 'string';

export function isScreenshotOutcome(value: unknown): value is ScreenshotOutcome {
  if (!isPlainObject(value)) return false;
  if (value['status'] === 'done') return typeof value['capturedAt'] === 'number' && Array.isArray(value['images']) && value['images'].length > 0 && value['images'].every(isScreenshotImage);
  return isScreenshotFailure(value);
}

export function isWholePageOutcome(value: unknown): value is WholePageOutcome {
  if (!isPlainObject(value)) return false;
  if (value['status'] === 'done') {
    const notDrawn = value['notDrawn'];
    return (
      typeof value['capturedAt'] === 'number' &&
      isSide(value['parts']) &&
      (value['engine'] === 'svg' || value['engine'] === 'html2canvas') &&
      Array.isArray(notDrawn) &&
      notDrawn.every((kind) => (NOT_DRAWN as readonly unknown[]).includes(kind))
    );
  }
  return isScreenshotFailure(value);
}

export function isScreenshotProgress(value: unknown): value is ScreenshotProgress | null {
  if (value === null) return true;
  return isPlainObject(value) && typeof value['phase'] === 'string' && typeof value['progress'] === 'number' && typeof value['elapsedMs'] === 'number';
}
