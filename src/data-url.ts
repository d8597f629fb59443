/**
 * Files cross between the extension's contexts as data: URLs (Chrome's messages and
 * scripting.executeScript arguments carry JSON only). One place converts both ways.
 */
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

const DATA_URL = /^data:([^;,]*)(?:;[^,;]*)*?(;base64)?,(.*)$/s;

/** The bytes of a data: URL (base64 or percent-encoded), with its type; null when it is not one. */
export function blobOfDataUrl(dataUrl: string): Blob | null {
  const match = DATA_URL.exec(dataUrl);
  if (!match) return null;
  try {
    const data = match[3] ?? '';
    // base64 carries bytes; percent-encoding carries text, whose bytes are its UTF-8.
    const bytes = match[2] ? bytesOfBinaryString(atob(data)) : new TextEncoder().encode(decodeURIComponent(data));
    return new Blob([bytes], { type: match[1] ?? '' });
  } catch {
    return null;
  }
}
