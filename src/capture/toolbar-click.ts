/**
 * The core gesture: a toolbar click (or the keyboard shortcut) on a portal tab takes the
 * screenshot first — before the sidebar exists, so it is never in the picture — then opens
 * the help sidebar; a click while the sidebar is open closes it. Elsewhere, the click opens a
 * page explaining where the extension works, and captures nothing.
 */
import type { PageReading } from '../context/page-reading';
import type { MaskPlan } from './mask';
import type { Capture, ContentMessage, SidebarStatus } from '../messages';
import { isPortalUrl } from '../portal-hosts';
import type { TabStore } from '../store/tab-store';

export interface PageSnapshot {
  reading: PageReading;
  mask: MaskPlan;
}

export interface ClickedTab {
  id?: number;
  windowId?: number;
  url?: string;
}

/** What the gesture needs from the browser; the background passes the real APIs. */
export interface ToolbarPorts {
  /** Asks the tab's content script; rejects when none is listening. */
  sendToContent(tabId: number, message: ContentMessage): Promise<SidebarStatus>;
  /** Injects the content script into a portal tab opened before the extension was installed. */
  injectContentScript(tabId: number): Promise<void>;
  captureVisibleTab(windowId: number): Promise<string>;
  /** Reads the page's facts in the tab, and what its screenshot must mask, by a script injected for that moment only. */
  readPage(tabId: number): Promise<PageSnapshot>;
  /** Burns the masks into the screenshot (and encodes it for the portal): the image that is kept. */
  maskCapture(dataUrl: string, mask: MaskPlan): Promise<string>;
  store: TabStore;
  /** Tells the background a tab's snapshot (capture, page reading) is being stored. */
  snapshotPending(tabId: number, stored: Promise<void>): void;
  openAboutPage(tab: ClickedTab): Promise<void>;
  now(): number;
}

export type ToolbarOutcome = 'about' | 'opened' | 'closed';

export async function handleToolbarClick(tab: ClickedTab, ports: ToolbarPorts): Promise<ToolbarOutcome> {
  if (tab.id === undefined || tab.windowId === undefined || !isPortalUrl(tab.url)) {
    await ports.openAboutPage(tab);
    return 'about';
  }
  const tabId = tab.id;
  const status = await statusOrInject(tabId, ports);
  if (status.open) {
    await ports.sendToContent(tabId, { type: 'sidebar/close' });
    return 'closed';
  }
  // The page is read, and what its screenshot must mask measured, just before the screenshot:
  // the sidebar narrows the page when it opens, which would move what is to be masked.
  let snapshotStored!: () => void;
  ports.snapshotPending(tabId, new Promise<void>((resolve) => (snapshotStored = resolve)));
  // The sidebar loads out of sight meanwhile (off-screen: not in the picture, and the page is
  // not narrowed yet); its first request waits for the snapshot. Opening works without it.
  await ports.sendToContent(tabId, { type: 'sidebar/prepare' }).catch(() => undefined);
  const page = await ports.readPage(tabId).catch(() => null);
  let capture: Capture | null = null;
  try {
    capture = { dataUrl: await ports.captureVisibleTab(tab.windowId), capturedAt: ports.now() };
  } catch {
    // The sidebar still opens and says no screenshot could be taken; the user can add files.
  }
  // The sidebar opens at once; the screenshot is masked and kept meanwhile, and the
  // background makes the sidebar's first request wait for that.
  const stored = storeSnapshot(tabId, page, capture, ports).finally(snapshotStored);
  await ports.sendToContent(tabId, { type: 'sidebar/open' });
  await stored;
  return 'opened';
}

/**
 * Masks the screenshot and keeps it with the page reading. Nothing unmasked is kept: when the
 * page could not be measured, no screenshot is stored (the sidebar says so); nothing stale is left.
 */
async function storeSnapshot(tabId: number, page: PageSnapshot | null, capture: Capture | null, ports: ToolbarPorts): Promise<void> {
  let masked: Capture | null = null;
  if (page && capture) masked = await ports.maskCapture(capture.dataUrl, page.mask).then((dataUrl) => ({ ...capture, dataUrl }), () => null);
  await (masked ? ports.store.captures.save(tabId, masked) : ports.store.captures.drop(tabId));
  await (page ? ports.store.readings.save(tabId, page.reading) : ports.store.readings.drop(tabId));
}

async function statusOrInject(tabId: number, ports: ToolbarPorts): Promise<SidebarStatus> {
  try {
    return await ports.sendToContent(tabId, { type: 'sidebar/status' });
  } catch {
    await ports.injectContentScript(tabId);
    return ports.sendToContent(tabId, { type: 'sidebar/status' });
  }
}

/**
 * Runs tasks one after another per key: two quick clicks on one tab must not both capture
 * (the browser allows two captures a second) nor both open.
 */
export function createSerialQueue<K>() {
  const tails = new Map<K, Promise<unknown>>();
  return function run<T>(key: K, task: () => Promise<T>): Promise<T> {
    const previous = tails.get(key) ?? Promise.resolve();
    const next = previous.then(task, task);
    const tail = next.catch(() => undefined);
    tails.set(key, tail);
    void tail.then(() => {
      if (tails.get(key) === tail) tails.delete(key);
    });
    return next;
  };
}
