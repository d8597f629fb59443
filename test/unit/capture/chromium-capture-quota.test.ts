import { describe, expect, test } from 'vitest';
import { isCaptureRateRefusal } from '../../../src/capture/chromium-capture-quota';

describe("Chromium's capture rate refusal", () => {
  test("is told by the quota's name in Chromium's message, as an error or as a bare message", () => {
    expect(isCaptureRateRefusal(new Error('This request exceeds the MAX_CAPTURE_VISIBLE_TAB_CALLS_PER_SECOND quota.'))).toBe(true);
    expect(isCaptureRateRefusal('This request exceeds the MAX_CAPTURE_VISIBLE_TAB_CALLS_PER_SECOND quota.')).toBe(true);
  });

  test('any other failure is not one', () => {
    expect(isCaptureRateRefusal(new Error('Cannot access contents of the page. Extension manifest must request permission to access the respective host.'))).toBe(false);
    expect(isCaptureRateRefusal(new Error('No active web contents to capture'))).toBe(false);
    expect(isCaptureRateRefusal(undefined)).toBe(false);
    expect(isCaptureRateRefusal({ message: 'MAX_CAPTURE_VISIBLE_TAB_CALLS_PER_SECOND' })).toBe(false);
  });
});
