import { describe, expect, test, vi } from 'vitest';
import { afterFramesDrawn } from '../../src/frames-drawn';

/** A window whose frames are drawn only when the test says so. */
function windowWithFrames() {
  let callbacks: FrameRequestCallback[] = [];
  const win = {
    requestAnimationFrame: (callback: FrameRequestCallback) => callbacks.push(callback),
    setTimeout: (handler: () => void, ms: number) => setTimeout(handler, ms),
    clearTimeout: (id: ReturnType<typeof setTimeout>) => clearTimeout(id),
  } as unknown as Pick<Window, 'requestAnimationFrame' | 'setTimeout' | 'clearTimeout'>;
  const drawFrame = () => {
    const due = callbacks;
    callbacks = [];
    for (const callback of due) callback(0);
  };
  return { win, drawFrame };
}

describe('afterFramesDrawn', () => {
  test('resolves after the second frame drawn, not the first', async () => {
    const { win, drawFrame } = windowWithFrames();
    let done = false;
    const drawn = afterFramesDrawn(win).then(() => (done = true));
    drawFrame();
    await Promise.resolve();
    expect(done).toBe(false);
    drawFrame();
    await drawn;
    expect(done).toBe(true);
  });

  test('where no frame comes, resolves after the fallback delay', async () => {
    vi.useFakeTimers();
    try {
      const { win } = windowWithFrames();
      let done = false;
      const drawn = afterFramesDrawn(win, 200).then(() => (done = true));
      await vi.advanceTimersByTimeAsync(199);
      expect(done).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      await drawn;
      expect(done).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });
});
