/**
 * Technical details (script errors, failed requests), the same steps in every browser: off by
 * default — nothing is noted and nothing of ours runs in the page's own world —; switched on in
 * the options, a portal page whose scripts fail shows each failure in "What was read on the page", with
 * no query string, and each can be removed before sending.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { BrowserUnderTest, TabDriver } from '../pages/drivers';
import { openOptionsPage, type OptionsPage } from '../pages/options-page';
import { PortalPage } from '../pages/portal-page';
import type { SidebarPage } from '../pages/sidebar-page';
import type { E2ESession } from '../support/session';
import { waitFor } from '../support/wait';

const SCRIPT_ERROR = 'Échec du chargement du tableau des flux';

export function technicalDetailsSuite(session: E2ESession) {
  describe('technical details (opt-in)', () => {
    let browser: BrowserUnderTest;
    let options: OptionsPage;

    /** Opens the failing page, waits until its scripts are done failing, then opens the sidebar. */
    async function sidebarOnFailingPage(): Promise<{ tab: TabDriver; sidebar: SidebarPage }> {
      const tab = await browser.newTab();
      const portal = new PortalPage(tab);
      await portal.open(`${browser.origin('chorus-pro.gouv.fr')}/cpp/synthese-flux`);
      await waitFor('the page to give up loading its table', () => tab.evaluate(() => document.getElementById('flux-etat')!.dataset.termine === 'oui'));
      return { tab, sidebar: await portal.openSidebarFresh() };
    }

    beforeAll(async () => {
      browser = session.browser;
      options = await openOptionsPage(browser);
    });

    afterAll(async () => {
      await options?.setTechnicalDetails(false);
    });

    test('off by default: nothing is noted, and the page keeps its own fetch', async () => {
      expect(await options.registeredPageScripts()).toEqual([]);
      const { tab, sidebar } = await sidebarOnFailingPage();
      expect(await tab.evaluate(() => Function.prototype.toString.call(window.fetch))).toMatch(/\[native code\]/);
      // The path is followed live: once the page step is there, the details would be too.
      await waitFor('the page in the path', async () => (await sidebar.capturedValues('path')).some((line) => line.includes('Synthèse des flux')));
      expect(await sidebar.capturedValues('technical')).toEqual([]);
    });

    test('switched on: each failure is listed without its query, and can be removed before sending', async () => {
      await options.setTechnicalDetails(true);
      const { sidebar } = await sidebarOnFailingPage();
      const noAnswer = browser.uiLocale === 'fr' ? 'pas de réponse' : 'no answer';
      const origin = browser.origin('chorus-pro.gouv.fr');
      const expected = [
        `GET ${origin}/cpp/api/flux → 500`,
        `GET ${origin}/cpp/api/introuvable → 404`,
        `GET https://chorus-pro.gouv.fr:1/cpp/api/indisponible → ${noAnswer}`,
        SCRIPT_ERROR,
        'Uncaught (in promise) TypeError',
      ];
      let values: string[] = [];
      await waitFor('every failure in "What was read on the page"', async () => {
        values = await sidebar.capturedValues('technical');
        return expected.every((part) => values.some((value) => value.includes(part)));
      }).catch((error: Error) => {
        throw new Error(`${error.message}; listed: ${JSON.stringify(values)}`);
      });
      expect(values).toHaveLength(5);
      expect(values.find((value) => value.includes(SCRIPT_ERROR))).toMatch(/\/assets\/synthese-flux\.js:\d+:\d+/);
      // Queries (a SIRET, a session token) and other sites are never noted.
      for (const value of values) expect(value).not.toMatch(/siret=|jeton|numero=|autre-site/);

      await sidebar.showPart('request');
      const previewed = () => sidebar.frameEvaluate(() => [...document.querySelectorAll('[data-testid="preview-diagnostic"] span')].map((span) => span.textContent));
      await waitFor('the technical details in the preview', async () => (await previewed()).length === 5);
      const removedId = await sidebar.frameEvaluate(() => document.querySelector<HTMLElement>('[data-testid="captured"] [data-item^="technical:"]')!.dataset.item!);
      await sidebar.removeItem(removedId);
      await waitFor('the removed detail out of the preview', async () => (await previewed()).length === 4);
    });
  });
}
