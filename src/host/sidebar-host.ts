/**
 * The help sidebar's place in the portal page: an iframe to the extension's sidebar page,
 * inside a closed shadow root on a host element of its own. The portal's scripts and styles
 * cannot reach into it, and it cannot restyle the portal. Docked right; the page is narrowed
 * beside it (not covered) when the window is wide enough, so the portal stays usable.
 */
export interface SidebarHost {
  open(): void;
  close(): void;
  isOpen(): boolean;
  /** Takes the open sidebar out of the page for a screenshot (its frame and state kept), the page at full width. */
  hide(): void;
  /** Puts the hidden sidebar back as it was. */
  show(): void;
}

export interface SidebarHostOptions {
  /** runtime.getURL of the sidebar page. */
  sidebarUrl: string;
  /** Accessible name of the frame, in the user's language. */
  frameTitle: string;
}

export const SIDEBAR_WIDTH = 400;
/** Below this window width the sidebar takes the whole width instead of narrowing the page. */
const MIN_SHARED_WIDTH = 2 * SIDEBAR_WIDTH;
const HOST_TAG = 'chorus-pro-aide';

// Taken once, before any page script could replace them on the page's prototypes.
const attachShadow = Element.prototype.attachShadow;

export function createSidebarHost(doc: Document, options: SidebarHostOptions): SidebarHost {
  const win = doc.defaultView ?? window;
  let host: HTMLElement | null = null;
  let returnFocusTo: Element | null = null;
  let savedMargin: { value: string; priority: string } | null = null;
  let sharedWidth: string | null = null;

  const onKeydown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && !event.defaultPrevented) close();
  };

  function open() {
    if (host?.isConnected) return;
    returnFocusTo = doc.activeElement;
    const shared = win.innerWidth >= MIN_SHARED_WIDTH;
    const width = shared ? `${SIDEBAR_WIDTH}px` : '100vw';

    host = doc.createElement(HOST_TAG);
    host.setAttribute(
      'style',
      [
        'all: initial',
        'position: fixed',
        'top: 0',
        'right: 0',
        'bottom: 0',
        `width: ${width}`,
        'height: 100vh',
        'z-index: 2147483647',
        'display: block',
      ]
        .map((rule) => `${rule} !important`)
        .join(';'),
    );
    const root = attachShadow.call(host, { mode: 'closed' });
    const style = doc.createElement('style');
    style.textContent =
      'iframe{display:block;width:100%;height:100%;border:0;border-left:1px solid #929292;' +
      'box-shadow:-2px 0 8px rgb(0 0 0 / 20%);background:#fff;color-scheme:light dark}';
    const frame = doc.createElement('iframe');
    frame.src = options.sidebarUrl;
    frame.title = options.frameTitle;
    // "Copy everything" in the sidebar writes to the clipboard: a framed page may only when allowed.
    frame.allow = 'clipboard-write';
    root.append(style, frame);
    doc.documentElement.append(host);

    if (shared) {
      const rootStyle = doc.documentElement.style;
      savedMargin = { value: rootStyle.getPropertyValue('margin-right'), priority: rootStyle.getPropertyPriority('margin-right') };
      rootStyle.setProperty('margin-right', width, 'important');
      sharedWidth = width;
    }
    win.addEventListener('keydown', onKeydown, true);
    // Keyboard users land in the sidebar (it then focuses its own heading). Firefox moves
    // focus into a frame only once the frame has loaded.
    frame.addEventListener('load', () => frame.focus(), { once: true });
    frame.focus();
  }

  function close() {
    if (!host) return;
    host.remove();
    host = null;
    win.removeEventListener('keydown', onKeydown, true);
    restoreMargin();
    savedMargin = null;
    sharedWidth = null;
    if (returnFocusTo instanceof HTMLElement && returnFocusTo.isConnected) returnFocusTo.focus();
    else win.focus();
    returnFocusTo = null;
  }

  function restoreMargin() {
    if (savedMargin) doc.documentElement.style.setProperty('margin-right', savedMargin.value, savedMargin.priority);
  }

  function hide() {
    if (!host) return;
    host.style.setProperty('display', 'none', 'important');
    restoreMargin();
  }

  function show() {
    if (!host) return;
    host.style.setProperty('display', 'block', 'important');
    if (sharedWidth) doc.documentElement.style.setProperty('margin-right', sharedWidth, 'important');
  }

  return { open, close, isOpen: () => host?.isConnected === true, hide, show };
}
