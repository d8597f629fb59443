/**
 * Keyboard only: after the toolbar click, nothing but key presses — Tab to move, the arrow to
 * reach the Request part, typing, Enter to press Send — fill the required fields and send the
 * request to the real reference backend, where it lands once in SQLite.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startServer, type TestServer } from '../../unit/server/harness';
import { translatorFor } from '../../unit/support/i18n';
import { AboutPage, openAboutPage } from '../pages/about-page';
import type { BrowserUnderTest } from '../pages/drivers';
import { PortalPage } from '../pages/portal-page';
import type { E2ESession } from '../support/session';
import { waitFor } from '../support/wait';

export function keyboardSendSuite(session: E2ESession) {
  describe('keyboard only', () => {
    let browser: BrowserUnderTest;
    let server: TestServer;
    let t: ReturnType<typeof translatorFor>;

    beforeAll(async () => {
      browser = session.browser;
      t = translatorFor(browser.uiLocale);
      server = await startServer();
      const about = new AboutPage(await openAboutPage(browser));
      await about.setChannelSettings({ channel: 'backend', backendUrl: server.baseUrl, token: '' });
    });

    afterAll(async () => {
      await server?.close();
    });

    test('from the toolbar click, only key presses fill the required fields and send; the request lands once', async () => {
      const tab = await browser.newTab();
      const portal = new PortalPage(tab);
      await portal.open(`${browser.origin('chorus-pro.gouv.fr')}/cpp/facture?numero=F2026-0042`);
      const sidebar = await portal.openSidebarFresh();

      await sidebar.pressUntilFocused(tab, 'Tab', '#tab-help');
      await tab.press('ArrowRight');
      await waitFor('the request part', async () => (await sidebar.selectedPart()) === 'request');
      await waitFor('the pre-filled request', async () => (await sidebar.fieldValue('request-invoiceNumber')) === 'F2026-0042');

      // The only required field the page and the (empty) profile leave blank.
      await sidebar.pressUntilFocused(tab, 'Tab', '#request-email');
      for (const key of 'jean.dupont@exemple.fr') await tab.press(key);
      await waitFor('the request to be complete', async () => (await sidebar.text('preview-state')) === t('requestPreviewValid'));

      await sidebar.pressUntilFocused(tab, 'Tab', '[data-testid="send-backend"]');
      await tab.press('Enter');
      const outcome = await waitFor('the send outcome', async () => (await sidebar.text('send-outcome')) || undefined);
      const reference = /CPH-\d{4}-\d{6}/.exec(outcome)?.[0];
      expect(outcome).toBe(t('requestSentBackend', [reference ?? 'no reference']));
      expect(server.count('requests')).toBe(1);
      const stored = server.database().prepare('SELECT reference, title FROM requests').all() as { reference: string; title: string }[];
      expect(stored).toEqual([{ reference, title: await sidebar.fieldValue('request-title') }]);
      await tab.close();
    });
  });
}
