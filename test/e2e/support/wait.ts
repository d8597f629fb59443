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
    const allowedMs = Math.max(1, Math.min(probeTimeoutMs, deadline - Date.now()));
    try {
      const value = await withinMs(Promise.resolve(probe()), allowedMs);
      if (value) return value;
    } catch (error) {
      // A last check cut short by the deadline says less than the one before it: that one is kept.
      if (!(error instanceof ProbeTimeout && allowedMs < probeTimeoutMs && lastError !== undefined)) lastError = error;
    }
    if (Date.now() > deadline) {
      const cause = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${cause}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

class ProbeTimeout extends Error {}

function withinMs<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ProbeTimeout(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
