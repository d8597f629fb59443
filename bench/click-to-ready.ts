/**
 * Toolbar click → sidebar ready, and what it is compared with, in the same iteration:
 *   ready    t0 (page clock, just before the harness's clickToolbar(), i.e. before
 *            Extensions.triggerAction) → sidebar frame showing the page URL, title and browser
 *            line and the screenshot thumbnail decoded (img.decode() resolved).
 *   capture  a bare tabs.captureVisibleTab(PNG) run in the extension's service worker on the
 *            same tab (activeTab granted by the click), timed in the worker.
 *   iframe   an empty load of an extension page in the portal page: the sidebar page in an
 *            iframe sandboxed without scripts (so its own code does not run), inserted where the
 *            sidebar goes, timed from insertion to its load event.
 *   blank    the same with a blank page of the extension (bench/blank-page.ts), right after: the
 *            sidebar's page still fetches its stylesheet and, in Chromium, its preloaded modules,
 *            which are ours, not the floor's.
 * The sidebar marks its own progress (init script below, in the sidebar frame only, with the
 * browser's clocks), so the harness's polling does not add to any figure. Times from different
 * frames are compared as performance.timeOrigin + performance.now() (epoch, sub-ms).
 *
 * Chromium allows two captureVisibleTab calls a second per extension; the extension's own
 * limiter does not see the bench's bare captures, so every capture here is spaced at least
 * CAPTURE_SPACING_MS after the end of the previous one (a deliberate wait, see CaptureSpacer).
 */
import type { Page, Worker } from 'playwright-core';
import type { FrameDriver, TabDriver } from '../test/e2e/pages/drivers';
import { SIDEBAR_INTERACTIVE_MARK, THUMBNAIL_SHOWN_MARK } from '../extension/sidebar/timing-marks';
import { PortalPage } from '../test/e2e/pages/portal-page';
import { BLANK_PAGE } from './blank-page';
import type { FirefoxSession } from '../test/e2e/support/firefox';
import { waitFor } from '../test/e2e/support/wait';

/** ≥ 1.1 s between captures: Chromium's MAX_CAPTURE_VISIBLE_TAB_CALLS_PER_SECOND is 2. */
export const CAPTURE_SPACING_MS = 1100;

/**
 * The only waits of the bench that are not waits for a condition: the browser's capture rate
 * limit is a condition the bench cannot observe, so it keeps its captures apart by the clock.
 */
export class CaptureSpacer {
  private lastCaptureEnd = -Infinity;

  async waitForSlot(): Promise<void> {
    const wait = this.lastCaptureEnd + CAPTURE_SPACING_MS - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }

  captured(): void {
    this.lastCaptureEnd = performance.now();
  }
}

/** Runs in every new document of the context; does something only in the sidebar frame. */
export const SIDEBAR_MARKS_SCRIPT = `(() => {
  if (location.protocol !== 'chrome-extension:' || !location.pathname.endsWith('/extension/sidebar/index.html')) return;
  const epoch = () => performance.timeOrigin + performance.now();
  const marks = { heading: null, filled: null, ready: null, error: null };
  let decoding = false;
  let resolveDone;
  const done = new Promise((resolve) => (resolveDone = resolve));
  const text = (id) => (document.querySelector('[data-testid="' + id + '"]')?.textContent ?? '').trim();
  const check = () => {
    if (marks.heading === null && document.querySelector('h1')?.textContent.trim()) marks.heading = epoch();
    if (marks.filled === null && ['page-url', 'page-title', 'browser'].every((id) => text(id) !== '')) marks.filled = epoch();
    const img = document.querySelector('[data-testid="screenshot-thumbnail"] img');
    if (marks.filled !== null && img && img.getAttribute('src') && !decoding) {
      decoding = true;
      img.decode().then(
        () => { marks.ready = epoch(); observer.disconnect(); resolveDone(marks); },
        (error) => { marks.error = String(error); observer.disconnect(); resolveDone(marks); },
      );
    }
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { childList: true, subtree: true, characterData: true, attributes: true });
  Object.defineProperty(globalThis, '__chorusBench', { value: { marks, done } });
})();`;

