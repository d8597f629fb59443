/**
 * Page loads in Firefox: the figure the Chromium line reads from CDP (the main-thread CPU time of
 * the process that renders the page), read here from Linux. Firefox's WebDriver BiDi offers no
 * performance metrics, and its own per-thread CPU time (ChromeUtils.requestProcInfo) counts in
 * 10 ms clock ticks, too coarse for a page load of ~50 ms; the kernel's scheduler statistics
 * count nanoseconds. The browser only says which process renders the tab (from its window's own
 * context); the figures come from /proc/<pid>/task/<pid>/ (the main thread's id is the process
 * id). Linux only, as the bench machine is.
 *
 * Per load, as in Chromium (bench/page-load.ts): a fresh tab is first sent to the same host (its
 * content process exists and the measured navigation stays in it), then the page is loaded again
 * and left until its load event and an idle period. Memory: the content process's unique set
 * size (private pages, smaps_rollup) after the load, no GC forced (nothing over BiDi lets the
 * bench wait for a content process's GC); each tab gets a process of its own.
 */
import { readFileSync } from 'node:fs';
import type { FirefoxSession } from '../test/e2e/support/firefox';
import { ProcessChanged, retakenWhenProcessChanged, WAIT_FOR_IDLE } from './page-load';

export interface FirefoxLoadSample {
  /** Content process main-thread CPU time for the navigation, ms. */
  taskMs: number;
  /** Navigation timing loadEventEnd, ms since navigation start. */
  loadEventEndMs: number;
  /** The content process's unique set size after the load, bytes. */
  processUniqueBytes: number;
}

/** The process rendering the selected tab (each measured tab is brought to the front first). */
const SELECTED_TAB_PROCESS = 'gBrowser.selectedBrowser.browsingContext.currentWindowGlobal.osPid';

function mainThreadCpuMs(pid: number): number {
  // "time on CPU (ns), time waiting to run (ns), timeslices"
  const [onCpuNs] = readFileSync(`/proc/${pid}/task/${pid}/schedstat`, 'utf8').trim().split(/\s+/);
  const value = Number(onCpuNs) / 1e6;
  if (!Number.isFinite(value)) throw new Error(`unreadable scheduler statistics for process ${pid}`);
  return value;
}

function uniqueSetBytes(pid: number): number {
  const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
  const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(rollup)?.[1] ?? NaN);
  return (kib('Private_Clean') + kib('Private_Dirty')) * 1024;
}

export function loadOnceInFirefox(session: FirefoxSession, url: string): Promise<FirefoxLoadSample> {
  return retakenWhenProcessChanged(() => measuredLoadInFirefox(session, url));
}

async function measuredLoadInFirefox(session: FirefoxSession, url: string): Promise<FirefoxLoadSample> {
  const tab = await session.browser.newTab();
  try {
    await tab.goto(url);
    // Settled first, as in the Chromium loads (bench/page-load.ts).
    await tab.evaluate(WAIT_FOR_IDLE);
    const pid = await session.evaluateInBrowserWindow<number>(SELECTED_TAB_PROCESS);
    const before = mainThreadCpuMs(pid);
    await tab.goto(url);
    await tab.evaluate(WAIT_FOR_IDLE);
    const after = mainThreadCpuMs(pid);
    const pidAfter = await session.evaluateInBrowserWindow<number>(SELECTED_TAB_PROCESS);
    if (pidAfter !== pid) throw new ProcessChanged(`the page moved from content process ${pid} to ${pidAfter}: the figure is unusable`);
    const loadEventEndMs = await tab.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).loadEventEnd);
    return { taskMs: after - before, loadEventEndMs, processUniqueBytes: uniqueSetBytes(pid) };
  } finally {
    await tab.close();
  }
}
