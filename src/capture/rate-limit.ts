/**
 * Chromium refuses more than two tabs.captureVisibleTab calls a second
 * (MAX_CAPTURE_VISIBLE_TAB_CALLS_PER_SECOND): a user who opens, closes and reopens the
 * sidebar quickly would otherwise lose the screenshot. Calls wait for their turn instead.
 */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export function createRateLimiter(maxCalls: number, perMs: number, clock: Clock) {
  // Small margin: the browser's own window is measured on its clock, not ours.
  const windowMs = perMs + 50;
  const starts: number[] = [];
  let queue: Promise<unknown> = Promise.resolve();

  return function limited<T>(task: () => Promise<T>): Promise<T> {
    const run = async () => {
      if (starts.length >= maxCalls) {
        const wait = starts[starts.length - maxCalls]! + windowMs - clock.now();
        if (wait > 0) await clock.sleep(wait);
      }
      starts.push(clock.now());
      starts.splice(0, Math.max(0, starts.length - maxCalls));
      return task();
    };
    const result = queue.then(run, run);
    queue = result.catch(() => undefined);
    return result;
  };
}
