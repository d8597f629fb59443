import { describe, expect, test } from 'vitest';
import { clip, fromPoints, merge, rescale, scaleOut, toImageRects, type Frame } from '../../../src/capture/geometry';

const viewport = (scale: number, scrollY = 0): Frame => ({ scrollX: 0, scrollY, scale, origin: 'viewport', image: { width: 1280 * scale, height: 800 * scale } });

describe('geometry', () => {
  test('scales outward to whole pixels', () => {
    expect(scaleOut({ x: 10.4, y: 20.6, width: 100.2, height: 30.1 }, 1)).toEqual({ x: 10, y: 20, width: 101, height: 31 });
    expect(scaleOut({ x: 10, y: 20, width: 100, height: 30 }, 2)).toEqual({ x: 20, y: 40, width: 200, height: 60 });
    expect(scaleOut({ x: 1, y: 1, width: 1, height: 1 }, 1.25)).toEqual({ x: 1, y: 1, width: 2, height: 2 });
  });

  test('clips to the image, drops what is outside', () => {
    expect(clip({ x: -10, y: 790, width: 50, height: 50 }, { width: 1280, height: 800 })).toEqual({ x: 0, y: 790, width: 40, height: 10 });
    expect(clip({ x: 1300, y: 0, width: 50, height: 50 }, { width: 1280, height: 800 })).toBeNull();
    expect(clip({ x: 0, y: -60, width: 50, height: 60 }, { width: 1280, height: 800 })).toBeNull();
  });

  test('merges overlapping and touching rectangles, keeps apart the others', () => {
    const merged = merge([
      { x: 0, y: 0, width: 10, height: 10 },
      { x: 10, y: 0, width: 10, height: 10 },
      { x: 5, y: 5, width: 10, height: 10 },
      { x: 100, y: 100, width: 5, height: 5 },
      { x: 50, y: 50, width: 0, height: 10 },
    ]);
    expect(merged).toEqual([
      { x: 0, y: 0, width: 20, height: 15 },
      { x: 100, y: 100, width: 5, height: 5 },
    ]);
  });

  test('merging is transitive (a chain becomes one box)', () => {
    const chain = Array.from({ length: 5 }, (_, i) => ({ x: i * 9, y: i * 9, width: 10, height: 10 })).reverse();
    expect(merge(chain)).toEqual([{ x: 0, y: 0, width: 46, height: 46 }]);
  });

  test('client rects × devicePixelRatio, padded, clipped to the viewport', () => {
    const rects = toImageRects([{ x: 100, y: 790, width: 200, height: 30 }], viewport(2), 2);
    expect(rects).toEqual([{ x: 196, y: 1576, width: 408, height: 24 }]);
  });

  test('the visible capture ignores the scroll; the whole page adds it', () => {
    const box = { x: 10, y: 20, width: 30, height: 40 };
    expect(toImageRects([box], viewport(1, 500))).toEqual([{ x: 10, y: 20, width: 30, height: 40 }]);
    const page: Frame = { scrollX: 5, scrollY: 500, scale: 0.5, origin: 'page', image: { width: 640, height: 2000 } };
    expect(toImageRects([box], page)).toEqual([{ x: 7, y: 260, width: 16, height: 20 }]);
  });

  test('rescales rectangles to the size of the image actually captured', () => {
    expect(rescale([{ x: 10, y: 10, width: 10, height: 10 }], { width: 100, height: 100 }, { width: 150, height: 150 })).toEqual([{ x: 15, y: 15, width: 15, height: 15 }]);
    expect(rescale([{ x: 90, y: 0, width: 20, height: 10 }], { width: 100, height: 100 }, { width: 100, height: 100 })).toEqual([{ x: 90, y: 0, width: 20, height: 10 }]);
  });

  test('a drag in any direction gives the same rectangle', () => {
    expect(fromPoints(50, 60, 10, 20)).toEqual({ x: 10, y: 20, width: 40, height: 40 });
  });
});
