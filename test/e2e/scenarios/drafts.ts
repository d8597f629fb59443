/**
 * Drafts, the same steps in every browser: what is typed in the request form is saved as it is
 * typed; closing the sidebar or reloading the page loses nothing (the sidebar reopens on the
 * draft, and says so); "Discard draft" returns to a fresh pre-fill; a closed tab's draft is
 * listed in History → Drafts and reopens into the request of another tab's sidebar.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { translatorFor } from '../../support/i18n';
import type { BrowserUnderTest } from '../pages/drivers';
import { invoicePageUrl, PortalPage } from '../pages/portal-page';
import type { SidebarPage } from '../pages/sidebar-page';
import type { E2ESession } from '../support/session';
import { waitFor } from '../support/wait';

export function draftsSuite(session: E2ESession) {
  describe('drafts', () => {
    let browser: BrowserUnderTest;
    let t: ReturnType<typeof translatorFor>;
    let invoicePage: string;

    beforeAll(() => {
      browser = session.browser;
      t = translatorFor(browser.uiLocale);
      invoicePage = invoicePageUrl(browser);
    });

    async function requestPart(sidebar: SidebarPage): Promise<void> {
      await sidebar.showPart('request');
      await waitFor('the pre-filled request', async () => (await sidebar.fieldValue('request-invoiceNumber')) === 'F2026-0042');
    }

    /** The sidebar opened again on a tab with a draft: it shows the request, the draft in it. */
    async function restoredTitle(sidebar: SidebarPage, expected: string): Promise<void> {
      await waitFor('the draft restored in the request', async () => (await sidebar.selectedPart()) === 'request' && (await sidebar.fieldValue('request-title')) === expected);
    }

    test('typed text is back after closing the sidebar; "Discard draft" returns to a fresh pre-fill', async () => {
      const tab = await browser.newTab();
      const portal = new PortalPage(tab);
      await portal.open(invoicePage);
      let sidebar = await portal.openSidebarFresh();
      await requestPart(sidebar);
      const prefilledTitle = await sidebar.fieldValue('request-title');
      await sidebar.typeInto(tab, 'request-title', 'Brouillon ferme');
      // Each key is handled by the sidebar's own process once the browser has passed it on.
      await waitFor('the typed title in the field', async () => (await sidebar.fieldValue('request-title')) === 'Brouillon ferme');
      expect(await sidebar.waitForDraftSaved('Brouillon ferme')).toMatch(/\d/);

      await sidebar.clickClose();
      await portal.waitForNoSidebar();
      sidebar = await portal.openSidebarFresh();
      await restoredTitle(sidebar, 'Brouillon ferme');
      expect(await sidebar.draftNotice()).toContain(t('draftDiscard'));
      // The files came back with the fields: the screenshot is still attached.
      expect(await sidebar.text('preview')).toContain('capture-');

      await sidebar.discardDraft();
      await waitFor('a fresh pre-fill', async () => (await sidebar.fieldValue('request-title')) === prefilledTitle);
      expect(await sidebar.draftNotice()).toBe('');

      // Discarded for good: the next opening is a fresh pre-fill on the help part.
      await sidebar.clickClose();
      await portal.waitForNoSidebar();
      sidebar = await portal.openSidebarFresh();
      expect(await sidebar.selectedPart()).toBe('help');
      await tab.close();
    });

    test('typed text is back after reloading the page', async () => {
      const tab = await browser.newTab();
      const portal = new PortalPage(tab);
      await portal.open(invoicePage);
      let sidebar = await portal.openSidebarFresh();
      await requestPart(sidebar);
      await sidebar.typeInto(tab, 'request-title', 'Avant rechargement');
      await sidebar.waitForDraftSaved('Avant rechargement');

      await portal.open(invoicePage);
      expect(await portal.hasSidebarHost()).toBe(false);
      sidebar = await portal.openSidebarFresh();
      await restoredTitle(sidebar, 'Avant rechargement');
      await sidebar.discardDraft();
      await waitFor('a fresh pre-fill', async () => (await sidebar.draftNotice()) === '');
      await tab.close();
    });

    test("a closed tab's draft is listed in History → Drafts and reopens into this tab's request", async () => {
      const closing = await browser.newTab();
      const first = new PortalPage(closing);
      await first.open(invoicePage);
      const before = await first.openSidebarFresh();
      await requestPart(before);
      await before.typeInto(closing, 'request-title', 'Onglet ferme');
      await before.waitForDraftSaved('Onglet ferme');
      await closing.close();

      const tab = await browser.newTab();
      const portal = new PortalPage(tab);
      await portal.open(invoicePage);
      const sidebar = await portal.openSidebarFresh();
      await sidebar.showPart('history');
      const listed = await waitFor('the closed tab’s draft in History → Drafts', async () => {
        const found = (await sidebar.listedDrafts()).find((draft) => draft.title === 'Onglet ferme');
        if (!found) await sidebar.reshowHistory();
        return found;
      });

      await sidebar.reopenDraft(listed.id);
      await restoredTitle(sidebar, 'Onglet ferme');
      expect(await sidebar.draftNotice()).toContain(t('draftDiscard'));
      await sidebar.showPart('history');
      await waitFor('the reopened draft no longer listed', async () => !(await sidebar.listedDrafts()).some((draft) => draft.id === listed.id));

      await sidebar.showPart('request');
      await sidebar.discardDraft();
      await waitFor('a fresh pre-fill', async () => (await sidebar.draftNotice()) === '');
      await tab.close();
    });
  });
}
