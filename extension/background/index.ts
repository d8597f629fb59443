// Background: the toolbar click, the screenshot, the page reading, the path sequence of each
// portal tab, and the router for the sidebar's requests. Thin: the gesture itself is
// src/capture/toolbar-click.ts. The background owns every write to the tab store.
import browser from 'webextension-polyfill';
import { isMaskPlan, type MaskPlan } from '../../src/capture/mask';
import { keptAsCaptured, maskAndEncode } from '../../src/capture/pipeline';
import { isCaptureRateRefusal } from '../../src/capture/chromium-capture-quota';
import { createRateLimiter } from '../../src/capture/rate-limit';
import type { Capture, KeptCapture } from '../../src/capture/screenshot';
import { dataUrlOfBlob } from '../../src/data-url';
import { createSerialQueue, handleToolbarClick, openSidebar, type PendingSnapshot, type ToolbarPorts } from '../../src/capture/toolbar-click';
import { createLocaleDataLoader } from '../../src/chromium-locale-data';
import { isPageReading } from '../../src/context/page-reading';
import { pathListsOf, profileFor } from '../../src/context/profiles/index';
import { parsePortalData } from '../../src/context/profiles/overrides';
import { appendDiagnostic, type DiagnosticEntry } from '../../src/diagnostics/entry';
import { syncPageDiagnostics, type ScriptingLike } from '../../src/diagnostics/registration';
import type { SidebarState } from '../../src/context/sidebar-state';
import { createBackgroundRouter, type BackgroundHandlers } from '../../src/protocol/background';
import { isSidebarStatus, type ContentMessage } from '../../src/protocol/content';
import { isSidebarSender } from '../../src/protocol/senders';
import type { SidebarPortMessage } from '../../src/protocol/sidebar-port';
import { newSidebarToken, sameToken, tokenOfSidebarPort } from '../../src/protocol/sidebar-token';
import { portalDataForClick } from '../../src/store/managed-portal-data';
import { contentSwitches, SETTINGS_KEY, technicalDetailsEnabled } from '../../src/store/settings-switches';
import { createTabStore } from '../../src/store/tab-store';
import { appendStep } from '../../src/trail/append';
import type { TrailStep } from '../../src/trail/step';
import { readBrowserFacts } from '../shared/browser-facts';
import { checkTabCompatibility } from '../shared/portal-data';
import { ABOUT_PAGE, PAGE_DIAGNOSTICS_SCRIPT, PAGE_MEASURE_NOW_SCRIPT, PAGE_READER_SCRIPT, SIDEBAR_PAGE } from '../shared/pages';
import { afterWake } from './after-wake';
import { errorOfferHandlers } from './error-offer';
import { eraseRequests, exportRequests, listRequests, refreshRequests, retryWaiting, sendRequest, startDelivery } from './delivery';
import { discardDraft, forgetSentDraft, listDrafts, reopenDraft, saveTabDraft, startDrafts, tabDraft } from './drafts';
import { startHistoryRetention } from './history-retention';
import { screenshotHandlers } from './screenshots';
import { managedArea, managedAreaForUser, managedPortalData } from './managed-area';

const store = createTabStore(browser.storage.session);
const oneAtATimePerTab = createSerialQueue<number>();
const trailWrites = createSerialQueue<number>();
const sidebarUrl = browser.runtime.getURL(SIDEBAR_PAGE);
const captureSlot = createRateLimiter(
  2,
  1000,
  {
    now: Date.now,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  },
  isCaptureRateRefusal,
);
const loadLocaleDataAside = createLocaleDataLoader(typeof document === 'undefined', (load) => setTimeout(load, 0));

/** The browser's picture of the tab's visible area; the worker's spare time meanwhile loads what the sidebar will need. */
function captureVisibleTab(windowId: number): Promise<string> {
  const picture = captureSlot(() => browser.tabs.captureVisibleTab(windowId, { format: 'png' }));
  loadLocaleDataAside();
  return picture;
}

async function sendToContent(tabId: number, message: ContentMessage) {
  const status: unknown = await browser.tabs.sendMessage(tabId, message, { frameId: 0 });
  if (!isSidebarStatus(status)) throw new Error('unexpected answer from the content script');
  return status;
}

/** How long a toolbar click waits for the managed area's answer when it cannot use the copy kept of it (see portalDataForClick). */
const MANAGED_WAIT_MS = 500;

type ReaderGlobal = typeof globalThis & { chorusProPrepareReader: (data: unknown) => unknown; chorusProReadPage?: () => unknown; chorusProMeasureMasks?: () => unknown };

