// The browser npm start opens: Chromium (through playwright-core) or Firefox (through
// puppeteer-core over WebDriver BiDi) on a throwaway profile, the built extension loaded, the
// portal host names sent to the replica portal, the extension's settings seeded as a user would
// save them in the options, and the pages to try opened. The production build runs unchanged.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import { chromium } from 'playwright-core';
import puppeteer from 'puppeteer-core';
import { chromiumPath, firefoxPath } from './browsers.js';

/** The storage.local key the options page saves the channel settings under. */
const CHANNEL_SETTINGS_KEY = 'channelSettings';

/**
 * @typedef {object} DevBrowserOptions
 * @property {string} extensionDir the built extension (dist/chrome or dist/firefox)
 * @property {string[]} portalHosts the portal host names to send to the replica portal
 * @property {number} portalPort the replica portal's port on 127.0.0.1
 * @property {(origin: (host: string) => string) => string[]} urls the pages to open, given how a portal host is reached
 * @property {Record<string, unknown>} channelSettings saved as the options page saves them
 * @property {{ url: string; token: string }} agentConsole opened in a tab of its own, logged in
 * @property {boolean} headless no window: for machines without a display, and for the tests
 * @property {number} [debugPort] Chromium only: where the tests reach the browser over CDP
 */

/**
 * @typedef {object} DevBrowser
 * @property {string} profileDir
 * @property {() => Promise<void>} reload loads the extension again from its folder (after a rebuild)
 * @property {() => Promise<void>} close ends the browser and deletes the profile
 * @property {Promise<void>} closed settles when the user closes the browser
 */

/**
 * Opens the agent console and logs in with its token, which is typed into the page's own form
 * as an agent would, never shown or printed.
 * @param {{ goto(url: string): Promise<unknown>; evaluate(fn: (token: string) => void, token: string): Promise<unknown>; waitForNavigation(): Promise<unknown> }} page
 * @param {{ url: string; token: string }} agentConsole
 */
async function logIntoConsole(page, agentConsole) {
  await page.goto(agentConsole.url);
  await Promise.all([
    page.waitForNavigation(),
    page.evaluate((token) => {
      const form = /** @type {HTMLFormElement} */ (document.querySelector('form[action="/console/login"]'));
      /** @type {HTMLInputElement} */ (form.elements.namedItem('token')).value = token;
      form.submit();
    }, agentConsole.token),
  ]);
}

/** @param {DevBrowserOptions} options @returns {Promise<DevBrowser>} */
export async function openChromium(options) {
  const profileDir = mkdtempSync(join(tmpdir(), 'chorus-help-dev-chromium-'));
  const hostRules = options.portalHosts.map((host) => `MAP ${host} 127.0.0.1:${options.portalPort}`).join(', ');
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: chromiumPath(),
    headless: options.headless,
    viewport: null,
    ignoreHTTPSErrors: true,
    // npm start ends the browser itself on these, after which it stops the servers.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    args: [
      `--disable-extensions-except=${options.extensionDir}`,
      `--load-extension=${options.extensionDir}`,
      `--host-resolver-rules=${hostRules}`,
      // The replica portal's certificate is made at start and trusted by no one.
      '--ignore-certificate-errors',
      '--no-first-run',
      '--disable-sync',
      // Playwright's own list turns storage partitioning off, and with it IndexedDB in the sidebar.
      '--disable-features=MediaRouter,OptimizationHints',
      ...(options.debugPort === undefined ? [] : [`--remote-debugging-port=${options.debugPort}`, '--enable-unsafe-extension-debugging']),
    ],
  });
  const closeAndClean = async () => {
    await context.close().catch(() => undefined);
    rmSync(profileDir, { recursive: true, force: true });
  };
  try {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    await worker.evaluate(([key, value]) => /** @type {any} */ (globalThis).chrome.storage.local.set({ [key]: value }), /** @type {const} */ ([CHANNEL_SETTINGS_KEY, options.channelSettings]));
    const pages = context.pages();
    for (const [index, url] of options.urls((host) => `https://${host}`).entries()) {
      const page = pages[index] ?? (await context.newPage());
      await page.goto(url);
    }
    await logIntoConsole(await context.newPage(), options.agentConsole);
    await pages[0]?.bringToFront();
    /** @type {Promise<void>} */
    const closed = new Promise((done) => context.once('close', () => done()));
    return {
      profileDir,
      async reload() {
        const current = context.serviceWorkers().find((candidate) => candidate.url().startsWith(worker.url().split('/').slice(0, 3).join('/')));
        // The worker goes away as the extension reloads: its answer never comes.
        void current?.evaluate(() => /** @type {any} */ (globalThis).chrome.runtime.reload()).catch(() => undefined);
      },
      close: closeAndClean,
      closed,
    };
  } catch (error) {
    await closeAndClean();
    throw error;
  }
}

