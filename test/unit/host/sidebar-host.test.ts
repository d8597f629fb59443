import { afterEach, describe, expect, test, vi } from 'vitest';
import { afterFramesDrawn } from '../../../src/frames-drawn';
import { createSidebarHost, extensionOrigin, isSidebarShown, SIDEBAR_WIDTH } from '../../../src/host/sidebar-host';

// In Chrome the sidebar page's address has a per-session host; its document has the extension's origin.
const SIDEBAR_URL = 'chrome-extension://0f3c9e2a-7b41-4d8e-9a65-2c1d7e8f4b90/extension/sidebar/index.html';
const EXTENSION_ORIGIN = extensionOrigin(SIDEBAR_URL, 'abc');
const TOKEN = 'q3Xr0vC1hZ8kP2mW9tYb4A';

const pageMargin = () => document.documentElement.style.getPropertyValue('margin-right');

/** The page narrowed beside the sidebar, which the host does once the sidebar has been drawn. */
async function narrowed() {
  await vi.waitFor(() => expect(pageMargin()).toBe(`${SIDEBAR_WIDTH}px`));
}

/**
 * The box the host has when nothing tampers with it, and the host as what is under its centre
 * unless the page puts something there (`over`).
 */
function layOut(width = SIDEBAR_WIDTH) {
  Object.defineProperty(window, 'innerHeight', { configurable: true, value: 800 });
  vi.spyOn(document.documentElement, 'clientWidth', 'get').mockReturnValue(1280);
  vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockImplementation(function (this: HTMLElement) {
    return this.localName === 'chorus-pro-aide' ? new DOMRect(1280 - width, 0, width, 800) : new DOMRect(0, 0, 0, 0);
  });
  const page = { over: null as Element | null };
  document.elementFromPoint = () => page.over ?? document.querySelector('chorus-pro-aide');
  return page;
}

function setViewportWidth(width: number) {
  Object.defineProperty(window, 'innerWidth', { configurable: true, value: width });
}

afterEach(() => {
  document.documentElement.removeAttribute('style');
  document.body.innerHTML = '';
  for (const host of document.querySelectorAll('chorus-pro-aide')) host.remove();
});

describe('extension origin', () => {
  test('Chrome: the id, not the per-session host of the page address; Firefox: the address host', () => {
    expect(extensionOrigin(SIDEBAR_URL, 'abc')).toBe('chrome-extension://abc');
    expect(extensionOrigin('moz-extension://5e1b7c2d-aa10-4f3e-8b9c-0d1e2f3a4b5c/extension/sidebar/index.html', 'assistant-aide@chorus-pro-aide.fr')).toBe('moz-extension://5e1b7c2d-aa10-4f3e-8b9c-0d1e2f3a4b5c');
  });
});

