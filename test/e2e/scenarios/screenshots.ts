/**
 * Screenshots, the same steps in every browser: the in-page engine driven from an
 * extension tab (the about page, full API) as the background drives it — whole-page capture
 * of the 2,000-row table in parts (the page copied into an SVG image the browser paints,
 * src/capture/page-svg.ts), masking burned into the pixels, the time bound and
 * cancellation, then the editor: encoding of a 1280×800 capture under 300 KB and an annotation
 * carried by the attached image.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CaptureEngine, EditorPage } from '../pages/capture-engine';
import type { BrowserUnderTest, TabDriver } from '../pages/drivers';
import type { E2ESession } from '../support/session';
import { openAboutPage } from '../pages/about-page';
import { waitFor } from '../support/wait';

const PASSWORD = '#GCU_Sauthentifier_VousAvezDejaUnCompte_MotDePasse';
/** The long table takes a few seconds here (2 shared cores): a bound with room for a loaded machine. */
const LONG_PAGE_BOUND_MS = 90_000;

export function screenshotsSuite(session: E2ESession) {
  describe('screenshots: whole page, masking, encoding, editor', () => {
    let browser: BrowserUnderTest;
    let portalTab: TabDriver;
    let engine: CaptureEngine;
    let origin: string;

    beforeAll(async () => {
      browser = session.browser;
      origin = browser.origin('chorus-pro.gouv.fr');
      portalTab = await browser.newTab();
      await portalTab.goto(`${origin}/cpp/factures-emises/liste?lignes=2000`);
      engine = new CaptureEngine(await openAboutPage(browser));
    });

    // A tab that held 2,000-row captures (hundreds of MB of canvas) goes with the suite.
    afterAll(async () => {
      await portalTab?.close();
    });

    test('whole-page capture of the 2,000-row table: every row rendered down to the bottom', { timeout: 150_000 }, async () => {
      const tabId = await engine.inject(`${origin}/cpp/factures-emises/liste`);
      // 60 CSS px above the bottom: the footer's last line (the table ends just above the footer).
      const result = await engine.wholePage(tabId, { timeoutMs: LONG_PAGE_BOUND_MS, rowFromBottom: 60 });
      expect(result, JSON.stringify(result)).toMatchObject({ state: 'done' });
      const dpr = (await portalTab.evaluate(() => window.devicePixelRatio)) || 1;
      const scrollHeight = await portalTab.evaluate(() => document.documentElement.scrollHeight);
      expect(result.page!.height).toBeGreaterThanOrEqual(scrollHeight);
      // 68,500 CSS px do not fit a canvas (32,767 px a side): split into parts at full scale, not scaled down.
      expect(result.scale).toBe(1);
      expect(result.partCount).toBeGreaterThanOrEqual(3);
      expect(Math.max(...result.partHeights!)).toBeLessThanOrEqual(16_384);
      expect(result.height).toBe(Math.floor(result.page!.height * result.scale!));
      expect(result.height).toBeGreaterThanOrEqual(Math.floor(scrollHeight * Math.min(dpr, result.scale!)));
      expect(result.pixels!.naturalHeight).toBe(result.height);
      expect(result.pixels!.rowColours).toBeGreaterThan(1);
      expect(result.bytes).toBeLessThan(10 * 1024 * 1024);
      expect(result.name).toMatch(/^capture-page-\d{4}-\d\d-\d\d-\d{4}-1\.(png|jpg)$/);
      // Progress: the phases seen while polling, in order (drawing a part holds the page's thread,
      // so a poll is answered between steps).
      expect(result.progress.length).toBeGreaterThan(0);
      const order = ['cloning', 'rendering', 'encoding'];
      const seen = result.progress.map((step) => order.indexOf(step.split(':')[0]!));
      expect(seen).toEqual([...seen].sort((a, b) => a - b));
    });

    test('the last row of the table is in the image (not blank)', { timeout: 150_000 }, async () => {
      // A fresh document: Firefox takes several times longer for a second whole capture of the
      // same long page in the same document (not understood yet).
      await portalTab.goto(`${origin}/cpp/factures-emises/liste?lignes=2000`);
      const tabId = await engine.inject(`${origin}/cpp/factures-emises/liste`);
      const last = await engine.elementBox(tabId, '#GDP_ListeDemandePaiement_Resultats tbody tr:last-child');
      const result = await engine.wholePage(tabId, { timeoutMs: LONG_PAGE_BOUND_MS, area: last });
      expect(result.state).toBe('done');
      // The row holds text and borders: many colours, not a blank band.
      expect(result.pixels!.areaColours).toBeGreaterThan(3);
    });

    test('the engine draws what the browser shows: its rendering of the visible area matches the browser’s own screenshot', async () => {
      // An address of its own: other suites leave invoice pages open in other tabs.
      const url = `${origin}/cpp/facture?numero=F2026-0042&essai=rendu`;
      await portalTab.goto(url);
      const screenshot = await portalTab.screenshot();
      const tabId = await engine.inject(url);
      const result = await engine.compareViewport(tabId, screenshot);
      console.info(`[${browser.name}] engine vs browser screenshot: ${JSON.stringify(result)}`);
      expect(result, JSON.stringify(result)).toMatchObject({ state: 'done' });
      expect(result.compared).toBeGreaterThan(100_000);
      expect(result.matching).toBeGreaterThan(0.97);
    });

    test('pictures and background images of the page are drawn too (read again from the portal and inlined)', async () => {
      const url = `${origin}/cpp/facture?numero=F2026-0042&essai=images`;
      await portalTab.goto(url);
      // Two large pictures at the top of the page: one <img>, one CSS background (a sixth of the
      // visible area: the comparison fails if either is missing).
      await portalTab.evaluate(() => {
        const box = 'position:absolute;top:120px;width:280px;height:280px;z-index:10;';
        const img = document.createElement('img');
        img.src = '/assets/favicon.svg';
        img.style.cssText = `${box}left:320px;`;
        const div = document.createElement('div');
        div.style.cssText = `${box}left:700px;background:url(/assets/favicon.svg) 0 0 / 280px 280px no-repeat;`;
        document.body.append(img, div);
        return img.decode();
      });
      const screenshot = await portalTab.screenshot();
      const tabId = await engine.inject(url);
      const result = await engine.compareViewport(tabId, screenshot);
      console.info(`[${browser.name}] engine vs browser screenshot, with pictures: ${JSON.stringify(result)}`);
      expect(result, JSON.stringify(result)).toMatchObject({ state: 'done' });
      // The picture is read again once, for both (the page's own style sheet is read, not fetched).
      expect(result.resources).toEqual({ inlined: 1, missed: 0 });
      expect(result.matching).toBeGreaterThan(0.97);
    });

    test('a password field is masked: the pixels under it are uniform (burned in)', async () => {
      const url = `${origin}/cpp/utilisateur?execution=e1s1&essai=masque`;
      await portalTab.goto(url);
      await portalTab.type(PASSWORD, 'motdepasse-secret');
      const tabId = await engine.inject(url);
      const field = await engine.elementBox(tabId, PASSWORD);
      const result = await engine.wholePage(tabId, { area: field, inset: -1 });
      expect(result, JSON.stringify(result)).toMatchObject({ state: 'done' });
      expect(result.masked).toBeGreaterThanOrEqual(1);
      expect(result.pixels!.areaColours).toBe(1);
      expect(result.pixels!.areaSample).toEqual([0, 0, 0]);
    });

    test('bounded in time: a clear error, nothing half-done', { timeout: 150_000 }, async () => {
      // The long list: a timer of a tab in the background may fire a second late, after a small page's capture.
      await portalTab.goto(`${origin}/cpp/factures-emises/liste?lignes=2000`);
      const tabId = await engine.inject(`${origin}/cpp/factures-emises/liste`);
      const elements = () => document.getElementsByTagName('*').length;
      const before = await portalTab.evaluate(elements);
      const result = await engine.wholePage(tabId, { timeoutMs: 1 });
      expect(result).toMatchObject({ state: 'error', code: 'timeout' });
      expect(result.message).toMatch(/visible capture is kept/);
      // Nothing of the capture is left in the page.
      expect(await portalTab.evaluate(elements)).toBe(before);
    });

    test('cancellable', { timeout: 150_000 }, async () => {
      // The long list: its capture takes seconds, a small page's may end before the cancel arrives.
      await portalTab.goto(`${origin}/cpp/factures-emises/liste?lignes=2000`);
      const tabId = await engine.inject(`${origin}/cpp/factures-emises/liste`);
      const result = await engine.wholePage(tabId, { cancel: true });
      expect(result).toMatchObject({ state: 'error', code: 'cancelled' });
    });

    test('editor: a 1280×800 capture is encoded under 300 KB, and a black-out placed by keyboard is in the attached image', async () => {
      // The toolbar click takes the visible-tab capture (1280×800) and keeps it for the tab.
      await portalTab.goto(`${origin}/cpp/factures-emises/resultats`);
      const tabId = await engine.inject(`${origin}/cpp/factures-emises/resultats`);
      await portalTab.clickToolbar();
      await waitFor('the visible capture kept for the tab', () => engine.hasStoredCapture(tabId));
      await engine.openEditor(tabId);
      const editor = new EditorPage(await waitFor('the editor tab', () => browser.extensionTab('extension/editor/index.html')));
      await waitFor('the capture in the editor', () => editor.isReady());
      await editor.keyboardShape('blackout', ['ArrowRight', 'ArrowDown']);
      // Undo then redo by keyboard: the black-out comes back.
      await editor.pressShortcut('z');
      await editor.pressShortcut('y');
      const out = await editor.useEdited({ x: 645, y: 405 });
      expect(out).not.toBeNull();
      expect(out!.width).toBe(1280);
      expect(out!.height).toBe(800);
      expect(out!.bytes).toBeLessThanOrEqual(300 * 1024);
      expect(out!.name).toMatch(/^capture-annot\w*-\d{4}-\d\d-\d\d-\d{4}\.png$/);
      expect(out!.name.length).toBeLessThanOrEqual(50);
      expect(out!.sample).toEqual([0, 0, 0]);
    });
  });
}
