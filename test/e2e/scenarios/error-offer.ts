/**
 * Help offered the moment a portal page shows an error, the same steps in every browser: the
 * toolbar icon's badge and title, the in-page "Besoin d'aide ?" right after the error (reached
 * with Tab, pressed with Enter) opening the sidebar on that error's article with a capture the
 * page engine drew, masks in; declined on a page, switched off everywhere; an error text full of
 * markup, and a page restyling or moving the offer.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, onTestFinished, test } from 'vitest';
import { translatorFor } from '../../support/i18n';
import { AboutPage, openAboutPage } from '../pages/about-page';
import type { BrowserUnderTest, FrameDriver } from '../pages/drivers';
import { ErrorOfferPage, globalBadge, refusedLoginUrl, toolbarIcon } from '../pages/error-offer-page';
import { openOptionsPage } from '../pages/options-page';
import type { E2ESession } from '../support/session';
import { waitFor } from '../support/wait';

const AXE_SOURCE = readFileSync(join(process.cwd(), 'node_modules/axe-core/axe.min.js'), 'utf8');
const ERROR = '#connexion-messages > [role="alert"]';
const PASSWORD = '#GCU_Sauthentifier_VousAvezDejaUnCompte_MotDePasse';
/** The element before the error in the page's tab order. */
const BEFORE_ERROR = '.portal-brand';

export function errorOfferSuite(session: E2ESession) {
  describe('help offered at an error', () => {
    let browser: BrowserUnderTest;
    let extensionPage: FrameDriver;
    let badgeTitle: string;

    beforeAll(async () => {
      browser = session.browser;
      extensionPage = await openAboutPage(browser);
      badgeTitle = translatorFor(browser.uiLocale)('offerBadgeTitle');
    });

    const refusedLogin = async (withMarkup = false) => {
      const page = new ErrorOfferPage(await browser.newTab());
      await page.open(refusedLoginUrl(browser, withMarkup));
      return page;
    };
    const badgeShown = (page: ErrorOfferPage) =>
      waitFor('the error badge on the toolbar icon', async () => {
        const icon = await toolbarIcon(extensionPage, page.driver.url());
        return icon.badge === '!' ? icon : undefined;
      });

    test('an error shown after load: badge and offer; Tab reaches it right after the error, Enter opens its article with a reconstructed, masked capture', async () => {
      const page = await refusedLogin();
      // Before the error, the tab shows the badge every tab shows (the count of requests waiting
      // to be sent, left by earlier suites), nothing of the offer.
      expect((await toolbarIcon(extensionPage, page.driver.url())).badge).toBe(await globalBadge(extensionPage));
      await page.driver.type(PASSWORD, 'motdepasse-secret');
      await page.submitLogin();

      const placement = await page.waitForOffer(ERROR);
      expect(placement).toEqual({ count: 1, afterError: true, position: 'absolute', display: 'block', overlapsError: false, shadowRootVisible: false });
      // Out of the flow: the messages' block is as tall as the error alone.
      expect((await page.box('#connexion-messages')).height).toBeCloseTo((await page.box(ERROR)).height, 0);
      expect(await badgeShown(page)).toEqual({ badge: '!', title: badgeTitle });

      const field = await page.driver.evaluate((selector: string) => {
        const box = document.querySelector(selector)!.getBoundingClientRect();
        return { x: box.left + box.width / 2, y: box.top + box.height / 2, dpr: devicePixelRatio };
      }, PASSWORD);
      // The session area as a long session of many portal tabs leaves it: full of their
      // screenshots. This one must still be kept, or the icon's click below closes the sidebar.
      const about = new AboutPage(extensionPage);
      const filler = await about.fillSessionWithCaptures();
      onTestFinished(() => about.removeSessionItems(filler));
      await page.focusOn(BEFORE_ERROR);
      await page.driver.press('Tab');
      expect(await page.focusIsOnOffer()).toBe(true);
      await page.driver.press('Enter');

      const sidebar = await page.waitForSidebar();
      expect(await sidebar.selectedPart()).toBe('help');
      expect((await waitFor('the help articles', async () => ((await sidebar.helpArticles()).length > 0 ? sidebar.helpArticles() : undefined)))[0]).toBe('login');
      expect(await sidebar.shows('screenshot-reconstructed')).toBe(true);
      expect(await sidebar.shows('screenshot-retake-with-icon')).toBe(true);
      const masked = await sidebar.screenshotPixels(Math.round(field.x * field.dpr), Math.round(field.y * field.dpr));
      expect(masked.sample).toEqual([0, 0, 0]);
      expect(masked.distinctColours).toBeGreaterThan(2);

      // "Reprendre avec l'icône": the toolbar click replaces it with the browser's own capture.
      await page.driver.clickToolbar();
      await waitFor('the browser capture in place of the reconstructed one', async () => !(await sidebar.shows('screenshot-reconstructed')));
      expect(await page.hasSidebarHost()).toBe(true);
    });

    test('declined on this page: no offer there again', async () => {
      const page = await refusedLogin();
      await page.submitLogin();
      await page.waitForOffer(ERROR);
      await page.focusOn(BEFORE_ERROR);
      await page.driver.press('Tab');
      await page.driver.press('Tab');
      await page.driver.press('Enter');
      await waitFor('the offer to go', async () => (await page.offerCount()) === 0);

      await page.open(refusedLoginUrl(browser));
      await page.submitLogin();
      // The badge is set once the background has decided about the offer.
      await badgeShown(page);
      expect(await page.offerCount()).toBe(0);
    });

    test('switched off in the options: no offer anywhere, the badge still says an error is shown', async () => {
      const options = await openOptionsPage(browser);
      await options.setOfferHelp(false);
      try {
        const page = await refusedLogin();
        await page.submitLogin();
        expect(await badgeShown(page)).toEqual({ badge: '!', title: badgeTitle });
        expect(await page.offerCount()).toBe(0);
      } finally {
        await options.setOfferHelp(true);
      }
    });

    test('an error text full of markup stays text; the page cannot restyle or move the offer; the offer adds no axe violation', async () => {
      const page = await refusedLogin(true);
      // The replica's own violations, before any error or offer (its ClaudIA button's contrast).
      const pageOwn = await page.axeViolations(AXE_SOURCE);
      await page.submitLogin();
      await page.waitForOffer(ERROR);
      expect(await page.pwned()).toBeNull();
      expect(await page.countOf('img[src="x"], b')).toBe(0);

      await page.restyleAndMoveOffer();
      await waitFor('the offer put back beside the error', async () => {
        const placement = await page.placement(ERROR);
        return placement.afterError && placement.display === 'block';
      });
      expect(await page.placement(ERROR)).toMatchObject({ count: 1, afterError: true, position: 'absolute', overlapsError: false });

      const violations = await page.axeViolations(AXE_SOURCE);
      expect(violations, violations.map((v) => `${v.id}: ${v.help}\n  ${v.nodes.join('\n  ')}`).join('\n')).toEqual(pageOwn);
    });
  });
}