describe('sidebar host', () => {
  test('posts to its frame only, addressed to the extension\'s origin (not the page address\'s per-session host); not before the frame exists nor after it is gone', () => {
    const postMessage = vi.fn();
    const contentWindow = vi.spyOn(HTMLIFrameElement.prototype, 'contentWindow', 'get').mockReturnValue({ postMessage } as unknown as Window);
    try {
      const host = createSidebarHost(document, { sidebarUrl: SIDEBAR_URL, extensionOrigin: EXTENSION_ORIGIN, frameTitle: 'Assistant', trusted: () => true });
      expect(host.post({ type: 'page-part' })).toBe(false);
      host.prepare(TOKEN);
      expect(host.post({ type: 'page-part' })).toBe(true);
      expect(postMessage).toHaveBeenCalledWith({ type: 'page-part' }, 'chrome-extension://abc');
      host.open(TOKEN);
      host.close();
      expect(host.post({ type: 'page-part' })).toBe(false);
      expect(postMessage.mock.calls).toEqual([
        [{ type: 'page-part' }, 'chrome-extension://abc'],
        [{ type: 'sidebar/shown' }, 'chrome-extension://abc'],
      ]);
    } finally {
      contentWindow.mockRestore();
    }
  });

  test('tells its frame each time it puts it in sight: opened, and back after a retake; not when hidden', () => {
    const postMessage = vi.fn();
    const contentWindow = vi.spyOn(HTMLIFrameElement.prototype, 'contentWindow', 'get').mockReturnValue({ postMessage } as unknown as Window);
    try {
      const host = createSidebarHost(document, { sidebarUrl: SIDEBAR_URL, extensionOrigin: EXTENSION_ORIGIN, frameTitle: 'Assistant', trusted: () => true });
      host.prepare(TOKEN);
      expect(postMessage).not.toHaveBeenCalled();
      host.open(TOKEN);
      host.hide();
      expect(postMessage).toHaveBeenCalledTimes(1);
      host.show();
      expect(postMessage.mock.calls.map(([message]) => isSidebarShown(message))).toEqual([true, true]);
      expect(isSidebarShown({ type: 'page-part' })).toBe(false);
      expect(isSidebarShown(null)).toBe(false);
      host.close();
    } finally {
      contentWindow.mockRestore();
    }
  });

  test('opens once, in a closed shadow root the page cannot read, and narrows the page once drawn over it', async () => {
    setViewportWidth(1280);
    layOut();
    const host = createSidebarHost(document, { sidebarUrl: SIDEBAR_URL, extensionOrigin: EXTENSION_ORIGIN, frameTitle: 'Assistant', trusted: () => true });
    host.open(TOKEN);
    host.open(TOKEN);
    const elements = document.querySelectorAll('chorus-pro-aide');
    expect(elements).toHaveLength(1);
    expect(elements[0]!.shadowRoot).toBeNull();
    expect(document.querySelector('iframe')).toBeNull();
    expect(host.isOpen()).toBe(true);
    // Not at once: laying a long page out again would hold the sidebar's first frame.
    expect(pageMargin()).toBe('');
    await narrowed();
    host.close();
  });

  test('closed or hidden before it was drawn, it never narrows the page; shown again, it does', async () => {
    setViewportWidth(1280);
    layOut();
    document.documentElement.style.setProperty('margin-right', '12px');
    const host = createSidebarHost(document, { sidebarUrl: SIDEBAR_URL, extensionOrigin: EXTENSION_ORIGIN, frameTitle: 'Assistant', trusted: () => true });
    host.open(TOKEN);
    host.close();
    await afterFramesDrawn(window);
    await afterFramesDrawn(window);
    expect(pageMargin()).toBe('12px');
    host.open(TOKEN);
    host.hide();
    await afterFramesDrawn(window);
    await afterFramesDrawn(window);
    expect(pageMargin()).toBe('12px');
    host.show();
    expect(pageMargin()).toBe(`${SIDEBAR_WIDTH}px`);
    host.close();
    expect(pageMargin()).toBe('12px');
  });

  test('closing restores the page: its own margin and the focus it had', () => {
    setViewportWidth(1280);
    document.documentElement.style.setProperty('margin-right', '12px');
    document.body.innerHTML = '<input id="invoice">';
    const input = document.getElementById('invoice') as HTMLInputElement;
    input.focus();
    const host = createSidebarHost(document, { sidebarUrl: SIDEBAR_URL, extensionOrigin: EXTENSION_ORIGIN, frameTitle: 'Assistant', trusted: () => true });
    host.open(TOKEN);
    host.close();
    expect(host.isOpen()).toBe(false);
    expect(document.querySelector('chorus-pro-aide')).toBeNull();
    expect(document.documentElement.style.getPropertyValue('margin-right')).toBe('12px');
    expect(document.activeElement).toBe(input);
  });

  test('hidden for a screenshot: out of the page, the page at its own margin; shown again as it was', () => {
    setViewportWidth(1280);
    document.documentElement.style.setProperty('margin-right', '12px');
    const host = createSidebarHost(document, { sidebarUrl: SIDEBAR_URL, extensionOrigin: EXTENSION_ORIGIN, frameTitle: 'Assistant', trusted: () => true });
    host.open(TOKEN);
    const element = document.querySelector('chorus-pro-aide') as HTMLElement;
    host.hide();
    expect(element.style.getPropertyValue('display')).toBe('none');
    expect(document.documentElement.style.getPropertyValue('margin-right')).toBe('12px');
    expect(host.isOpen()).toBe(true);
    host.show();
    expect(element.style.getPropertyValue('display')).toBe('block');
    expect(document.documentElement.style.getPropertyValue('margin-right')).toBe(`${SIDEBAR_WIDTH}px`);
    host.close();
    expect(document.documentElement.style.getPropertyValue('margin-right')).toBe('12px');
  });

  test("by default, a page's own script cannot close it with a forged Escape", () => {
    const host = createSidebarHost(document, { sidebarUrl: SIDEBAR_URL, extensionOrigin: EXTENSION_ORIGIN, frameTitle: 'Assistant' });
    host.open(TOKEN);
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
    expect(host.isOpen()).toBe(true);
    host.close();
  });

  test('Escape on the page closes it; other keys do not', () => {
    setViewportWidth(1280);
    const host = createSidebarHost(document, { sidebarUrl: SIDEBAR_URL, extensionOrigin: EXTENSION_ORIGIN, frameTitle: 'Assistant', trusted: () => true });
    host.open(TOKEN);
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
    expect(host.isOpen()).toBe(true);
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
    expect(host.isOpen()).toBe(false);
  });

  test('on a narrow window it takes the whole width and leaves the page layout alone', () => {
    setViewportWidth(360);
    const host = createSidebarHost(document, { sidebarUrl: SIDEBAR_URL, extensionOrigin: EXTENSION_ORIGIN, frameTitle: 'Assistant', trusted: () => true });
    host.open(TOKEN);
    expect(document.documentElement.style.getPropertyValue('margin-right')).toBe('');
    expect(document.querySelector('chorus-pro-aide')!.getAttribute('style')).toContain('width: 100vw !important');
  });

  test('a page that removes the host is seen as closed, and the sidebar can open again', () => {
    setViewportWidth(1280);
    const host = createSidebarHost(document, { sidebarUrl: SIDEBAR_URL, extensionOrigin: EXTENSION_ORIGIN, frameTitle: 'Assistant', trusted: () => true });
    host.open(TOKEN);
    document.querySelector('chorus-pro-aide')!.remove();
    expect(host.isOpen()).toBe(false);
    host.open(TOKEN);
    expect(document.querySelectorAll('chorus-pro-aide')).toHaveLength(1);
  });

  test('after the page removed it, Escape gives the page its margin back and leaves its focus alone', () => {
    setViewportWidth(1280);
    const host = createSidebarHost(document, { sidebarUrl: SIDEBAR_URL, extensionOrigin: EXTENSION_ORIGIN, frameTitle: 'Assistant', trusted: () => true });
    host.open(TOKEN);
    document.querySelector('chorus-pro-aide')!.remove();
    document.body.innerHTML = '<input id="invoice">';
    const input = document.getElementById('invoice') as HTMLInputElement;
    input.focus();
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
    expect(document.documentElement.style.getPropertyValue('margin-right')).toBe('');
    expect(document.activeElement).toBe(input);
  });

  test('prepared: loading out of sight, inert, the page untouched; then shown as it is', async () => {
    setViewportWidth(1280);
    layOut();
    document.body.innerHTML = '<input id="invoice">';
    const input = document.getElementById('invoice') as HTMLInputElement;
    input.focus();
    const host = createSidebarHost(document, { sidebarUrl: SIDEBAR_URL, extensionOrigin: EXTENSION_ORIGIN, frameTitle: 'Assistant', trusted: () => true });
    host.prepare(TOKEN);
    const prepared = document.querySelector('chorus-pro-aide') as HTMLElement;
    expect(prepared.inert).toBe(true);
    expect(prepared.getAttribute('style')).toContain('left: 100vw !important');
    expect(host.isOpen()).toBe(false);
    expect(document.documentElement.style.getPropertyValue('margin-right')).toBe('');
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
    expect(document.activeElement).toBe(input);

    host.open(TOKEN);
    expect(document.querySelectorAll('chorus-pro-aide')).toHaveLength(1);
    expect(document.querySelector('chorus-pro-aide')).toBe(prepared);
    expect(prepared.inert).toBe(false);
    expect(prepared.getAttribute('style')).toContain('right: 0 !important');
    expect(prepared.getAttribute('style')).not.toContain('100vw');
    await narrowed();
    // Preparing again while it is shown changes nothing.
    host.prepare(TOKEN);
    expect(document.querySelector('chorus-pro-aide')).toBe(prepared);
    expect(host.isOpen()).toBe(true);
  });

  test('shown, it hands the page focus to the frame anew when the frame already had it (the sidebar focusing itself as it loads)', () => {
    setViewportWidth(1280);
    const host = createSidebarHost(document, { sidebarUrl: SIDEBAR_URL, extensionOrigin: EXTENSION_ORIGIN, frameTitle: 'Assistant', trusted: () => true });
    const calls: string[] = [];
    const blur = vi.spyOn(HTMLIFrameElement.prototype, 'blur').mockImplementation(() => calls.push('blur'));
    const focus = vi.spyOn(HTMLIFrameElement.prototype, 'focus').mockImplementation(() => calls.push('focus'));
    try {
      host.prepare(TOKEN);
      // The prepared sidebar drew the page's focus to itself.
      const element = document.querySelector('chorus-pro-aide') as HTMLElement;
      Object.defineProperty(document, 'activeElement', { configurable: true, get: () => element });
      host.open(TOKEN);
      expect(calls).toEqual(['blur', 'focus']);
    } finally {
      delete (document as { activeElement?: unknown }).activeElement;
      blur.mockRestore();
      focus.mockRestore();
    }
  });

  test('a sidebar prepared and never shown is replaced by a fresh one, and closing it leaves focus alone', () => {
    setViewportWidth(1280);
    const host = createSidebarHost(document, { sidebarUrl: SIDEBAR_URL, extensionOrigin: EXTENSION_ORIGIN, frameTitle: 'Assistant', trusted: () => true });
    host.prepare(TOKEN);
    const stale = document.querySelector('chorus-pro-aide');
    host.prepare(TOKEN);
    expect(document.querySelectorAll('chorus-pro-aide')).toHaveLength(1);
    expect(document.querySelector('chorus-pro-aide')).not.toBe(stale);
    document.body.innerHTML = '<input id="invoice">';
    const input = document.getElementById('invoice') as HTMLInputElement;
    input.focus();
    host.close();
    expect(document.querySelector('chorus-pro-aide')).toBeNull();
    expect(document.activeElement).toBe(input);
  });

  test('after the page removed the host, opening again and closing gives the page its own margin back', async () => {
    setViewportWidth(1280);
    layOut();
    document.documentElement.style.setProperty('margin-right', '12px');
    const host = createSidebarHost(document, { sidebarUrl: SIDEBAR_URL, extensionOrigin: EXTENSION_ORIGIN, frameTitle: 'Assistant', trusted: () => true });
    host.open(TOKEN);
    document.querySelector('chorus-pro-aide')!.remove();
    // As the toolbar click does: prepared out of sight, then shown.
    host.prepare(TOKEN);
    host.open(TOKEN);
    await narrowed();
    host.close();
    expect(document.documentElement.style.getPropertyValue('margin-right')).toBe('12px');
    // One key listener only: Escape after closing changes nothing, and one Escape closes a new one.
    host.open(TOKEN);
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
    expect(host.isOpen()).toBe(false);
  });
});

