/**
 * The e2e harness's Chromium (test/e2e/support/chromium.ts: same flags, same extension, same
 * replica host mapping, same toolbar click), plus the Playwright BrowserContext behind it, which
 * the bench needs and the harness does not expose: CDP sessions for Performance.getMetrics and
 * the heap, the extension's service worker for a bare captureVisibleTab, the page objects'
 * Playwright pages for viewport changes and frame init scripts.
 *
 * The context is taken by wrapping playwright-core's launchPersistentContext for the duration of
 * one launchChromium() call (same module instance: playwright-core is loaded once by Node). If
 * launchChromium ever returns its context itself, this wrapper reduces to that one call.
 */
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import type { BrowserUnderTest, TabDriver } from '../test/e2e/pages/drivers';
import { extensionServiceWorker, launchChromium } from '../test/e2e/support/chromium';
import { CHROME_BUILD } from '../test/e2e/support/paths';

export interface ChromiumSession {
  browser: BrowserUnderTest;
  context: BrowserContext;
  extensionId: string;
  worker(): Promise<Worker>;
  /** A new tab, both as the harness's TabDriver (toolbar click, page objects) and as a Playwright page. */
  newTab(): Promise<{ tab: TabDriver; page: Page }>;
}

/** `extensionDir`: ours from elsewhere than the build (a copy with a bare sidebar). */
export async function launchBenchChromium(portalPort: number, alsoLoad: string[] = [], extensionDir?: string): Promise<ChromiumSession> {
  const original = chromium.launchPersistentContext;
  let context: BrowserContext | undefined;
  chromium.launchPersistentContext = async function (this: typeof chromium, ...args: Parameters<typeof original>) {
    context = await original.apply(this, args);
    return context;
  };
  let browser: BrowserUnderTest;
  try {
    browser = await launchChromium({ portalPort, lang: 'fr', alsoLoad, ...(extensionDir ? { extensionDir } : {}) });
  } finally {
    chromium.launchPersistentContext = original;
  }
  if (!context) {
    await browser.close();
    throw new Error('launchChromium did not go through playwright-core launchPersistentContext');
  }
  const ctx = context;
  const worker = () => extensionServiceWorker(ctx, extensionDir ?? CHROME_BUILD);
  const extensionId = new URL((await worker()).url()).host;
  // Chromium answers an extension's first read of its managed storage once the browser's
  // policies have loaded, 3–4 s after launch, and until then a toolbar click waits up to 500 ms
  // for it (the background's MANAGED_WAIT_MS). The bench measures the clicks after that, as a
  // user's made once the browser has started; docs/bench.md gives the first seconds' figure.
  await (await worker()).evaluate('chrome.storage.managed.get(null).then(() => true, () => false)');
  return {
    browser,
    context: ctx,
    extensionId,
    worker,
    async newTab() {
      const opened = ctx.waitForEvent('page');
      const tab = await browser.newTab();
      return { tab, page: await opened };
    },
  };
}
