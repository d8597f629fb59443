/**
 * When to try again after a failed delivery: "full jitter" exponential backoff. The delay is
 * drawn uniformly between 0 and an exponentially growing ceiling, so many browsers that lost
 * the network together do not all come back at the same instant and overload the server.
 */
export const BACKOFF_BASE_MS = 2000;
export const BACKOFF_CAP_MS = 15 * 60 * 1000;

/** The longest wait before retry number `retry` (0 for the first retry): min(cap, base · 2^retry). */
export function backoffCeilingMs(retry: number): number {
  return Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, retry));
}

/**
 * The wait before retry number `retry`: uniform in [0, ceiling], `random` giving [0, 1).
 * A server that said when to come back (429 Retry-After) is not asked sooner.
 */
export function retryDelayMs(retry: number, random: () => number, retryAfterMs?: number): number {
  const jittered = Math.round(random() * backoffCeilingMs(retry));
  return retryAfterMs === undefined ? jittered : Math.max(jittered, retryAfterMs);
}
