/**
 * Delivery to the support backend, the same steps in every browser: from an error page, the
 * sidebar's request goes through the background's outbox to the real reference backend, and
 * lands once in its SQLite database with the very screenshot the sidebar showed.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startServer, type TestServer } from '../../unit/server/harness';
import { validRequest } from '../../unit/server/request-fixture';
import { AboutPage } from '../pages/about-page';
import type { BrowserUnderTest } from '../pages/drivers';
import { PortalPage } from '../pages/portal-page';
import type { E2ESession } from '../support/session';
import { waitFor } from '../support/wait';

export function deliverySuite(session: E2ESession) {
  describe('sending to the support backend', () => {
    let browser: BrowserUnderTest;
    let server: TestServer;

    beforeAll(async () => {
      browser = session.browser;
      server = await startServer();
      const other = await browser.newTab();
      await other.goto(`${browser.origin('autre-site.test')}/`);
      await other.clickToolbar();
      const about = new AboutPage(await waitFor('the about page', () => browser.extensionTab('extension/about/index.html')));
      await about.setChannelSettings({ channel: 'backend', backendUrl: server.baseUrl, token: '' });
    });

    afterAll(async () => {
      await server?.close();
    });

    test('the request and its screenshot land once in the backend, byte for byte', async () => {
      const tab = await browser.newTab();
      const portal = new PortalPage(tab);
      await portal.open(`${browser.origin('chorus-pro.gouv.fr')}/cpp/facture?numero=F2026-0042`);
      const sidebar = await portal.openSidebarFresh();
      const screenshot = await sidebar.screenshotDataUrl();
      const request = validRequest({ pageUrl: tab.url(), invoiceNumbers: ['F2026-0042'] });
      const outcome = await sidebar.send('backend', request, [{ name: 'capture-2026-11-27-1430.png', type: 'image/png', dataUrl: screenshot }]);

      expect(outcome).toMatchObject({ status: 'delivered', reference: expect.stringMatching(/^CPH-\d{4}-\d{6}$/) });
      expect(server.count('requests')).toBe(1);
      const stored = server.database().prepare('SELECT sha256, size FROM attachments').all() as { sha256: string; size: number }[];
      const bytes = Buffer.from(screenshot.split(',')[1]!, 'base64');
      expect(stored).toEqual([{ sha256: createHash('sha256').update(bytes).digest('hex'), size: bytes.byteLength }]);

      const overview = await sidebar.requests();
      expect(overview.sent.map((entry) => entry.reference)).toContain((outcome as { reference: string }).reference);
      expect(overview.waiting).toEqual([]);
    });

    test('a request the backend would refuse is refused before anything is queued, with the reason', async () => {
      const tab = await browser.newTab();
      const portal = new PortalPage(tab);
      await portal.open(`${browser.origin('chorus-pro.gouv.fr')}/cpp/facture?numero=F2026-0042`);
      const sidebar = await portal.openSidebarFresh();
      const outcome = await sidebar.send('backend', validRequest({ contact: { email: 'pas-une-adresse' } }), []);
      expect(outcome).toMatchObject({ status: 'invalid', errors: expect.arrayContaining([expect.objectContaining({ field: 'contact.email' })]) });
      expect(server.count('requests')).toBe(1);
    });
  });
}
