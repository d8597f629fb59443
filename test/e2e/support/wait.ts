/**
 * Waits for a condition, checking it again each time the event loop is free for a short while.
 * Never a fixed sleep: it returns as soon as the condition holds, and fails with a message
 * saying what was awaited when the deadline passes. A check that does not answer (a browser
 * call into a frame that is going away) is given up after a while and tried again, so one stuck
 * call cannot hang the test.
 */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined | null | false> | T | undefined | null | false,
  { timeoutMs = 15_000, intervalMs = 50, probeTimeoutMs = 3_000 } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await withinMs(Promise.resolve(probe()), Math.max(1, Math.min(probeTimeoutMs, deadline - Date.now())));
      if (value) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const cause = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${cause}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

function withinMs<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
