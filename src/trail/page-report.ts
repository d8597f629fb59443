/**
 * What the always-on content script tells the background about its page in one message: the
 * steps the recorder noted together, and whether the page shows an error message when that
 * changed. In Firefox every message from a content script costs the page's main thread 1–2 ms,
 * and an error page's load notes three things at once (its page, its errors, the error shown).
 */
import type { TrailRecorderOptions } from './recorder';
import type { TrailStep } from './step';

/** The most steps one report carries: the recorder notes at most 21 at once (a page and its errors). */
export const MAX_STEPS_PER_REPORT = 50;

export interface PageReport {
  steps: TrailStep[];
  /** Present when the page started (true) or stopped (false) showing an error message. */
  errorShown?: boolean;
}

/**
 * The recorder's callbacks, gathered: what it notes in one go (one task) leaves in one report, at
 * the end of that task.
 */
export function reportsInBatches(send: (report: PageReport) => void, queue: (flush: () => void) => void = queueMicrotask): Pick<TrailRecorderOptions, 'record' | 'errorsShown'> {
  let pending: PageReport | undefined;
  const flush = () => {
    if (!pending) return;
    const report = pending;
    pending = undefined;
    send(report);
  };
  const current = (): PageReport => {
    if (!pending) {
      pending = { steps: [] };
      queue(flush);
    }
    return pending;
  };
  return {
    record(step) {
      const report = current();
      report.steps.push(step);
      if (report.steps.length === MAX_STEPS_PER_REPORT) flush();
    },
    errorsShown(shown) {
      current().errorShown = shown;
    },
  };
}
