import { describe, expect, test, vi } from 'vitest';
import { createSerialQueue, handleToolbarClick, openSidebar, type PendingSnapshot, type ToolbarPorts } from '../../../src/capture/toolbar-click';
import type { PageReading } from '../../../src/context/page-reading';
import type { ContentMessage } from '../../../src/protocol/content';
import { createTabStore } from '../../../src/store/tab-store';
import { memoryStorageArea } from '../support/memory-storage';

const PORTAL = 'https://chorus-pro.gouv.fr/cpp/facture?numero=F2026-0042';
const PNG = 'data:image/png;base64,iVBORw0KGgo=';

/** A fake browser: one content script with a sidebar state, and a record of what happened. */
const READING: PageReading = {
  facts: {
    generation: 'classic',
    section: ['Factures émises'],
    title: 'Facture F2026-0042',
    heading: 'Facture F2026-0042',
    portalVersion: 'V2.0.1 - R13',
    user: null,
    errors: [{ text: 'Dépôt impossible.', kind: 'alert' }],
    invoiceNumbers: ['F2026-0042'],
    sirets: [],
    references: [],
  },
  viewport: { width: 1280, height: 800 },
  screen: { width: 1920, height: 1080 },
  devicePixelRatio: 1,
};

/** What the page's password field measures to, as the page reader answers. */
const MASK = { rects: [{ x: 10, y: 10, width: 100, height: 20 }], image: { width: 1280, height: 800 }, matched: 1 };

/** `moves`: how many of the measures taken right after a capture find the field elsewhere (the page scrolled). */
/** `readFails`: the page cannot be reached at all; `factsFail`: its masks are measured, its facts cannot be read. */
function fakeBrowser(options: { contentScript?: boolean; captureFails?: boolean; readFails?: boolean; factsFail?: boolean; captureHeld?: Promise<void>; moves?: number } = {}) {
  let moved = 0;
  const events: string[] = [];
  const snapshots: PendingSnapshot[] = [];
  const area = memoryStorageArea();
  const items = area.items;
  let contentScript = options.contentScript ?? true;
  let open = false;
  const tokens: string[] = [];
  const openings: string[] = [];
  const ports: ToolbarPorts = {
    async sendToContent(_tabId, message: ContentMessage) {
      if (!contentScript) throw new Error('Could not establish connection. Receiving end does not exist.');
      events.push(message.type);
      if (message.type === 'sidebar/prepare' || message.type === 'sidebar/open') openings.push(message.token);
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
      await options.captureHeld;
      if (options.captureFails) throw new Error('Failed to capture tab: quota exceeded');
      return PNG;
    },
    async prepareReader() {
      events.push('masks');
      if (options.readFails) throw new Error('Cannot access contents of the page');
      return MASK;
    },
    async readPage() {
      events.push('read');
      if (options.factsFail) throw new Error('unexpected page reading');
      return READING;
    },
    async measureMasks() {
      events.push('measure');
      // Each capture until the `moves`-th one scrolls the page by 40 px; then it stays.
      if (moved < (options.moves ?? 0)) moved++;
      return { ...MASK, rects: [{ ...MASK.rects[0]!, y: MASK.rects[0]!.y + 40 * moved }] };
    },
    async maskCapture(dataUrl, mask) {
      events.push(`mask ${mask.rects.length}`);
      return `${dataUrl}MASKED`;
    },
    store: createTabStore(area),
    newSidebarToken() {
      events.push('token');
      tokens.push(`T${tokens.length}aaaaaaaaaaaaaaaaaaaa`);
      return tokens.at(-1)!;
    },
    snapshotPending(_tabId, snapshot) {
      events.push('pending');
      snapshots.push(snapshot);
      void snapshot.reading.then(() => events.push('reading stored'));
      void snapshot.capture.then(({ capture, missing }) => events.push(`capture kept ${capture ? 'masked' : 'none'}${missing ? ` (${missing})` : ''}`));
    },
    async openAboutPage() {
      events.push('about');
    },
    async retakeVisible() {
      events.push('retake');
    },
    now: () => 1234,
  };
  return { ports, events, items, snapshots, tokens, openings };
}