describe('sidebar host: one frame per opening, watched while shown', () => {
  function openWatched() {
    setViewportWidth(1280);
    const host = createSidebarHost(document, { sidebarUrl: SIDEBAR_URL, extensionOrigin: EXTENSION_ORIGIN, frameTitle: 'Assistant', trusted: () => true, checkEveryMs: 10 });
    host.open(TOKEN);
    return { host, element: document.querySelector('chorus-pro-aide') as HTMLElement };
  }

  /** Lets the watcher check several times (each interval tick is one check). */
  async function afterChecks(count = 5) {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 10);
    await vi.waitFor(() => expect(ticks).toBeGreaterThanOrEqual(count));
    clearInterval(timer);
  }

  test("the frame's address carries the opening's token; another opening gets a fresh frame", () => {
    const sources: string[] = [];
    vi.spyOn(HTMLIFrameElement.prototype, 'src', 'set').mockImplementation((value: string) => void sources.push(value));
    const host = createSidebarHost(document, { sidebarUrl: SIDEBAR_URL, extensionOrigin: EXTENSION_ORIGIN, frameTitle: 'Assistant', trusted: () => true });
    host.prepare(TOKEN);
    host.open(TOKEN);
    expect(sources).toEqual([`${SIDEBAR_URL}#${TOKEN}`]);
    const first = document.querySelector('chorus-pro-aide');
    host.open('Zm9vYmFyYmF6cXV4MTIzNA');
    expect(sources).toEqual([`${SIDEBAR_URL}#${TOKEN}`, `${SIDEBAR_URL}#Zm9vYmFyYmF6cXV4MTIzNA`]);
    expect(first!.isConnected).toBe(false);
    expect(document.querySelectorAll('chorus-pro-aide')).toHaveLength(1);
    host.close();
  });

  test('an untouched sidebar stays open, hidden and shown again for a screenshot included', async () => {
    layOut();
    const { host } = openWatched();
    await afterChecks();
    host.hide();
    await afterChecks();
    host.show();
    await afterChecks();
    expect(host.isOpen()).toBe(true);
    host.close();
  });

  test.each([
    ['made transparent', (element: HTMLElement) => element.style.setProperty('opacity', '0', 'important')],
    ['letting clicks through', (element: HTMLElement) => element.style.setProperty('pointer-events', 'none', 'important')],
    ['given a class', (element: HTMLElement) => element.setAttribute('class', 'ghost')],
    ['moved and shrunk', (element: HTMLElement) => element.setAttribute('style', 'position:fixed;top:0;right:0;width:1px;height:1px')],
    ['removed', (element: HTMLElement) => element.remove()],
  ])('a page that tampers with the host (%s) closes the sidebar', async (_name, tamper) => {
    layOut();
    const { host, element } = openWatched();
    await afterChecks(2);
    expect(host.isOpen()).toBe(true);
    tamper(element);
    // Closed, not only out of sight: the page has its margin back.
    await vi.waitFor(() => {
      expect(document.querySelector('chorus-pro-aide')).toBeNull();
      expect(document.documentElement.style.getPropertyValue('margin-right')).toBe('');
    });
    expect(host.isOpen()).toBe(false);
  });

  test.each([
    ['something of the page over it', (page: ReturnType<typeof layOut>) => (page.over = document.body)],
  ])('what no attribute of the host shows (%s) closes it too', async (_name, tamper) => {
    const page = layOut();
    const { host } = openWatched();
    await afterChecks(2);
    expect(host.isOpen()).toBe(true);
    tamper(page);
    await vi.waitFor(() => expect(host.isOpen()).toBe(false));
  });
});
