// @vitest-environment node
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BACKOFF_BASE_MS, BACKOFF_CAP_MS, backoffCeilingMs, retryDelayMs } from '../../../src/outbox/backoff';
import { seededRandom } from './support';

describe('full-jitter backoff', () => {
  it('doubles the ceiling from 2 s per retry up to 15 min', () => {
    expect(BACKOFF_BASE_MS).toBe(2000);
    expect(BACKOFF_CAP_MS).toBe(900_000);
    expect([0, 1, 2, 3, 8, 9, 10, 50, 5000].map(backoffCeilingMs)).toEqual([2000, 4000, 8000, 16_000, 512_000, 900_000, 900_000, 900_000, 900_000]);
  });

  it('stays within 0 ≤ delay ≤ min(cap, base·2^n) for any retry and any draw', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2000 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (retry, draw) => {
        const delay = retryDelayMs(retry, () => draw);
        expect(Number.isInteger(delay)).toBe(true);
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay).toBeLessThanOrEqual(Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** retry));
      }),
    );
  });

  it('spreads the delays over the whole range (full jitter, not a fixed wait)', () => {
    const random = seededRandom(42);
    for (const retry of [0, 4, 12]) {
      const ceiling = backoffCeilingMs(retry);
      const delays = Array.from({ length: 2000 }, () => retryDelayMs(retry, random));
      expect(Math.min(...delays)).toBeLessThan(ceiling * 0.05);
      expect(Math.max(...delays)).toBeGreaterThan(ceiling * 0.95);
      const mean = delays.reduce((sum, delay) => sum + delay, 0) / delays.length;
      expect(mean / ceiling).toBeCloseTo(0.5, 1);
    }
  });

  it('never retries sooner than the server asked (Retry-After floor)', () => {
    expect(retryDelayMs(0, () => 0, 30_000)).toBe(30_000);
    expect(retryDelayMs(20, () => 0.99, 30_000)).toBe(Math.round(0.99 * BACKOFF_CAP_MS));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), fc.nat(3_600_000), (retry, draw, retryAfterMs) => {
        const delay = retryDelayMs(retry, () => draw, retryAfterMs);
        expect(delay).toBeGreaterThanOrEqual(retryAfterMs);
        expect(delay).toBeLessThanOrEqual(Math.max(retryAfterMs, backoffCeilingMs(retry)));
      }),
    );
  });
});