/**
 * In the portal page: when the sidebar's host element (and with it the iframe) is inserted —
 * out of sight and inert, as the click prepares it — and when it is shown: the first frame drawn
 * once it is no longer inert.
 */
export const WATCH_HOST = () => {
  const epoch = () => performance.timeOrigin + performance.now();
  const marks: { inserted: number | null; shown: number | null } = { inserted: null, shown: null };
  let seen = false;
  (globalThis as BenchHostGlobal).__chorusBenchHost = new Promise((resolve) => {
    const check = () => {
      const host = document.querySelector<HTMLElement>('chorus-pro-aide');
      if (host && marks.inserted === null) marks.inserted = epoch();
      if (host && !host.inert && !seen) {
        seen = true;
        observer.disconnect();
        // Shown is when the frame that shows it has been drawn: a task queued from the frame's
        // animation callback runs after that frame's layout and paint.
        requestAnimationFrame(() => {
          const channel = new MessageChannel();
          channel.port1.onmessage = () => {
            marks.shown = epoch();
            resolve(marks as { inserted: number; shown: number });
          };
          channel.port2.postMessage(null);
        });
      }
    };
    const observer = new MutationObserver(check);
    observer.observe(document.documentElement, { childList: true, subtree: true, attributes: true, attributeFilter: ['inert', 'style'] });
  });
};

/** The page's global WATCH_HOST leaves: when the sidebar's host was inserted, then shown (epoch ms). */
type BenchHostGlobal = typeof globalThis & { __chorusBenchHost: Promise<{ inserted: number; shown: number }> };
export const watchedHost = () => (globalThis as BenchHostGlobal).__chorusBenchHost;

export interface Screenshot {
  format: string;
  bytes: number;
  width: number;
  height: number;
}

export interface ClickSample {
  /** t0 → sidebar ready: shown, filled and its thumbnail decoded (whichever comes last). */
  readyMs: number;
  /** t0 → host element (iframe) inserted into the page, out of sight. */
  insertedMs: number;
  /** t0 → the sidebar shown (after the screenshot). */
  shownMs: number;
  /** insertion → sidebar frame DOMContentLoaded. */
  domContentLoadedMs: number;
  /** insertion → the sidebar's heading first in the DOM. */
  headingMs: number;
  /** insertion → sidebar fields filled (state loaded from the background and rendered). */
  filledMs: number;
  screenshot: Screenshot;
}

export interface IterationSample {
  click: ClickSample;
  captureMs: number;
  iframeMs: number;
  blankMs: number;
}

const epochNow = () => performance.timeOrigin + performance.now();

/** The screenshot the sidebar's thumbnail shows: format and bytes read through its object URL, size from the image. */
async function thumbnailOf(frame: FrameDriver): Promise<Screenshot> {
  const facts = await frame.evaluate(async () => {
    const img = document.querySelector<HTMLImageElement>('[data-testid="screenshot-thumbnail"] img')!;
    const file = await (await fetch(img.src)).blob();
    return { type: file.type, bytes: file.size, width: img.naturalWidth, height: img.naturalHeight };
  });
  const format = /^image\/([a-z0-9.+-]+)$/i.exec(facts.type)?.[1] ?? (facts.type || 'unknown type');
  return { format, bytes: facts.bytes, width: facts.width, height: facts.height };
}

/** In the sidebar's frame, after the fact: its DOMContentLoaded, epoch ms (null when the browser has no entry). */
const FRAME_DOM_CONTENT_LOADED = () => {
  const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
  return nav ? performance.timeOrigin + nav.domContentLoadedEventEnd : null;
};

/** In the sidebar's frame: when it left this User Timing mark, epoch ms (null until it has). */
const markTime = (name: string) => {
  const [mark] = performance.getEntriesByName(name);
  return mark ? performance.timeOrigin + mark.startTime : null;
};

