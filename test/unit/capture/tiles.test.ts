import { describe, expect, test } from 'vitest';
import { planTiles, rectsInTile, viewportTile, WHOLE_PAGE_LIMITS, type Tile } from '../../../src/capture/tiles';

/** Every image row is in some part, parts are in order and within the limits. */
function expectCovered(tiles: Tile[], height: number) {
  expect(tiles[0]!.y).toBe(0);
  for (let i = 1; i < tiles.length; i++) expect(tiles[i]!.y).toBeLessThanOrEqual(tiles[i - 1]!.y + tiles[i - 1]!.height);
  const last = tiles[tiles.length - 1]!;
  expect(last.y + last.height).toBe(height);
}

describe('whole-page parts', () => {
  test('a page that fits one canvas is one image at full scale, without a part number', () => {
    expect(planTiles({ width: 1280, height: 3_000 }, 1)).toEqual({ fits: true, scale: 1, width: 1280, height: 3_000, tiles: [{ part: 0, y: 0, height: 3_000 }] });
    expect(planTiles({ width: 1280, height: 3_000 }, 2)).toMatchObject({ scale: 2, height: 6_000, tiles: [{ part: 0, y: 0, height: 6_000 }] });
  });

  test('the 2,000-row list (68,500 CSS px) is split at full scale, not scaled down to 32,767 px', () => {
    const plan = planTiles({ width: 1266, height: 68_500 }, 1);
    if (!plan.fits) throw new Error('should fit');
    expect(plan.scale).toBe(1);
    expect(plan.height).toBe(68_500);
    expect(plan.tiles).toHaveLength(5);
    expect(plan.tiles.map((tile) => tile.part)).toEqual([1, 2, 3, 4, 5]);
    expectCovered(plan.tiles, 68_500);
    for (const tile of plan.tiles) {
      expect(tile.height).toBeLessThanOrEqual(WHOLE_PAGE_LIMITS.maxPartHeight);
      expect(tile.height * 1266).toBeLessThanOrEqual(WHOLE_PAGE_LIMITS.maxPartArea);
    }
    // Consecutive parts share 48 rows: a line cut at the bottom of one is whole in the next.
    expect(plan.tiles[0]!.y + plan.tiles[0]!.height - plan.tiles[1]!.y).toBe(48);
    // All the same height (one canvas is painted again for a later part); the last one shares
    // the rounding's few extra rows with the one before.
    expect(new Set(plan.tiles.map((t) => t.height)).size).toBe(1);
    const [, , , fourth, fifth] = plan.tiles;
    expect(fourth!.y + fourth!.height - fifth!.y).toBeGreaterThanOrEqual(48);
    expect(fourth!.y + fourth!.height - fifth!.y).toBeLessThan(48 + 5);
  });

  test('a wide page has shorter parts (area bound), and a page wider than a canvas is scaled to fit', () => {
    const wide = planTiles({ width: 4_000, height: 20_000 }, 1);
    if (!wide.fits) throw new Error('should fit');
    expect(new Set(wide.tiles.map((t) => t.height)).size).toBe(1);
    for (const tile of wide.tiles) expect(tile.height * 4_000).toBeLessThanOrEqual(WHOLE_PAGE_LIMITS.maxPartArea);
    expectCovered(wide.tiles, 20_000);
    const huge = planTiles({ width: 40_000, height: 1_000 }, 1);
    expect(huge.scale).toBeCloseTo(32_767 / 40_000, 6);
    expect(huge.width).toBeLessThanOrEqual(32_767);
  });

  test('too many parts: not planned, and says how many it would take', () => {
    // 10,000 rows: ~342,000 CSS px.
    const plan = planTiles({ width: 1266, height: 342_000 }, 1);
    expect(plan.fits).toBe(false);
    if (plan.fits) return;
    expect(plan.parts).toBeGreaterThan(WHOLE_PAGE_LIMITS.maxParts);
  });

  test('exactly at the limits', () => {
    const limits = { ...WHOLE_PAGE_LIMITS, maxPartHeight: 100, maxPartArea: 1e9, overlap: 10, maxParts: 3 };
    expect(planTiles({ width: 10, height: 100 }, 1, limits)).toMatchObject({ fits: true, tiles: [{ part: 0, y: 0, height: 100 }] });
    const three = planTiles({ width: 10, height: 280 }, 1, limits);
    expect(three).toMatchObject({ fits: true, tiles: [{ part: 1, y: 0, height: 100 }, { part: 2, y: 90, height: 100 }, { part: 3, y: 180, height: 100 }] });
    expect(planTiles({ width: 10, height: 281 }, 1, limits)).toMatchObject({ fits: false, parts: 4 });
  });

  test('masks are moved into each part and clipped to it', () => {
    const tile: Tile = { part: 2, y: 1_000, height: 500 };
    const rects = [
      { x: 10, y: 900, width: 50, height: 200 }, // across the top edge
      { x: 10, y: 1_200, width: 50, height: 20 }, // inside
      { x: 10, y: 2_000, width: 50, height: 20 }, // in another part
    ];
    expect(rectsInTile(rects, tile, 1280)).toEqual([
      { x: 10, y: 0, width: 50, height: 100 },
      { x: 10, y: 200, width: 50, height: 20 },
    ]);
  });

  test('the visible band of a page, for a viewport capture rendered in the page', () => {
    expect(viewportTile(0, 800, 1, 5_000)).toEqual({ part: 0, y: 0, height: 800 });
    expect(viewportTile(1_000, 800, 2, 10_000)).toEqual({ part: 0, y: 2_000, height: 1_600 });
    expect(viewportTile(4_500, 800, 1, 5_000)).toEqual({ part: 0, y: 4_500, height: 500 });
  });
});
