import { describe, expect, test } from 'vitest';
import { createRateLimiter } from '../../../src/capture/rate-limit';

function fakeClock() {
  let now = 0;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    advance: (ms: number) => (now += ms),
    sleep: async (ms: number) => {
      sleeps.push(ms);
      now += ms;
    },
  };
}

describe('capture rate limit (two a second)', () => {
  test('two calls go at once, the third waits until a second after the first', async () => {
    const clock = fakeClock();
    const limited = createRateLimiter(2, 1000, clock);
    const startedAt: number[] = [];
    const call = () => limited(async () => startedAt.push(clock.now()));
    await Promise.all([call(), call(), call(), call()]);
    expect(startedAt[0]).toBe(0);
    expect(startedAt[1]).toBe(0);
    expect(startedAt[2]).toBeGreaterThanOrEqual(1000);
    expect(startedAt[3]).toBeGreaterThanOrEqual(1000);
    expect(startedAt[3]! - startedAt[1]!).toBeGreaterThanOrEqual(1000);
  });

  test("the window runs from each call's answer: a slow answer delays the third call as much", async () => {
    const clock = fakeClock();
    const limited = createRateLimiter(2, 1000, clock);
    const startedAt: number[] = [];
    // Each capture takes 80 ms: the browser may have counted it as late as its answer.
    const slowCall = () =>
      limited(async () => {
        startedAt.push(clock.now());
        clock.advance(80);
      });
    await Promise.all([slowCall(), slowCall(), slowCall()]);
    expect(startedAt.slice(0, 2)).toEqual([0, 80]);
    // The first answer came at 80 ms: the third call waits until a second after it.
    expect(startedAt[2]).toBeGreaterThanOrEqual(80 + 1000);
  });

  test('no wait when calls are spread out', async () => {
    const clock = fakeClock();
    const limited = createRateLimiter(2, 1000, clock);
    for (let i = 0; i < 5; i++) {
      await limited(async () => undefined);
      clock.advance(600);
    }
    expect(clock.sleeps).toEqual([]);
  });

  test('a failing call still counts and does not block the next', async () => {
    const clock = fakeClock();
    const limited = createRateLimiter(2, 1000, clock);
    await expect(limited(async () => Promise.reject(new Error('refused')))).rejects.toThrow('refused');
    await expect(limited(async () => 'ok')).resolves.toBe('ok');
  });

  describe('a call the browser refused all the same (it counted captures this limiter did not see)', () => {
    const refused = new Error('This request exceeds the MAX_CAPTURE_VISIBLE_TAB_CALLS_PER_SECOND quota.');
    const isRefusal = (error: unknown) => error === refused;

    /** A call that always fails with this error: how the limiter answered, how many times it made the call, how long it slept. */
    async function callFailingWith(error: Error) {
      const clock = fakeClock();
      const limited = createRateLimiter(2, 1000, clock, isRefusal);
      let calls = 0;
      const answer = limited(async () => {
        calls += 1;
        throw error;
      });
      await answer.catch(() => undefined);
      return { answer, calls, sleeps: clock.sleeps };
    }

    test('is made once more when a window has passed, and its answer is the answer', async () => {
      const clock = fakeClock();
      const limited = createRateLimiter(2, 1000, clock, isRefusal);
      const startedAt: number[] = [];
      const answer = await limited(async () => {
        startedAt.push(clock.now());
        if (startedAt.length === 1) throw refused;
        return 'image';
      });
      expect(answer).toBe('image');
      expect(startedAt).toHaveLength(2);
      expect(startedAt[1]! - startedAt[0]!).toBeGreaterThanOrEqual(1000);
    });

    test('refused again: that refusal is the answer, with no third call', async () => {
      const { answer, calls } = await callFailingWith(refused);
      await expect(answer).rejects.toBe(refused);
      expect(calls).toBe(2);
    });

    test('any other failure is not tried again', async () => {
      const { answer, calls, sleeps } = await callFailingWith(new Error('the tab is gone'));
      await expect(answer).rejects.toThrow('the tab is gone');
      expect(calls).toBe(1);
      expect(sleeps).toEqual([]);
    });
  });
});
