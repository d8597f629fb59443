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
import { isTrail } from '../trail/step';
import type { TrailStep } from '../trail/step';

/** The subset of storage.StorageArea used here (storage.session in the extension). */
export interface StorageAreaLike {
  /** null: every item. */
  get(key: string | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(key: string | string[]): Promise<void>;
}

const CAPTURE_PREFIX = 'capture:';
const captureKey = (tabId: number) => `${CAPTURE_PREFIX}${tabId}`;
const readingKey = (tabId: number) => `reading:${tabId}`;
const trailKey = (tabId: number) => `trail:${tabId}`;
const diagnosticsKey = (tabId: number) => `diagnostics:${tabId}`;
const sidebarTokenKey = (tabId: number) => `sidebar-token:${tabId}`;
const offerKey = (tabId: number) => `offer:${tabId}`;

/** One typed value per tab; anything read back in another shape is ignored. */
function tabValue<T>(area: StorageAreaLike, keyOf: (tabId: number) => string, isValue: (value: unknown) => value is T) {
  return {
    async save(tabId: number, value: T): Promise<void> {
      await area.set({ [keyOf(tabId)]: value });
    },
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
 * One capture per tab. The session area holds 10 MB in Chrome and Firefox, a few dozen
 * screenshots: when a new one does not fit, the other tabs' captures go, oldest first, until it
 * does. Their sidebars keep showing theirs (the frame has it); only one reloaded after the
 * background restarted would come without it. A capture that still does not fit is an error.
 */
function tabCaptures(area: StorageAreaLike) {
  const captures = tabValue<Capture>(area, captureKey, isCapture);
  async function othersOldestFirst(tabId: number): Promise<string[]> {
    const items = Object.entries(await area.get(null)).filter(([key, value]) => key.startsWith(CAPTURE_PREFIX) && key !== captureKey(tabId) && isCapture(value));
    return items.sort(([, a], [, b]) => (a as Capture).capturedAt - (b as Capture).capturedAt).map(([key]) => key);
  }
  return {
    ...captures,
    async save(tabId: number, capture: Capture): Promise<void> {
      try {
        return await captures.save(tabId, capture);
      } catch (error) {
        const others = await othersOldestFirst(tabId);
        for (const key of others) {
          await area.remove(key);
          try {
            return await captures.save(tabId, capture);
          } catch {
            // Not enough yet: the next oldest goes too.
          }
        }
        throw error;
      }
    },
  };
}

export function createTabStore(area: StorageAreaLike) {
  return {
    captures: tabCaptures(area),
    readings: tabValue<PageReading>(area, readingKey, isPageReading),
    trails: tabValue<TrailStep[]>(area, trailKey, isTrail),
    diagnostics: tabValue<DiagnosticEntry[]>(area, diagnosticsKey, isDiagnosticList),
    /** The token of the tab's latest sidebar opening: only that frame is answered. */
    sidebarTokens: tabValue<string>(area, sidebarTokenKey, isSidebarToken),
    /** The in-page help offer: pages declined, and the error help was asked about. */
    offers: tabValue<TabOffer>(area, offerKey, isTabOffer),
    /** Forgets everything about a closed tab. */
    async dropTab(tabId: number): Promise<void> {
      await area.remove([captureKey(tabId), readingKey(tabId), trailKey(tabId), diagnosticsKey(tabId), sidebarTokenKey(tabId), offerKey(tabId)]);
    },
  };
}

export type TabStore = ReturnType<typeof createTabStore>;
