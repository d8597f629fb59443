import type Browser from 'webextension-polyfill';

/**
 * The little the page objects need from a browser driver, so that the same page objects and
 * the same test steps run in Chromium (playwright-core) and Firefox (puppeteer-core, BiDi).
 */

/**
 * A function run inside the page or frame, with at most one argument. The driver sends its
 * source there and the argument beside it as data, so selectors and texts never become code.
 * It runs in the page's world: it can use nothing of the test's own scope, only its argument.
 * The argument and the result must be JSON-like.
 */
export type PageFunction<A extends [] | [unknown], R> = (...arg: A) => R | Promise<R>;

export interface FrameDriver {
  evaluate<R, A extends [] | [unknown] = []>(fn: PageFunction<A, R>, ...arg: A): Promise<R>;
  /**
   * Runs a library's script source (axe-core) in the frame, as a <script> of its own would but
   * past the page's content security policy, which refuses inline scripts in extension pages.
   */
  runScript(source: string): Promise<void>;
}

/** What a page function finds as the extension API in an extension page: `browser` in Firefox, `chrome` (promise-based) in Chromium. */
export type ExtensionGlobal = typeof globalThis & { browser?: Browser.Browser; chrome?: Browser.Browser };

/** One browser tab. */
export interface TabDriver extends FrameDriver {
  goto(url: string): Promise<void>;
  url(): string;
  /** A real key press, sent to whatever has focus (page or sidebar frame). */
  press(key: string): Promise<void>;
  /** A real mouse click on the element matching the selector in the page. */
  click(selector: string): Promise<void>;
  /** A real mouse click at a point of the tab's viewport (CSS pixels), whatever frame is there. */
  clickAt(x: number, y: number): Promise<void>;
  /** A real click that loads another page; resolves once it has loaded. */
  clickAndWaitForPage(selector: string): Promise<void>;
  /** Real key presses typing the text into the field matching the selector. */
  type(selector: string, text: string): Promise<void>;
  /** Clicks the extension's toolbar button for this tab as a user would (grants activeTab). */
  clickToolbar(): Promise<void>;
  /** The sidebar frame in this tab, once it exists (undefined until then). */
  sidebarFrame(): Promise<FrameDriver | undefined>;
  /**
   * Picks files from disk into the file input matching the selector in the sidebar frame, as
   * the browser's file chooser does (the input's change event follows).
   */
  pickFilesInSidebar(selector: string, paths: string[]): Promise<void>;
  /** The browser's own picture of the visible area (the driver's, not the extension's), as a PNG data: URL. */
  screenshot(): Promise<string>;
  /** Closes the tab, as the user would. */
  close(): Promise<void>;
}

/** A real browser with the built extension loaded, and the replica portal reachable. */
export interface BrowserUnderTest {
  name: 'chromium' | 'firefox';
  /** The browser's own full version, as the browser reports it to the driver. */
  version: string;
  /** The language the extension's UI runs in for this browser profile. */
  uiLocale: 'fr' | 'en';
  /** https origin of a host name of the replica (the port is in it where the browser needs it). */
  origin(host: string): string;
  /** The tab the browser opened with. */
  firstTab(): Promise<TabDriver>;
  newTab(): Promise<TabDriver>;
  /** The tab showing a page whose address starts so (opened by the extension), once there is one. */
  findTab(urlPrefix: string): Promise<TabDriver | undefined>;
  /** A top-level extension page (e.g. the about page), once a tab shows it. */
  extensionTab(path: string): Promise<FrameDriver | undefined>;
  /**
   * Stops the extension's background, as the browser does to an idle or stuck one (Chromium's
   * service worker through CDP, Firefox's event page through the browser window's privileged
   * context); the next event starts it again.
   */
  stopBackground(): Promise<void>;
  /**
   * Chromium only (through CDP): the storage quota of the extension's own origin, in bytes, as
   * a full disk would leave it (IndexedDB writes then fail with QuotaExceededError); null gives
   * the browser's own quota back.
   */
  setExtensionStorageQuota?(bytes: number | null): Promise<void>;
  /** Chromium only (through CDP): cuts the network off, or gives it back, for pages and the service worker. */
  setOffline?(offline: boolean): Promise<void>;
  close(): Promise<void>;
}
