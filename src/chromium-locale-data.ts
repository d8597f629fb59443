/**
 * Chromium loads the browser's locale data into a process at its first use of Intl (14–39 ms
 * here), and runs the extension's service worker and its pages, the sidebar's frame among them,
 * in one process, which ends when the worker stops. A click that starts the worker again would
 * have the sidebar's first render (its dates) pay for that data; the worker loads it instead,
 * on its own thread, while it waits for the screenshot. Firefox's background is a page on the
 * sidebar's own thread, where loading the data early would only move its cost: nothing is done
 * there.
 */
export function createLocaleDataLoader(backgroundIsWorker: boolean, schedule: (load: () => void) => void): () => void {
  let asked = !backgroundIsWorker;
  return function loadLocaleDataAside() {
    if (asked) return;
    asked = true;
    schedule(() => void Intl.DateTimeFormat().resolvedOptions());
  };
}
