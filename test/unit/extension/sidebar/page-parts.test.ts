import { afterEach, describe, expect, test, vi } from 'vitest';
import { receivePageParts } from '../../../../extension/sidebar/page-parts';

const TOKEN = '0b6f8a2c-4d1e-4f3a-9c5b-7e2d1a0f3b4c';
const PORTAL = 'https://chorus-pro.gouv.fr';
const png = (byte: number) => new Blob([new Uint8Array([137, 80, 78, 71, byte])], { type: 'image/png' });
const part = (index: number, overrides: Record<string, unknown> = {}) => ({
  type: 'page-part',
  token: TOKEN,
  index,
  name: `capture-page-2026-11-27-1430-${index + 1}.png`,
  width: 1266,
  height: 13_739,
  image: png(index),
  ...overrides,
});
const post = (data: unknown, origin = PORTAL) => window.dispatchEvent(new MessageEvent('message', { data, origin }));

afterEach(() => vi.useRealTimers());

describe('"Page entière" images handed over by the page', () => {
  test('taken in their order whatever the order they come in, as the bytes they came as, with their names', async () => {
    const receiver = receivePageParts(window, TOKEN);
    post(part(1));
    post(part(0));
    const images = await receiver.images(2);
    receiver.stop();
    expect(images.map((image) => image.name)).toEqual(['capture-page-2026-11-27-1430-1.png', 'capture-page-2026-11-27-1430-2.png']);
    expect(images[0]).toMatchObject({ width: 1266, height: 13_739 });
    // No data: URL is made of them: the files and thumbnails come from these Blobs.
    expect(images[0]).not.toHaveProperty('dataUrl');
    expect(images[1]!.blob).toBeInstanceOf(Blob);
    expect(await images[0]!.blob.arrayBuffer()).toEqual(await png(0).arrayBuffer());
    expect(await images[1]!.blob.arrayBuffer()).toEqual(await png(1).arrayBuffer());
  });

  test('waits for the ones still on their way', async () => {
    const receiver = receivePageParts(window, TOKEN);
    post(part(0));
    const images = receiver.images(2);
    post(part(1));
    expect(await images).toHaveLength(2);
    receiver.stop();
  });

  test('what the page itself posts is ignored: another token, another origin, another shape', async () => {
    vi.useFakeTimers();
    const receiver = receivePageParts(window, TOKEN);
    post(part(0, { token: '11111111-2222-4333-8444-555555555555' }));
    post(part(0), 'https://chorus-pro.gouv.fr.evil.test');
    post(part(0), 'http://chorus-pro.gouv.fr');
    post({ ...part(0), image: 'data:image/png;base64,iVBORw0KGgo=' });
    post(part(0, { image: new Blob(['<img src=x onerror=alert(1)>'], { type: 'text/html' }) }));
    const images = receiver.images(1, 1_000);
    const settled = expect(images).rejects.toThrow('1 of 1 images did not come from the page');
    await vi.advanceTimersByTimeAsync(1_000);
    await settled;
    receiver.stop();
  });

  test('stopped: nothing more is taken', async () => {
    vi.useFakeTimers();
    const receiver = receivePageParts(window, TOKEN);
    receiver.stop();
    post(part(0));
    const images = receiver.images(1, 500);
    const settled = expect(images).rejects.toThrow();
    await vi.advanceTimersByTimeAsync(500);
    await settled;
  });
});
