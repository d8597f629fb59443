/**
 * Resolves once the document has drawn two more frames, or after `fallbackMs` where no frame
 * comes (a tab in the background draws none). By the second frame, whatever the browser had
 * queued before the call has gone through: the page laid out and painted without what was just
 * hidden, and the answer to the key press or click being handled sent back to the browser.
 */
export function afterFramesDrawn(win: Pick<Window, 'requestAnimationFrame' | 'setTimeout' | 'clearTimeout'>, fallbackMs = 200): Promise<void> {
  return new Promise((resolve) => {
    const fallback = win.setTimeout(resolve, fallbackMs);
    win.requestAnimationFrame(() =>
      win.requestAnimationFrame(() => {
        win.clearTimeout(fallback);
        resolve();
      }),
    );
  });
}
