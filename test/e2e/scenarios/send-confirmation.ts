/**
 * The last confirmation before Send: a Send pressed less than a moment after the sidebar came
 * into sight, or made by a script rather than a person, asks first in the sidebar, and nothing
 * reaches the backend until the user confirms; a person who opens the sidebar, fills the
 * request and clicks Send (real clicks of the browser, trusted) sends at once.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { SEND_SETTLE_MS } from '../../../src/report/send-confirmation';
import { translatorFor } from '../../support/i18n';
import type { BrowserUnderTest } from '../pages/drivers';
import { openInvoicePageWithSidebar } from '../pages/portal-page';
import { useBackend } from '../support/backend';
import type { E2ESession } from '../support/session';
import { waitFor } from '../support/wait';

export function sendConfirmationSuite(session: E2ESession) {
  describe('the last confirmation before Send', () => {
    const backend = useBackend(session);
    let browser: BrowserUnderTest;
    let t: ReturnType<typeof translatorFor>;

    beforeAll(() => {
      browser = session.browser;
      t = translatorFor(browser.uiLocale);
    });

    /** The invoice page with its sidebar on a complete request. */
    async function completeRequest(title: string) {
      const opened = await openInvoicePageWithSidebar(browser);
      const { sidebar } = opened;
      await sidebar.showPart('request');
      await waitFor('the pre-filled request', async () => (await sidebar.fieldValue('request-invoiceNumber')) === 'F2026-0042');
      await sidebar.fill('request-email', 'jean.dupont@exemple.fr');
      await sidebar.fill('request-title', title);
      await waitFor('the request to be complete', async () => (await sidebar.text('preview-state')) === t('requestPreviewValid'));
      return opened;
    }

    test('Send clicked right as the sidebar comes back into sight asks first; nothing is sent until the user confirms', { timeout: 90_000 }, async () => {
      const title = `Confirmée après la reprise (${browser.name})`;
      const { tab, portal, sidebar } = await completeRequest(title);
      // A retake takes the sidebar out of sight and puts it back: the moment starts again then.
      await portal.noteWhenSidebarShown();
      await sidebar.clickScreenshotButton('retake');
      const shownAt = await waitFor('the sidebar back in sight', () => portal.sidebarShownAt());
      await sidebar.clickSendAtOnce(tab, 'backend');
      const clickedBy = Date.now();
      // What this test is about: the click came within the moment (an upper bound on its delay).
      expect(clickedBy - shownAt).toBeLessThan(SEND_SETTLE_MS);

      const confirmation = await waitFor('the confirmation', () => sidebar.sendConfirmation());
      expect(confirmation).toEqual({ text: expect.stringContaining(t('requestConfirmBackend')), focused: true });
      expect(await sidebar.text('send-outcome')).toBe('');
      expect(backend.server.count('requests')).toBe(0);

      await sidebar.confirmSend(tab);
      const outcome = await sidebar.sendOutcome();
      expect(outcome).toBe(t('requestSentBackend', [/CPH-\d{4}-\d{6}/.exec(outcome)?.[0] ?? 'no reference']));
      expect(backend.server.count('requests')).toBe(1);
      expect(await sidebar.sendConfirmation()).toBeNull();

      // Back in sight for a moment now: the next Send goes at once (the same request, sent again).
      await waitFor('a moment in sight', () => Date.now() - shownAt > SEND_SETTLE_MS);
      await sidebar.clickSendAtOnce(tab, 'backend');
      await waitFor('the second request stored', () => backend.server.count('requests') === 2);
      expect(await sidebar.sendConfirmation()).toBeNull();
      await tab.close();
    });

    test('a person who fills the request and clicks Send a moment after opening sends at once', async () => {
      const title = `Envoyée sans confirmation (${browser.name})`;
      const { tab, sidebar } = await completeRequest(title);
      const before = backend.server.count('requests');
      await sidebar.clickSend(tab, 'backend');
      const outcome = await sidebar.sendOutcome();
      expect(outcome).toBe(t('requestSentBackend', [/CPH-\d{4}-\d{6}/.exec(outcome)?.[0] ?? 'no reference']));
      expect(await sidebar.sendConfirmation()).toBeNull();
      expect(backend.server.count('requests')).toBe(before + 1);
      await tab.close();
    });

    test('a Send made by a script, not a person, asks first whatever the time; cancelled, nothing is sent', async () => {
      const title = `Envoi par un script (${browser.name})`;
      const { tab, sidebar } = await completeRequest(title);
      await sidebar.waitPastOpeningMoment();
      const before = backend.server.count('requests');
      await sidebar.scriptClick('[data-testid="send-backend"]');
      expect(await waitFor('the confirmation', () => sidebar.sendConfirmation())).toMatchObject({ focused: true });
      await sidebar.scriptClick('[data-testid="send-confirm-cancel"]');
      await waitFor('the confirmation gone', async () => (await sidebar.sendConfirmation()) === null);
      expect(await sidebar.text('send-outcome')).toBe('');
      expect(backend.server.count('requests')).toBe(before);
      await tab.close();
    });
  });
}
