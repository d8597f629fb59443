/**
 * Files cross between the extension's contexts as data: URLs (Chrome's messages and
 * scripting.executeScript arguments carry JSON only). One place converts both ways.
 */

/** The longest data: URL a receiver takes: a file under the portal's 10 MB, base64-encoded. */
export const MAX_FILE_DATA_URL_LENGTH = 14_000_000;

export function dataUrlOfBlob(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('the file could not be read'));
    reader.readAsDataURL(blob);
  });
}

/** A plain loop: Uint8Array.from with a mapping function is ~10× slower on a screenshot's megabyte. */
function bytesOfBinaryString(binary: string): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Uint8Array.fromBase64 (Chrome 140, Firefox 133): some 3× faster than atob and the loop above. */
const NativeBase64 = Uint8Array as { fromBase64?: (base64: string) => Uint8Array<ArrayBuffer> };

function bytesOfBase64(base64: string): Uint8Array<ArrayBuffer> {
  return NativeBase64.fromBase64 ? NativeBase64.fromBase64(base64) : bytesOfBinaryString(atob(base64));
}

/** What comes before the first comma: the type, its parameters, ";base64" for base64. */
const DATA_URL_HEADER = /^data:([^;,]*)(?:;[^,;]*)*?(;base64)?$/;

/** The bytes of a data: URL (base64 or percent-encoded), with its type; null when it is not one. */
export function blobOfDataUrl(dataUrl: string): Blob | null {
  // The header alone goes through the regular expression, not the image's hundreds of kilobytes.
  const comma = dataUrl.indexOf(',');
  const match = comma < 0 ? null : DATA_URL_HEADER.exec(dataUrl.slice(0, comma));
  if (!match) return null;
  try {
    const data = dataUrl.slice(comma + 1);
    // base64 carries bytes; percent-encoding carries text, whose bytes are its UTF-8.
    const bytes = match[2] ? bytesOfBase64(data) : new TextEncoder().encode(decodeURIComponent(data));
    return new Blob([bytes], { type: match[1] ?? '' });
  } catch {
    return null;
  }
}
