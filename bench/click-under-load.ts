/**
 * The click on a busy portal page: the replica's list of 2,000 invoices on screen, and a task
 * of 200 ms running on the page's main thread when the toolbar icon is clicked (as a portal
 * page's own scripts may hold it). The content script cannot act before the task ends; what is
 * measured is how soon after that end the sidebar shows (its host no longer inert), watched from
 * the page as in click-to-ready.ts. The task is started from a timer the page runs and the click
 * is sent at once; a sample where the click was sent after the task had ended is refused.
 */
import type { TabDriver } from '../test/e2e/pages/drivers';
import { PortalPage } from '../test/e2e/pages/portal-page';
import { waitFor } from '../test/e2e/support/wait';
import { WATCH_HOST, watchedHost, type CaptureSpacer } from './click-to-ready';

export const LONG_TASK_MS = 200;
export const UNDER_LOAD_ROWS = 2000;

export interface UnderLoadSample {
  /** The page's task end → the sidebar shown, ms. */
  shownAfterTaskMs: number;
  /** The page's task end → the sidebar's frame inserted out of sight (the content script answering again), ms. */
  insertedAfterTaskMs: number;
  /** How long the task really held the main thread, ms. */
  taskMs: number;
}

type TaskGlobal = typeof globalThis & { __chorusBenchTask?: { start: number; end: number } };

/** In the page: a timer that holds the main thread for `ms` (a loop on the clock), its start and end noted (epoch ms). */
const START_LONG_TASK = (ms: number) => {
  const epoch = () => performance.timeOrigin + performance.now();
  delete (globalThis as TaskGlobal).__chorusBenchTask;
  setTimeout(() => {
    const start = epoch();
    while (epoch() - start < ms) {
      // busy, as a page's own script would be
    }
    (globalThis as TaskGlobal).__chorusBenchTask = { start, end: epoch() };
  }, 0);
};

export async function measureClicksUnderLoad(tab: TabDriver, origin: string, runs: number, spacer: CaptureSpacer): Promise<UnderLoadSample[]> {
  const portal = new PortalPage(tab);
  await portal.open(`${origin}/cpp/factures-emises/liste?lignes=${UNDER_LOAD_ROWS}`);
  const once = async (): Promise<UnderLoadSample> => {
    if (await portal.hasSidebarHost()) throw new Error('the sidebar is already open');
    await spacer.waitForSlot();
    await tab.evaluate(WATCH_HOST);
    await tab.evaluate(START_LONG_TASK, LONG_TASK_MS);
    const clickSent = Date.now();
    await tab.clickToolbar();
    await portal.waitForSidebar();
    const host = await tab.evaluate(watchedHost);
    spacer.captured();
    const task = await waitFor('the long task noted', () => tab.evaluate(() => (globalThis as TaskGlobal).__chorusBenchTask));
    if (clickSent >= task.end) throw new Error('the click was sent after the page task had ended');
    await tab.clickToolbar();
    await portal.waitForNoSidebar();
    return { shownAfterTaskMs: host.shown - task.end, insertedAfterTaskMs: host.inserted - task.end, taskMs: task.end - task.start };
  };
  // One untimed round, as for the other clicks.
  await once();
  const samples: UnderLoadSample[] = [];
  for (let i = 0; i < runs; i++) samples.push(await once());
  return samples;
}
