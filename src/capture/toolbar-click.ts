/**
 * The core gesture: a toolbar click (or the keyboard shortcut) on a portal tab takes the
 * screenshot first — before the sidebar exists, so it is never in the picture — then opens
 * the help sidebar; a click while the sidebar is open closes it (or, when its screenshot was
 * drawn by the page engine, replaces that with the browser's own). Elsewhere, the click opens a
 * page explaining where the extension works, and captures nothing.
 */
import type { PageReading } from '../context/page-reading';
import type { MaskPlan } from './mask';
import type { Capture, CaptureMissing, KeptCapture } from './screenshot';
import { captureWhileMasksHold, MASKS_MOVED } from './steady';
import type { ContentMessage, SidebarStatus } from '../protocol/content';
import { isPortalUrl } from '../portal-hosts';
import type { TabStore } from '../store/tab-store';

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
  /** Injects the page reader for this click (a script for that moment only) and measures what the screenshot must mask. */
  prepareReader(tabId: number): Promise<MaskPlan>;
  /** Reads the page's facts, by the reader prepareReader left in the tab. */
  readPage(tabId: number): Promise<PageReading>;
  /** What the screenshot must mask, measured again, to check nothing moved during the capture. */
  measureMasks(tabId: number): Promise<MaskPlan>;
  /** Burns the masks into the screenshot (and encodes it for the portal): the image that is kept. */
  maskCapture(dataUrl: string, mask: MaskPlan): Promise<string>;
  store: TabStore;
  /** A fresh sidebar token for this opening, held for the tab from now on (see protocol/sidebar-token.ts). */
  newSidebarToken(tabId: number): string;
  /**
   * Tells the background a tab's snapshot is on its way: `reading` settles once the page reading
   * is stored (the sidebar's first request waits for it); `capture` once the masked screenshot is
   * ready (or known to be missing), before it is stored, so that an open sidebar can show it at once.
   */
  snapshotPending(tabId: number, snapshot: PendingSnapshot): void;
  openAboutPage(tab: ClickedTab): Promise<void>;
  /** The visible area captured again by the browser (the click grants it), the open sidebar shown it. */
  retakeVisible(tab: { id: number; windowId: number }): Promise<void>;
  now(): number;
}

export interface PendingSnapshot {
  reading: Promise<void>;
  capture: Promise<KeptCapture>;
}

export type ToolbarOutcome = 'about' | 'opened' | 'closed' | 'retaken';

export async function handleToolbarClick(tab: ClickedTab, ports: ToolbarPorts): Promise<ToolbarOutcome> {
  if (tab.id === undefined || tab.windowId === undefined || !isPortalUrl(tab.url)) {
    await ports.openAboutPage(tab);
    return 'about';
  }
  const tabId = tab.id;
  const status = await statusOrInject(tabId, ports);
  if (status.open) {
    // Help asked from the page has a capture drawn by the page engine: this click grants the
    // browser's own capture, which replaces it ("Reprendre avec l'icône"); the sidebar stays.
    if ((await ports.store.captures.kind(tabId)) === 'reconstructed') {
      await ports.retakeVisible({ id: tabId, windowId: tab.windowId });
      return 'retaken';
    }
    await ports.sendToContent(tabId, { type: 'sidebar/close' });
    return 'closed';
  }
  const windowId = tab.windowId;
  await openSidebar(tabId, ports, async (before) => {
    let capture: Capture | null = null;
    let mask: MaskPlan | null = null;
    let missing: CaptureMissing | undefined;
    try {
      if (before) {
        const held = await captureWhileMasksHold(before, { capture: () => ports.captureVisibleTab(windowId), measure: () => ports.measureMasks(tabId), now: ports.now });
        capture = { dataUrl: held.dataUrl, capturedAt: held.capturedAt };
        mask = held.mask;
      }
    } catch (error) {
      // The sidebar still opens and says no screenshot could be taken, and why when the page kept
      // moving under its masks; the user can add files.
      if (error instanceof Error && error.message === MASKS_MOVED) missing = 'page-moved';
      else warnNoScreenshot(error);
    }
    return async () => (missing ? { capture: null, missing } : { capture: await maskCapture(mask, capture, ports) });
  });
  return 'opened';
}

