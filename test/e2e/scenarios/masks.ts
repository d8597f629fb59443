/**
 * Masks that hold, the same steps in every browser, on replica pages whose fields are each one
 * flat colour found nowhere else (so any pixel of theirs left in an image is counted): a page
 * that scrolls and carries its password and IBAN fields across the window on every frame, where
 * the toolbar keeps no screenshot and says why, and "Page entière" shows none of them; a password field inside an open shadow root and
 * another inside a same-origin frame; and "Recapturer (mode compatibilité)" reached and pressed
 * by keyboard, which redraws the page with html2canvas, says so, and replaces the request's file.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { translatorFor } from '../../support/i18n';
import type { BrowserUnderTest } from '../pages/drivers';
import { fieldColour, MASK_BLACK, MASKED_FIELDS, MasksPortalPage, type MasksCase } from '../pages/masks-page';
import type { ScreenshotImageCheck, SidebarPage } from '../pages/sidebar-page';
import type { E2ESession } from '../support/session';
import { waitFor } from '../support/wait';

/** The background gives up after 60 s; the sidebar's answer comes within this. */
const WHOLE_PAGE_ANSWER_MS = 75_000;
/** Reading every pixel of a whole-page image takes seconds in Firefox on a loaded machine: a check of the request's files gets this long. */
const FILES_CHECK = { timeoutMs: 60_000, probeTimeoutMs: 20_000 };
/** A field's box in CSS px (masques.css): a whole-page image (1 image px per CSS px) holds at least this much black per field. */
const FIELD_AREA = 220 * 32;

const leaksOf = (cas: MasksCase) => MASKED_FIELDS[cas].map((field) => fieldColour(field.colour));

/** The case's fields as the page shows them, each checked to be painted in the colour the images are searched for. */
async function paintedFields(portal: MasksPortalPage, cas: MasksCase) {
  const fields = await portal.fields(MASKED_FIELDS[cas].map((field) => field.place));
  expect(fields.map((field) => field.background)).toEqual(MASKED_FIELDS[cas].map(({ colour }) => `rgb(${colour.join(', ')})`));
  return fields;
}

/** Pixels of the fields' colours in each image (all must be 0), and the mask's black over all of them. */
function tally(images: ScreenshotImageCheck[], fields: number) {
  return {
    leaked: images.map((image) => image.colourCounts.slice(0, fields)),
    black: images.reduce((sum, image) => sum + (image.colourCounts[fields] ?? 0), 0),
  };
}

