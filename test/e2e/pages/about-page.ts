import { waitFor } from '../support/wait';
import type { BrowserUnderTest, ExtensionGlobal, FrameDriver } from './drivers';

export interface TabProbe {
  /** null when the extension may not read the tab's address (any site but the portal). */
  url: string | null;
  /** Whether a content script of the extension listens in the tab. */
  contentScript: boolean;
}

/** The extension page a toolbar click opens outside the portal. */
export class AboutPage {
  constructor(private readonly frame: FrameDriver) {}

  headingTexts(): Promise<string[]> {
    return this.frame.evaluate(() => [...document.querySelectorAll('h1, h2')].map((h) => h.textContent!.trim()));
  }

  lang(): Promise<string> {
    return this.frame.evaluate(() => document.documentElement.lang);
  }

  /** Screenshots kept by the extension (storage.session, out of the page's reach). */
  storedCaptureKeys(): Promise<string[]> {
    return this.frame.evaluate(async () => {
      const { browser, chrome } = globalThis as ExtensionGlobal;
      return Object.keys(await (browser ?? chrome)!.storage.session.get(null)).filter((key) => key.startsWith('capture:'));
    });
  }

  /**
   * Fills the session storage area (10 MB) with screenshots kept for other tabs, as a long
   * session of many portal tabs leaves it, until the area refuses one more; returns their keys.
   */
  fillSessionWithCaptures(): Promise<string[]> {
    return this.frame.evaluate(async () => {
      const { browser, chrome } = globalThis as ExtensionGlobal;
      const keys: string[] = [];
      let tab = 900_000;
      // Large screenshots first, then smaller ones into what is left, to the last kilobyte.
      for (const size of [512 * 1024, 64 * 1024, 8 * 1024, 1024]) {
        const dataUrl = `data:image/png;base64,${'A'.repeat(size)}`;
        for (;;) {
          if (keys.length > 400) throw new Error('the session area took every screenshot without refusing one');
          try {
            await (browser ?? chrome)!.storage.session.set({ [`capture:${++tab}`]: { dataUrl, capturedAt: tab } });
          } catch {
            break;
          }
          keys.push(`capture:${tab}`);
        }
      }
      return keys;
    });
  }

  /** Removes items from the session storage area. */
  removeSessionItems(keys: string[]): Promise<void> {
    return this.frame.evaluate(async (names: string[]) => {
      const { browser, chrome } = globalThis as ExtensionGlobal;
      await (browser ?? chrome)!.storage.session.remove(names);
    }, keys);
  }

  /** Sets the user's channel settings as the options page stores them. */
  setChannelSettings(settings: { channel: 'portal' | 'backend'; backendUrl: string; token: string }): Promise<void> {
    return this.frame.evaluate(async (channelSettings) => {
      const { browser, chrome } = globalThis as ExtensionGlobal;
      await (browser ?? chrome)!.storage.local.set({ channelSettings });
    }, settings);
  }

  /** How many records each store of the extension's database holds (read only; the background writes). */
  databaseCounts(): Promise<Record<'drafts' | 'attachments' | 'outbox' | 'history', number>> {
    return this.frame.evaluate(
      () =>
        new Promise<Record<'drafts' | 'attachments' | 'outbox' | 'history', number>>((resolve, reject) => {
          const opening = indexedDB.open('chorus-pro-help');
          opening.onerror = () => reject(opening.error);
          opening.onsuccess = () => {
            const db = opening.result;
            const names = ['drafts', 'attachments', 'outbox', 'history'] as const;
            const tx = db.transaction([...names], 'readonly');
            const counts = { drafts: 0, attachments: 0, outbox: 0, history: 0 };
            for (const name of names) {
              const counting = tx.objectStore(name).count();
              counting.onsuccess = () => (counts[name] = counting.result);
            }
            tx.oncomplete = () => {
              db.close();
              resolve(counts);
            };
            tx.onerror = () => reject(tx.error);
          };
        }),
    );
  }

  /**
   * Writes one small record into a database of the test's own, in the extension's origin;
   * resolves with whether the browser refused it for lack of space (QuotaExceededError).
   */
  storageRefusesWrites(): Promise<boolean> {
    return this.frame.evaluate(
      () =>
        new Promise<boolean>((resolve, reject) => {
          const opening = indexedDB.open('quota-probe', 1);
          opening.onupgradeneeded = () => opening.result.createObjectStore('probe', { autoIncrement: true });
          opening.onerror = () => (opening.error?.name === 'QuotaExceededError' ? resolve(true) : reject(opening.error));
          opening.onsuccess = () => {
            const db = opening.result;
            const tx = db.transaction('probe', 'readwrite');
            tx.objectStore('probe').put('x'.repeat(1024));
            tx.oncomplete = () => {
              db.close();
              resolve(false);
            };
            tx.onabort = () => {
              db.close();
              if (tx.error?.name === 'QuotaExceededError') resolve(true);
              else reject(tx.error);
            };
          };
        }),
    );
  }

  /** Deletes the test's own database of storageRefusesWrites. */
  deleteStorageProbe(): Promise<void> {
    return this.frame.evaluate(
      () =>
        new Promise<void>((resolve, reject) => {
          const deleting = indexedDB.deleteDatabase('quota-probe');
          deleting.onsuccess = () => resolve();
          deleting.onerror = () => reject(deleting.error);
        }),
    );
  }

  /** When the outbox's retry alarm is set to fire next (epoch ms), or null when none is set. */
  retryAlarmTime(): Promise<number | null> {
    return this.frame.evaluate(async () => {
      const { browser, chrome } = globalThis as ExtensionGlobal;
      const alarm = await (browser ?? chrome)!.alarms.get('outbox-retry');
      return alarm ? alarm.scheduledTime : null;
    });
  }

  /** Everything the extension keeps in browser storage, as JSON text (an extension tab may read it all). */
  storageDump(): Promise<string> {
    return this.frame.evaluate(async () => {
      const { browser, chrome } = globalThis as ExtensionGlobal;
      const api = (browser ?? chrome)!;
      const [session, local] = await Promise.all([api.storage.session.get(null), api.storage.local.get(null)]);
      return JSON.stringify({ session, local });
    });
  }

  /**
   * Asks each tab, from this extension page, whether a content script of ours listens there.
   * A tab without one makes tabs.sendMessage fail with "Receiving end does not exist"; a tab
   * with one answers or closes the port (our content script ignores senders other than the
   * background), which is a different outcome.
   */
  probeTabs(): Promise<TabProbe[]> {
    return this.frame.evaluate(async () => {
      const { browser, chrome } = globalThis as ExtensionGlobal;
      const api = (browser ?? chrome)!;
      const self = await api.tabs.getCurrent();
      const tabs = (await api.tabs.query({})).filter((tab) => tab.id !== self?.id);
      const probes: TabProbe[] = [];
      for (const tab of tabs) {
        let contentScript = true;
        try {
          await api.tabs.sendMessage(tab.id!, { type: 'probe' });
        } catch (error) {
          contentScript = !/receiving end does not exist/i.test(String(error && (error as Error).message));
        }
        probes.push({ url: tab.url ?? null, contentScript });
      }
      return probes;
    });
  }
}

/**
 * Opens the about page the way a user reaches it — a toolbar click on a site that is not the
 * portal — and returns its frame: an extension tab, with the extension's full API.
 */
export async function openAboutPage(browser: BrowserUnderTest): Promise<FrameDriver> {
  const other = await browser.newTab();
  await other.goto(`${browser.origin('autre-site.test')}/`);
  await other.clickToolbar();
  return waitFor('the about page', () => browser.extensionTab('extension/about/index.html'));
}
