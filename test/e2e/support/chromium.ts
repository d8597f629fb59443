/**
 * Real Chromium (Debian's) with the built extension loaded, through playwright-core.
 * Portal host names resolve to the local replica server; the production build runs unchanged.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type CDPSession, type Frame, type Page, type Worker } from 'playwright-core';
import { chromiumPath } from '../../../scripts/browsers.js';
import { ALL_HOSTS } from '../../support/portal-server';
import type { BrowserUnderTest, FrameDriver, TabDriver } from '../pages/drivers';
import { CHROME_BUILD, requireBuild } from './paths';
import { waitFor } from './wait';

function frameDriverOf(target: Page | Frame): FrameDriver {
  return {
    // Playwright hands a page function one argument: the function's only one, if it has one.
    evaluate: (fn, ...arg) => target.evaluate(fn as (arg: unknown) => never, arg[0]),
    async runScript(source) {
      await target.evaluate(`${source}\n;void 0`);
    },
  };
}

function sidebarFrameOf(page: Page): Frame | undefined {
  return (
    page
      .frames()
      // Served at the session's dynamic address (use_dynamic_url), not under the extension's id.
      .find((candidate) => !candidate.isDetached() && /^chrome-extension:\/\/[a-z]+\/extension\/sidebar\//.test(candidate.url()))
  );
}

/**
 * `profileDir`: the profile to run on, kept when the browser closes (the caller deletes it), so
 * that the browser can be launched on it again. Without it, a fresh profile deleted on close.
 * `alsoLoad`: unpacked extensions loaded beside ours (the bench's baselines). `extensionDir`: ours
 * from elsewhere than the build (the bench's copy of it with a bare sidebar).
 */
export async function launchChromium(options: { portalPort: number; lang?: 'fr' | 'en'; profileDir?: string; alsoLoad?: string[]; extensionDir?: string }): Promise<BrowserUnderTest> {
  const ours = requireBuild(options.extensionDir ?? CHROME_BUILD);
  const extensionDirs = [ours, ...(options.alsoLoad ?? [])].join(',');
  const profile = options.profileDir ?? mkdtempSync(join(tmpdir(), 'chorus-help-chromium-'));
  const hostRules = ALL_HOSTS.map((host) => `MAP ${host} 127.0.0.1:${options.portalPort}`).join(', ');
  const lang = options.lang ?? 'fr';
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: true,
    locale: lang === 'fr' ? 'fr-FR' : 'en-US',
    viewport: { width: 1280, height: 800 },
    ignoreHTTPSErrors: true,
    // On Linux, Chromium takes its UI language (and so the extension's) from the environment.
    env: { ...process.env, LANGUAGE: lang, LANG: lang === 'fr' ? 'fr_FR.UTF-8' : 'en_US.UTF-8' },
    args: [
      '--no-sandbox',
      `--disable-extensions-except=${extensionDirs}`,
      `--load-extension=${extensionDirs}`,
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-gpu',
      '--enable-unsafe-extension-debugging',
      // Replaces Playwright's own list, which turns off storage partitioning and with it
      // IndexedDB inside the extension's frame on a web page.
      '--disable-features=MediaRouter,OptimizationHints',
      `--host-resolver-rules=${hostRules}`,
      '--ignore-certificate-errors',
      `--lang=${lang}`,
    ],
  });
  // A stuck action fails the test with its own message instead of the test's timeout.
  context.setDefaultTimeout(15_000);
  // Closing the context ends the browser process (it was launched for this context).
  const cleanUp = async () => {
    await context.close();
    if (!options.profileDir) rmSync(profile, { recursive: true, force: true });
  };
  try {
    return await chromiumUnderTest(context, lang, cleanUp, new URL((await extensionServiceWorker(context, ours)).url()).host);
  } catch (error) {
    await cleanUp();
    throw error;
  }
}

/**
 * The browser npm start opened (with --debug-port), reached over CDP; close() only disconnects.
 * The extension's id is given: its service worker may be idle, and so not listed.
 */
export async function connectChromium(endpoint: string, lang: 'fr' | 'en', extensionId: string): Promise<BrowserUnderTest> {
  const browser = await chromium.connectOverCDP(endpoint);
  const context = browser.contexts()[0];
  if (!context) throw new Error(`no browser context at ${endpoint}`);
  context.setDefaultTimeout(15_000);
  return chromiumUnderTest(context, lang, () => browser.close(), extensionId);
}

/**
 * The service worker of the extension built in `extensionDir`, found by its script's path: other
 * extensions loaded beside it (the bench's baselines) have workers of their own.
 */
