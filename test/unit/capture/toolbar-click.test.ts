import { describe, expect, test } from 'vitest';
import { createSerialQueue, handleToolbarClick, type ToolbarPorts } from '../../../src/capture/toolbar-click';
import type { ContentMessage } from '../../../src/messages';
import { createCaptureStore } from '../../../src/store/capture-store';

const PORTAL = 'https://chorus-pro.gouv.fr/cpp/facture?numero=F2026-0042';
const PNG = 'data:image/png;base64,iVBORw0KGgo=';

/** A fake browser: one content script with a sidebar state, and a record of what happened. */
function fakeBrowser(options: { contentScript?: boolean; captureFails?: boolean } = {}) {
  const events: string[] = [];
  const items = new Map<string, unknown>();
  let contentScript = options.contentScript ?? true;
  let open = false;
  const ports: ToolbarPorts = {
    async sendToContent(_tabId, message: ContentMessage) {
      if (!contentScript) throw new Error('Could not establish connection. Receiving end does not exist.');
      events.push(message.type);
      if (message.type === 'sidebar/open') open = true;
      if (message.type === 'sidebar/close') open = false;
      return { open };
    },
    async injectContentScript() {
      events.push('inject');
      contentScript = true;
    },
    async captureVisibleTab() {
      events.push('capture');
      if (options.captureFails) throw new Error('Failed to capture tab: quota exceeded');
      return PNG;
    },
    captures: createCaptureStore({
      get: async (key) => (items.has(key) ? { [key]: items.get(key) } : {}),
      set: async (values) => void Object.entries(values).forEach(([key, value]) => items.set(key, value)),
      remove: async (key) => void items.delete(key),
    }),
    async openAboutPage() {
      events.push('about');
    },
    now: () => 1234,
  };
  return { ports, events, items };
}

describe('toolbar click', () => {
  test('on a portal tab: the screenshot is taken before the sidebar opens', async () => {
    const { ports, events } = fakeBrowser();
    expect(await handleToolbarClick({ id: 1, windowId: 1, url: PORTAL }, ports)).toBe('opened');
    expect(events).toEqual(['sidebar/status', 'capture', 'sidebar/open']);
    expect(await ports.captures.load(1)).toEqual({ dataUrl: PNG, capturedAt: 1234 });
  });

  test('a second click closes it, without a new screenshot', async () => {
    const { ports, events } = fakeBrowser();
    await handleToolbarClick({ id: 1, windowId: 1, url: PORTAL }, ports);
    events.length = 0;
    expect(await handleToolbarClick({ id: 1, windowId: 1, url: PORTAL }, ports)).toBe('closed');
    expect(events).toEqual(['sidebar/status', 'sidebar/close']);
  });

  test('outside the portal: the about page, nothing captured', async () => {
    for (const url of ['https://autre-site.test/', 'https://chorus-pro.gouv.fr.evil.test/cpp/', undefined]) {
      const { ports, events, items } = fakeBrowser();
      expect(await handleToolbarClick({ id: 1, windowId: 1, url }, ports)).toBe('about');
      expect(events).toEqual(['about']);
      expect(items.size).toBe(0);
    }
  });

  test('a portal tab opened before installation gets the content script injected', async () => {
    const { ports, events } = fakeBrowser({ contentScript: false });
    expect(await handleToolbarClick({ id: 1, windowId: 1, url: PORTAL }, ports)).toBe('opened');
    expect(events).toEqual(['inject', 'sidebar/status', 'capture', 'sidebar/open']);
  });

  test('a refused screenshot still opens the sidebar, with no stale picture', async () => {
    const { ports, events } = fakeBrowser({ captureFails: true });
    await ports.captures.save(1, { dataUrl: PNG, capturedAt: 1 });
    expect(await handleToolbarClick({ id: 1, windowId: 1, url: PORTAL }, ports)).toBe('opened');
    expect(events).toEqual(['sidebar/status', 'capture', 'sidebar/open']);
    expect(await ports.captures.load(1)).toBeNull();
  });
});

describe('serial queue', () => {
  test('tasks of one key run one after another; other keys are not held up', async () => {
    const run = createSerialQueue<number>();
    const order: string[] = [];
    let releaseFirst!: () => void;
    const first = run(1, () => new Promise<void>((resolve) => (releaseFirst = resolve)).then(() => void order.push('1a')));
    const second = run(1, async () => void order.push('1b'));
    await run(2, async () => void order.push('2a'));
    expect(order).toEqual(['2a']);
    releaseFirst();
    await Promise.all([first, second]);
    expect(order).toEqual(['2a', '1a', '1b']);
  });

  test('a failed task does not stop the next one', async () => {
    const run = createSerialQueue<number>();
    await expect(run(1, async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(run(1, async () => 'next')).resolves.toBe('next');
  });
});
