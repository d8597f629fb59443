import { afterEach, describe, expect, test } from 'vitest';
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
  test('opens once, in a closed shadow root the page cannot read, and narrows the page', () => {
    setViewportWidth(1280);
    const host = createSidebarHost(document, { sidebarUrl: SIDEBAR_URL, frameTitle: 'Assistant' });
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
    const host = createSidebarHost(document, { sidebarUrl: SIDEBAR_URL, frameTitle: 'Assistant' });
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
    const host = createSidebarHost(document, { sidebarUrl: SIDEBAR_URL, frameTitle: 'Assistant' });
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

  test('Escape on the page closes it; other keys do not', () => {
    setViewportWidth(1280);
    const host = createSidebarHost(document, { sidebarUrl: SIDEBAR_URL, frameTitle: 'Assistant' });
    host.open();
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
    expect(host.isOpen()).toBe(true);
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
    expect(host.isOpen()).toBe(false);
  });

  test('on a narrow window it takes the whole width and leaves the page layout alone', () => {
    setViewportWidth(360);
    const host = createSidebarHost(document, { sidebarUrl: SIDEBAR_URL, frameTitle: 'Assistant' });
    host.open();
    expect(document.documentElement.style.getPropertyValue('margin-right')).toBe('');
    expect(document.querySelector('chorus-pro-aide')!.getAttribute('style')).toContain('width: 100vw !important');
  });

  test('a page that removes the host is seen as closed, and the sidebar can open again', () => {
    setViewportWidth(1280);
    const host = createSidebarHost(document, { sidebarUrl: SIDEBAR_URL, frameTitle: 'Assistant' });
    host.open();
    document.querySelector('chorus-pro-aide')!.remove();
    expect(host.isOpen()).toBe(false);
    host.open();
    expect(document.querySelectorAll('chorus-pro-aide')).toHaveLength(1);
  });
});
