import { describe, expect, test, vi } from 'vitest';
import { createLocaleDataLoader } from '../../src/chromium-locale-data';

describe("the locale data loaded by Chromium's service worker", () => {
  test('is loaded once, later, out of the task that asked for it', () => {
    const scheduled: (() => void)[] = [];
    const load = createLocaleDataLoader(true, (run) => scheduled.push(run));
    const format = vi.spyOn(Intl, 'DateTimeFormat');
    try {
      load();
      load();
      expect(scheduled).toHaveLength(1);
      expect(format).not.toHaveBeenCalled();
      scheduled[0]!();
      expect(format).toHaveBeenCalledOnce();
    } finally {
      format.mockRestore();
    }
  });

  test('is left alone by a background that is a page (Firefox: it shares the sidebar’s thread)', () => {
    const schedule = vi.fn();
    const load = createLocaleDataLoader(false, schedule);
    load();
    expect(schedule).not.toHaveBeenCalled();
  });
});
