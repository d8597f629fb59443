/**
 * Hostile pages, the same steps in every browser: pages too big, text meant to confuse, a page
 * that fights the sidebar (removes or covers it), forges protocol messages, or replaces the
 * built-ins before any extension script runs, and sites that only look like the portal. The
 * extension keeps working where it should, runs nowhere else, and nothing from the page runs
 * with the extension.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { LOOKALIKE_HOSTS } from '../../support/portal-server';
import { AboutPage, openAboutPage, type TabProbe } from '../pages/about-page';
import type { BrowserUnderTest } from '../pages/drivers';
import { HostilePortalPage, PortalPage } from '../pages/portal-page';
import type { SidebarPage } from '../pages/sidebar-page';
import type { E2ESession } from '../support/session';
import { waitFor } from '../support/wait';

/** Protocol messages as a page would forge them (the same as test/fixtures/portal/assets/hostile.js posts). */
const FORGED = [
  { type: 'sidebar/close' },
  { type: 'sidebar/load' },
  { type: 'requests/retry' },
  { type: 'request/send', send: { channel: 'backend', request: { title: 'FORGÉ dans le panneau' }, files: [] } },
  { type: 'trail/changed', trail: [{ kind: 'error', at: 1, text: 'FORGÉ dans le panneau' }] },
];

/** Opens the sidebar with a toolbar click and says how long it took to show the page's facts. */
async function timedSidebar(portal: PortalPage): Promise<{ sidebar: SidebarPage; ms: number }> {
  const started = Date.now();
  const sidebar = await portal.openSidebarFresh();
  return { sidebar, ms: Date.now() - started };
}

async function errorsShown(sidebar: SidebarPage): Promise<string[]> {
  return waitFor('the captured errors', async () => {
    const values = await sidebar.capturedValues('errors');
    return values.length > 0 ? values : undefined;
  });
}

