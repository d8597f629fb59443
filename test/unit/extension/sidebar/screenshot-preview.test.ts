import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, test, vi } from 'vitest';
import ScreenshotPreview from '../../../../extension/sidebar/ScreenshotPreview.svelte';
import { THUMBNAIL_SHOWN_MARK } from '../../../../extension/sidebar/timing-marks';

vi.mock('../../../../extension/shared/native-runtime', async () => (await import('./mock-browser')).frenchBrowser());

afterEach(() => {
  cleanup();
  performance.clearMarks();
  vi.restoreAllMocks();
});

describe('screenshot thumbnail', () => {
  test('marks on its own timeline when the thumbnail is decoded and shown (read by the bench), not before', async () => {
    let decoded!: () => void;
    vi.spyOn(HTMLImageElement.prototype, 'decode').mockReturnValue(new Promise<void>((resolve) => (decoded = resolve)));
    render(ScreenshotPreview, { capture: { dataUrl: 'data:image/png;base64,iVBORw0KGgo=' }, takenAt: '14:30' });
    const thumbnail = screen.getByTestId('screenshot-thumbnail').querySelector('img')!;
    await fireEvent.load(thumbnail);
    expect(performance.getEntriesByName(THUMBNAIL_SHOWN_MARK)).toHaveLength(0);
    decoded();
    await vi.waitFor(() => expect(performance.getEntriesByName(THUMBNAIL_SHOWN_MARK)).toHaveLength(1));
  });
});
