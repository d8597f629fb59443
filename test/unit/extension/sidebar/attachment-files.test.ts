import { describe, expect, test } from 'vitest';
import { screenshotsOfImages } from '../../../../extension/sidebar/attachment-files';

const PNG_BYTES = new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10]);
const PNG = `data:image/png;base64,${btoa(String.fromCharCode(...PNG_BYTES))}`;

describe('screenshot images made into files', () => {
  test('from the data: URL, named as they came', async () => {
    const [shot] = screenshotsOfImages([{ dataUrl: PNG, name: 'capture-page-2026-11-27-1430-1.png', width: 1, height: 1 }], 5);
    expect(shot!.file.name).toBe('capture-page-2026-11-27-1430-1.png');
    expect(shot!.file.type).toBe('image/png');
    expect(new Uint8Array(await shot!.file.arrayBuffer())).toEqual(PNG_BYTES);
  });

  test('from the bytes when they came as such ("Page entière" parts)', async () => {
    const bytes = new Uint8Array([137, 80, 78, 71, 1, 2, 3]);
    const [shot] = screenshotsOfImages([{ blob: new Blob([bytes], { type: 'image/png' }), name: 'capture-page-2026-11-27-1430-2.png', width: 1, height: 1 }], 5);
    expect(new Uint8Array(await shot!.file.arrayBuffer())).toEqual(bytes);
    expect(shot!.file.lastModified).toBe(5);
  });
});
