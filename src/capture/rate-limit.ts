/**
 * Chromium refuses more than two tabs.captureVisibleTab calls a second
 * (MAX_CAPTURE_VISIBLE_TAB_CALLS_PER_SECOND): a user who opens, closes and reopens the
 * sidebar quickly would otherwise lose the screenshot. Calls wait for their turn instead, and a
 * call the browser refused all the same (`refusedForRate`: it counted calls this limiter did not
 * see) is made once more when a window has passed.
 */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export function createRateLimiter(maxCalls: number, perMs: number, clock: Clock, refusedForRate: (error: unknown) => boolean = () => false) {
  // Small margin: the browser's own window is measured on its clock, not ours.
  const windowMs = perMs + 50;
  // When each call was answered. The browser counts a call when the call reaches it, after we
  // made it and before its answer: a window counted from the answer is never short, however
  // late a busy machine delivers the call (counted from the call, the margin alone stood
  // between a quick third capture and a refusal).
  const answered: number[] = [];
  let queue: Promise<unknown> = Promise.resolve();

  return function limited<T>(task: () => Promise<T>): Promise<T> {
    const run = async () => {
      if (answered.length >= maxCalls) {
        const wait = answered[answered.length - maxCalls]! + windowMs - clock.now();
        if (wait > 0) await clock.sleep(wait);
      }
      const attempt = async () => {
        try {
          return await task();
        } finally {
          answered.push(clock.now());
          answered.splice(0, Math.max(0, answered.length - maxCalls));
        }
      };
      try {
        return await attempt();
      } catch (error) {
        if (!refusedForRate(error)) throw error;
        await clock.sleep(windowMs);
        return await attempt();
      }
    };
    const result = queue.then(run, run);
    queue = result.catch(() => undefined);
    return result;
  };
}