/**
 * Takes the screenshot once what it must mask is measured (`before`: null when the page could not
 * be measured) — the browser's capture of the visible tab at the toolbar click, or the page
 * engine's rendering when help is asked from the page — and resolves with what masks it (to no
 * screenshot, when none could be had). The picture is taken before the sidebar opens, which
 * narrows the page; the masking may run while it opens.
 */
export type TakeCapture = (before: MaskPlan | null) => Promise<() => Promise<KeptCapture>>;

/**
 * The one way the help sidebar opens on a portal tab, whatever asked for it.
 * What the screenshot must mask is measured just before the screenshot, and the page is read
 * while it is taken: the sidebar narrows the page when it opens, which would move what is to be
 * masked and may change what a narrower page shows. The sidebar loads out of sight meanwhile
 * (off-screen: not in the picture, and the page is not narrowed yet); its first request waits
 * for the page reading only, and the screenshot follows as soon as it is masked. Opening works
 * without the preparation.
 */
export async function openSidebar(
  tabId: number,
  ports: Pick<ToolbarPorts, 'sendToContent' | 'prepareReader' | 'readPage' | 'store' | 'snapshotPending' | 'newSidebarToken'>,
  takeCapture: TakeCapture,
): Promise<void> {
  // Every opening gets its own token, made here, the one place that opens the sidebar.
  const token = ports.newSidebarToken(tabId);
  let readingStored!: () => void;
  let captureKept!: (kept: KeptCapture) => void;
  ports.snapshotPending(tabId, {
    reading: new Promise<void>((resolve) => (readingStored = resolve)),
    capture: new Promise<KeptCapture>((resolve) => (captureKept = resolve)),
  });
  const measured = ports.prepareReader(tabId).catch((error: unknown) => {
    warnNoScreenshot(error);
    return null;
  });
  const [before] = await Promise.all([measured, ports.sendToContent(tabId, { type: 'sidebar/prepare', token }).catch(() => undefined)]);
  // Read while the picture is taken (the browser's capture does not wait for the page's thread
  // in Chromium): on a long listing, reading takes about as long as the picture.
  const reading = before ? ports.readPage(tabId).catch(() => null) : Promise.resolve(null);
  // Nothing stale is left: a page that could not be read has no reading.
  const readingSaved = reading.then((read) => (read ? ports.store.readings.save(tabId, read) : ports.store.readings.drop(tabId))).finally(readingStored);
  const none: KeptCapture = { capture: null };
  const finish = await takeCapture(before).catch(() => async () => none);
  const masked = finish().catch(() => none);
  void masked.then(captureKept);
  // Stored a task later: storing copies the large image string at once, and the open sidebar's
  // copy should leave first.
  const captureSaved = masked.then(async ({ capture: kept }) => {
    await new Promise((resolve) => setTimeout(resolve, 0));
    await (kept ? ports.store.captures.save(tabId, kept) : ports.store.captures.drop(tabId));
  });
  await Promise.all([ports.sendToContent(tabId, { type: 'sidebar/open', token }), readingSaved, captureSaved]);
}

/** Nothing unmasked is kept: when the page could not be measured, there is no screenshot (the sidebar says so). */
async function maskCapture(mask: MaskPlan | null, capture: Capture | null, ports: ToolbarPorts): Promise<Capture | null> {
  if (!mask || !capture) return null;
  return ports.maskCapture(capture.dataUrl, mask).then(
    (dataUrl) => ({ ...capture, dataUrl }),
    (error: unknown) => {
      warnNoScreenshot(error);
      return null;
    },
  );
}

/** Why the click kept no screenshot, for whoever looks at the extension's console (the sidebar tells the user). */
function warnNoScreenshot(error: unknown): void {
  console.warn('Chorus Pro help: no screenshot kept:', error instanceof Error ? error.message : error);
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
