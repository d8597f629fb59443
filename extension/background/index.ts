// Background: the toolbar click, the screenshot, and the router for the sidebar's requests.
// Thin: the gesture itself is src/capture/toolbar-click.ts.
import browser from 'webextension-polyfill';
import { createRateLimiter } from '../../src/capture/rate-limit';
import { createSerialQueue, handleToolbarClick, type ToolbarPorts } from '../../src/capture/toolbar-click';
import {
  isSidebarSender,
  isSidebarStatus,
  parseBackgroundMessage,
  type BackgroundApi,
  type ContentMessage,
  type SidebarState,
} from '../../src/messages';
import { createCaptureStore } from '../../src/store/capture-store';
import { readBrowserFacts } from '../shared/browser-facts';
import { ABOUT_PAGE, SIDEBAR_PAGE } from '../shared/pages';

const captures = createCaptureStore(browser.storage.session);
const oneAtATimePerTab = createSerialQueue<number>();
const sidebarUrl = browser.runtime.getURL(SIDEBAR_PAGE);
const captureSlot = createRateLimiter(2, 1000, {
  now: Date.now,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
});

async function sendToContent(tabId: number, message: ContentMessage) {
  const status: unknown = await browser.tabs.sendMessage(tabId, message, { frameId: 0 });
  if (!isSidebarStatus(status)) throw new Error('unexpected answer from the content script');
  return status;
}

const ports: ToolbarPorts = {
  sendToContent,
  async injectContentScript(tabId) {
    const files = browser.runtime.getManifest().content_scripts?.[0]?.js ?? [];
    await browser.scripting.executeScript({ target: { tabId, frameIds: [0] }, files });
  },
  captureVisibleTab: (windowId) => captureSlot(() => browser.tabs.captureVisibleTab(windowId, { format: 'png' })),
  captures,
  async openAboutPage(tab) {
    await browser.tabs.create({ url: browser.runtime.getURL(ABOUT_PAGE), ...(tab.id === undefined ? {} : { openerTabId: tab.id }) });
  },
  now: Date.now,
};

browser.action.onClicked.addListener((tab) => {
  oneAtATimePerTab(tab.id ?? -1, () => handleToolbarClick(tab, ports)).catch((error: unknown) => {
    console.error('Chorus Pro help: toolbar click failed:', error instanceof Error ? error.message : error);
  });
});

browser.tabs.onRemoved.addListener((tabId) => {
  void captures.drop(tabId);
});

async function loadSidebarState(tab: browser.Tabs.Tab & { id: number }): Promise<SidebarState> {
  return {
    page: { url: tab.url ?? '', title: tab.title ?? '' },
    capture: await captures.load(tab.id),
    browser: await readBrowserFacts(),
  };
}

type Handlers = { [K in keyof BackgroundApi]: (tab: browser.Tabs.Tab & { id: number }) => Promise<BackgroundApi[K]['response']> };
const sidebarHandlers: Handlers = {
  'sidebar/load': loadSidebarState,
  'sidebar/close': (tab) => sendToContent(tab.id, { type: 'sidebar/close' }),
};

browser.runtime.onMessage.addListener((raw: unknown, sender: browser.Runtime.MessageSender) => {
  const message = parseBackgroundMessage(raw);
  if (!message || !isSidebarSender(sender, browser.runtime.id, sidebarUrl)) return undefined;
  return sidebarHandlers[message.type](sender.tab as browser.Tabs.Tab & { id: number });
});
