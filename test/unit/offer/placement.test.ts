import { describe, expect, test } from 'vitest';
import { OFFER_GAP, placeOffer, type Box } from '../../../src/offer/placement';

const BUTTON = { width: 300, height: 32 };

function overlaps(a: Box, b: Box): boolean {
  return a.left < b.left + b.width && b.left < a.left + a.width && a.top < b.top + b.height && b.top < a.top + a.height;
}

describe('where the offer goes beside an error', () => {
  test('on the error right, top aligned, when the viewport has room there', () => {
    const error = { left: 20, top: 100, width: 400, height: 40 };
    expect(placeOffer(error, BUTTON, 1280)).toEqual({ left: 420 + OFFER_GAP, top: 100 });
  });

  test('below it otherwise, inside the viewport width, never over the error', () => {
    const cases: [Box, number][] = [
      [{ left: 20, top: 100, width: 1200, height: 40 }, 1280],
      [{ left: 900, top: 10, width: 300, height: 60 }, 1000],
      [{ left: 0, top: 0, width: 320, height: 20 }, 320],
    ];
    for (const [error, viewport] of cases) {
      const place = placeOffer(error, BUTTON, viewport);
      expect(place.top).toBe(error.top + error.height + OFFER_GAP);
      expect(place.left).toBeGreaterThanOrEqual(0);
      expect(place.left + BUTTON.width).toBeLessThanOrEqual(Math.max(viewport, BUTTON.width));
      expect(overlaps({ ...place, ...BUTTON }, error)).toBe(false);
    }
  });
});