/** Injects the page reader into the tab and measures what its screenshot must mask (see extension/page-reader/). */
async function prepareReaderInTab(tabId: number): Promise<MaskPlan> {
  const target = { tabId, frameIds: [0] };
  // The administrator's portal data only tunes the reading and adds masks: a click does not wait long for it.
  const { override } = parsePortalData(await portalDataForClick(managedArea, managedPortalData, MANAGED_WAIT_MS));
  // Without an administrator's portal data (the usual case), one round trip; with it, a second
  // call hands the data over as executeScript args.
  const [injection] = override
    ? (await browser.scripting.executeScript({ target, files: [PAGE_READER_SCRIPT] }),
      await browser.scripting.executeScript({ target, func: (portalData: unknown) => (globalThis as ReaderGlobal).chorusProPrepareReader(portalData), args: [override] }))
    : await browser.scripting.executeScript({ target, files: [PAGE_READER_SCRIPT, PAGE_MEASURE_NOW_SCRIPT] });
  if (!isMaskPlan(injection?.result)) throw new Error('unexpected mask measure');
  return injection.result;
}

/** Calls what the page reader left in the tab; null when it is not there. */
async function callReader(tabId: number, call: 'chorusProReadPage' | 'chorusProMeasureMasks'): Promise<unknown> {
  const [injection] = await browser.scripting.executeScript({
    target: { tabId, frameIds: [0] },
    func: (name: typeof call) => (globalThis as ReaderGlobal)[name]?.() ?? null,
    args: [call],
  });
  return injection?.result;
}

// The latest click's snapshot of each tab: a sidebar loading meanwhile waits for the page reading,
// and gets the screenshot on its port as soon as it is masked (see onConnect).
const snapshots = new Map<number, PendingSnapshot & { captureSettled: boolean }>();

// Each tab's latest sidebar token, kept in memory for the sidebar's first requests and in the
// session store for a service worker restarted since.
const sidebarTokens = new Map<number, string>();
function issueSidebarToken(tabId: number): string {
  const token = newSidebarToken();
  sidebarTokens.set(tabId, token);
  void store.sidebarTokens.save(tabId, token);
  return token;
}
async function sidebarTokenOf(tabId: number): Promise<string | null> {
  return sidebarTokens.get(tabId) ?? store.sidebarTokens.load(tabId);
}

const ports: ToolbarPorts = {
  sendToContent,
  async injectContentScript(tabId) {
    const files = browser.runtime.getManifest().content_scripts?.[0]?.js ?? [];
    await browser.scripting.executeScript({ target: { tabId, frameIds: [0] }, files });
  },
  captureVisibleTab,
  prepareReader: prepareReaderInTab,
  async readPage(tabId) {
    const reading = await callReader(tabId, 'chorusProReadPage');
    if (!isPageReading(reading)) throw new Error('unexpected page reading');
    return reading;
  },
  async measureMasks(tabId) {
    const mask = await callReader(tabId, 'chorusProMeasureMasks');
    if (!isMaskPlan(mask)) throw new Error('the masks could not be measured again');
    return mask;
  },
  async maskCapture(dataUrl, mask) {
    if (keptAsCaptured(dataUrl, mask)) return dataUrl;
    const image = await maskAndEncode(dataUrl, mask, new Date());
    if (!image.withinLimit) throw new Error('the screenshot is too large to attach');
    return dataUrlOfBlob(image.blob);
  },
  store,
  newSidebarToken: issueSidebarToken,
  snapshotPending(tabId, snapshot) {
    const entry = { ...snapshot, captureSettled: false };
    snapshots.set(tabId, entry);
    void snapshot.capture.then(() => (entry.captureSettled = true));
  },
  async openAboutPage(tab) {
    await browser.tabs.create({ url: browser.runtime.getURL(ABOUT_PAGE), ...(tab.id === undefined ? {} : { openerTabId: tab.id }) });
  },
  async retakeVisible(tab) {
    const outcome = await screenshots.retake(tab);
    if (outcome.status !== 'done') return;
    snapshots.delete(tab.id);
    const [image] = outcome.images;
    if (image) tellSidebars(tab.id, { type: 'capture/changed', capture: { dataUrl: image.dataUrl, capturedAt: outcome.capturedAt } });
  },
  now: Date.now,
};

const screenshots = screenshotHandlers({
  sendToContent,
  readMask: prepareReaderInTab,
  captureVisibleTab: ports.captureVisibleTab,
  store,
});