/** The toolbar clicked on a portal tab whose sidebar is closed, the page's side watched: t0 (page clock) and the sidebar's frame. */
async function clickOpen(portal: PortalPage, tab: TabDriver, spacer: CaptureSpacer) {
  if (await portal.hasSidebarHost()) throw new Error('the sidebar is already open');
  await spacer.waitForSlot();
  await tab.evaluate(WATCH_HOST);
  const t0 = await tab.evaluate(epochNow);
  await tab.clickToolbar();
  await portal.waitForSidebar();
  return { t0, frame: await waitFor('the sidebar frame', () => tab.sidebarFrame()) };
}

/** One toolbar click on a portal tab whose sidebar is closed; closes it again afterwards. */
async function clickToReady(tab: TabDriver, spacer: CaptureSpacer): Promise<ClickSample> {
  const portal = new PortalPage(tab);
  const { t0, frame } = await clickOpen(portal, tab, spacer);
  const marks = await frame.evaluate(() => {
    const { __chorusBench: bench } = globalThis as typeof globalThis & {
      __chorusBench?: { done: Promise<{ heading: number | null; filled: number | null; ready: number | null; error: string | null }> };
    };
    return bench ? bench.done : Promise.reject(new Error('the bench init script did not run in the sidebar frame'));
  });
  spacer.captured();
  if (marks.error || marks.ready === null || marks.filled === null || marks.heading === null) throw new Error(`sidebar not ready: ${JSON.stringify(marks)}`);
  const domContentLoaded = await frame.evaluate(FRAME_DOM_CONTENT_LOADED);
  const host = await tab.evaluate(watchedHost);
  const inserted = host.inserted;
  const screenshot = await thumbnailOf(frame);
  if (domContentLoaded === null) throw new Error('no navigation timing in the sidebar frame');

  // A second toolbar click closes it (no capture on closing), as a user would.
  await tab.clickToolbar();
  await portal.waitForNoSidebar();
  return {
    readyMs: Math.max(marks.ready, host.shown) - t0,
    insertedMs: inserted - t0,
    shownMs: host.shown - t0,
    domContentLoadedMs: domContentLoaded - inserted,
    headingMs: marks.heading - inserted,
    filledMs: marks.filled - inserted,
    screenshot,
  };
}

/** A bare captureVisibleTab of the tab showing `url`, timed inside the service worker. */
async function bareCapture(worker: Worker, url: string, spacer: CaptureSpacer): Promise<number> {
  await spacer.waitForSlot();
  const result = await worker.evaluate<{ ms: number; length: number }>(`(async () => {
    const tab = (await chrome.tabs.query({})).find((candidate) => candidate.url === ${JSON.stringify(url)});
    if (!tab) throw new Error('tab not found');
    const start = performance.now();
    const dataUrl = await chrome.tabs.captureVisibleTab(tab.windowId, { format: 'png' });
    return { ms: performance.now() - start, length: dataUrl.length };
  })()`);
  spacer.captured();
  if (result.length < 1000) throw new Error('bare capture returned no image');
  return result.ms;
}

/**
 * An extension page's frame in the portal page, without running its scripts: insertion → load.
 * Checked: the frame must really show the extension page (a refused load would fire `load` on
 * an error page, much sooner); NaN otherwise, so the run reports it instead of a wrong figure.
 * The page is the sidebar's (web-accessible), shown while the real sidebar is closed.
 */
async function emptyExtensionFrame(tab: TabDriver, src: string): Promise<number> {
  const ms = await tab.evaluate(async (source: string) => {
    const frame = document.createElement('iframe');
    frame.id = 'chorus-bench-empty-frame';
    frame.setAttribute('sandbox', 'allow-same-origin');
    frame.style.cssText = 'position:fixed;top:0;right:0;width:400px;height:100vh;border:0;z-index:2147483647';
    const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    frame.src = source;
    const start = performance.now();
    document.documentElement.append(frame);
    await loaded;
    return performance.now() - start;
  }, src);
  const shown = (await tab.sidebarFrame()) !== undefined;
  await tab.evaluate(() => document.getElementById('chorus-bench-empty-frame')!.remove());
  if (!shown) console.warn(`the empty frame did not show ${src}`);
  return shown ? ms : NaN;
}