describe('toolbar click', () => {
  test("each opening has a fresh token, given to the sidebar's frame as it is prepared and shown", async () => {
    const { ports, tokens, openings } = fakeBrowser();
    await handleToolbarClick({ id: 1, windowId: 1, url: PORTAL }, ports);
    expect(await handleToolbarClick({ id: 1, windowId: 1, url: PORTAL }, ports)).toBe('closed');
    await handleToolbarClick({ id: 1, windowId: 1, url: PORTAL }, ports);
    expect(tokens).toHaveLength(2);
    expect(tokens[0]).not.toBe(tokens[1]);
    expect(openings).toEqual([tokens[0], tokens[0], tokens[1], tokens[1]]);
  });

  test('on a portal tab: the sidebar starts loading out of sight while the masks are measured, the page is read while the screenshot is taken, then the sidebar opens while the screenshot is masked', async () => {
    const { ports, events } = fakeBrowser();
    expect(await handleToolbarClick({ id: 1, windowId: 1, url: PORTAL }, ports)).toBe('opened');
    expect(events.slice(0, 3)).toEqual(['sidebar/status', 'token', 'pending']);
    expect(new Set(events.slice(3, 5))).toEqual(new Set(['masks', 'sidebar/prepare']));
    // The reading is asked for first: the picture does not wait for it.
    expect(events.slice(5, 7)).toEqual(['read', 'capture']);
    expect(new Set(events.slice(7))).toEqual(new Set(['measure', 'reading stored', 'sidebar/open', 'mask 1', 'capture kept masked']));
    // The masks measured again after the picture, before it is masked.
    expect(events.indexOf('measure')).toBeGreaterThan(events.indexOf('capture'));
    expect(events.indexOf('measure')).toBeLessThan(events.indexOf('mask 1'));
    expect(events.indexOf('mask 1')).toBeLessThan(events.indexOf('capture kept masked'));
    expect(await ports.store.captures.load(1)).toEqual({ dataUrl: `${PNG}MASKED`, capturedAt: 1234 });
    expect(await ports.store.readings.load(1)).toEqual(READING);
  });

  test('the page reading is stored without waiting for the screenshot, and the masked screenshot is handed over as soon as it is made', async () => {
    let release!: () => void;
    const { ports, snapshots } = fakeBrowser({ captureHeld: new Promise<void>((resolve) => (release = resolve)) });
    const click = handleToolbarClick({ id: 1, windowId: 1, url: PORTAL }, ports);
    await vi.waitFor(() => expect(snapshots).toHaveLength(1));
    await snapshots[0]!.reading;
    expect(await ports.store.readings.load(1)).toEqual(READING);
    let kept: unknown = 'not yet';
    let storedAtHandOver: unknown = 'not looked';
    void snapshots[0]!.capture.then(async ({ capture }) => {
      kept = capture;
      storedAtHandOver = await ports.store.captures.load(1);
    });
    await Promise.resolve();
    expect(kept).toBe('not yet');
    release();
    expect(await snapshots[0]!.capture).toEqual({ capture: { dataUrl: `${PNG}MASKED`, capturedAt: 1234 } });
    expect(await click).toBe('opened');
    // Handed over first, stored a task later.
    expect(kept).toEqual({ dataUrl: `${PNG}MASKED`, capturedAt: 1234 });
    expect(storedAtHandOver).toBeNull();
    expect(await ports.store.captures.load(1)).toEqual({ dataUrl: `${PNG}MASKED`, capturedAt: 1234 });
  });

  test('a second click closes it, without a new screenshot', async () => {
    const { ports, events } = fakeBrowser();
    await handleToolbarClick({ id: 1, windowId: 1, url: PORTAL }, ports);
    events.length = 0;
    expect(await handleToolbarClick({ id: 1, windowId: 1, url: PORTAL }, ports)).toBe('closed');
    expect(events).toEqual(['sidebar/status', 'sidebar/close']);
  });

  test('help asked from the page opens the sidebar the same way, its screenshot drawn by the page engine; the next click retakes it with the browser', async () => {
    const { ports, events } = fakeBrowser();
    const drawn = { dataUrl: `${PNG}DRAWN`, capturedAt: 99, reconstructed: true } as const;
    await openSidebar(1, ports, async (before) => async () => ({ capture: before ? drawn : null }));
    expect(events).not.toContain('capture');
    expect(events).toContain('sidebar/open');
    expect(await ports.store.captures.load(1)).toEqual(drawn);
    expect(await ports.store.readings.load(1)).toEqual(READING);
    events.length = 0;
    expect(await handleToolbarClick({ id: 1, windowId: 1, url: PORTAL }, ports)).toBe('retaken');
    expect(events).toEqual(['sidebar/status', 'retake']);
  });

  test('a drawn screenshot whose image was evicted to make room is still retaken, not closed', async () => {
    const { ports, events, items } = fakeBrowser();
    await openSidebar(1, ports, async () => async () => ({ capture: { dataUrl: `${PNG}DRAWN`, capturedAt: 99, reconstructed: true } }));
    items.delete('capture:1');
    events.length = 0;
    expect(await handleToolbarClick({ id: 1, windowId: 1, url: PORTAL }, ports)).toBe('retaken');
    expect(events).toEqual(['sidebar/status', 'retake']);
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
    expect(events.slice(0, 4)).toEqual(['inject', 'sidebar/status', 'token', 'pending']);
    expect(events).toContain('capture kept masked');
  });

  test('a refused screenshot still opens the sidebar, with no stale picture', async () => {
    const { ports, events } = fakeBrowser({ captureFails: true });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await ports.store.captures.save(1, { dataUrl: PNG, capturedAt: 1 });
    expect(await handleToolbarClick({ id: 1, windowId: 1, url: PORTAL }, ports)).toBe('opened');
    expect(events).toContain('sidebar/open');
    expect(events).toContain('capture kept none');
    expect(await ports.store.captures.load(1)).toBeNull();
    // The browser's reason is in the extension's console, for whoever looks into a missing picture.
    expect(warn).toHaveBeenCalledWith('Chorus Pro help: no screenshot kept:', 'Failed to capture tab: quota exceeded');
    warn.mockRestore();
  });

  test('a page that cannot be read still gets the sidebar, with no stale reading and no unmasked screenshot', async () => {
    const { ports, events } = fakeBrowser({ readFails: true });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await ports.store.readings.save(1, READING);
    expect(await handleToolbarClick({ id: 1, windowId: 1, url: PORTAL }, ports)).toBe('opened');
    expect(events).toContain('capture kept none');
    expect(warn).toHaveBeenCalledWith('Chorus Pro help: no screenshot kept:', 'Cannot access contents of the page');
    warn.mockRestore();
    expect(await ports.store.readings.load(1)).toBeNull();
    expect(await ports.store.captures.load(1)).toBeNull();
  });

  test('a page whose facts cannot be read keeps its masked screenshot, and no stale reading', async () => {
    const { ports, events } = fakeBrowser({ factsFail: true });
    await ports.store.readings.save(1, READING);
    expect(await handleToolbarClick({ id: 1, windowId: 1, url: PORTAL }, ports)).toBe('opened');
    expect(events).toContain('reading stored');
    expect(await ports.store.readings.load(1)).toBeNull();
    expect(await ports.store.captures.load(1)).toEqual({ dataUrl: `${PNG}MASKED`, capturedAt: 1234 });
  });
});

describe('masks that cannot drift', () => {
  test('the page moved once during the capture: captured again, and the image masked where the field is now', async () => {
    const { ports, events } = fakeBrowser({ moves: 1 });
    expect(await handleToolbarClick({ id: 1, windowId: 1, url: PORTAL }, ports)).toBe('opened');
    expect(events.filter((event) => event === 'capture' || event === 'measure')).toEqual(['capture', 'measure', 'capture', 'measure']);
    expect(await ports.store.captures.load(1)).toEqual({ dataUrl: `${PNG}MASKED`, capturedAt: 1234 });
  });

  test('the page kept moving: three captures at most, then none is kept (the sidebar opens without it, told why)', async () => {
    const { ports, events, snapshots } = fakeBrowser({ moves: 10 });
    expect(await handleToolbarClick({ id: 1, windowId: 1, url: PORTAL }, ports)).toBe('opened');
    expect(events.filter((event) => event === 'capture')).toHaveLength(3);
    expect(events).toContain('capture kept none (page-moved)');
    expect(await snapshots[0]!.capture).toEqual({ capture: null, missing: 'page-moved' });
    expect(events.some((event) => event.startsWith('mask '))).toBe(false);
    expect(await ports.store.captures.load(1)).toBeNull();
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
