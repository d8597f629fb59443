/**
 * The help sidebar's place in the portal page: an iframe to the extension's sidebar page,
 * inside a closed shadow root on a host element of its own. The portal's scripts and styles
 * cannot reach into it, and it cannot restyle the portal. Docked right; the page is narrowed
 * beside it (not covered) when the window is wide enough, so the portal stays usable.
 */
export interface SidebarHost {
  /** Starts loading the sidebar, hidden (not painted, so never in a screenshot). */
  prepare(): void;
  open(): void;
  close(): void;
  isOpen(): boolean;
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
  let shown = false;
  const frames = new WeakMap<HTMLElement, HTMLIFrameElement>();
  let returnFocusTo: Element | null = null;
  let savedMargin: { value: string; priority: string } | null = null;

  const onKeydown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && !event.defaultPrevented) close();
  };

  function build(): HTMLElement {
    const element = doc.createElement(HOST_TAG);
    const root = attachShadow.call(element, { mode: 'closed' });
    const style = doc.createElement('style');
    style.textContent =
      'iframe{display:block;width:100%;height:100%;border:0;border-left:1px solid #929292;' +
      'box-shadow:-2px 0 8px rgb(0 0 0 / 20%);background:#fff;color-scheme:light dark}';
    const frame = doc.createElement('iframe');
    frame.src = options.sidebarUrl;
    frame.title = options.frameTitle;
    // Keyboard users land in the sidebar (it then focuses its own heading). Firefox moves
    // focus into a frame only once the frame has loaded.
    frame.addEventListener('load', () => {
      if (shown) frame.focus();
    });
    root.append(style, frame);
    frames.set(element, frame);
    return element;
  }

  function place(element: HTMLElement, visible: boolean, width: string) {
    element.setAttribute(
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
        `display: ${visible ? 'block' : 'none'}`,
      ]
        .map((rule) => `${rule} !important`)
        .join(';'),
    );
  }

  function prepare() {
    if (host?.isConnected) return;
    host = build();
    shown = false;
    place(host, false, `${SIDEBAR_WIDTH}px`);
    doc.documentElement.append(host);
  }

  function open() {
    if (host?.isConnected && shown) return;
    if (!host?.isConnected) prepare();
    const element = host as HTMLElement;
    returnFocusTo = doc.activeElement;
    const shared = win.innerWidth >= MIN_SHARED_WIDTH;
    const width = shared ? `${SIDEBAR_WIDTH}px` : '100vw';
    place(element, true, width);
    shown = true;
    if (shared) {
      const rootStyle = doc.documentElement.style;
      savedMargin = { value: rootStyle.getPropertyValue('margin-right'), priority: rootStyle.getPropertyPriority('margin-right') };
      rootStyle.setProperty('margin-right', width, 'important');
    }
    win.addEventListener('keydown', onKeydown, true);
    // The frame was not rendered a moment ago: Firefox focuses it only once its new style is
    // applied, which reading its size forces.
    const frame = frames.get(element);
    frame?.getBoundingClientRect();
    frame?.focus();
  }

  function close() {
    if (!host) return;
    host.remove();
    host = null;
    shown = false;
    win.removeEventListener('keydown', onKeydown, true);
    if (savedMargin) {
      doc.documentElement.style.setProperty('margin-right', savedMargin.value, savedMargin.priority);
      savedMargin = null;
    }
    if (returnFocusTo instanceof HTMLElement && returnFocusTo.isConnected) returnFocusTo.focus();
    else win.focus();
    returnFocusTo = null;
  }

  return { prepare, open, close, isOpen: () => shown && host?.isConnected === true };
}