export function masksSuite(session: E2ESession) {
  describe('masks that hold: moving fields, shadow roots, frames, compatibility recapture', () => {
    let browser: BrowserUnderTest;
    let origin: string;
    let t: ReturnType<typeof translatorFor>;

    beforeAll(() => {
      browser = session.browser;
      origin = browser.origin('chorus-pro.gouv.fr');
      t = translatorFor(browser.uiLocale);
    });

    /** "Page entière" pressed and answered; the images it left in the sidebar. */
    async function wholePage(sidebar: SidebarPage, cas: MasksCase): Promise<ScreenshotImageCheck[]> {
      await sidebar.clickScreenshotButton('whole-page');
      const status = await sidebar.waitForScreenshotStatus(WHOLE_PAGE_ANSWER_MS);
      const images = await sidebar.screenshotImages([], [], [...leaksOf(cas), MASK_BLACK]);
      expect(status).toBe(t('screenshotPageDone', [String(images.length)]));
      return images;
    }

    test('a page that keeps scrolling and moving its fields: the toolbar keeps no image and says why; the whole page shows none of their pixels', { timeout: 120_000 }, async () => {
      const fields = MASKED_FIELDS.mouvant.length;
      const portal = await new MasksPortalPage(await browser.newTab()).openCase(origin, 'mouvant');
      await paintedFields(portal, 'mouvant');
      const sidebar = await portal.openSidebarFresh();

      // Measured before and after each picture, the fields are never in the same place twice.
      expect(await sidebar.screenshotNames()).toEqual([]);
      expect(await sidebar.text('no-screenshot')).toBe(t('sidebarScreenshotPageMoved'));

      const whole = await wholePage(sidebar, 'mouvant');
      const { leaked, black } = tally(whole, fields);
      console.info(`[${browser.name}] moving fields, whole page (${(await sidebar.drawnBy()).engine}): leaked ${JSON.stringify(leaked)}, black ${black} px`);
      expect(leaked).toEqual(whole.map(() => [0, 0]));
      expect(black).toBeGreaterThanOrEqual(fields * FIELD_AREA);

      await sidebar.showPart('request');
      const names = await sidebar.screenshotNames();
      const files = await waitFor('the whole page attached to the request', async () => {
        const found = await sidebar.requestScreenshotFiles([], leaksOf('mouvant'));
        return found.map((file) => file.name).join() === names.join() ? found : undefined;
      }, FILES_CHECK);
      for (const file of files) expect(file.colourCounts, file.name).toEqual([0, 0]);
      await portal.driver.close();
    });

    test('a password field in an open shadow root and one in a same-origin frame: masked in the toolbar capture and in the whole page', { timeout: 120_000 }, async () => {
      const fields = MASKED_FIELDS.composants;
      const portal = await new MasksPortalPage(await browser.newTab()).openCase(origin, 'composants');
      // Measured before the click: the capture is taken before the sidebar narrows the page.
      const boxes = (await paintedFields(portal, 'composants')).map((field) => field.box);
      const centres = boxes.map((box) => ({ x: Math.round(box.x + box.width / 2), y: Math.round(box.y + box.height / 2) }));
      const sidebar = await portal.openSidebarFresh();

      const [visible, ...more] = await sidebar.screenshotImages([], centres, leaksOf('composants'));
      expect(more).toEqual([]);
      expect(visible, 'the toolbar capture kept').toBeDefined();
      expect(visible!.samples).toEqual(centres.map(() => [0, 0, 0]));
      expect(visible!.colourCounts).toEqual([0, 0]);

      const whole = await wholePage(sidebar, 'composants');
      const { leaked, black } = tally(whole, fields.length);
      const drawn = await sidebar.drawnBy();
      console.info(`[${browser.name}] shadow root and frame, whole page (${drawn.engine}): leaked ${JSON.stringify(leaked)}, black ${black} px`);
      expect(leaked).toEqual(whole.map(() => [0, 0]));
      expect(black).toBeGreaterThanOrEqual(fields.length * FIELD_AREA);
      await portal.driver.close();
    });

    test('"Recapturer (mode compatibilité)" by keyboard: html2canvas redraws the page, says so, replaces the request’s file, masks hold', { timeout: 150_000 }, async () => {
      const fields = MASKED_FIELDS.mouvant.length;
      const portal = await new MasksPortalPage(await browser.newTab()).openCase(origin, 'mouvant');
      await paintedFields(portal, 'mouvant');
      const sidebar = await portal.openSidebarFresh();
      const first = await wholePage(sidebar, 'mouvant');
      expect(await sidebar.drawnBy()).toEqual({ engine: 'svg', text: t('screenshotDrawnSvg') });

      await sidebar.pressUntilFocused(portal.driver, 'Tab', '[data-testid="screenshot-compat"]');
      await portal.driver.press('Enter');
      await waitFor('the page redrawn in compatibility mode', async () => (await sidebar.drawnBy()).engine === 'html2canvas', { timeoutMs: WHOLE_PAGE_ANSWER_MS });
      expect(await sidebar.drawnBy()).toEqual({ engine: 'html2canvas', text: t('screenshotDrawnHtml2canvas') });
      const images = await sidebar.screenshotImages([], [], [...leaksOf('mouvant'), MASK_BLACK]);
      expect(await sidebar.text('screenshot-status')).toBe(t('screenshotPageDone', [String(images.length)]));
      const { leaked, black } = tally(images, fields);
      console.info(`[${browser.name}] moving fields, compatibility recapture: leaked ${JSON.stringify(leaked)}, black ${black} px`);
      expect(leaked).toEqual(images.map(() => [0, 0]));
      expect(black).toBeGreaterThanOrEqual(fields * FIELD_AREA);
      // A new picture, not the first one kept.
      expect(images.map((image) => image.fingerprint)).not.toEqual(first.map((image) => image.fingerprint));

      // The request carries the new images, once: the first ones replaced, not added to.
      await sidebar.showPart('request');
      const files = await waitFor('the recaptured page attached to the request', async () => {
        const found = await sidebar.requestScreenshotFiles([], leaksOf('mouvant'));
        return found.map((file) => file.fingerprint).join() === images.map((image) => image.fingerprint).join() ? found : undefined;
      }, FILES_CHECK);
      expect(files.map((file) => file.name)).toEqual(await sidebar.screenshotNames());
      expect(await sidebar.requestFileNames()).toHaveLength(images.length);
      for (const file of files) expect(file.colourCounts, file.name).toEqual([0, 0]);
      await portal.driver.close();
    });
  });
}
