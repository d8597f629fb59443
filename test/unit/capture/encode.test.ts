import { describe, expect, test } from 'vitest';
import { attachmentName, nextAttempt, TARGET_BYTES, targetBytesFor, type Trial } from '../../../src/capture/encode';
import { MAX_ATTACHMENT_BYTES, MAX_ATTACHMENT_NAME_LENGTH } from '../../../src/report/attachments';

/** Runs the decision loop against a fake encoder giving sizes by (format, quality, scale). */
function decide(sizeOf: (format: string, quality: number | undefined, scale: number) => number) {
  const trials: Trial[] = [];
  for (let guard = 0; guard < 50; guard++) {
    const decision = nextAttempt(trials);
    if ('done' in decision) return { chosen: decision.done, trials };
    const { next } = decision;
    trials.push({ ...next, bytes: sizeOf(next.format, next.quality, next.scale) });
  }
  throw new Error('no decision');
}

describe('encoding decision', () => {
  test('a portal page at 1280×800: PNG (lossless text) when under 300 KB', () => {
    const { chosen, trials } = decide((format) => (format === 'png' ? 240_000 : 200_000));
    expect(chosen).toMatchObject({ format: 'png', scale: 1, bytes: 240_000 });
    expect(trials).toHaveLength(1);
  });

  test('PNG over the target: JPEG at the highest quality that fits', () => {
    const { chosen, trials } = decide((format, quality) => (format === 'png' ? 400_000 : quality === 0.92 ? 320_000 : 280_000));
    expect(chosen).toMatchObject({ format: 'jpeg', quality: 0.85 });
    expect(trials.map((t) => t.quality ?? 'png')).toEqual(['png', 0.92, 0.85]);
  });

  test('nothing fits the target: the smallest under 10 MB, never below quality 0.75', () => {
    const { chosen, trials } = decide((format, quality) => (format === 'png' ? 900_000 : Math.round(1_000_000 * (quality ?? 1))));
    expect(chosen).toMatchObject({ format: 'jpeg', quality: 0.75, scale: 1 });
    expect(Math.min(...trials.map((t) => t.quality ?? 1))).toBe(0.75);
  });

  test('far over the target: straight to the lowest quality', () => {
    const { trials } = decide((format) => (format === 'png' ? 6_000_000 : 3_000_000));
    expect(trials.map((t) => t.quality ?? 'png')).toEqual(['png', 0.75]);
  });

  test('over 10 MB: downscaled until under the limit', () => {
    const { chosen } = decide((format, _quality, scale) => Math.round((format === 'png' ? 18_000_000 : 16_000_000) * scale * scale));
    expect(chosen.bytes).toBeLessThan(MAX_ATTACHMENT_BYTES);
    expect(chosen.scale).toBeLessThan(1);
    expect(chosen.scale).toBeGreaterThan(0.5);
  });

  test('hopeless: stops at the minimum scale and keeps the smallest (the caller reports it)', () => {
    const { chosen } = decide(() => 50_000_000);
    expect(chosen.scale).toBeGreaterThanOrEqual(0.25);
    expect(chosen.bytes).toBe(50_000_000);
  });

  test('the target is 300 KB and the limit under 10 MB', () => {
    expect(TARGET_BYTES).toBe(300 * 1024);
    expect(MAX_ATTACHMENT_BYTES).toBe(10 * 1024 * 1024);
  });
});

describe('target size', () => {
  test('300 KB for a screen, in proportion for a taller image, never near the limit', () => {
    expect(targetBytesFor({ width: 1280, height: 800 })).toBe(TARGET_BYTES);
    expect(targetBytesFor({ width: 640, height: 400 })).toBe(TARGET_BYTES);
    expect(targetBytesFor({ width: 1280, height: 8_000 })).toBe(10 * TARGET_BYTES);
    expect(targetBytesFor({ width: 1280, height: 16_384 })).toBeLessThanOrEqual(MAX_ATTACHMENT_BYTES * 0.8);
  });
});

describe('attachment names', () => {
  const date = new Date(2026, 10, 27, 14, 30, 59);

  test('capture-YYYY-MM-DD-HHMM in local time, with the extension', () => {
    expect(attachmentName(date, 'png')).toBe('capture-2026-11-27-1430.png');
    expect(attachmentName(date, 'jpeg')).toBe('capture-2026-11-27-1430.jpg');
    expect(attachmentName(new Date(2026, 0, 5, 8, 4), 'png')).toBe('capture-2026-01-05-0804.png');
  });

  test('label and sequence, accents and odd characters removed', () => {
    expect(attachmentName(date, 'png', { label: 'page' })).toBe('capture-page-2026-11-27-1430.png');
    expect(attachmentName(date, 'png', { label: 'Annotée / Écran' , sequence: 3 })).toBe('capture-annotee-ecran-2026-11-27-1430-3.png');
    expect(attachmentName(date, 'png', { sequence: 1 })).toBe('capture-2026-11-27-1430.png');
  });

  test('parts of a whole page are numbered after the time', () => {
    expect(attachmentName(date, 'png', { label: 'page', part: 1 })).toBe('capture-page-2026-11-27-1430-1.png');
    expect(attachmentName(date, 'jpeg', { label: 'page', part: 6 })).toBe('capture-page-2026-11-27-1430-6.jpg');
    expect(attachmentName(date, 'png', { label: 'x'.repeat(80), sequence: 2, part: 3 }).length).toBeLessThanOrEqual(MAX_ATTACHMENT_NAME_LENGTH);
  });

  test('never longer than 50 characters, extension kept', () => {
    const name = attachmentName(date, 'jpeg', { label: 'x'.repeat(200), sequence: 12 });
    expect(name.length).toBeLessThanOrEqual(MAX_ATTACHMENT_NAME_LENGTH);
    expect(name).toMatch(/^capture-x+-2026-11-27-1430-12\.jpg$/);
    expect(attachmentName(date, 'png', { label: '---' })).toBe('capture-2026-11-27-1430.png');
  });
});
