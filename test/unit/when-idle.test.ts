import { describe, expect, test, vi } from 'vitest';
import { whenIdle } from '../../src/when-idle';

describe('whenIdle', () => {
  test('waits for the idle callback, with the time limit given', () => {
    const requestIdleCallback = vi.fn<Window['requestIdleCallback']>(() => 1);
    const setTimeout = vi.fn();
    const work = vi.fn();
    whenIdle({ requestIdleCallback, setTimeout } as unknown as Window, work, 500);
    expect(work).not.toHaveBeenCalled();
    expect(setTimeout).not.toHaveBeenCalled();
    expect(requestIdleCallback.mock.calls[0]?.[1]).toEqual({ timeout: 500 });
    requestIdleCallback.mock.calls[0]?.[0]({ didTimeout: false, timeRemaining: () => 10 });
    expect(work).toHaveBeenCalledOnce();
  });

  test('without idle callbacks, runs after the current task', () => {
    vi.useFakeTimers();
    try {
      const work = vi.fn();
      whenIdle({ setTimeout: globalThis.setTimeout } as unknown as Window, work);
      expect(work).not.toHaveBeenCalled();
      vi.runAllTimers();
      expect(work).toHaveBeenCalledOnce();
    } finally {
      vi.useRealTimers();
    }
  });
});