export async function extensionServiceWorker(context: BrowserContext, extensionDir: string): Promise<Worker> {
  const manifest = JSON.parse(readFileSync(join(extensionDir, 'manifest.json'), 'utf8')) as { background: { service_worker: string } };
  const isOurs = (worker: Worker) => new URL(worker.url()).pathname === `/${manifest.background.service_worker}`;
  return context.serviceWorkers().find(isOurs) ?? (await context.waitForEvent('serviceworker', { predicate: isOurs }));
}

/** The page objects' driver over a Chromium context with the extension loaded. */
async function chromiumUnderTest(context: BrowserContext, lang: 'fr' | 'en', cleanUp: () => Promise<void>, extensionId: string): Promise<BrowserUnderTest> {
  const browserSession: CDPSession = await context.browser()!.newBrowserCDPSession();
  const { product } = (await browserSession.send('Browser.getVersion')) as { product: string };
  let quotaSession: CDPSession | undefined;

  async function clickToolbar(page: Page) {
    await page.bringToFront();
    // The action is triggered on the "tab" target (parent of the page target): the active
    // one, now that this page is in front.
    const { targetInfos } = (await browserSession.send('Target.getTargets', { filter: [{ type: 'tab' }] } as never)) as {
      targetInfos: { targetId: string; url: string; embedderData?: { tabActive?: boolean } }[];
    };
    const tabs = targetInfos.filter((target) => target.embedderData?.tabActive && target.url === page.url());
    if (tabs.length !== 1) throw new Error(`expected the active tab at ${page.url()}, found ${tabs.length}`);
    // Bounded: a stuck browser call fails this step by name instead of the whole test's timeout.
    await Promise.race([
      browserSession.send('Extensions.triggerAction' as never, { id: extensionId, targetId: tabs[0]!.targetId } as never),
      new Promise((_, reject) => setTimeout(() => reject(new Error('Extensions.triggerAction did not answer in 10 s')), 10_000).unref()),
    ]);
  }

  const tabOf = (page: Page): TabDriver => ({
    goto: async (url) => {
      await page.goto(url);
    },
    url: () => page.url(),
    ...frameDriverOf(page),
    press: (key) => page.keyboard.press(key),
    click: (selector) => page.click(selector),
    clickAt: (x, y) => page.mouse.click(x, y),
    async clickAndWaitForPage(selector) {
      await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click(selector)]);
    },
    type: (selector, text) => page.locator(selector).pressSequentially(text),
    clickToolbar: () => clickToolbar(page),
    async sidebarFrame() {
      const frame = sidebarFrameOf(page);
      return frame && frameDriverOf(frame);
    },
    async pickFilesInSidebar(selector, paths) {
      const frame = sidebarFrameOf(page);
      if (!frame) throw new Error('no sidebar frame in this tab');
      await frame.setInputFiles(selector, paths);
    },
    screenshot: async () => `data:image/png;base64,${(await page.screenshot({ type: 'png' })).toString('base64')}`,
    close: () => page.close(),
  });

  return {
    name: 'chromium',
    version: product.split('/')[1] ?? product,
    uiLocale: lang,
    origin: (host) => `https://${host}`,
    firstTab: async () => tabOf(context.pages()[0] ?? (await context.newPage())),
    newTab: async () => tabOf(await context.newPage()),
    async findTab(urlPrefix) {
      const page = context.pages().find((candidate) => candidate.url().startsWith(urlPrefix));
      return page && tabOf(page);
    },
    async extensionTab(path) {
      const tab = context.pages().find((candidate) => candidate.url().startsWith(`chrome-extension://${extensionId}/${path}`));
      if (!tab) return undefined;
      await tab.waitForLoadState();
      return frameDriverOf(tab);
    },
    async stopBackground() {
      const workers = async () => {
        const { targetInfos } = (await browserSession.send('Target.getTargets')) as { targetInfos: { targetId: string; type: string; url: string }[] };
        return targetInfos.filter((target) => target.type === 'service_worker' && target.url.startsWith(`chrome-extension://${extensionId}/`));
      };
      const [running] = await workers();
      if (!running) throw new Error('the extension service worker is not running');
      await browserSession.send('Target.closeTarget', { targetId: running.targetId });
      await waitFor('the service worker to stop', async () => (await workers()).length === 0);
    },
    async setExtensionStorageQuota(bytes) {
      // The Storage domain acts through a page's session (the browser-level one answers
      // "Internal error"), and the override lasts as long as that session: kept until reset.
      if (bytes === null) {
        await quotaSession?.send('Storage.overrideQuotaForOrigin', { origin: `chrome-extension://${extensionId}` });
        await quotaSession?.detach();
        quotaSession = undefined;
        return;
      }
      quotaSession ??= await context.newCDPSession(context.pages()[0] ?? (await context.newPage()));
      await quotaSession.send('Storage.overrideQuotaForOrigin', { origin: `chrome-extension://${extensionId}`, quotaSize: bytes });
    },
    setOffline: (offline) => context.setOffline(offline),
    close: cleanUp,
  };
}
