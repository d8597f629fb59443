/**
 * Chromium counts its two-a-second captureVisibleTab quota in the browser, per extension, and
 * refuses a call over it with this name in the message. The background's limiter counts in its
 * own memory: a background the browser stopped and started again within a second of a capture
 * does not know of that capture, and its next call is refused. Firefox has no such quota.
 */
const QUOTA_NAME = 'MAX_CAPTURE_VISIBLE_TAB_CALLS_PER_SECOND';

/** Whether a failed capture was refused for the browser's rate quota (and may be made again once its window has passed). */
export function isCaptureRateRefusal(error: unknown): boolean {
  const message = error instanceof Error ? error.message : typeof error === 'string' ? error : '';
  return message.includes(QUOTA_NAME);
}
