/**
 * Keyboard only: after the toolbar click, nothing but key presses — Tab to move, the arrow to
 * reach the Request part, typing, Enter to press Send — fill the required fields and send the
 * request to the real reference backend, where it lands once in SQLite.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { translatorFor } from '../../support/i18n';
import type { BrowserUnderTest } from '../pages/drivers';
import { openInvoicePageWithSidebar } from '../pages/portal-page';
import { useBackend } from '../support/backend';
import type { E2ESession } from '../support/session';
import { waitFor } from '../support/wait';

export function keyboardSendSuite(session: E2ESession) {
  describe('keyboard only', () => {
    const backend = useBackend(session);
    let browser: BrowserUnderTest;
    let t: ReturnType<typeof translatorFor>;

    beforeAll(() => {
      browser = session.browser;
      t = translatorFor(browser.uiLocale);
    });

    test('from the toolbar click, only key presses fill the required fields and send; the request lands once', async () => {
      const { tab, sidebar } = await openInvoicePageWithSidebar(browser);

      await sidebar.pressUntilFocused(tab, 'Tab', '#tab-help');
      await tab.press('ArrowRight');
      await waitFor('the request part', async () => (await sidebar.selectedPart()) === 'request');
      await waitFor('the pre-filled request', async () => (await sidebar.fieldValue('request-invoiceNumber')) === 'F2026-0042');

      // The only required field the page and the (empty) profile leave blank.
      await sidebar.pressUntilFocused(tab, 'Tab', '#request-email');
      for (const key of 'jean.dupont@exemple.fr') await tab.press(key);
      await waitFor('the request to be complete', async () => (await sidebar.text('preview-state')) === t('requestPreviewValid'));

      await sidebar.pressUntilFocused(tab, 'Tab', '[data-testid="send-backend"]');
      await sidebar.waitPastOpeningMoment();
      await tab.press('Enter');
      const outcome = await sidebar.sendOutcome();
      const reference = /CPH-\d{4}-\d{6}/.exec(outcome)?.[0];
      expect(outcome).toBe(t('requestSentBackend', [reference ?? 'no reference']));
      expect(backend.server.count('requests')).toBe(1);
      const stored = backend.server.database().prepare('SELECT reference, title FROM requests').all() as { reference: string; title: string }[];
      expect(stored).toEqual([{ reference, title: await sidebar.fieldValue('request-title') }]);
      await tab.close();
    });
  });
}
