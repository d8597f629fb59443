import { describe, expect, test } from 'vitest';
import { blobOfDataUrl, dataUrlOfBlob } from '../../src/data-url';

const PNG_BYTES = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

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

  test('anything else is refused', () => {
    expect(blobOfDataUrl('https://evil.test/x.png')).toBeNull();
    expect(blobOfDataUrl('data:image/png;base64,%%%')).toBeNull();
  });
});
