// The browser as the background sees it, in memory: events that keep their listeners, storage
// areas, one portal tab whose content script answers, and scripting that runs the injected
// files' own code (the page reader, a stand-in capture engine) on the test's document.
import type { CaptureStatus } from '../../../../src/capture/from-sidebar';
import { collectMaskRects } from '../../../../src/capture/mask';
import { readPage } from '../../../../src/context/page-reading';
import { translatorFor } from '../../../support/i18n';
import { memoryStorageArea } from '../../support/memory-storage';

export const EXTENSION_ID = 'abcdefghijklmnop';
export const SIDEBAR_URL = `chrome-extension://${EXTENSION_ID}/extension/sidebar/index.html`;
export const PORTAL_TAB = { id: 7, windowId: 1, url: 'https://chorus-pro.gouv.fr/cpp/accueil', title: 'Accueil' };
export const PNG = 'data:image/png;base64,iVBORw0KGgo=';

type Listener = (...args: never[]) => unknown;

function event() {
  const listeners: Listener[] = [];
  return { listeners, addListener: (listener: Listener) => void listeners.push(listener), removeListener: () => undefined, hasListener: () => false };
}

/** Stands for the capture engine the background injects into the page (extension/page-capture). */
const engine = {
  start: () => 'run-1',
  status: (): CaptureStatus => ({
    state: 'done',
    parts: [{ dataUrl: PNG, name: 'capture-page-2026-11-27-1430-1.png', format: 'png', quality: null, bytes: 8, width: 1266, height: 800, y: 0, withinLimit: true }],
    scale: 1,
    page: { width: 1266, height: 800 },
    masked: 0,
    withinLimit: true,
    elapsedMs: 5,
    steps: { copyMs: 1, paintMs: 2, encodeMs: 2 },
    resources: { inlined: 0, missed: 0 },
    engine: 'svg',
    fallback: null,
    notDrawn: [],
  }),
  cancel: () => true,
};

export function fakeBrowser() {
  const session = memoryStorageArea();
  const local = Object.assign(memoryStorageArea(), { onChanged: event() });
  const managed = Object.assign(memoryStorageArea(), { onChanged: event() });
  const onMessage = event();
  /** The files injected into the portal tab, in order. */
  const injected: string[] = [];
  /** What the portal tab's content script says of its sidebar. */
  const content: { sidebarOpen: boolean; token?: string } = { sidebarOpen: true };
  /** The toolbar icon's badge text of the portal tab (its own, over the one of every tab). */
  const badge = { text: '' };
  return {
    onMessage,
    injected,
    badge,
    content,
    runtime: {
      id: EXTENSION_ID,
      getURL: (path: string) => `chrome-extension://${EXTENSION_ID}/${path}`,
      getManifest: () => ({ version: '0.1.0', content_scripts: [{ js: ['extension/content/index.js'] }], host_permissions: ['https://chorus-pro.gouv.fr/*'] }),
      getBrowserInfo: async () => ({ name: 'Firefox', version: '153.8.0' }),
      getPlatformInfo: async () => ({ os: 'linux', arch: 'x86-64' }),
      onMessage,
      onConnect: event(),
      onStartup: event(),
      onInstalled: event(),
    },
    storage: { session, local, managed },
    i18n: { getUILanguage: () => 'fr', getMessage: translatorFor('fr') },
    action: {
      onClicked: event(),
      setBadgeText: async ({ tabId, text }: { tabId?: number; text: string | null }) => void (tabId === PORTAL_TAB.id && (badge.text = text ?? '')),
      setBadgeBackgroundColor: async () => undefined,
      setTitle: async () => undefined,
    },
    alarms: { onAlarm: event(), create: async () => undefined, clear: async () => true, get: async () => undefined },
    tabs: {
      onRemoved: event(),
      onUpdated: event(),
      getZoom: async () => 1,
      get: async () => PORTAL_TAB,
      query: async () => [PORTAL_TAB],
      create: async () => PORTAL_TAB,
      // The content script of the portal tab: its sidebar status; it keeps the token of the
      // latest opening, as the sidebar's frame address would.
      sendMessage: async (_tabId: number, message: { type?: string; token?: string }) => {
        if (message.type === 'sidebar/open' && message.token) content.token = message.token;
        return { open: content.sidebarOpen };
      },
      // "Reprendre" after the page changed: activeTab no longer allows it, the engine renders the page.
      captureVisibleTab: async () => {
        throw new Error('activeTab has expired');
      },
    },
    windows: { WINDOW_ID_CURRENT: -2 },
    scripting: {
      async executeScript(injection: { files?: string[]; func?: (...args: never[]) => unknown; args?: never[] }) {
        if (injection.func) {
          (globalThis as typeof globalThis & { chorusProCapture?: typeof engine }).chorusProCapture = engine;
          return [{ result: await injection.func(...(injection.args ?? [])) }];
        }
        injected.push(...(injection.files ?? []));
        // The compatibility check leaves its function in the page, as the built script does.
        if (injection.files?.some((file) => file.includes('page-check'))) await import('../../../../extension/page-check/index');
        // The page reader leaves its calls in the page and answers the first measure of the masks, as the built scripts do.
        if (injection.files?.some((file) => file.includes('page-reader'))) {
          Object.assign(globalThis, { chorusProReadPage: () => readPage(document, window), chorusProMeasureMasks: () => collectMaskRects(document, window) });
          return [{ result: collectMaskRects(document, window) }];
        }
        return [{ result: undefined }];
      },
      getRegisteredContentScripts: async () => [],
      registerContentScripts: async () => undefined,
      unregisterContentScripts: async () => undefined,
    },
  };
}

/** The one fake the background module gets in place of webextension-polyfill. */
export const backgroundBrowser = fakeBrowser();
