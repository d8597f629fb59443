/**
 * From the browser's capture to what is stored: decode, burn the masks, encode, name. One call
 * for the background (Chrome service worker: OffscreenCanvas + createImageBitmap; Firefox
 * background page: the same APIs) or an extension page. Nothing unmasked leaves this function.
 */
import { blobOfDataUrl } from '../data-url';
import { attachmentName, context2d, createCanvas, encodeForAttachment, TARGET_BYTES, type EncodedImage } from './encode';
import type { Size } from './geometry';
import { burnMasks, type MaskPlan } from './mask';

export interface StoredScreenshot extends EncodedImage {
  name: string;
  /** Masks burned in (after merging). */
  masked: number;
}

/** Decodes an image (data URL or Blob) onto a fresh canvas. */
export async function decodeToCanvas(image: string | Blob) {
  const blob = typeof image === 'string' ? blobOfDataUrl(image) : image;
  if (!blob) throw new Error('not an image data: URL');
  const bitmap = await createImageBitmap(blob);
  const canvas = createCanvas(bitmap.width, bitmap.height);
  const context = context2d(canvas);
  context.drawImage(bitmap, 0, 0);
  bitmap.close();
  return { canvas, context };
}

/**
 * The visible-tab capture (PNG data URL from captureVisibleTab) with the page's mask plan burned in,
 * encoded for the portal and named. When the plan could not be measured, pass `null` and the caller
 * must not store the image (the sidebar says "no screenshot": better none than a leaking one).
 */
export async function maskAndEncode(image: string | Blob, plan: Pick<MaskPlan, 'rects' | 'image'>, now: Date, options: { label?: string; sequence?: number } = {}): Promise<StoredScreenshot> {
  const { canvas, context } = await decodeToCanvas(image);
  const masked = burnMasks(context, plan.rects, plan.image);
  const encoded = await encodeForAttachment(canvas);
  return { ...encoded, masked, name: attachmentName(now, encoded.format, options) };
}

const PNG_PREFIX = 'data:image/png;base64,';

/**
 * True when the browser's own PNG can be kept as it is: nothing to mask on it, and within the
 * size aimed at. Decoding and encoding it again would give the same pixels some 50 ms later, on
 * the toolbar click's path to the sidebar.
 */
export function keptAsCaptured(dataUrl: string, plan: Pick<MaskPlan, 'rects'>): boolean {
  if (plan.rects.length > 0 || !dataUrl.startsWith(PNG_PREFIX)) return false;
  return ((dataUrl.length - PNG_PREFIX.length) * 3) / 4 <= TARGET_BYTES;
}

export type { Size };