const offer = errorOfferHandlers({
  store,
  openFromPage: (tab, error) =>
    oneAtATimePerTab(tab.id, async () => {
      // Already open: its screenshot and request stay; Help turns to that error.
      if ((await sendToContent(tab.id, { type: 'sidebar/status' })).open) return tellSidebars(tab.id, { type: 'help/for', error });
      await openSidebar(tab.id, ports, async () => {
        const outcome = await screenshots.visibleArea(tab.id);
        const image = outcome.status === 'done' ? outcome.images[0] : undefined;
        const capture: Capture | null = image && outcome.status === 'done' ? { dataUrl: image.dataUrl, capturedAt: outcome.capturedAt, reconstructed: true } : null;
        // Masked by the engine already.
        return async () => ({ capture });
      });
    }),
});

browser.action.onClicked.addListener((tab) => {
  if (tab.id !== undefined) void offer.forgetHelpFor(tab.id).catch(() => undefined);
  oneAtATimePerTab(tab.id ?? -1, () => handleToolbarClick(tab, ports)).catch((error: unknown) => {
    console.error('Chorus Pro help: toolbar click failed:', error instanceof Error ? error.message : error);
  });
});

browser.tabs.onRemoved.addListener((tabId) => {
  snapshots.delete(tabId);
  sidebarTokens.delete(tabId);
  void store.dropTab(tabId);
});

async function zoomPercent(tabId: number): Promise<number | null> {
  try {
    return Math.round((await browser.tabs.getZoom(tabId)) * 100);
  } catch {
    return null;
  }
}

async function loadSidebarState(tab: browser.Tabs.Tab & { id: number }): Promise<SidebarState> {
  const snapshot = snapshots.get(tab.id);
  await snapshot?.reading;
  const capturePending = snapshot !== undefined && !snapshot.captureSettled;
  // The click's own screenshot once made (it may not be stored yet); storage when this worker
  // has no snapshot of the tab (it was restarted since).
  const keeping: KeptCapture | Promise<KeptCapture> = capturePending ? { capture: null } : snapshot ? snapshot.capture : store.captures.load(tab.id).then((capture) => ({ capture }));
  const [kept, reading, trail, diagnostics, browserFacts, zoom, offered] = await Promise.all([
    keeping,
    store.readings.load(tab.id),
    store.trails.load(tab.id),
    store.diagnostics.load(tab.id),
    readBrowserFacts(),
    zoomPercent(tab.id),
    store.offers.load(tab.id),
  ]);
  return {
    tabId: tab.id,
    page: { url: tab.url ?? '', title: tab.title ?? '' },
    capture: kept.capture,
    ...(kept.missing ? { captureMissing: kept.missing } : {}),
    capturePending,
    reading,
    trail: trail ?? [],
    diagnostics: diagnostics ?? [],
    browser: browserFacts,
    environment: {
      uiLanguage: browser.i18n.getUILanguage(),
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      extensionVersion: browser.runtime.getManifest().version,
      zoomPercent: zoom,
    },
    ...(offered?.helpFor ? { helpFor: offered.helpFor } : {}),
  };
}

// Open sidebars follow their tab's path live, through a port each.
const sidebarPorts = new Map<number, Set<browser.Runtime.Port>>();

browser.runtime.onConnect.addListener((port) => {
  const token = tokenOfSidebarPort(port.name);
  if (!token || !port.sender || !isSidebarSender(port.sender, browser.runtime.id, sidebarUrl)) {
    port.disconnect();
    return;
  }
  const tabId = port.sender.tab.id;
  void sidebarTokenOf(tabId).then((expected) => {
    if (sameToken(expected, token)) followTab(port, tabId);
    else port.disconnect();
  });
});

function followTab(port: browser.Runtime.Port, tabId: number) {
  const ports = sidebarPorts.get(tabId) ?? new Set();
  sidebarPorts.set(tabId, ports.add(port));
  port.onDisconnect.addListener(() => {
    ports.delete(port);
    if (ports.size === 0) sidebarPorts.delete(tabId);
  });
  // The path and details as they are now: a step recorded between the sidebar's load and this
  // connection would otherwise be missed. Queued behind pending writes of this tab.
  void trailWrites(tabId, async () => {
    const trail: SidebarPortMessage = { type: 'trail/changed', trail: (await store.trails.load(tabId)) ?? [] };
    const diagnostics: SidebarPortMessage = { type: 'diagnostics/changed', diagnostics: (await store.diagnostics.load(tabId)) ?? [] };
    port.postMessage(trail);
    port.postMessage(diagnostics);
  }).catch(() => undefined);
  // The latest click's screenshot, once masked: a sidebar that loaded before it waits for it
  // (any other ignores it).
  void snapshots.get(tabId)?.capture.then(({ capture, missing }) => {
    const message: SidebarPortMessage = { type: 'capture/changed', capture, ...(missing ? { missing } : {}) };
    if (ports.has(port)) port.postMessage(message);
  });
}

