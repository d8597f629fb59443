/**
 * History, the same steps in every browser: a request sent to the real reference backend is
 * listed with its reference; an agent changes its status in the server's database (as the
 * agent console does) and opening History shows the new status; everything exports as JSON;
 * erasing (confirmed) empties it. A request the server has passed on to the organisation's
 * helpdesk shows as such.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { validRequest } from '../../support/request-fixture';
import { translatorFor } from '../../support/i18n';
import type { BrowserUnderTest } from '../pages/drivers';
import { openInvoicePageWithSidebar } from '../pages/portal-page';
import { useBackend } from '../support/backend';
import type { E2ESession } from '../support/session';
import { waitFor } from '../support/wait';

export function historySuite(session: E2ESession) {
  describe('history', () => {
    const backend = useBackend(session);
    let browser: BrowserUnderTest;
    let t: ReturnType<typeof translatorFor>;

    beforeAll(() => {
      browser = session.browser;
      t = translatorFor(browser.uiLocale);
    });

    test('a status changed on the server shows when History is opened; export as JSON; erase after confirming', async () => {
      const { tab, sidebar } = await openInvoicePageWithSidebar(browser);
      const outcome = (await sidebar.send('backend', validRequest({ title: 'Statut suivi depuis le support' }), [])) as { status: string; reference: string };
      expect(outcome.status).toBe('delivered');

      // An agent takes the request on, in the server's own database.
      const changed = backend.server.database().prepare("UPDATE requests SET status = 'in_progress', updated_at = ? WHERE reference = ?").run(new Date().toISOString(), outcome.reference);
      expect(changed.changes).toBe(1);

      await sidebar.showPart('history');
      const entry = await waitFor('the new status in History', async () =>
        (await sidebar.historyLines()).find((shown) => shown.reference === outcome.reference && shown.status === 'in_progress'),
      );
      expect(entry).toMatchObject({ title: 'Statut suivi depuis le support', statusText: t('historyStatus', [t('historyStatusInProgress')]) });
      // Stored, not only shown: the background's list has it too.
      expect((await sidebar.requests()).sent.find((sent) => sent.reference === outcome.reference)?.status).toBe('in_progress');

      const exported = await sidebar.exportHistory();
      expect(exported.fileName).toMatch(/^demandes-chorus-pro-\d{4}-\d{2}-\d{2}\.json$/);
      const document = JSON.parse(exported.json) as { format: string; requests: { reference?: string; status: string }[] };
      expect(document.format).toBe('chorus-pro-help/history');
      expect(document.requests.find((request) => request.reference === outcome.reference)?.status).toBe('in_progress');

      await sidebar.eraseHistory();
      await waitFor('History erased', async () => (await sidebar.historyLines()).every((shown) => shown.status === 'queued' || shown.status === 'failed'));
      expect((await sidebar.requests()).sent).toEqual([]);
      // The server keeps what it received: erasing is local.
      expect(backend.server.count('requests')).toBe(1);
      await tab.close();
    });

    test('a request the server passed on to the helpdesk shows as forwarded to support', async () => {
      const { tab, sidebar } = await openInvoicePageWithSidebar(browser);
      const outcome = (await sidebar.send('backend', validRequest({ title: 'Transmise au support' }), [])) as { status: string; reference: string };
      expect(outcome.status).toBe('delivered');

      // The server's forwarding outbox says the helpdesk has it, as its worker records it.
      const now = new Date().toISOString();
      const forwarded = backend.server
        .database()
        .prepare("INSERT INTO forwarding_outbox (request_id, target, state, attempts, next_attempt_at, updated_at) SELECT id, 'email', 'delivered', 1, ?, ? FROM requests WHERE reference = ?")
        .run(now, now, outcome.reference);
      expect(forwarded.changes).toBe(1);

      await sidebar.showPart('history');
      const entry = await waitFor('the forwarded status in History', async () =>
        (await sidebar.historyLines()).find((shown) => shown.reference === outcome.reference && shown.status === 'forwarded'),
      );
      expect(entry).toMatchObject({ title: 'Transmise au support', statusText: t('historyStatus', [t('historyStatusForwarded')]) });
      await tab.close();
    });
  });
}
