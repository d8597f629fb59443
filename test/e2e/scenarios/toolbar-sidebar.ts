/**
 * The core gesture, the same steps in every browser: on a portal page a toolbar click takes a
 * screenshot and opens the help sidebar showing it; a second click, Escape or the close
 * button closes it; outside the portal the click opens the about page and captures nothing.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { AboutPage } from '../pages/about-page';
import type { BrowserUnderTest, TabDriver } from '../pages/drivers';
import { invoicePageUrl, PortalPage } from '../pages/portal-page';
import type { E2ESession } from '../support/session';
import { waitFor } from '../support/wait';

const PORTAL_HOSTS = new Set(['chorus-pro.gouv.fr', 'cpro.chorus-pro.gouv.fr', 'portail.chorus-pro.gouv.fr']);
const PORTAL_BLUE: [number, number, number] = [0, 0, 145];

const HEADINGS = { fr: "Assistant d'aide Chorus Pro", en: 'Chorus Pro help assistant' };

export function toolbarSidebarSuite(session: E2ESession) {
  let browser: BrowserUnderTest;
  let firstTab: TabDriver;

  beforeAll(async () => {
    browser = session.browser;
    firstTab = await browser.firstTab();
  });

  describe('where the extension runs', () => {
    test('its content script runs on both portal generations and nowhere else; outside the portal the click opens the about page and captures nothing', async () => {
      const classic = new PortalPage(firstTab);
      await classic.open(`${browser.origin('chorus-pro.gouv.fr')}/cpp/accueil`);
      const services = new PortalPage(await browser.newTab());
      await services.open(`${browser.origin('portail.chorus-pro.gouv.fr')}/?id=cpp_accueil`);
      const lookalike = new PortalPage(await browser.newTab());
      await lookalike.open(`${browser.origin('chorus-pro.gouv.fr.evil.test')}/cpp/accueil`);
      const otherTab = await browser.newTab();
      const other = new PortalPage(otherTab);
      await other.open(`${browser.origin('autre-site.test')}/`);

      await otherTab.clickToolbar();
      const aboutFrame = await waitFor('the about page', () => browser.extensionTab('extension/about/index.html'));
      const about = new AboutPage(aboutFrame);
      await waitFor('the about page text', async () => (await about.headingTexts()).every((text) => text.length > 0));
      expect(await about.lang()).toBe(browser.uiLocale);
      expect((await about.headingTexts())[0]).toBe(HEADINGS[browser.uiLocale]);
      expect(await other.hasSidebarHost()).toBe(false);
      expect(await about.storedCaptureKeys()).toEqual([]);

      const probes = await about.probeTabs();
      const hostOf = (probe: { url: string | null }) => (probe.url ? new URL(probe.url).hostname : null);
      const portalTabs = probes.filter((probe) => PORTAL_HOSTS.has(hostOf(probe) ?? ''));
      const otherTabs = probes.filter((probe) => !PORTAL_HOSTS.has(hostOf(probe) ?? ''));
      expect(portalTabs.map(hostOf).sort()).toEqual(['chorus-pro.gouv.fr', 'portail.chorus-pro.gouv.fr']);
      expect(portalTabs.every((probe) => probe.contentScript)).toBe(true);
      // The look-alike host and the other site (whose address the extension may not even read).
      expect(otherTabs.length).toBeGreaterThanOrEqual(2);
      expect(otherTabs.filter((probe) => probe.contentScript)).toEqual([]);
    });
  });

  describe('toolbar click on a portal page', () => {
    let portal: PortalPage;

    beforeAll(async () => {
      portal = new PortalPage(firstTab);
      await portal.open(invoicePageUrl(browser));
    });

    test('takes a screenshot of the page, then opens the sidebar showing it with the page and the browser', async () => {
      const viewport = await portal.viewport();
      const title = await firstTab.evaluate(() => document.title);
      const sidebar = await portal.openSidebarFresh();

      expect(await sidebar.lang()).toBe(browser.uiLocale);
      expect(await sidebar.headingText()).toBe(HEADINGS[browser.uiLocale]);
      expect(await sidebar.text('page-title')).toBe(title);
      expect(await sidebar.text('page-url')).toBe(firstTab.url());
      expect(await sidebar.browserLine()).toContain(` ${browser.version} `);

      const pixels = await sidebar.screenshotPixels(Math.round(10 * viewport.dpr), Math.round(10 * viewport.dpr));
      expect([pixels.width, pixels.height]).toEqual([Math.round(viewport.width * viewport.dpr), Math.round(viewport.height * viewport.dpr)]);
      // The portal's blue header band is at the top left of the picture: it is this page.
      pixels.sample.forEach((channel, i) => expect(Math.abs(channel - PORTAL_BLUE[i]!)).toBeLessThanOrEqual(3));
      expect(pixels.distinctColours).toBeGreaterThan(4);
    });

    test('keeps the page usable beside the sidebar', async () => {
      await portal.openSidebarFresh();
      await portal.waitForPageNarrowed();
      // The left part of the page is still the page, not the sidebar.
      expect(await firstTab.evaluate(() => document.elementFromPoint(200, 300)?.tagName ?? '')).not.toBe('CHORUS-PRO-AIDE');
      await portal.click('#facture-commentaire');
      expect(await portal.activeElementId()).toBe('facture-commentaire');
    });

    test('opens the screenshot full size; Escape closes only that view', async () => {
      const sidebar = await portal.openSidebarFresh();
      const viewport = await portal.viewport();
      const full = await sidebar.openFullSize();
      expect(full.naturalWidth).toBe(Math.round(viewport.width * viewport.dpr));
      expect(full.renderedWidth).toBeGreaterThan(400);
      await firstTab.press('Escape');
      await waitFor('the full-size view to close', async () => !(await sidebar.isFullSizeOpen()));
      expect(await portal.hasSidebarHost()).toBe(true);
    });

    test('a second click closes the sidebar and gives the page its width back', async () => {
      await portal.openSidebarFresh();
      await firstTab.clickToolbar();
      await portal.waitForNoSidebar();
      expect(await portal.rootMarginRight()).toBe('0px');
    });

    test('Escape in the sidebar closes it and returns focus to where it was on the page', async () => {
      if (await portal.hasSidebarHost()) {
        await firstTab.clickToolbar();
        await portal.waitForNoSidebar();
      }
      await portal.click('#facture-commentaire');
      await portal.openSidebarFresh();
      await firstTab.press('Escape');
      await portal.waitForNoSidebar();
      expect(await portal.activeElementId()).toBe('facture-commentaire');
    });

    test('Escape on the page closes it', async () => {
      await portal.openSidebarFresh();
      await portal.click('#facture-commentaire');
      await firstTab.press('Escape');
      await portal.waitForNoSidebar();
    });

    test('the close button closes it', async () => {
      const sidebar = await portal.openSidebarFresh();
      await sidebar.clickClose();
      await portal.waitForNoSidebar();
    });

    test('after the browser stopped the background, as it does after 30 s without an event, the click starts it again: the same path, a new screenshot', async () => {
      // The tests before may leave the page scrolled, or a field focused that the sidebar gives the
      // focus back to on closing (which scrolls it into view): the screenshot's top would not be
      // the header's.
      await firstTab.evaluate(() => {
        (document.activeElement as HTMLElement | null)?.blur();
        window.scrollTo(0, 0);
      });
      let sidebar = await portal.openSidebarFresh();
      let before: string[] = [];
      await waitFor('the page in the path', async () => (before = await sidebar.capturedValues('path')).length > 0);
      await firstTab.clickToolbar();
      await portal.waitForNoSidebar();

      await browser.stopBackground();
      sidebar = await portal.openSidebarFresh();
      expect(await sidebar.text('page-url')).toBe(firstTab.url());
      const viewport = await portal.viewport();
      const pixels = await sidebar.screenshotPixels(Math.round(10 * viewport.dpr), Math.round(10 * viewport.dpr));
      expect([pixels.width, pixels.height]).toEqual([Math.round(viewport.width * viewport.dpr), Math.round(viewport.height * viewport.dpr)]);
      pixels.sample.forEach((channel, i) => expect(Math.abs(channel - PORTAL_BLUE[i]!)).toBeLessThanOrEqual(3));
      // The path was kept in storage, not in the stopped background's memory.
      let after: string[] = [];
      await waitFor('the path shown again', async () => (after = await sidebar.capturedValues('path')).length >= before.length).catch((error: Error) => {
        throw new Error(`${error.message}; path before: ${JSON.stringify(before)}, after: ${JSON.stringify(after)}`);
      });
      expect(after).toEqual(before);
    });

    test('works on the services portal too', async () => {
      const services = new PortalPage(firstTab);
      await services.open(`${browser.origin('portail.chorus-pro.gouv.fr')}/?id=cpp_erreur`);
      const sidebar = await services.openSidebarFresh();
      expect(await sidebar.text('page-url')).toBe(firstTab.url());
      const pixels = await sidebar.screenshotPixels(10, 10);
      expect(pixels.distinctColours).toBeGreaterThan(4);
    });
  });
}
