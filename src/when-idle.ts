/**
 * Runs `work` at the browser's next idle moment, or after `timeoutMs` at the latest: work that
 * can wait stays out of the page's own loading and its first interactions.
 */
export function whenIdle(win: Pick<Window, 'setTimeout'> & Partial<Pick<Window, 'requestIdleCallback'>>, work: () => void, timeoutMs = 1000): void {
  if (win.requestIdleCallback) win.requestIdleCallback(() => work(), { timeout: timeoutMs });
  else win.setTimeout(work, 0);
}
