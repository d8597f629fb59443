import { afterFramesDrawn } from '../frames-drawn';
import { sidebarFrameUrl } from '../protocol/sidebar-token';

/**
 * The help sidebar's place in the portal page: an iframe to the extension's sidebar page,
 * inside a closed shadow root on a host element of its own. The portal's scripts and styles
 * cannot reach into it, and it cannot restyle the portal. Docked right; the page is narrowed
 * beside it (not covered) when the window is wide enough, so the portal stays usable.
 */
export interface SidebarHost {
  /**
   * Starts loading the sidebar out of sight, so that it is ready sooner once the screenshot is
   * taken: off-screen (never in the visible capture), inert (out of reach of Tab and of screen
   * readers) and without narrowing the page (the masks measured before the capture stay right).
   * Replaces a sidebar prepared earlier and never shown: its content would be stale.
   */
  prepare(token: string): void;
  /** Shows the sidebar of this opening (see protocol/sidebar-token.ts); a sidebar of another opening is replaced. */
  open(token: string): void;
  close(): void;
  isOpen(): boolean;
  /** Takes the open sidebar out of the page for a screenshot (its frame and state kept), the page at full width. */
  hide(): void;
  /** Puts the hidden sidebar back as it was. */
  show(): void;
  /** Posts to the sidebar's frame, addressed to its origin only (nothing else can read it); false when there is no frame. */
  post(message: unknown): boolean;
}

export interface SidebarHostOptions {
  /** runtime.getURL of the sidebar page. */
  sidebarUrl: string;
  /** The origin of the sidebar's document (see extensionOrigin); the only one posts go to. */
  extensionOrigin: string;
  /** Accessible name of the frame, in the user's language. */
  frameTitle: string;
  /** Whether an event comes from the user (event.isTrusted); a page's own scripts cannot close the sidebar. */
  trusted?: (event: Event) => boolean;
  /** How often the shown sidebar is checked for what no mutation reveals (a page's popover over it), in ms. */
  checkEveryMs?: number;
}

/**
 * The extension's origin, from runtime.getURL of any page and runtime.id. In Chrome the sidebar
 * page is loaded at a per-session address (use_dynamic_url) whose host is not the id, yet the
 * document there has the origin of the id: a post to the address's host is dropped. Firefox's
 * host is the installation's own id (runtime.id is the add-on's name there).
 */
export function extensionOrigin(pageUrl: string, extensionId: string): string {
  // From scheme and host: URL.origin is "null" for schemes the URL standard does not know (moz-extension:).
  const { protocol, host } = new URL(pageUrl);
  return `${protocol}//${protocol === 'chrome-extension:' ? extensionId : host}`;
}

export const SIDEBAR_WIDTH = 400;
/** Below this window width the sidebar takes the whole width instead of narrowing the page. */
const MIN_SHARED_WIDTH = 2 * SIDEBAR_WIDTH;
const HOST_TAG = 'chorus-pro-aide';

/** Posted to the frame each time the host puts it in sight: a Send asks first for a moment after. */
const SIDEBAR_SHOWN = { type: 'sidebar/shown' } as const;

export function isSidebarShown(data: unknown): boolean {
  return typeof data === 'object' && data !== null && (data as { type?: unknown }).type === SIDEBAR_SHOWN.type;
}

/** Our own host's attributes; any other is the page's. */
const OWN_ATTRIBUTES = ['style', 'popover', 'inert'];

// Taken once, before any page script could replace them on the page's prototypes.
const attachShadow = Element.prototype.attachShadow;

