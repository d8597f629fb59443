/**
 * Real Firefox ESR (Debian's) with the built extension installed as a temporary add-on,
 * through puppeteer-core over WebDriver BiDi. Portal host names resolve to loopback
 * (network.dns.localDomains); the replica server's port is part of the URL.
 */
import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import puppeteer, { type Page } from 'puppeteer-core';
import { firefoxPath } from '../../../scripts/browsers.js';
import { ALL_HOSTS } from '../../support/portal-server';
import type { BrowserUnderTest, FrameDriver, PageFunction, TabDriver } from '../pages/drivers';
import { FIREFOX_BUILD, requireBuild } from './paths';

interface BidiConnection {
  send(method: string, params: object): Promise<{ result: unknown }>;
}

interface BrowsingContextInfo {
  context: string;
  url: string;
  children: BrowsingContextInfo[] | null;
}

interface EvaluateResult {
  type: 'success' | 'exception';
  result?: { type: string; value?: unknown };
  exceptionDetails?: { text: string };
}

/** A UUID-shaped name that is the same for the same profile directory. */
function uuidOf(profileDir: string): string {
  const hex = createHash('sha256').update(profileDir).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * `profileDir`: the profile to run on, kept when the browser closes (the caller deletes it), so
 * that the browser can be launched on it again. The extension is a temporary add-on, which
 * Firefox forgets when it closes (relaunched on the same profile, its AddonManager no longer
 * knows the id): it is installed at each launch, with the add-on id of its manifest and, on the
 * same profile, the same internal UUID — the same moz-extension:// origin, so it finds its
 * IndexedDB and storage.local as it left them.
 */
export async function launchFirefox(options: { portalPort: number; profileDir?: string }): Promise<BrowserUnderTest> {
  return (await launchFirefoxSession(options)).browser;
}

/** The harness's Firefox, plus what the bench needs beyond the page objects' driver. */
export interface FirefoxSession {
  browser: BrowserUnderTest;
  /** Our add-on's id. */
  addonId: string;
  /** Our add-on's pages' base address, moz-extension://<uuid>/. */
  extensionBase: string;
  /** Evaluates an expression (its value JSON-like, awaited) in the browser window's own privileged context. */
  evaluateInBrowserWindow<T>(expression: string): Promise<T>;
  /** A new tab whose visible area has this size. */
  newTabOfSize(size: { width: number; height: number }): Promise<TabDriver>;
}

/**
 * `alsoLoad`: folders of other extensions installed beside ours as temporary add-ons (the bench's
 * empty-content-script baseline). `extensionDir`: ours from elsewhere than the build (the bench's
 * copy of it with a bare sidebar).
 */
export async function launchFirefoxSession(options: { portalPort: number; profileDir?: string; alsoLoad?: string[]; extensionDir?: string }): Promise<FirefoxSession> {
  const extensionDir = requireBuild(options.extensionDir ?? FIREFOX_BUILD);
  const manifest = JSON.parse(readFileSync(`${extensionDir}/manifest.json`, 'utf8')) as {
    browser_specific_settings: { gecko: { id: string } };
  };
  const geckoId = manifest.browser_specific_settings.gecko.id;
  const uuid = options.profileDir ? uuidOf(options.profileDir) : randomUUID();
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: firefoxPath(),
    headless: true,
    ...(options.profileDir ? { userDataDir: options.profileDir } : {}),
    acceptInsecureCerts: true,
    defaultViewport: { width: 1280, height: 800 },
    // Lets the test reach the browser window's own context to press the toolbar button (and the
    // bench ask which process renders a tab).
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'network.dns.localDomains': ALL_HOSTS.join(','),
      'intl.locale.requested': 'en-US',
      'extensions.webextensions.uuids': JSON.stringify({ [geckoId]: uuid }),
    },
  });
  try {
    const addonId = await browser.installExtension(extensionDir);
    for (const other of options.alsoLoad ?? []) await browser.installExtension(other);
    const connection = (browser as unknown as { connection: BidiConnection }).connection;

    function valueOf<T>(result: EvaluateResult): T {
      if (result.type === 'exception') throw new Error(`evaluation failed: ${result.exceptionDetails?.text}`);
      const json = result.result?.value;
      return (typeof json === 'string' ? JSON.parse(json) : undefined) as T;
    }

    /** A page function called in a browsing context; its argument goes as data (a JSON string), its result comes back as JSON. */
    async function callIn<R, A extends [] | [unknown]>(context: string, fn: PageFunction<A, R>, ...arg: A): Promise<R> {
      const { result } = (await connection.send('script.callFunction', {
        functionDeclaration: `async (json) => JSON.stringify(await (${fn.toString()})(...JSON.parse(json)))`,
        arguments: [{ type: 'string', value: JSON.stringify(arg) }],
        target: { context },
        awaitPromise: true,
      })) as { result: EvaluateResult };
      return valueOf<R>(result);
    }

    function contextDriver(context: string): FrameDriver {
      return {
        evaluate: (fn, ...arg) => callIn(context, fn, ...arg),
        async runScript(source) {
          const { result } = (await connection.send('script.evaluate', { expression: source, target: { context }, awaitPromise: false })) as { result: EvaluateResult };
          if (result.type === 'exception') throw new Error(`script failed: ${result.exceptionDetails?.text}`);
        },
      };
    }

    // Source text, not a page function: the browser window's privileged globals (ChromeUtils,
    // the window's gBrowser) have no types here, and the bench's probes are written so too.
    async function evaluateSourceIn<T>(context: string, expression: string): Promise<T> {
      const { result } = (await connection.send('script.evaluate', {
        expression: `(async () => JSON.stringify(await (${expression})))()`,
        target: { context },
        awaitPromise: true,
      })) as { result: EvaluateResult };
      return valueOf<T>(result);
    }

    async function tree(params: object): Promise<BrowsingContextInfo[]> {
      const { result } = (await connection.send('browsingContext.getTree', params)) as { result: { contexts: BrowsingContextInfo[] } };
      return result.contexts;
    }

    function contextOf(page: Page): string {
      const id = (page.mainFrame() as unknown as { _id?: string })._id;
      if (!id) throw new Error('no BiDi context id for this page');
      return id;
    }

    async function evaluateInBrowserWindow<T>(expression: string): Promise<T> {
      const chromeWindow = (await tree({ 'moz:scope': 'chrome' })).find((context) => context.url === 'chrome://browser/content/browser.xhtml');
      if (!chromeWindow) throw new Error('browser window context not found');
      return evaluateSourceIn<T>(chromeWindow.context, expression);
    }

    async function clickToolbar(page: Page) {
      await page.bringToFront();
      // The browser's own toolbar-click path: the action fires for the selected tab with
      // activeTab granted, as for a real click. (Keyboard events sent over BiDi do not reach
      // extension shortcuts, so the shortcut cannot be pressed from here.)
      await evaluateInBrowserWindow(
        `(() => {
          const { ExtensionParent } = ChromeUtils.importESModule('resource://gre/modules/ExtensionParent.sys.mjs');
          const extension = ExtensionParent.GlobalManager.getExtension(${JSON.stringify(addonId)});
          ExtensionParent.apiManager.global.browserActionFor(extension).triggerAction(window);
          return true;
        })()`,
      );
    }

    async function sidebarContextOf(page: Page): Promise<string | undefined> {
      const [top] = await tree({ root: contextOf(page) });
      return top?.children?.find((child) => child.url.startsWith(`moz-extension://${uuid}/extension/sidebar/`))?.context;
    }

    const tabOf = (page: Page): TabDriver => ({
      goto: async (url) => {
        await page.bringToFront();
        await page.goto(url);
      },
      url: () => page.url(),
      evaluate: (fn, ...arg) => page.evaluate(fn as (...args: unknown[]) => never, ...arg),
      async runScript(source) {
        await page.evaluate(`${source}\n;void 0`);
      },
      press: (key) => page.keyboard.press(key as Parameters<Page['keyboard']['press']>[0]),
      click: (selector) => page.click(selector),
      clickAt: (x, y) => page.mouse.click(x, y),
      async clickAndWaitForPage(selector) {
        await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click(selector)]);
      },
      type: (selector, text) => page.type(selector, text),
      clickToolbar: () => clickToolbar(page),
      async sidebarFrame() {
        const frame = await sidebarContextOf(page);
        return frame === undefined ? undefined : contextDriver(frame);
      },
      async pickFilesInSidebar(selector, paths) {
        const context = await sidebarContextOf(page);
        if (!context) throw new Error('no sidebar frame in this tab');
        // The input as a remote reference (a BiDi node), which input.setFiles takes.
        const { result } = (await connection.send('script.callFunction', {
          functionDeclaration: '(selector) => document.querySelector(selector)',
          arguments: [{ type: 'string', value: selector }],
          target: { context },
          awaitPromise: false,
        })) as { result: { type: string; result?: { type: string; sharedId?: string } } };
        const sharedId = result.result?.sharedId;
        if (result.type !== 'success' || result.result?.type !== 'node' || !sharedId) throw new Error(`no element matches ${selector} in the sidebar`);
        await connection.send('input.setFiles', { context, element: { sharedId }, files: paths });
      },
      screenshot: async () => `data:image/png;base64,${await page.screenshot({ encoding: 'base64', type: 'png' })}`,
      close: () => page.close(),
    });

    const underTest: BrowserUnderTest = {
      name: 'firefox',
      // "firefox/153.8.0" over BiDi.
      version: (await browser.version()).replace(/^firefox\//i, ''),
      // Debian's firefox-esr ships only its English UI.
      uiLocale: 'en',
      origin: (host) => `https://${host}:${options.portalPort}`,
      firstTab: async () => tabOf((await browser.pages())[0] ?? (await browser.newPage())),
      newTab: async () => tabOf(await browser.newPage()),
      async findTab(urlPrefix) {
        const page = (await browser.pages()).find((candidate) => candidate.url().startsWith(urlPrefix));
        return page && tabOf(page);
      },
      async extensionTab(path) {
        const tab = (await tree({ maxDepth: 0 })).find((context) => context.url.startsWith(`moz-extension://${uuid}/${path}`));
        return tab && contextDriver(tab.context);
      },
      async stopBackground() {
        const state = await evaluateInBrowserWindow<string>(
          `(async () => {
            const { ExtensionParent } = ChromeUtils.importESModule('resource://gre/modules/ExtensionParent.sys.mjs');
            const extension = ExtensionParent.GlobalManager.getExtension(${JSON.stringify(addonId)});
            if (extension.backgroundState !== 'running') throw new Error('the background is ' + extension.backgroundState + ', not running');
            await extension.terminateBackground();
            return extension.backgroundState;
          })()`,
        );
        if (state !== 'stopped') throw new Error(`the background is ${state} after being stopped`);
      },
      close: () => browser.close(),
    };
    return {
      browser: underTest,
      addonId,
      extensionBase: `moz-extension://${uuid}/`,
      evaluateInBrowserWindow,
      async newTabOfSize(size) {
        const page = await browser.newPage();
        await page.setViewport(size);
        return tabOf(page);
      },
    };
  } catch (error) {
    await browser.close();
    throw error;
  }
}
