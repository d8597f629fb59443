import { describe, expect, test } from 'vitest';
import { TARGET_BYTES } from '../../../src/capture/encode';
import { keptAsCaptured } from '../../../src/capture/pipeline';

/** A PNG data URL carrying `bytes` bytes (base64: 4 characters per 3 bytes). */
const pngOf = (bytes: number) => `data:image/png;base64,${'A'.repeat(Math.ceil(bytes / 3) * 4)}`;
const nothing = { rects: [] };
const oneField = { rects: [{ x: 10, y: 10, width: 100, height: 20 }] };

describe("the browser's PNG kept as it is", () => {
  test('nothing to mask and within the target: kept', () => {
    expect(keptAsCaptured(pngOf(140 * 1024), nothing)).toBe(true);
    expect(keptAsCaptured(pngOf(TARGET_BYTES - 3), nothing)).toBe(true);
  });

  test('anything to mask: never kept, it goes through the masks', () => {
    expect(keptAsCaptured(pngOf(1024), oneField)).toBe(false);
  });

  test('over the target: encoded again (JPEG may be tried), not kept', () => {
    expect(keptAsCaptured(pngOf(TARGET_BYTES + 3), nothing)).toBe(false);
  });

  test('anything but a base64 PNG: not kept', () => {
    expect(keptAsCaptured('data:image/jpeg;base64,/9j/4AAQ', nothing)).toBe(false);
    expect(keptAsCaptured('data:image/png,raw', nothing)).toBe(false);
    expect(keptAsCaptured('javascript:alert(1)', nothing)).toBe(false);
  });
});
