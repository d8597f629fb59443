// Background side of the sidebar's screenshot buttons: the capture engine driven in the tab
// through scripting (host permission on the portal; no activeTab needed), and "Reprendre".
// The flows themselves are src/capture/from-sidebar.ts.
import browser from 'webextension-polyfill';
import { createEngineRunner, retakeVisible, type CaptureStatus, type EngineStartOptions } from '../../src/capture/from-sidebar';
import type { EngineRequest } from '../../src/capture/engine-choice';
import type { MaskPlan } from '../../src/capture/mask';
import { maskAndEncode } from '../../src/capture/pipeline';
import { dataUrlOfBlob } from '../../src/data-url';
import type { ScreenshotOutcome } from '../../src/capture/screenshot';
import type { ContentMessage } from '../../src/protocol/content';
import type { TabStore } from '../../src/store/tab-store';
import { PAGE_CAPTURE_SCRIPT, PAGE_COMPAT_SCRIPT } from '../shared/pages';

type Api = { start(options: EngineStartOptions): string; status(id: string): CaptureStatus; cancel(id: string): boolean };
type WithEngine = typeof globalThis & { chorusProCapture: Api };

async function inTab<A extends unknown[], R>(tabId: number, func: (...args: A) => R, ...args: A): Promise<R> {
  const [injection] = await browser.scripting.executeScript({ target: { tabId, frameIds: [0] }, func, args });
  return injection?.result as R;
}

const engine = createEngineRunner({
  async inject(tabId) {
    await browser.scripting.executeScript({ target: { tabId, frameIds: [0] }, files: [PAGE_CAPTURE_SCRIPT] });
    await browser.scripting.executeScript({ target: { tabId, frameIds: [0] }, files: [PAGE_COMPAT_SCRIPT], world: 'MAIN' });
  },
  start: (tabId, options) => inTab(tabId, (value: EngineStartOptions) => (globalThis as WithEngine).chorusProCapture.start(value), options),
  status: (tabId, id) => inTab(tabId, (value: string) => (globalThis as WithEngine).chorusProCapture.status(value), id),
  cancel: (tabId, id) => inTab(tabId, (value: string) => (globalThis as WithEngine).chorusProCapture.cancel(value), id),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  now: Date.now,
});

export interface ScreenshotDeps {
  sendToContent(tabId: number, message: ContentMessage): Promise<unknown>;
  readMask(tabId: number): Promise<MaskPlan>;
  captureVisibleTab(windowId: number): Promise<string>;
  store: TabStore;
}

export function screenshotHandlers(deps: ScreenshotDeps) {
  return {
    wholePage: (tabId: number, handOver: string, engineAsked?: EngineRequest) => engine.wholePage(tabId, handOver, engineAsked),
    /**
     * The visible area rendered in the page with the automatic engine choice, masked, sidebar
     * left out (for when captureVisibleTab is not allowed): the one entry for other callers.
     */
    visibleArea: (tabId: number): Promise<ScreenshotOutcome> => engine.viewport(tabId),
    progress: (tabId: number) => engine.progress(tabId),
    cancel: (tabId: number) => engine.cancel(tabId),
    retake: (tab: { id: number; windowId?: number }): Promise<ScreenshotOutcome> =>
      retakeVisible(
        { id: tab.id, windowId: tab.windowId ?? browser.windows.WINDOW_ID_CURRENT },
        {
          hideSidebar: async (tabId) => void (await deps.sendToContent(tabId, { type: 'sidebar/hide' })),
          showSidebar: async (tabId) => void (await deps.sendToContent(tabId, { type: 'sidebar/show' })),
          readMask: deps.readMask,
          captureVisibleTab: deps.captureVisibleTab,
          async maskCapture(dataUrl, mask, capturedAt) {
            const image = await maskAndEncode(dataUrl, mask, new Date(capturedAt));
            if (!image.withinLimit) throw new Error('the screenshot is too large to attach');
            return { dataUrl: await dataUrlOfBlob(image.blob), name: image.name, width: image.width, height: image.height };
          },
          renderViewport: (tabId) => engine.viewport(tabId),
          keep: (tabId, capture) => deps.store.captures.save(tabId, capture),
          now: Date.now,
        },
      ),
  };
}
