import { waitFor } from '../support/wait';
import type { BrowserUnderTest, ExtensionGlobal, FrameDriver } from './drivers';

export interface TabProbe {
  /** null when the extension may not read the tab's address (any site but the portal). */
  url: string | null;
  /** Whether a content script of the extension listens in the tab. */
  contentScript: boolean;
}

/** What the extension keeps, as AboutPage.storageAudit reads it. */
export interface StorageAudit {
  drafts: { id: string; tabId: number | null; title: string; files: { name: string; screenshot: boolean }[]; attachmentIds: string[]; images: string[] }[];
  /** Files with the SHA-256 of their bytes and what those bytes are. */
  attachments: { id: string; name: string; sha256: string; kind: 'png' | 'jpeg' | 'other' }[];
  outbox: { id: string; title: string; state: string; attachmentIds: string[] }[];
  history: { id: string; title: string; sentAt: number }[];
  /** Each key, with the SHA-256 of the images (data: URLs) its value holds. */
  local: { key: string; images: string[] }[];
  session: { key: string; images: string[] }[];
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

  /** Every page step (path and heading) in the tabs' paths the background keeps (storage.session, `trail:<tab>`). */
  storedPages(): Promise<{ path: string; heading: string | null }[]> {
    return this.frame.evaluate(async () => {
      const { browser, chrome } = globalThis as ExtensionGlobal;
      const stored = await (browser ?? chrome)!.storage.session.get(null);
      return Object.entries(stored)
        .filter(([key]) => key.startsWith('trail:'))
        .flatMap(([, steps]) =>
          (steps as { kind: string; path?: string; heading?: string }[])
            .filter((step) => step.kind === 'page')
            .map((step) => ({ path: step.path ?? '', heading: step.heading ?? null })),
        );
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
      // Large screenshots first, then smaller ones into what is left, to the last hundred bytes.
      for (const size of [512 * 1024, 64 * 1024, 8 * 1024, 1024, 128, 16]) {
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
   * Everything the extension keeps, read as a person with access to the profile could: each
   * record of its IndexedDB with every file's SHA-256 and kind (from its bytes), and each key
   * of storage.local and storage.session with the SHA-256 of every image data: URL in it.
   */
  storageAudit(): Promise<StorageAudit> {
    return this.frame.evaluate(async () => {
      const hex = async (bytes: ArrayBuffer) => [...new Uint8Array(await crypto.subtle.digest('SHA-256', bytes))].map((byte) => byte.toString(16).padStart(2, '0')).join('');
      const kindOf = (bytes: Uint8Array) =>
        bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47 ? 'png' : bytes[0] === 0xff && bytes[1] === 0xd8 ? 'jpeg' : 'other';
      /** The SHA-256 of each image data: URL found anywhere in a stored value. */
      const imagesIn = async (value: unknown): Promise<string[]> => {
        const found = JSON.stringify(value ?? null).match(/data:image\/[a-z]+;base64,[A-Za-z0-9+/=]+/g) ?? [];
        return Promise.all(found.map((url) => hex(Uint8Array.from(atob(url.slice(url.indexOf(',') + 1)), (char) => char.charCodeAt(0)).buffer)));
      };
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const opening = indexedDB.open('chorus-pro-help');
        opening.onerror = () => reject(opening.error);
        opening.onsuccess = () => resolve(opening.result);
      });
      const all = (name: string) =>
        new Promise<Record<string, unknown>[]>((resolve, reject) => {
          const reading = db.transaction(name, 'readonly').objectStore(name).getAll();
          reading.onsuccess = () => resolve(reading.result as Record<string, unknown>[]);
          reading.onerror = () => reject(reading.error);
        });
      const [drafts, attachments, outbox, history] = [await all('drafts'), await all('attachments'), await all('outbox'), await all('history')];
      db.close();
      const { browser, chrome } = globalThis as ExtensionGlobal;
      const api = (browser ?? chrome)!;
      const areas = async (area: 'local' | 'session') =>
        Promise.all(Object.entries(await api.storage[area].get(null)).map(async ([key, value]) => ({ key, images: await imagesIn(value) })));
      return {
        drafts: await Promise.all(
          drafts.map(async (draft) => {
            const fields = draft['fields'] as { values?: { title?: string }; files?: { name: string; screenshot: boolean }[] };
            return { id: String(draft['id']), tabId: draft['tabId'] as number | null, title: fields.values?.title ?? '', files: fields.files ?? [], attachmentIds: draft['attachmentIds'] as string[], images: await imagesIn(draft) };
          }),
        ),
        attachments: await Promise.all(
          attachments.map(async (record) => {
            const bytes = await (record['blob'] as Blob).arrayBuffer();
            return { id: String(record['id']), name: String(record['name']), sha256: await hex(bytes), kind: kindOf(new Uint8Array(bytes)) };
          }),
        ),
        outbox: outbox.map((item) => ({ id: String(item['id']), title: String(item['title']), state: String(item['state']), attachmentIds: item['attachmentIds'] as string[] })),
        history: history.map((entry) => ({ id: String(entry['id']), title: String(entry['title']), sentAt: entry['sentAt'] as number })),
        local: await areas('local'),
        session: await areas('session'),
      };
    });
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
