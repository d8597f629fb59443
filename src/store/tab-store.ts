/**
 * What the extension keeps about one tab while it is open: the screenshot taken at the
 * toolbar click, the page reading of that moment, the path sequence and, when switched on, the
 * technical details (script errors, failed requests), the token of its sidebar and what the
 * in-page help offer keeps. It lives in the session storage area: in memory, never written to disk, out of reach of content scripts,
 * and it survives the background service worker being stopped. Dropped when the tab closes.
 * Only the background reads and writes it; other contexts ask the background.
 */
import { isPageReading, type PageReading } from '../context/page-reading';
import { isDiagnosticList, type DiagnosticEntry } from '../diagnostics/entry';
import { isCapture, type Capture } from '../capture/screenshot';
import { isSidebarToken } from '../protocol/sidebar-token';
import { isTabOffer, type TabOffer } from '../offer/rules';
import { isTrail, type TrailStep } from '../trail/step';
import { CAPTURE_PREFIX, writeMakingRoom, type StorageAreaLike } from './session-room';

const captureKey = (tabId: number) => `${CAPTURE_PREFIX}${tabId}`;
const readingKey = (tabId: number) => `reading:${tabId}`;
const trailKey = (tabId: number) => `trail:${tabId}`;
const diagnosticsKey = (tabId: number) => `diagnostics:${tabId}`;
const sidebarTokenKey = (tabId: number) => `sidebar-token:${tabId}`;
const offerKey = (tabId: number) => `offer:${tabId}`;
const captureKindKey = (tabId: number) => `capture-kind:${tabId}`;

/** How a tab's screenshot was taken: by the browser, or drawn by the page engine (help asked from the page). */
export type CaptureKind = 'browser' | 'reconstructed';
const isCaptureKind = (value: unknown): value is CaptureKind => value === 'browser' || value === 'reconstructed';

/**
 * One typed value per tab; anything read back in another shape is ignored. A value the area
 * refuses (its 10 MB full of screenshots) makes room: the oldest screenshots, of tabs and
 * drafts, go first, so a tab's path, reading or offer is never lost to an old image. A value
 * that still does not fit is an error.
 */
function tabValue<T>(area: StorageAreaLike, keyOf: (tabId: number) => string, isValue: (value: unknown) => value is T) {
  return {
    save: (tabId: number, value: T): Promise<void> => writeMakingRoom(area, keyOf(tabId), () => area.set({ [keyOf(tabId)]: value })),
    async load(tabId: number): Promise<T | null> {
      const value = (await area.get(keyOf(tabId)))[keyOf(tabId)];
      return isValue(value) ? value : null;
    },
    async drop(tabId: number): Promise<void> {
      await area.remove(keyOf(tabId));
    },
  };
}

/**
 * The tab's screenshot, and apart from it how it was taken: a few bytes that outlive the image
 * when making room evicts it, so the toolbar still knows to retake a drawn one rather than close.
 */
function captureValue(area: StorageAreaLike) {
  const images = tabValue<Capture>(area, captureKey, isCapture);
  const kinds = tabValue<CaptureKind>(area, captureKindKey, isCaptureKind);
  return {
    load: images.load,
    async save(tabId: number, capture: Capture): Promise<void> {
      await kinds.save(tabId, capture.reconstructed ? 'reconstructed' : 'browser');
      await images.save(tabId, capture);
    },
    /** How the tab's latest screenshot was taken, even when its image is gone; null when none was kept. */
    kind: kinds.load,
    async drop(tabId: number): Promise<void> {
      await area.remove([captureKey(tabId), captureKindKey(tabId)]);
    },
  };
}

export function createTabStore(area: StorageAreaLike) {
  return {
    captures: captureValue(area),
    readings: tabValue<PageReading>(area, readingKey, isPageReading),
    trails: tabValue<TrailStep[]>(area, trailKey, isTrail),
    diagnostics: tabValue<DiagnosticEntry[]>(area, diagnosticsKey, isDiagnosticList),
    /** The token of the tab's latest sidebar opening: only that frame is answered. */
    sidebarTokens: tabValue<string>(area, sidebarTokenKey, isSidebarToken),
    /** The in-page help offer: pages declined, and the error help was asked about. */
    offers: tabValue<TabOffer>(area, offerKey, isTabOffer),
    /** Forgets everything about a closed tab. */
    async dropTab(tabId: number): Promise<void> {
      await area.remove([captureKey(tabId), captureKindKey(tabId), readingKey(tabId), trailKey(tabId), diagnosticsKey(tabId), sidebarTokenKey(tabId), offerKey(tabId)]);
    },
  };
}

export type TabStore = ReturnType<typeof createTabStore>;