function tellSidebars(tabId: number, message: SidebarPortMessage) {
  for (const port of sidebarPorts.get(tabId) ?? []) port.postMessage(message);
}

function recordSteps(tabId: number, steps: readonly TrailStep[]) {
  return trailWrites(tabId, async () => {
    const now = Date.now();
    const trail = steps.reduce((kept, step) => appendStep(kept, step, now), (await store.trails.load(tabId)) ?? []);
    await store.trails.save(tabId, trail);
    tellSidebars(tabId, { type: 'trail/changed', trail });
    return null;
  });
}

function recordDiagnostic(tabId: number, entry: DiagnosticEntry) {
  return trailWrites(tabId, async () => {
    const now = Date.now();
    // The time comes from the page: never in the future.
    const list = appendDiagnostic((await store.diagnostics.load(tabId)) ?? [], { ...entry, at: Math.min(entry.at, now) }, now);
    await store.diagnostics.save(tabId, list);
    tellSidebars(tabId, { type: 'diagnostics/changed', diagnostics: list });
    return null;
  });
}

// The page-world script for technical details exists only while the user has them on.
const diagnosticsRegistration = createSerialQueue<string>();
function syncTechnicalDetails() {
  void diagnosticsRegistration('sync', async () => {
    const stored = await browser.storage.local.get(SETTINGS_KEY);
    const wanted = technicalDetailsEnabled(stored[SETTINGS_KEY]);
    const matches = browser.runtime.getManifest().host_permissions ?? [];
    await syncPageDiagnostics(browser.scripting as unknown as ScriptingLike, wanted, PAGE_DIAGNOSTICS_SCRIPT, matches);
  }).catch((error: unknown) => {
    console.error('Chorus Pro help: technical details could not be switched:', error instanceof Error ? error.message : error);
  });
}
browser.storage.local.onChanged.addListener((changes) => {
  if (SETTINGS_KEY in changes) syncTechnicalDetails();
});

type Tab = browser.Tabs.Tab & { id: number };

// One handler per message of the protocol; its sender (sidebar or content script) is checked
// by the router, from the protocol table.
const handlers: BackgroundHandlers<Tab> = {
  'sidebar/load': (_message, tab) => loadSidebarState(tab),
  'sidebar/close': (_message, tab) => sendToContent(tab.id, { type: 'sidebar/close' }),
  'settings/switches': async (_message, tab) => ({
    ...contentSwitches((await browser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY]),
    pathLists: pathListsOf(profileFor(tab.url ?? '')),
  }),
  'page/report': async (message, tab) => {
    if (message.steps.length > 0) await recordSteps(tab.id, message.steps);
    if (message.errorShown !== undefined) await offer.errorShown(tab, message.errorShown);
    return null;
  },
  'diagnostics/record': (message, tab) => recordDiagnostic(tab.id, message.entry),
  'offer/open': (message, tab) => offer.open(tab, message.error),
  'offer/dismiss': (message, tab) => offer.dismiss(tab, message.scope),
  'request/send': async (message, tab) => {
    const outcome = await sendRequest(message.send, tab.id);
    const { draftId } = message.send;
    // Queued: the outbox deleted the draft in the same transaction.
    if (draftId !== undefined && 'outboxId' in outcome) await forgetSentDraft(draftId);
    return outcome;
  },
  'requests/list': () => listRequests(),
  'requests/retry': () => retryWaiting(),
  'screenshot/page': (message, tab) => screenshots.wholePage(tab.id, message.handOver, message.engine),
  'screenshot/progress': async (_message, tab) => screenshots.progress(tab.id),
  'screenshot/cancel': (_message, tab) => screenshots.cancel(tab.id),
  'screenshot/retake': (_message, tab) => screenshots.retake(tab),
  'requests/refresh': () => refreshRequests(),
  'requests/export': () => exportRequests(),
  'requests/erase': () => eraseRequests(),
  'draft/save': (message, tab) => saveTabDraft(message.draft, tab.id),
  'draft/latest': (_message, tab) => tabDraft(tab.id),
  'draft/open': (message, tab) => reopenDraft(message.id, tab.id),
  'draft/discard': (message) => discardDraft(message.id),
  'drafts/list': () => listDrafts(),
  'compatibility/check': (_message, tab) => checkTabCompatibility(tab.id, managedAreaForUser),
};

browser.runtime.onMessage.addListener(createBackgroundRouter(handlers, { extensionId: browser.runtime.id, sidebarUrl, sidebarTokenOf }));

startDelivery();
startDrafts();
startHistoryRetention();
afterWake(syncTechnicalDetails);
