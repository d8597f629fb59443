/**
 * What the always-on content script costs a portal page load: the same replica page loaded with
 * the extension's content script (https://chorus-pro.gouv.fr/…), with only an empty content script
 * of a throwaway extension (another look-alike host, bench/empty-extension.ts), with only its
 * content script that listens and sends one message (a third one), with only its one that also
 * watches for errors and shows a button beside one (a fourth one), and without any
 * (the look-alike host https://chorus-pro.gouv.fr.evil.test/…, served the same page by the replica
 * and matched by no content script — the e2e suite proves ours does not run there), in the same
 * browser, in rotating order so that drift (other work on the machine, caches warming) falls on all.
 *
 * Per load: a fresh tab is first sent to the same page and left until it settles (so the renderer
 * process exists and the measured navigation stays in it, and leaving that page costs what
 * leaving a page costs in use, whatever a content script does then), CDP Performance is enabled
 * in thread-CPU time, then the page is loaded and left until its load event, an idle period, a
 * quarter of a second and another idle period (SETTLE_MS): the content script runs at
 * document_idle, asks the background for its switches at the next idle moment and starts its path
 * recorder at the one after, all of which must fall inside the measured time. Main-thread time is
 * the difference of TaskDuration (and ScriptDuration) across the measured navigation; memory is
 * JSHeapUsedSize after a forced GC (the content script's isolated world lives in the page's V8
 * isolate).
 */
import type { BrowserContext, CDPSession } from 'playwright-core';

export interface LoadSample {
  /** Renderer main-thread CPU time for the navigation, ms (CDP TaskDuration, threadTicks). */
  taskMs: number;
  /** Of which script execution, ms (CDP ScriptDuration). */
  scriptMs: number;
  /** Navigation timing loadEventEnd, ms since navigation start. */
  loadEventEndMs: number;
  /** V8 heap in use after a full GC, bytes. */
  heapUsedBytes: number;
}

type Metrics = Record<string, number>;

async function metrics(cdp: CDPSession): Promise<Metrics> {
  const { metrics: list } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(list.map((metric) => [metric.name, metric.value]));
}

/**
 * Resolves in the page once it has loaded, been idle, waited 250 ms and been idle again (both
 * browsers): long enough for the content script's work deferred to idle moments, and its round
 * trip to the background, to be counted.
 */
export const WAIT_FOR_IDLE = () =>
  new Promise<boolean>((resolve) => {
    const SETTLE_MS = 250;
    const idle = (then: () => void) => requestIdleCallback(then, { timeout: 2000 });
    const settle = () => idle(() => setTimeout(() => idle(() => resolve(true)), SETTLE_MS));
    if (document.readyState === 'complete') settle();
    else addEventListener('load', settle, { once: true });
  });

/** The page changed process between the two readings of its figures: that load says nothing. */
export class ProcessChanged extends Error {}

/** How many times a load is taken when its page keeps changing process (seen once in a run of ~130 loads). */
const LOAD_ATTEMPTS = 3;

/** A measured load, taken again when the browser moved the page to another process meanwhile. */
export async function retakenWhenProcessChanged<Sample>(load: () => Promise<Sample>): Promise<Sample> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await load();
    } catch (error) {
      if (!(error instanceof ProcessChanged) || attempt === LOAD_ATTEMPTS) throw error;
      console.warn(`a page load taken again: ${error.message}`);
    }
  }
}

/** One load of the page in a new tab (Chromium). */
export function loadOnce(context: BrowserContext, url: string): Promise<LoadSample> {
  return retakenWhenProcessChanged(() => measuredLoad(context, url));
}

async function measuredLoad(context: BrowserContext, url: string): Promise<LoadSample> {
  const page = await context.newPage();
  try {
    await page.goto(url, { waitUntil: 'load' });
    // Settled like the measured load, so that leaving it always costs what it costs in use.
    await page.evaluate(WAIT_FOR_IDLE);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
    const before = await metrics(cdp);
    await page.goto(url, { waitUntil: 'load' });
    await page.evaluate(WAIT_FOR_IDLE);
    const after = await metrics(cdp);
    const loadEventEndMs = await page.evaluate<number>(`performance.getEntriesByType('navigation')[0].loadEventEnd`);
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = await metrics(cdp);
    await cdp.detach();
    const delta = (name: string) => {
      const value = (after[name] ?? NaN) - (before[name] ?? NaN);
      // A negative delta means the navigation changed renderer process: the figure is unusable.
      if (!(value >= 0)) throw new ProcessChanged(`${name} went from ${before[name]} to ${after[name]}: the page changed renderer process`);
      return value * 1000;
    };
    return { taskMs: delta('TaskDuration'), scriptMs: delta('ScriptDuration'), loadEventEndMs, heapUsedBytes: heap.JSHeapUsedSize ?? NaN };
  } finally {
    await page.close();
  }
}

/** Loads of the same page with our content script, with only an empty one, with one that only messages, with one that also watches for errors, and with none. */
export interface PageLoads<Sample> {
  withExtension: Sample[];
  /** With only an empty content script (bench/empty-extension.ts): what any content script costs. */
  emptyScript: Sample[];
  /** With only a content script that listens and sends one message at idle (bench/empty-extension.ts). */
  messagingScript: Sample[];
  /** With only that one also watching for errors once answered, and showing a button beside one (bench/empty-extension.ts). */
  watchingScript: Sample[];
  without: Sample[];
}

export type PageLoadResult = PageLoads<LoadSample>;

type Variant = keyof PageLoads<unknown>;

/** Where each variant is loaded. */
export type PageLoadUrls = Record<Variant, string>;

/** No loads of any variant. */
export const noPageLoads = <Sample>(): PageLoads<Sample> => ({ withExtension: [], emptyScript: [], messagingScript: [], watchingScript: [], without: [] });

/**
 * `rounds` loads of each variant given, one of each per round, the order rotated from round to
 * round (A B C D, B C D A…) so that drift falls on all; after one untimed warm-up of each.
 */
export async function measurePageLoads<Sample>(loadOnce: (url: string) => Promise<Sample>, urls: PageLoadUrls, rounds: number): Promise<PageLoads<Sample>> {
  const variants = (['withExtension', 'emptyScript', 'messagingScript', 'watchingScript', 'without'] as const).map((variant) => ({ variant, url: urls[variant] }));
  for (const { url } of variants) await loadOnce(url);
  const result = noPageLoads<Sample>();
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < variants.length; i++) {
      const { variant, url } = variants[(round + i) % variants.length]!;
      result[variant].push(await loadOnce(url));
    }
  }
  return result;
}
