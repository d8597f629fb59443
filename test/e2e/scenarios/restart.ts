/**
 * The browser closed and started again on the same profile, the same steps in every browser:
 * with the support backend down, a draft is being written in one tab and a request sent from
 * another waits in the outbox; the browser closes (its process ends); the backend comes back;
 * the browser starts again on the same profile. The request reaches the backend once (rows
 * counted in its SQLite) with nobody pressing anything, and the draft is in History → Drafts,
 * its text intact.
 *
 * Run last: the browser the other suites use is replaced by the restarted one.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, describe, expect, test } from 'vitest';
import { createServer } from '../../../server/app';
import { translatorFor } from '../../support/i18n';
import type { BrowserUnderTest } from '../pages/drivers';
import { invoicePageUrl, PortalPage } from '../pages/portal-page';
import type { SidebarPage } from '../pages/sidebar-page';
import { useBackend } from '../support/backend';
import type { E2ESession } from '../support/session';
import { waitFor } from '../support/wait';

export function restartSuite(session: E2ESession) {
  describe('the browser restarted on the same profile', () => {
    const backend = useBackend(session);
    let revived: FastifyInstance | undefined;

    afterAll(async () => {
      await revived?.close();
    });

    const rows = (title: string) => (backend.server.database().prepare('SELECT count(*) AS n FROM requests WHERE title = ?').get(title) as { n: number }).n;

    async function requestOn(browser: BrowserUnderTest): Promise<{ portal: PortalPage; sidebar: SidebarPage }> {
      const portal = new PortalPage(await browser.newTab());
      await portal.open(invoicePageUrl(browser));
      const sidebar = await portal.openSidebarFresh();
      await sidebar.showPart('request');
      await waitFor('the pre-filled request', async () => (await sidebar.fieldValue('request-invoiceNumber')) === 'F2026-0042');
      return { portal, sidebar };
    }

    test('backend down: the draft and the waiting request survive the restart; the request is delivered once, by itself', async () => {
      const browser = session.browser;
      const t = translatorFor(browser.uiLocale);
      const draftTitle = `Brouillon avant redémarrage (${browser.name})`;
      const sentTitle = `Envoyée avant redémarrage (${browser.name})`;
      const port = Number(new URL(backend.server.baseUrl).port);
      await backend.server.app.close();

      // One tab: a request being written, not sent.
      const writing = await requestOn(browser);
      await writing.sidebar.fill('request-title', draftTitle);
      await writing.sidebar.waitForDraftSaved(draftTitle);

      // Another tab: a request sent while the backend is down waits in the outbox.
      const sending = await requestOn(browser);
      await sending.sidebar.fill('request-email', 'jean.dupont@exemple.fr');
      await sending.sidebar.fill('request-title', sentTitle);
      await waitFor('the request to be complete', async () => (await sending.sidebar.text('preview-state')) === t('requestPreviewValid'));
      await sending.sidebar.clickSend(sending.portal.driver, 'backend');
      expect(await sending.sidebar.sendOutcome()).toBe(t('requestQueued', [t('deliveryError_offline')]));
      await sending.sidebar.showPart('history');
      const waiting = await sending.sidebar.historyLine(sentTitle);
      expect(waiting.status).toBe('queued');
      expect(waiting.reason).toContain(t('deliveryError_offline'));
      expect(rows(sentTitle)).toBe(0);

      // The browser closes; the backend comes back on the same address, same database; the browser starts again.
      const restarted = await session.restartBrowser(async () => {
        revived = createServer({ dataDir: backend.server.dataDir });
        await revived.listen({ port, host: '127.0.0.1' });
      });
      expect(restarted).not.toBe(browser);

      // Nobody presses anything: the extension's start delivers it.
      await waitFor('the waiting request delivered after the restart', () => rows(sentTitle) === 1, { timeoutMs: 45_000, intervalMs: 250 });

      const after = await requestOn(restarted);
      await after.sidebar.showPart('history');
      const received = await waitFor(`"${sentTitle}" received in History`, async () => {
        const line = (await after.sidebar.historyLines()).find((entry) => entry.title === sentTitle);
        if (line?.status !== 'received') await after.sidebar.reshowHistory();
        return line?.status === 'received' ? line : undefined;
      });
      const stored = backend.server.database().prepare('SELECT reference FROM requests WHERE title = ?').get(sentTitle) as { reference: string };
      expect(received.reference).toBe(stored.reference);
      // Other suites of this profile may have left requests of their own (a portal form not found stays to retry).
      expect((await after.sidebar.requests()).waiting.filter((request) => request.title === sentTitle)).toEqual([]);

      const listed = await waitFor('the draft in History → Drafts', async () => {
        const found = (await after.sidebar.listedDrafts()).find((draft) => draft.title === draftTitle);
        if (!found) await after.sidebar.reshowHistory();
        return found;
      });
      await after.sidebar.reopenDraft(listed.id);
      await waitFor('the draft reopened in the request', async () => (await after.sidebar.selectedPart()) === 'request' && (await after.sidebar.fieldValue('request-title')) === draftTitle);
      await after.sidebar.discardDraft();
      await waitFor('a fresh pre-fill', async () => (await after.sidebar.draftNotice()) === '');

      // Delivered once: one row, whatever the start-up, the alarm and History did meanwhile.
      expect(rows(sentTitle)).toBe(1);
    }, 120_000);
  });
}
