/**
 * The screenshot from the sidebar, the same steps in every browser: "Page entière" on the
 * 2,000-row invoice list gives readable full-scale parts (not one image scaled down), with a
 * progress line and the parts attached to the request; a page too long for that keeps the
 * visible capture with a clear message; "Reprendre" captures the visible area again without
 * the sidebar in it; "Annoter" edits an image inside the sidebar and the request's file carries
 * the black-out, pixel for pixel.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { translatorFor } from '../../support/i18n';
import type { BrowserUnderTest } from '../pages/drivers';
import { PortalPage } from '../pages/portal-page';
import type { E2ESession } from '../support/session';
import { waitFor } from '../support/wait';

const NAME = /^capture-page-\d{4}-\d\d-\d\d-\d{4}-\d\.(png|jpg)$/;
const VISIBLE_NAME = /^capture-\d{4}-\d\d-\d\d-\d{4}\.png$/;
/** The background gives up after 30 s; the sidebar's answer comes within this. */
const WHOLE_PAGE_ANSWER_MS = 75_000;

export function sidebarScreenshotsSuite(session: E2ESession) {
  describe('screenshots from the sidebar: whole page, retake, annotate', () => {
    let browser: BrowserUnderTest;
    let origin: string;
    let t: ReturnType<typeof translatorFor>;

    beforeAll(() => {
      browser = session.browser;
      origin = browser.origin('chorus-pro.gouv.fr');
      t = translatorFor(browser.uiLocale);
    });

    test('"Page entière" on the 2,000-row list: full-scale readable parts, attached to the request', { timeout: 120_000 }, async () => {
      const portal = new PortalPage(await browser.newTab());
      await portal.open(`${origin}/cpp/factures-emises/liste?lignes=2000`);
      const sidebar = await portal.openSidebarFresh();
      expect(await sidebar.screenshotNames()).toEqual([expect.stringMatching(VISIBLE_NAME)]);
      const fullWidth = await portal.driver.evaluate(() => document.documentElement.clientWidth);

      const started = Date.now();
      await sidebar.clickScreenshotButton('whole-page');
      const progress = await waitFor('the progress line', async () => (await sidebar.screenshotProgress()) || undefined);
      expect(progress).toMatch(/\d+ ?%/);
      const status = await sidebar.waitForScreenshotStatus(WHOLE_PAGE_ANSWER_MS);
      const elapsed = Date.now() - started;
      console.info(`[${browser.name}] whole page, 2,000 rows, from the sidebar: ${elapsed} ms`);
      expect(status).toBe(t('screenshotPageDone', [String((await sidebar.screenshotNames()).length)]));

      const names = await sidebar.screenshotNames();
      expect(names.length).toBeGreaterThanOrEqual(3);
      for (const [index, name] of names.entries()) {
        expect(name).toMatch(NAME);
        expect(name.endsWith(`-${index + 1}.png`) || name.endsWith(`-${index + 1}.jpg`)).toBe(true);
        expect(name.length).toBeLessThanOrEqual(50);
      }
      // Rows in the middle and near the bottom of each part: text drawn there, not a blank band.
      const images = await sidebar.screenshotImages([{ ofHeight: 0.5 }, { ofHeight: 1, minus: 200 }]);
      let total = 0;
      for (const image of images) {
        // Full scale: as wide as the page lays out without the sidebar (1 image px per CSS px).
        expect(image.width).toBe(fullWidth);
        expect(image.height).toBeLessThanOrEqual(16_384);
        expect(image.bytes).toBeLessThan(10 * 1024 * 1024);
        expect(image.distinctColours).toBeGreaterThan(2);
        total += image.height;
      }
      // Not scaled down to a 32,767-px canvas: the parts together cover the whole page at scale 1.
      expect(total).toBeGreaterThan(60_000);
      expect(images.slice(0, -1).every((image) => image.rowColours.every((count) => count > 3))).toBe(true);

      await sidebar.showPart('request');
      await waitFor('the parts attached to the request', async () => (await sidebar.requestFileNames()).join() === names.join());
      // Its images weigh tens of megabytes: the tab goes once checked.
      await portal.driver.close();
    });

    test('a page too long for a whole capture keeps the visible one, and says why', { timeout: 120_000 }, async () => {
      const portal = new PortalPage(await browser.newTab());
      await portal.open(`${origin}/cpp/factures-emises/liste?lignes=5000`);
      const sidebar = await portal.openSidebarFresh();
      const before = await sidebar.screenshotNames();
      const started = Date.now();
      await sidebar.clickScreenshotButton('whole-page');
      const status = await sidebar.waitForScreenshotStatus(WHOLE_PAGE_ANSWER_MS);
      console.info(`[${browser.name}] whole page, 5,000 rows, from the sidebar: answer in ${Date.now() - started} ms: ${status}`);
      expect(status).toBe(t('screenshotPageTooLarge'));
      expect(await sidebar.screenshotNames()).toEqual(before);
      expect(before).toEqual([expect.stringMatching(VISIBLE_NAME)]);
      // A 5,000-row page: the tab goes once checked.
      await portal.driver.close();
    });

    test('Cancel stops a whole-page capture: the visible capture is kept, no copy of the page left behind', { timeout: 120_000 }, async () => {
      const portal = new PortalPage(await browser.newTab());
      await portal.open(`${origin}/cpp/factures-emises/liste?lignes=2000`);
      const sidebar = await portal.openSidebarFresh();
      const before = await sidebar.screenshotNames();
      const elements = () => document.getElementsByTagName('*').length;
      const pageElements = await portal.driver.evaluate(elements);
      await sidebar.clickScreenshotButton('whole-page');
      await waitFor('the progress line', async () => (await sidebar.screenshotProgress()) || undefined);
      await sidebar.clickScreenshotButton('cancel');
      expect(await sidebar.waitForScreenshotStatus(WHOLE_PAGE_ANSWER_MS)).toBe(t('screenshotPageCancelled'));
      expect(await sidebar.screenshotNames()).toEqual(before);
      // Nothing of the capture was put into the page.
      expect(await portal.driver.evaluate(elements)).toBe(pageElements);
    });

    test('"Reprendre": the visible area again, masked, without the sidebar in it; the sidebar comes back', async () => {
      const portal = new PortalPage(await browser.newTab());
      await portal.open(`${origin}/cpp/factures-emises/resultats`);
      const sidebar = await portal.openSidebarFresh();
      // Something new on the page, under where the sidebar is: the new capture must show it.
      await portal.driver.evaluate(() => {
        const mark = document.createElement('div');
        mark.id = 'retake-mark';
        mark.style.cssText = 'position:fixed;right:0;top:300px;width:60px;height:60px;background:rgb(0,160,0);z-index:1000';
        document.body.append(mark);
      });
      const { width, height, dpr } = await portal.viewport();
      const mark = { x: Math.floor((width - 30) * dpr), y: Math.floor(330 * dpr) };
      const old = await sidebar.firstScreenshot([mark]);
      expect(old.samples[0]).not.toEqual([0, 160, 0]);

      await sidebar.clickScreenshotButton('retake');
      expect(await sidebar.waitForScreenshotStatus(20_000)).toBe(t('screenshotRetakeDone'));
      expect(await sidebar.screenshotNames()).toEqual([expect.stringMatching(VISIBLE_NAME)]);
      const retaken = await sidebar.firstScreenshot([mark]);
      expect(retaken.width).toBeGreaterThanOrEqual(Math.floor((width - 20) * dpr));
      expect(retaken.height).toBeGreaterThanOrEqual(Math.floor((height - 20) * dpr));
      expect(retaken.samples[0]).toEqual([0, 160, 0]);
      // The sidebar is back, narrowing the page again.
      expect(await portal.hasSidebarHost()).toBe(true);
      expect(await portal.driver.evaluate(() => document.querySelector<HTMLElement>('chorus-pro-aide')!.style.getPropertyValue('display'))).toBe('block');
      expect(await portal.rootMarginRight()).toBe('400px');
    });

    test('"Annoter": a black-out made in the sidebar is in the file the request sends', async () => {
      const portal = new PortalPage(await browser.newTab());
      await portal.open(`${origin}/cpp/factures-emises/resultats`);
      const sidebar = await portal.openSidebarFresh();
      const before = await sidebar.firstScreenshot();
      // Near the middle: the file sent has the image's size, so the same point.
      const at = { x: Math.round(before.width / 2) + 5, y: Math.round(before.height / 2) + 5 };
      const original = await sidebar.firstScreenshot([at]);
      expect(original.samples[0]).not.toEqual([0, 0, 0]);

      await sidebar.annotate(0);
      // The editor runs in the sidebar's own frame.
      const editor = sidebar.editor();
      await waitFor('the screenshot in the editor', () => editor.isReady());
      await editor.keyboardShape('blackout', ['ArrowRight', 'ArrowDown']);
      await editor.attachEdited();
      await waitFor('the annotated image in the sidebar', async () => (await sidebar.screenshotNames())[0]?.startsWith('capture-annot'));
      const shown = await sidebar.firstScreenshot([at]);
      expect(shown.samples[0]).toEqual([0, 0, 0]);

      await sidebar.showPart('request');
      const files = await waitFor('the annotated file in the request', async () => {
        const found = await sidebar.requestScreenshotFiles([at]);
        return found[0]?.name.startsWith('capture-annot') ? found : undefined;
      });
      expect(files).toHaveLength(1);
      expect(files[0]!.name.length).toBeLessThanOrEqual(50);
      expect(files[0]!.width).toBe(before.width);
      expect(files[0]!.samples[0]).toEqual([0, 0, 0]);
    });
  });
}