/**
 * Runs `expression` in the extension's own page `url`, in a tab opened for that moment from the
 * browser window's privileged context: WebDriver BiDi refuses to navigate to moz-extension://
 * addresses, and puppeteer does not list such tabs as pages.
 * @param {import('puppeteer-core').Browser} browser
 * @param {string} url
 * @param {string} expression
 */
async function runInExtensionPage(browser, url, expression) {
  /** @type {{ send(method: string, params: object): Promise<any> }} */
  const connection = /** @type {any} */ (browser).connection;
  /** @returns {Promise<{ context: string; url: string }[]>} */
  const contexts = async (/** @type {object} */ params) => (await connection.send('browsingContext.getTree', params)).result.contexts;
  const window = (await contexts({ 'moz:scope': 'chrome' })).find((context) => context.url === 'chrome://browser/content/browser.xhtml');
  if (!window) throw new Error('the Firefox window was not found');
  await connection.send('script.evaluate', {
    expression: `gBrowser.selectedTab = gBrowser.addTab(${JSON.stringify(url)}, { triggeringPrincipal: Services.scriptSecurityManager.getSystemPrincipal() }), true`,
    target: { context: window.context },
    awaitPromise: false,
  });
  const deadline = Date.now() + 30_000;
  for (;;) {
    const tab = (await contexts({ maxDepth: 0 })).find((context) => context.url.startsWith(url));
    if (tab) {
      const { result } = await connection.send('script.evaluate', { expression, target: { context: tab.context }, awaitPromise: true });
      if (result.type === 'exception') throw new Error(`${url}: ${result.exceptionDetails?.text}`);
      await connection.send('browsingContext.close', { context: tab.context });
      return;
    }
    if (Date.now() > deadline) throw new Error(`${url} did not open`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** @param {DevBrowserOptions} options @returns {Promise<DevBrowser>} */
export async function openFirefox(options) {
  const profileDir = mkdtempSync(join(tmpdir(), 'chorus-help-dev-firefox-'));
  const manifest = JSON.parse(readFileSync(resolve(options.extensionDir, 'manifest.json'), 'utf8'));
  /** @type {string} */
  const geckoId = manifest.browser_specific_settings.gecko.id;
  // A known internal UUID gives the extension's pages a known address, to seed the settings there.
  const uuid = randomUUID();
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: firefoxPath(),
    headless: options.headless,
    userDataDir: profileDir,
    acceptInsecureCerts: true,
    defaultViewport: null,
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    extraPrefsFirefox: {
      'network.dns.localDomains': options.portalHosts.join(','),
      'extensions.webextensions.uuids': JSON.stringify({ [geckoId]: uuid }),
    },
    // Lets the launcher open the extension's own page from the browser window (runInExtensionPage).
    args: ['--remote-allow-system-access'],
  });
  const closeAndClean = async () => {
    await browser.close().catch(() => undefined);
    rmSync(profileDir, { recursive: true, force: true });
  };
  try {
    await browser.installExtension(options.extensionDir);
    await runInExtensionPage(
      browser,
      `moz-extension://${uuid}/extension/options/index.html`,
      `browser.storage.local.set(${JSON.stringify({ [CHANNEL_SETTINGS_KEY]: options.channelSettings })}).then(() => true)`,
    );
    const [first] = await browser.pages();
    const page = first ?? (await browser.newPage());
    // Firefox maps the names only: the replica portal's port stays in the address.
    const urls = options.urls((host) => `https://${host}:${options.portalPort}`);
    for (const [index, url] of urls.entries()) await (index === 0 ? page : await browser.newPage()).goto(url);
    await logIntoConsole(await browser.newPage(), options.agentConsole);
    await page.bringToFront();
    /** @type {Promise<void>} */
    const closed = new Promise((done) => browser.once('disconnected', () => done()));
    return {
      profileDir,
      async reload() {
        // Installing the same temporary add-on again replaces it: Firefox reads the folder anew.
        await browser.installExtension(options.extensionDir);
      },
      close: closeAndClean,
      closed,
    };
  } catch (error) {
    await closeAndClean();
    throw error;
  }
}
