/**
 * The screenshot taken at the toolbar click, kept per tab until the tab closes.
 * It lives in the session storage area: in memory, never written to disk, out of reach of
 * content scripts, and it survives the background service worker being stopped.
 */
import { isCapture, type Capture } from '../messages';

/** The subset of storage.StorageArea used here (storage.session in the extension). */
export interface StorageAreaLike {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(key: string): Promise<void>;
}

const keyOf = (tabId: number) => `capture:${tabId}`;

export function createCaptureStore(area: StorageAreaLike) {
  return {
    async save(tabId: number, capture: Capture): Promise<void> {
      await area.set({ [keyOf(tabId)]: capture });
    },
    async load(tabId: number): Promise<Capture | null> {
      const value = (await area.get(keyOf(tabId)))[keyOf(tabId)];
      return isCapture(value) ? value : null;
    },
    async drop(tabId: number): Promise<void> {
      await area.remove(keyOf(tabId));
    },
  };
}

export type CaptureStore = ReturnType<typeof createCaptureStore>;