export function hostileSuite(session: E2ESession) {
  describe('hostile pages', () => {
    let browser: BrowserUnderTest;

    beforeAll(() => {
      browser = session.browser;
    });

    const open = async <T extends PortalPage>(path: string, Page: new (driver: Awaited<ReturnType<BrowserUnderTest['newTab']>>) => T): Promise<T> => {
      const page = new Page(await browser.newTab());
      await page.open(`${browser.origin('chorus-pro.gouv.fr')}${path}`);
      return page;
    };

    test('1 MB of text: the sidebar opens, with the error and the invoice number found among it', async () => {
      const portal = await open('/cpp/texte-enorme', PortalPage);
      const length = await waitFor('the page text written', () => portal.driver.evaluate(() => (document.getElementById('volume')!.dataset.pret ? document.body.textContent!.length : 0)));
      expect(length).toBeGreaterThan(1_000_000);
      const { sidebar, ms } = await timedSidebar(portal);
      console.info(`1 MB of text (${browser.name}): click → sidebar showing the page facts in ${ms} ms`);
      expect(await errorsShown(sidebar)).toContain('Erreur : le relevé dépasse la taille autorisée pour la facture F2026-0101. (code VOL_001)');
      expect(await sidebar.capturedValues('invoices')).toContain('F2026-0101');
      // Shown from the extension's own object URL of the image bytes, never from page markup.
      expect(await sidebar.screenshotThumbnailSrc()).toMatch(/^blob:(chrome|moz)-extension:\/\//);
      expect(await sidebar.screenshotDataUrl()).toMatch(/^data:image\/(png|jpeg);base64,/);
    });

    test('a document of 50,000 elements: the sidebar opens, and the page is captured', async () => {
      const portal = await open('/cpp/dom-geant', PortalPage);
      const elements = await waitFor('the elements written', () => portal.driver.evaluate(() => (document.getElementById('volume')!.dataset.pret ? document.getElementsByTagName('*').length : 0)));
      expect(elements).toBeGreaterThanOrEqual(50_000);
      const { sidebar, ms } = await timedSidebar(portal);
      console.info(`${elements} elements (${browser.name}): click → sidebar showing the page facts in ${ms} ms`);
      expect(await errorsShown(sidebar)).toContain('Erreur : la liste est trop longue pour être affichée en entier, facture F2026-0102. (code DOM_050)');
      expect(await sidebar.capturedValues('invoices')).toContain('F2026-0102');
      // Shown from the extension's own object URL of the image bytes, never from page markup.
      expect(await sidebar.screenshotThumbnailSrc()).toMatch(/^blob:(chrome|moz)-extension:\/\//);
      expect(await sidebar.screenshotDataUrl()).toMatch(/^data:image\/(png|jpeg);base64,/);
    });

    test('right-to-left text, direction overrides, emoji and control characters are shown literally, as text', async () => {
      const portal = await open('/cpp/erreur-unicode', PortalPage);
      const onPage = await portal.driver.evaluate(() => ({
        error: document.getElementById('message-unicode')!.innerText.replace(/\s+/g, ' ').trim(),
        title: document.title,
      }));
      const { sidebar } = await timedSidebar(portal);
      const [error] = await errorsShown(sidebar);
      // Every character as the page shows it to the user (its innerText: Chromium keeps the
      // direction overrides, isolates, BEL and ESC there; Firefox leaves the invisible ones out).
      expect(error).toBe(onPage.error);
      for (const piece of ['erutcaf al', 'فاتورة مرفوضة', 'חשבונית נדחתה', '👨‍👩‍👧‍👦', '🇫🇷', '👩🏽‍💻', '[31mrouge', 'isolé', '(code UNI_001)']) {
        expect(error).toContain(piece);
      }
      expect(await sidebar.text('page-title')).toBe(onPage.title);
      expect(onPage.title).toContain('\u202Eorp-surohc\u202C فاتورة 🇫🇷 👩🏽‍💻');
      expect(await sidebar.injectedElementCount()).toBe(0);
      // The override is the page's text: it does not turn the sidebar's own words around.
      expect(await sidebar.frameEvaluate(() => getComputedStyle(document.body).direction)).toBe('ltr');
    });

    describe('a page that replaced the built-ins before the extension ran, and fights the sidebar', () => {
      let portal: HostilePortalPage;
      let sidebar: SidebarPage;

      beforeAll(async () => {
        portal = await open('/cpp/page-hostile', HostilePortalPage);
        await portal.click('#bouton-actualiser');
        sidebar = (await timedSidebar(portal)).sidebar;
      });

      test('the extension still works, in a closed shadow root, and never calls the page’s replacements', async () => {
        expect(await errorsShown(sidebar)).toContain("Erreur : le destinataire n'est pas actif pour le SIRET 11000201100044. Dépôt impossible. (code DP_ERR_042)");
        expect(await sidebar.capturedValues('invoices')).toContain('F2026-0104');
        await waitFor('the click in the path', async () => (await sidebar.capturedValues('path')).some((step) => step.includes('Actualiser')));
        // Shown from the extension's own object URL of the image bytes, never from page markup.
        expect(await sidebar.screenshotThumbnailSrc()).toMatch(/^blob:(chrome|moz)-extension:\/\//);
        expect(await sidebar.screenshotDataUrl()).toMatch(/^data:image\/(png|jpeg);base64,/);
        expect(await portal.sidebarShadowRootVisible()).toBe(false);
        // Nothing of the page ran from an extension script: no replaced built-in, no fake extension API.
        expect(await portal.report()).toEqual({ calls: [], leaked: 0, replies: [] });
      });

      test('forged messages posted to the page and into the sidebar frame do nothing', async () => {
        const before = await sidebar.requests();
        // The sidebar's frame is inside a closed shadow root: not even window.frames lists it,
        // so the page can post only to its own window (where the content script is).
        expect(await portal.forgeMessages()).toBe(1);
        // Whoever got hold of the sidebar's window: the same messages posted right into it.
        await sidebar.frameEvaluate((messages: unknown[]) => {
          for (const message of messages) {
            window.postMessage(message, '*');
            window.postMessage(JSON.stringify(message), '*');
          }
        }, FORGED);
        // A real step after the forged ones: once it is in the path, any forged one would be too.
        await portal.click('#bouton-verifier');
        await waitFor('the real click in the path', async () => (await sidebar.capturedValues('path')).some((step) => step.includes('Vérifier le destinataire')));
        expect((await sidebar.capturedValues('path')).filter((step) => step.includes('FORGÉ'))).toEqual([]);
        expect(await portal.hasSidebarHost()).toBe(true);
        expect(await sidebar.isLoaded()).toBe(true);
        expect(await sidebar.bodyText()).not.toContain('FORGÉ');
        expect(await sidebar.requests()).toEqual(before);
        expect(await portal.report()).toEqual({ calls: [], leaked: 0, replies: [] });
      });

      test('covered by the page’s own layer at the highest z-index: the sidebar stays on top, usable', async () => {
        const { width } = await portal.viewport();
        await portal.coverEverything();
        expect(await portal.topElementAt(width - 200, 300)).toBe('CHORUS-PRO-AIDE');
        // The page covered itself: that part is the page's business.
        expect(await portal.topElementAt(100, 300)).toBe('DIV');
      });

      test('removed by the page: closed at once (the page gets its own margin back), and the next click brings it back', async () => {
        await portal.removeSidebarHost();
        expect(await portal.hasSidebarHost()).toBe(false);
        await waitFor('the page to get its own margin back', async () => (await portal.rootMarginRight()) === '0px');
        await portal.driver.clickToolbar();
        const back = await portal.waitForSidebar();
        expect(await errorsShown(back)).toHaveLength(1);
        await portal.waitForPageNarrowed();
        await portal.driver.clickToolbar();
        await portal.waitForNoSidebar();
        expect(await portal.rootMarginRight()).toBe('0px');
      });
    });

    test('look-alike hosts: no content script, and the toolbar click only opens the about page', async () => {
      const about = new AboutPage(await openAboutPage(browser));
      const isAbout = (probe: TabProbe) => probe.url?.includes('/extension/about/') === true;
      for (const host of LOOKALIKE_HOSTS) {
        const tab = await browser.newTab();
        const lookalike = new PortalPage(tab);
        await lookalike.open(`${browser.origin(host)}/cpp/facture?numero=F2026-0042`);
        expect(await tab.evaluate(() => document.title)).toContain('Chorus Pro');
        const aboutTabs = (await about.probeTabs()).filter(isAbout).length;
        const captures = await about.storedCaptureKeys();

        await tab.clickToolbar();
        await waitFor(`a new about page for ${host}`, async () => (await about.probeTabs()).filter(isAbout).length === aboutTabs + 1);
        expect(await lookalike.hasSidebarHost()).toBe(false);
        expect(await about.storedCaptureKeys()).toEqual(captures);
        // The extension may not even read these tabs' address; none has our content script.
        expect((await about.probeTabs()).filter((probe) => probe.url === null && probe.contentScript)).toEqual([]);
      }
    });
  });
}
