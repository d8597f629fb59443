import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, test, vi } from 'vitest';
import ScreenshotPreview from '../../../../extension/sidebar/ScreenshotPreview.svelte';
import { THUMBNAIL_SHOWN_MARK } from '../../../../extension/sidebar/timing-marks';
import { thumbnailImage } from './fixtures';

vi.mock('../../../../extension/shared/native-runtime', async () => (await import('./mock-browser')).frenchBrowser());

afterEach(() => {
  cleanup();
  performance.clearMarks();
  vi.restoreAllMocks();
});

const PNG = new Blob([new Uint8Array([137, 80, 78, 71])], { type: 'image/png' });

describe('screenshot thumbnail', () => {
  test('shows the file through one object URL, freed when the preview goes', async () => {
    const created: Blob[] = [];
    const revoked: string[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => (created.push(blob as Blob), `blob:shot-${created.length}`));
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation((url) => void revoked.push(url));
    const { unmount } = render(ScreenshotPreview, { file: PNG, takenAt: '14:30' });
    const thumbnail = await thumbnailImage();
    expect(thumbnail.getAttribute('src')).toBe('blob:shot-1');
    expect(screen.getByTestId('screenshot-full').getAttribute('src')).toBe('blob:shot-1');
    expect(created).toEqual([PNG]);
    expect(revoked).toEqual([]);
    unmount();
    expect(revoked).toEqual(['blob:shot-1']);
  });

  test('marks on its own timeline when the thumbnail is decoded and shown (read by the bench), not before', async () => {
    let decoded!: () => void;
    vi.spyOn(HTMLImageElement.prototype, 'decode').mockReturnValue(new Promise<void>((resolve) => (decoded = resolve)));
    render(ScreenshotPreview, { file: PNG, takenAt: '14:30' });
    const thumbnail = await thumbnailImage();
    await fireEvent.load(thumbnail);
    expect(performance.getEntriesByName(THUMBNAIL_SHOWN_MARK)).toHaveLength(0);
    decoded();
    await vi.waitFor(() => expect(performance.getEntriesByName(THUMBNAIL_SHOWN_MARK)).toHaveLength(1));
  });

  test('says when the thumbnail is on screen, or could not be shown (what waits for it then starts)', async () => {
    let decoded!: () => void;
    vi.spyOn(HTMLImageElement.prototype, 'decode').mockReturnValueOnce(new Promise<void>((resolve) => (decoded = resolve)));
    const onshown = vi.fn();
    render(ScreenshotPreview, { file: PNG, takenAt: '14:30', onshown });
    const thumbnail = await thumbnailImage();
    await fireEvent.load(thumbnail);
    expect(onshown).not.toHaveBeenCalled();
    decoded();
    await vi.waitFor(() => expect(onshown).toHaveBeenCalledTimes(1));
    cleanup();
    performance.clearMarks();

    vi.spyOn(HTMLImageElement.prototype, 'decode').mockRejectedValueOnce(new Error('EncodingError'));
    const notDecoded = vi.fn();
    render(ScreenshotPreview, { file: PNG, takenAt: '14:30', onshown: notDecoded });
    await fireEvent.load(await thumbnailImage());
    await vi.waitFor(() => expect(notDecoded).toHaveBeenCalledTimes(1));
    expect(performance.getEntriesByName(THUMBNAIL_SHOWN_MARK)).toHaveLength(0);
    cleanup();

    const notLoaded = vi.fn();
    render(ScreenshotPreview, { file: PNG, takenAt: '14:30', onshown: notLoaded });
    await fireEvent.error(await thumbnailImage());
    expect(notLoaded).toHaveBeenCalledTimes(1);
  });
});
