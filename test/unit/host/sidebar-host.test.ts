import { afterEach, describe, expect, test, vi } from 'vitest';
import { createSidebarHost, SIDEBAR_WIDTH } from '../../../src/host/sidebar-host';

const SIDEBAR_URL = 'chrome-extension://abc/extension/sidebar/index.html';

function setViewportWidth(width: number) {
  Object.defineProperty(window, 'innerWidth', { configurable: true, value: width });
}

afterEach(() => {
  document.documentElement.removeAttribute('style');
  document.body.innerHTML = '';
  for (const host of document.querySelectorAll('chorus-pro-aide')) host.remove();
});

describe('sidebar host', () => {
  test('posts to its frame only, addressed to the sidebar\'s origin; not before the frame exists nor after it is gone', () => {
    const postMessage = vi.fn();
    const contentWindow = vi.spyOn(HTMLIFrameElement.prototype, 'contentWindow', 'get').mockReturnValue({ postMessage } as unknown as Window);
    try {
      const host = createSidebarHost(document, { sidebarUrl: SIDEBAR_URL, frameTitle: 'Assistant', trusted: () => true });
      expect(host.post({ type: 'page-part' })).toBe(false);
      host.prepare();
      expect(host.post({ type: 'page-part' })).toBe(true);
      expect(postMessage).toHaveBeenCalledWith({ type: 'page-part' }, 'chrome-extension://abc');
      host.open();
      host.close();
      expect(host.post({ type: 'page-part' })).toBe(false);
      expect(postMessage).toHaveBeenCalledTimes(1);
    } finally {
      contentWindow.mockRestore();
    }
  });

  test('opens once, in a closed shadow root the page cannot read, and narrows the page', () => {
    setViewportWidth(1280);
    const host = createSidebarHost(document, { sidebarUrl: SIDEBAR_URL, frameTitle: 'Assistant', trusted: () => true });
    host.open();
    host.open();
    const elements = document.querySelectorAll('chorus-pro-aide');
    expect(elements).toHaveLength(1);
    expect(elements[0]!.shadowRoot).toBeNull();
    expect(document.querySelector('iframe')).toBeNull();
    expect(host.isOpen()).toBe(true);
    expect(document.documentElement.style.getPropertyValue('margin-right')).toBe(`${SIDEBAR_WIDTH}px`);
  });

  test('closing restores the page: its own margin and the focus it had', () => {
    setViewportWidth(1280);
    document.documentElement.style.setProperty('margin-right', '12px');
    document.body.innerHTML = '<input id="invoice">';
    const input = document.getElementById('invoice') as HTMLInputElement;
    input.focus();
    const host = createSidebarHost(document, { sidebarUrl: SIDEBAR_URL, frameTitle: 'Assistant', trusted: () => true });
    host.open();
    host.close();
    expect(host.isOpen()).toBe(false);
    expect(document.querySelector('chorus-pro-aide')).toBeNull();
    expect(document.documentElement.style.getPropertyValue('margin-right')).toBe('12px');
    expect(document.activeElement).toBe(input);
  });

  test('hidden for a screenshot: out of the page, the page at its own margin; shown again as it was', () => {
    setViewportWidth(1280);
    document.documentElement.style.setProperty('margin-right', '12px');
    const host = createSidebarHost(document, { sidebarUrl: SIDEBAR_URL, frameTitle: 'Assistant', trusted: () => true });
    host.open();
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
    const host = createSidebarHost(document, { sidebarUrl: SIDEBAR_URL, frameTitle: 'Assistant' });
    host.open();
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
    expect(host.isOpen()).toBe(true);
    host.close();
  });

  test('Escape on the page closes it; other keys do not', () => {
    setViewportWidth(1280);
    const host = createSidebarHost(document, { sidebarUrl: SIDEBAR_URL, frameTitle: 'Assistant', trusted: () => true });
    host.open();
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
    expect(host.isOpen()).toBe(true);
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
    expect(host.isOpen()).toBe(false);
  });

  test('on a narrow window it takes the whole width and leaves the page layout alone', () => {
    setViewportWidth(360);
    const host = createSidebarHost(document, { sidebarUrl: SIDEBAR_URL, frameTitle: 'Assistant', trusted: () => true });
    host.open();
    expect(document.documentElement.style.getPropertyValue('margin-right')).toBe('');
    expect(document.querySelector('chorus-pro-aide')!.getAttribute('style')).toContain('width: 100vw !important');
  });

  test('a page that removes the host is seen as closed, and the sidebar can open again', () => {
    setViewportWidth(1280);
    const host = createSidebarHost(document, { sidebarUrl: SIDEBAR_URL, frameTitle: 'Assistant', trusted: () => true });
    host.open();
    document.querySelector('chorus-pro-aide')!.remove();
    expect(host.isOpen()).toBe(false);
    host.open();
    expect(document.querySelectorAll('chorus-pro-aide')).toHaveLength(1);
  });

  test('after the page removed it, Escape gives the page its margin back and leaves its focus alone', () => {
    setViewportWidth(1280);
    const host = createSidebarHost(document, { sidebarUrl: SIDEBAR_URL, frameTitle: 'Assistant', trusted: () => true });
    host.open();
    document.querySelector('chorus-pro-aide')!.remove();
    document.body.innerHTML = '<input id="invoice">';
    const input = document.getElementById('invoice') as HTMLInputElement;
    input.focus();
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
    expect(document.documentElement.style.getPropertyValue('margin-right')).toBe('');
    expect(document.activeElement).toBe(input);
  });

  test('prepared: loading out of sight, inert, the page untouched; then shown as it is', () => {
    setViewportWidth(1280);
    document.body.innerHTML = '<input id="invoice">';
    const input = document.getElementById('invoice') as HTMLInputElement;
    input.focus();
    const host = createSidebarHost(document, { sidebarUrl: SIDEBAR_URL, frameTitle: 'Assistant', trusted: () => true });
    host.prepare();
    const prepared = document.querySelector('chorus-pro-aide') as HTMLElement;
    expect(prepared.inert).toBe(true);
    expect(prepared.getAttribute('style')).toContain('left: 100vw !important');
    expect(host.isOpen()).toBe(false);
    expect(document.documentElement.style.getPropertyValue('margin-right')).toBe('');
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
    expect(document.activeElement).toBe(input);

    host.open();
    expect(document.querySelectorAll('chorus-pro-aide')).toHaveLength(1);
    expect(document.querySelector('chorus-pro-aide')).toBe(prepared);
    expect(prepared.inert).toBe(false);
    expect(prepared.getAttribute('style')).toContain('right: 0 !important');
    expect(prepared.getAttribute('style')).not.toContain('100vw');
    expect(document.documentElement.style.getPropertyValue('margin-right')).toBe(`${SIDEBAR_WIDTH}px`);
    // Preparing again while it is shown changes nothing.
    host.prepare();
    expect(document.querySelector('chorus-pro-aide')).toBe(prepared);
    expect(host.isOpen()).toBe(true);
  });

  test('shown, it hands the page focus to the frame anew when the frame already had it (the sidebar focusing itself as it loads)', () => {
    setViewportWidth(1280);
    const host = createSidebarHost(document, { sidebarUrl: SIDEBAR_URL, frameTitle: 'Assistant', trusted: () => true });
    const calls: string[] = [];
    const blur = vi.spyOn(HTMLIFrameElement.prototype, 'blur').mockImplementation(() => calls.push('blur'));
    const focus = vi.spyOn(HTMLIFrameElement.prototype, 'focus').mockImplementation(() => calls.push('focus'));
    try {
      host.prepare();
      // The prepared sidebar drew the page's focus to itself.
      const element = document.querySelector('chorus-pro-aide') as HTMLElement;
      Object.defineProperty(document, 'activeElement', { configurable: true, get: () => element });
      host.open();
      expect(calls).toEqual(['blur', 'focus']);
    } finally {
      delete (document as { activeElement?: unknown }).activeElement;
      blur.mockRestore();
      focus.mockRestore();
    }
  });

  test('a sidebar prepared and never shown is replaced by a fresh one, and closing it leaves focus alone', () => {
    setViewportWidth(1280);
    const host = createSidebarHost(document, { sidebarUrl: SIDEBAR_URL, frameTitle: 'Assistant', trusted: () => true });
    host.prepare();
    const stale = document.querySelector('chorus-pro-aide');
    host.prepare();
    expect(document.querySelectorAll('chorus-pro-aide')).toHaveLength(1);
    expect(document.querySelector('chorus-pro-aide')).not.toBe(stale);
    document.body.innerHTML = '<input id="invoice">';
    const input = document.getElementById('invoice') as HTMLInputElement;
    input.focus();
    host.close();
    expect(document.querySelector('chorus-pro-aide')).toBeNull();
    expect(document.activeElement).toBe(input);
  });

  test('after the page removed the host, opening again and closing gives the page its own margin back', () => {
    setViewportWidth(1280);
    document.documentElement.style.setProperty('margin-right', '12px');
    const host = createSidebarHost(document, { sidebarUrl: SIDEBAR_URL, frameTitle: 'Assistant', trusted: () => true });
    host.open();
    document.querySelector('chorus-pro-aide')!.remove();
    // As the toolbar click does: prepared out of sight, then shown.
    host.prepare();
    host.open();
    expect(document.documentElement.style.getPropertyValue('margin-right')).toBe(`${SIDEBAR_WIDTH}px`);
    host.close();
    expect(document.documentElement.style.getPropertyValue('margin-right')).toBe('12px');
    // One key listener only: Escape after closing changes nothing, and one Escape closes a new one.
    host.open();
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
    expect(host.isOpen()).toBe(false);
  });
});
