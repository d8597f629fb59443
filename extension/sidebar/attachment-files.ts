// Files attached to a request, as the sidebar holds them: the screenshot made into a File,
// names fitted to the portal's rules, fingerprints for the request's metadata.
import { blobOfDataUrl } from '../../src/data-url';
import { attachmentProblems, fitAttachmentName } from '../../src/report/attachments';
import type { ProblemCode } from '../../src/report/validators';
import type { Capture, ScreenshotImage } from '../../src/capture/screenshot';

export interface AttachmentItem {
  id: number;
  file: File;
  /** The name it will be sent under (fitted to the portal's rules, or as the user renamed it). */
  name: string;
  /** The name it came with, when it had to be renamed. */
  renamedFrom: string | null;
  /** An object URL of the file, for the thumbnail (images only); revoked when the item goes. */
  thumbnail: string | null;
  sha256: string;
  /** True for the screenshot taken at the toolbar click. */
  screenshot: boolean;
}

const EXTENSION_OF_TYPE: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'application/pdf': 'pdf',
  'text/plain': 'txt',
  'text/csv': 'csv',
};

export function extensionForType(type: string): string | undefined {
  return EXTENSION_OF_TYPE[type.split(';')[0]?.trim().toLowerCase() ?? ''];
}

/** "capture-2026-11-27-1430.png", in the user's own time zone. */
export function screenshotName(capturedAt: number, timeZone?: string): string {
  let parts: Record<string, string>;
  try {
    const format = new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    parts = Object.fromEntries(format.formatToParts(capturedAt).map((part) => [part.type, part.value]));
  } catch {
    return screenshotName(capturedAt); // an unknown zone: the browser's own
  }
  return fitAttachmentName(`capture-${parts['year']}-${parts['month']}-${parts['day']}-${parts['hour']}${parts['minute']}.png`);
}

export function screenshotFile(capture: Capture, timeZone?: string): File {
  const blob = blobOfDataUrl(capture.dataUrl);
  if (!blob) throw new Error('the screenshot is not a data: URL');
  const type = blob.type || 'image/png';
  const name = screenshotName(capture.capturedAt, timeZone);
  return new File([blob], type === 'image/jpeg' ? name.replace(/\.png$/, '.jpg') : name, { type, lastModified: capture.capturedAt });
}

/** One image of the screenshot the request carries (the visible area, a part of the whole page, an annotated image). */
export interface Screenshot {
  file: File;
  capturedAt: number;
  /** Drawn by the page engine (help asked from the page), not taken by the browser. */
  reconstructed?: true;
}

export function screenshotOfCapture(capture: Capture, timeZone?: string): Screenshot {
  return { file: screenshotFile(capture, timeZone), capturedAt: capture.capturedAt, ...(capture.reconstructed ? { reconstructed: true } : {}) };
}

/**
 * An image of a screenshot as the sidebar receives it: from the background as a data: URL (its
 * messages carry JSON only), or as bytes from the page ("Page entière" parts), used as they are.
 */
export type ReceivedImage = ScreenshotImage | PartImage;

/** A "Page entière" part as the page hands it over: its bytes, never a data: URL of them. */
export type PartImage = Omit<ScreenshotImage, 'dataUrl'> & { blob: Blob };

/** The images received, as files named as they came (fitted to the rules all the same). */
export function screenshotsOfImages(images: readonly ReceivedImage[], capturedAt: number): Screenshot[] {
  return images.map((image) => {
    const blob = 'blob' in image ? image.blob : blobOfDataUrl(image.dataUrl);
    if (!blob) throw new Error('the screenshot is not a data: URL');
    const file = new File([blob], fitAttachmentName(image.name, extensionForType(blob.type)), { type: blob.type, lastModified: capturedAt });
    return { file, capturedAt };
  });
}

/** Lets the browser free a thumbnail's bytes (an object URL) once it is no longer shown. */
export function revokeThumbnail(item: AttachmentItem): void {
  if (item.thumbnail?.startsWith('blob:')) URL.revokeObjectURL(item.thumbnail);
}

export async function sha256Hex(file: Blob): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** The name a file gets on arrival: fitted to the rules, and unique among `taken`. */
export function arrivalName(file: File, taken: ReadonlySet<string>): string {
  const fitted = fitAttachmentName(file.name || 'image', extensionForType(file.type));
  return uniqueName(fitted, taken);
}

export function uniqueName(name: string, taken: ReadonlySet<string>): string {
  if (!taken.has(name)) return name;
  const dot = name.lastIndexOf('.');
  const base = dot > 0 ? name.slice(0, dot) : name;
  const suffix = dot > 0 ? name.slice(dot) : '';
  for (let n = 2; ; n++) {
    const tail = `-${n}`;
    const candidate = `${base.slice(0, 50 - suffix.length - tail.length)}${tail}${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** What renaming cannot fix (type, size, emptiness): the file is refused with this reason. */
export function refusal(file: File, name: string): ProblemCode | null {
  return attachmentProblems({ name, size: file.size, type: file.type })[0] ?? null;
}

/** "840 Ko", "2,4 Mo": Intl units in the user's locale. */
export function formatBytes(bytes: number, locale: string): string {
  const megabytes = bytes >= 1024 * 1024;
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit: megabytes ? 'megabyte' : 'kilobyte',
    unitDisplay: 'short',
    maximumFractionDigits: megabytes ? 1 : 0,
  }).format(megabytes ? bytes / (1024 * 1024) : Math.max(1, Math.ceil(bytes / 1024)));
}