/** Both empty frames of an iteration: the budget's first, where it always was, so that its figures stay comparable. */
async function emptyFrames(tab: TabDriver, pages: { sidebarPage: string; blankPage: string }): Promise<{ iframeMs: number; blankMs: number }> {
  const iframeMs = await emptyExtensionFrame(tab, pages.sidebarPage);
  return { iframeMs, blankMs: await emptyExtensionFrame(tab, pages.blankPage) };
}

/**
 * Firefox: a bare capture of the selected tab's visible area by the tabs API's own code
 * (ext-tabs' TabBase.capture, what tabs.captureVisibleTab runs in the main process), called from
 * the browser window's privileged context with our background page as the caller: WebDriver
 * BiDi cannot evaluate in a background page. It leaves out only the background page's message
 * to the main process.
 */
export async function bareCaptureInFirefox(session: FirefoxSession, spacer: CaptureSpacer): Promise<number> {
  await spacer.waitForSlot();
  const result = await session.evaluateInBrowserWindow<{ ms: number; length: number }>(`(async () => {
    const { ExtensionParent } = ChromeUtils.importESModule('resource://gre/modules/ExtensionParent.sys.mjs');
    const extension = ExtensionParent.GlobalManager.getExtension(${JSON.stringify(session.addonId)});
    const background = [...extension.views].find((view) => view.viewType === 'background');
    if (!background) throw new Error('the background page is not running');
    const tab = extension.tabManager.wrapTab(gBrowser.selectedTab);
    const start = performance.now();
    const dataUrl = await tab.capture(background, 1, { format: 'png' });
    return { ms: performance.now() - start, length: dataUrl.length };
  })()`);
  spacer.captured();
  if (result.length < 1000) throw new Error('bare capture returned no image');
  return result.ms;
}

export interface ClickBenchOptions {
  worker: () => Promise<Worker>;
  tab: TabDriver;
  page: Page;
  url: string;
  runs: number;
  /** Also time the bare capture and the empty frame in each iteration. */
  withBaselines: boolean;
  spacer: CaptureSpacer;
  /** Called before each timed click: the extension's background stopped, so that the click starts it again. */
  beforeClick?: () => Promise<void>;
}

export async function measureClicks(options: ClickBenchOptions): Promise<IterationSample[]> {
  const { tab, page, url, spacer } = options;
  await new PortalPage(tab).open(url);
  // The session's dynamic address (use_dynamic_url): the page under the extension's id is refused in a frame.
  const sidebarPage = await (await options.worker()).evaluate<string>(`chrome.runtime.getURL('extension/sidebar/index.html')`);
  const blankPage = await (await options.worker()).evaluate<string>(`chrome.runtime.getURL(${JSON.stringify(BLANK_PAGE)})`);
  // One untimed round: the caches (the extension's files, their compiled code) are warm in the
  // user's case too after the first click of a session. The background is warm only when an
  // event woke it in the last 30 s: beforeClick stops it for the clicks that measure the other case.
  await clickToReady(tab, spacer);
  const samples: IterationSample[] = [];
  for (let i = 0; i < options.runs; i++) {
    await options.beforeClick?.();
    const click = await clickToReady(tab, spacer);
    let captureMs = NaN;
    let iframeMs = NaN;
    let blankMs = NaN;
    if (options.withBaselines) {
      captureMs = await bareCapture(await options.worker(), page.url(), spacer);
      ({ iframeMs, blankMs } = await emptyFrames(tab, { sidebarPage, blankPage }));
    }
    samples.push({ click, captureMs, iframeMs, blankMs });
  }
  return samples;
}