export function createSidebarHost(doc: Document, options: SidebarHostOptions): SidebarHost {
  const win = doc.defaultView ?? window;
  let host: HTMLElement | null = null;
  let frame: HTMLIFrameElement | null = null;
  let shown = false;
  let returnFocusTo: Element | null = null;
  let savedMargin: { value: string; priority: string } | null = null;
  let sharedWidth: string | null = null;
  let frameToken: string | null = null;
  /** The style attribute as we last set it: any other value is the page's doing. */
  let placedStyle: string | null = null;
  let baseStyle = '';
  let hidden = false;
  let watcher: { stop(): void } | null = null;

  const trusted = options.trusted ?? ((event: Event) => event.isTrusted);
  const onKeydown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || event.defaultPrevented || !trusted(event)) return;
    // A page that removed the sidebar gets its margin back, and keeps its focus.
    if (host?.isConnected) close();
    else dismiss();
  };

  function place(element: HTMLElement, position: string[]) {
    baseStyle = ['all: initial', 'position: fixed', 'top: 0', 'bottom: 0', 'height: 100vh', 'z-index: 2147483647', 'display: block', ...position].map((rule) => `${rule} !important`).join(';');
    setStyle(element, baseStyle);
  }

  function setStyle(element: HTMLElement, style: string) {
    element.setAttribute('style', style);
    placedStyle = element.getAttribute('style');
  }

  /**
   * Whether the host is as we placed it. A page that restyles it (transparent, letting clicks
   * through, moved, shrunk), adds attributes to it, puts something over it (its own popover or
   * dialog goes above ours in the top layer) or removes it could have the user click in the
   * sidebar unknowingly: the sidebar is then closed.
   */
  function intact(element: HTMLElement): boolean {
    if (!element.isConnected || element.getAttribute('style') !== placedStyle || element.getAttributeNames().some((name) => !OWN_ATTRIBUTES.includes(name))) return false;
    if (!shown || hidden) return true;
    // Its own style cannot be overridden (inline, all: initial, !important), and in the top layer
    // no ancestor's opacity or filter reaches it: what is left is its box and what is over it.
    const box = element.getBoundingClientRect();
    const width = sharedWidth ? SIDEBAR_WIDTH : win.innerWidth;
    if (Math.abs(box.width - width) > 2 || box.top > 1 || box.right < doc.documentElement.clientWidth - 2) return false;
    if (doc.elementFromPoint?.(box.left + box.width / 2, box.top + box.height / 2) !== element) return false;
    const over = (other: Element) => {
      const r = other.getBoundingClientRect();
      return other !== element && r.left < box.right && r.right > box.left && r.top < box.bottom && r.bottom > box.top;
    };
    try {
      return ![...doc.querySelectorAll(':popover-open,:modal')].some(over);
    } catch {
      // No popovers in this browser: nothing goes above a z-index as high as ours.
      return true;
    }
  }

  /** Checks the host at each change of the page (once per frame at most), and regularly for what changes none shows. */
  function watch(element: HTMLElement) {
    watcher?.stop();
    let queued = false;
    const check = () => {
      queued = false;
      if (host === element && !intact(element)) close();
    };
    const observer = new MutationObserver(() => {
      if (queued) return;
      queued = true;
      win.requestAnimationFrame(check);
    });
    observer.observe(doc.documentElement, { attributes: true, childList: true, subtree: true });
    observer.observe(element, { attributes: true });
    const timer = win.setInterval(check, options.checkEveryMs ?? 500);
    watcher = {
      stop() {
        observer.disconnect();
        win.clearInterval(timer);
        watcher = null;
      },
    };
  }

  function build(token: string) {
    host?.remove();
    host = doc.createElement(HOST_TAG);
    frameToken = token;
    // Out of sight until shown: beyond the right edge of the viewport (a fixed box there adds no
    // scrolling), inert so that neither Tab nor a screen reader reaches it.
    place(host, ['left: 100vw', `width: ${SIDEBAR_WIDTH}px`]);
    host.inert = true;
    // The sidebar focuses its heading as it loads; until it is shown, focus stays on the page.
    host.addEventListener('focusin', () => {
      if (!shown && returnFocusTo instanceof HTMLElement && returnFocusTo.isConnected) returnFocusTo.focus();
    });
    const root = attachShadow.call(host, { mode: 'closed' });
    const style = doc.createElement('style');
    style.textContent =
      'iframe{display:block;width:100%;height:100%;border:0;border-left:1px solid #929292;' +
      'box-shadow:-2px 0 8px rgb(0 0 0 / 20%);background:#fff;color-scheme:light dark}';
    frame = doc.createElement('iframe');
    frame.src = sidebarFrameUrl(options.sidebarUrl, token);
    frame.title = options.frameTitle;
    // "Copy everything" in the sidebar writes to the clipboard: a framed page may only when allowed.
    frame.allow = 'clipboard-write';
    root.append(style, frame);
    doc.documentElement.append(host);
    watch(host);
  }

  function prepare(token: string) {
    if (shown && host?.isConnected && token === frameToken) return;
    // The page removed our shown host: undo that open first (see open).
    if (shown) dismiss();
    returnFocusTo = doc.activeElement;
    build(token);
  }

  function open(token: string) {
    if (shown && host?.isConnected && token === frameToken) return;
    // The page removed our shown host, or this is another opening: undo what the former open did
    // (margin, key listener) first, or the page's own margin would be lost under ours.
    if (shown) dismiss();
    if (!host?.isConnected || !frame || token !== frameToken) build(token);
    const [element, sidebarFrame] = [host as HTMLElement, frame as HTMLIFrameElement];
    // A prepared sidebar may have drawn focus to itself: then the page's focus is the one noted.
    if (doc.activeElement !== element) returnFocusTo = doc.activeElement;
    shown = true;
    const shared = win.innerWidth >= MIN_SHARED_WIDTH;
    const width = shared ? `${SIDEBAR_WIDTH}px` : '100vw';
    place(element, ['right: 0', `width: ${width}`]);
    element.inert = false;
    // In the top layer, above anything the page stacks: no z-index of the page (an overlay, a
    // banner, a hostile cover) can hide the sidebar. Where popovers are missing, the z-index stays.
    if (typeof element.showPopover === 'function') {
      element.popover = 'manual';
      element.showPopover();
    }

    if (shared) {
      const rootStyle = doc.documentElement.style;
      savedMargin = { value: rootStyle.getPropertyValue('margin-right'), priority: rootStyle.getPropertyPriority('margin-right') };
      sharedWidth = width;
    }
    win.addEventListener('keydown', onKeydown, true);
    // A frame loaded out of sight hears it; one still loading starts its moment later anyway.
    post(SIDEBAR_SHOWN);
    // Keyboard users land in the sidebar (it then focuses its own heading). Firefox moves
    // focus into a frame only once the frame has loaded.
    sidebarFrame.addEventListener('load', () => focusFrame(sidebarFrame), { once: true });
    focusFrame(sidebarFrame);
    // The page is narrowed once the sidebar has been drawn over it: narrowing makes the browser
    // lay the whole page out again, which on a long listing (2,000 rows) held the sidebar's first
    // frame 130–520 ms in Chromium (the focus above forced that layout at once).
    void afterFramesDrawn(win).then(() => {
      if (host === element && shown && !hidden && sharedWidth) doc.documentElement.style.setProperty('margin-right', sharedWidth, 'important');
    });
  }

  /**
   * Gives the frame the page's focus. A frame that already has it as far as the page can tell
   * (the sidebar focuses its heading as it loads) may still not get the keys in Chromium, which
   * routes them to the frame the page last handed focus to: the page takes it back and hands it
   * over again.
   */
  function focusFrame(sidebarFrame: HTMLIFrameElement) {
    if (doc.activeElement === host) sidebarFrame.blur();
    sidebarFrame.focus();
  }

  /** Removes the sidebar and gives the page its margin back; true when it was shown. */
  function dismiss(): boolean {
    watcher?.stop();
    host?.remove();
    host = null;
    frame = null;
    frameToken = null;
    hidden = false;
    const wasShown = shown;
    shown = false;
    win.removeEventListener('keydown', onKeydown, true);
    restoreMargin();
    savedMargin = null;
    sharedWidth = null;
    return wasShown;
  }

  function restoreMargin() {
    if (savedMargin) doc.documentElement.style.setProperty('margin-right', savedMargin.value, savedMargin.priority);
  }

  function hide() {
    if (!host || !shown) return;
    hidden = true;
    setStyle(host, `${baseStyle};display: none !important`);
    restoreMargin();
  }

  function show() {
    if (!host || !shown) return;
    hidden = false;
    setStyle(host, baseStyle);
    post(SIDEBAR_SHOWN);
    if (sharedWidth) doc.documentElement.style.setProperty('margin-right', sharedWidth, 'important');
  }

  function close() {
    if (!dismiss()) return;
    if (returnFocusTo instanceof HTMLElement && returnFocusTo.isConnected) returnFocusTo.focus();
    else win.focus();
    returnFocusTo = null;
  }

  function post(message: unknown): boolean {
    const target = host?.isConnected ? frame?.contentWindow : null;
    if (!target) return false;
    target.postMessage(message, options.extensionOrigin);
    return true;
  }

  return { prepare, open, close, isOpen: () => shown && host?.isConnected === true, hide, show, post };
}
