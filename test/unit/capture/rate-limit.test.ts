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
});
