import { afterEach, describe, expect, test, vi } from 'vitest';
import { blobOfDataUrl, dataUrlOfBlob } from '../../src/data-url';

const PNG_BYTES = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

const nativeDecoder = Object.getOwnPropertyDescriptor(Uint8Array, 'fromBase64');
afterEach(() => {
  if (nativeDecoder) Object.defineProperty(Uint8Array, 'fromBase64', nativeDecoder);
  else Reflect.deleteProperty(Uint8Array, 'fromBase64');
});

describe('data: URLs', () => {
  test('decode to the same bytes and type, and encode back', async () => {
    const blob = blobOfDataUrl(`data:image/png;base64,${PNG_BYTES}`)!;
    expect(blob.type).toBe('image/png');
    expect(Buffer.from(await blob.arrayBuffer()).toString('base64')).toBe(PNG_BYTES);
    expect(await dataUrlOfBlob(blob)).toBe(`data:image/png;base64,${PNG_BYTES}`);
  });

  test('percent-encoded text too', async () => {
    const blob = blobOfDataUrl('data:text/plain;charset=utf-8,caf%C3%A9')!;
    expect(blob.type).toBe('text/plain');
    expect(await blob.text()).toBe('café');
  });

  test("the browser's own base64 decoder where it has one: the same bytes", async () => {
    const decode = vi.fn((base64: string) => new Uint8Array(Buffer.from(base64, 'base64')));
    Object.defineProperty(Uint8Array, 'fromBase64', { value: decode, configurable: true });
    const blob = blobOfDataUrl(`data:image/png;base64,${PNG_BYTES}`)!;
    expect(decode).toHaveBeenCalledWith(PNG_BYTES);
    expect(Buffer.from(await blob.arrayBuffer()).toString('base64')).toBe(PNG_BYTES);
  });

  test('a comma in percent-encoded text is text; the header ends at the first one', async () => {
    expect(await blobOfDataUrl('data:text/plain,a,b')!.text()).toBe('a,b');
    expect(blobOfDataUrl('data:text/plain;base64')).toBeNull();
  });

  test('anything else is refused', () => {
    expect(blobOfDataUrl('https://evil.test/x.png')).toBeNull();
    expect(blobOfDataUrl('data:image/png;base64,%%%')).toBeNull();
  });
});