/** A click in Firefox, read after the fact (see measureClicksByMark). */
export interface MarkedClickSample {
  /** t0 → sidebar ready: shown, and its thumbnail decoded and shown (whichever comes last). */
  readyMs: number;
  insertedMs: number;
  shownMs: number;
  /** insertion → sidebar frame DOMContentLoaded. */
  domContentLoadedMs: number;
  /** insertion → the sidebar's first render (its heading shown and focused; SIDEBAR_INTERACTIVE_MARK). */
  interactiveMs: number;
  screenshot: Screenshot;
}

export interface MarkedIterationSample {
  click: MarkedClickSample;
  captureMs: number;
  iframeMs: number;
  blankMs: number;
}

export interface MarkedClickOptions {
  tab: TabDriver;
  url: string;
  runs: number;
  spacer: CaptureSpacer;
  /** The baselines, timed in each iteration as in Chromium: a bare capture, the sidebar page's frame without its scripts, and a blank page's. */
  baselines?: { capture(): Promise<number>; sidebarPage: string; blankPage: string };
  /** As in Chromium's ClickBenchOptions. */
  beforeClick?: () => Promise<void>;
}

/**
 * Firefox: its automation (WebDriver BiDi) runs no init script in the sidebar's frame (a
 * moz-extension: document), so that frame cannot be watched from its start. The sidebar leaves a
 * User Timing mark when it is first rendered and when its thumbnail is decoded and shown
 * (timing-marks.ts), read here afterwards with the frame's navigation timing (the harness polls for the mark every
 * 50 ms: that costs some CPU beside the click, it does not move the mark); the page's side is
 * watched as in Chromium. The fields are checked filled once the mark is there (they are filled
 * before the screenshot arrives).
 */
export async function measureClicksByMark(options: MarkedClickOptions): Promise<MarkedIterationSample[]> {
  const { tab, spacer, baselines } = options;
  const portal = new PortalPage(tab);
  await portal.open(options.url);
  const once = async (): Promise<MarkedClickSample> => {
    const { t0, frame } = await clickOpen(portal, tab, spacer);
    const shown = await waitFor('the thumbnail shown', () => frame.evaluate(markTime, THUMBNAIL_SHOWN_MARK));
    spacer.captured();
    const filled = await frame.evaluate(() => ['page-url', 'page-title', 'browser'].every((id) => (document.querySelector(`[data-testid="${id}"]`)?.textContent ?? '').trim() !== ''));
    if (!filled) throw new Error('the thumbnail was shown before the fields were filled');
    const domContentLoaded = await frame.evaluate(FRAME_DOM_CONTENT_LOADED);
    const interactive = await frame.evaluate(markTime, SIDEBAR_INTERACTIVE_MARK);
    if (domContentLoaded === null || interactive === null) throw new Error(`no DOMContentLoaded (${domContentLoaded}) or first-render mark (${interactive}) in the sidebar frame`);
    const screenshot = await thumbnailOf(frame);
    const host = await tab.evaluate(watchedHost);
    await tab.clickToolbar();
    await portal.waitForNoSidebar();
    return {
      readyMs: Math.max(shown, host.shown) - t0,
      insertedMs: host.inserted - t0,
      shownMs: host.shown - t0,
      domContentLoadedMs: domContentLoaded - host.inserted,
      interactiveMs: interactive - host.inserted,
      screenshot,
    };
  };
  // One untimed round, as in Chromium.
  await once();
  const samples: MarkedIterationSample[] = [];
  for (let i = 0; i < options.runs; i++) {
    await options.beforeClick?.();
    const click = await once();
    const captureMs = baselines ? await baselines.capture() : NaN;
    const { iframeMs, blankMs } = baselines ? await emptyFrames(tab, baselines) : { iframeMs: NaN, blankMs: NaN };
    samples.push({ click, captureMs, iframeMs, blankMs });
  }
  return samples;
}
