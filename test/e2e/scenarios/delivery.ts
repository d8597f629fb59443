/**
 * Delivery to the support backend, the same steps in every browser: from an error page, the
 * sidebar's request goes through the background's outbox to the real reference backend, and
 * lands once in its SQLite database with the very screenshot the sidebar showed.
 */
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createServer } from '../../../server/app';
import { startServer, type TestServer } from '../../unit/server/harness';
import { validRequest } from '../../unit/server/request-fixture';
import { AboutPage, openAboutPage } from '../pages/about-page';
import type { BrowserUnderTest } from '../pages/drivers';
import { PortalPage } from '../pages/portal-page';
import type { E2ESession } from '../support/session';
import { waitFor } from '../support/wait';

export function deliverySuite(session: E2ESession) {
  describe('sending to the support backend', () => {
    let browser: BrowserUnderTest;
    let server: TestServer;
    let revived: FastifyInstance | undefined;

    beforeAll(async () => {
      browser = session.browser;
      server = await startServer();
      const about = new AboutPage(await openAboutPage(browser));
      await about.setChannelSettings({ channel: 'backend', backendUrl: server.baseUrl, token: '' });
    });

    afterAll(async () => {
      await revived?.close();
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

    test('backend down: the request waits in the outbox, then is delivered once when the backend is back', async () => {
      const port = Number(new URL(server.baseUrl).port);
      await server.app.close();
      const tab = await browser.newTab();
      const portal = new PortalPage(tab);
      await portal.open(`${browser.origin('chorus-pro.gouv.fr')}/cpp/facture?numero=F2026-0042`);
      const sidebar = await portal.openSidebarFresh();
      const outcome = await sidebar.send('backend', validRequest({ title: 'Envoyé pendant la panne' }), []);
      expect(outcome).toMatchObject({ status: 'queued', error: { kind: 'offline' } });
      expect((await sidebar.requests()).waiting).toEqual([expect.objectContaining({ status: 'queued', error: expect.objectContaining({ kind: 'offline' }) })]);

      // The backend comes back on the same address with the same database.
      revived = createServer({ dataDir: server.dataDir });
      await revived.listen({ port, host: '127.0.0.1' });
      const after = await waitFor('the waiting request to be delivered', async () => {
        const overview = await sidebar.requests('retry');
        return overview.waiting.length === 0 ? overview : undefined;
      });
      expect(after.sent.filter((entry) => entry.status === 'received')).toHaveLength(2);
      expect(server.count('requests')).toBe(2);
    });

    test('the portal form channel fills the portal\'s own form with the screenshot attached, and submits nothing', async () => {
      const tab = await browser.newTab();
      const portal = new PortalPage(tab);
      await portal.open(`${browser.origin('chorus-pro.gouv.fr')}/cpp/facture?numero=F2026-0042`);
      const sidebar = await portal.openSidebarFresh();
      const screenshot = await sidebar.screenshotDataUrl();
      const request = validRequest({ pageUrl: tab.url(), loggedIn: true, title: 'Dépôt impossible : destinataire non actif' });
      const outcome = await sidebar.send('portal', request, [{ name: 'capture-2026-11-27-1430.png', type: 'image/png', dataUrl: screenshot }]);
      expect(outcome).toMatchObject({ status: 'delivered', handoff: { filled: expect.arrayContaining(['title', 'description']) } });

      const form = await waitFor('the portal form tab', () => browser.findTab(`${browser.origin('chorus-pro.gouv.fr')}/cpp/sollicitation-saisir`));
      const filled = await form.evaluate<{ objet: string; description: string; categorie: string; files: string[]; type: string }>(`({
        objet: document.getElementById('objet').value,
        description: document.getElementById('description').value,
        categorie: document.getElementById('categorie').value,
        files: [...document.getElementById('piece-jointe-fichier').files].map((file) => file.name + ':' + file.size),
        type: document.getElementById('piece-jointe-type').value,
      })`);
      expect(filled.objet).toBe(request.title);
      expect(filled.description).toContain('F2026-0042');
      expect(filled.categorie).toBe('facturation');
      expect(filled.files).toEqual([`capture-2026-11-27-1430.png:${Buffer.from(screenshot.split(',')[1]!, 'base64').byteLength}`]);
      expect(filled.type).toBe('sollicitation');
      // Nothing was submitted: the portal never received the form.
      expect(session.server.requests.filter((seen) => seen.method === 'POST')).toEqual([]);
      expect((await sidebar.requests()).sent.some((entry) => entry.status === 'handedToPortal')).toBe(true);
    });

    test('a request the backend would refuse is refused before anything is queued, with the reason', async () => {
      const tab = await browser.newTab();
      const portal = new PortalPage(tab);
      await portal.open(`${browser.origin('chorus-pro.gouv.fr')}/cpp/facture?numero=F2026-0042`);
      const sidebar = await portal.openSidebarFresh();
      const outcome = await sidebar.send('backend', validRequest({ contact: { email: 'pas-une-adresse' } }), []);
      expect(outcome).toMatchObject({ status: 'invalid', errors: expect.arrayContaining([expect.objectContaining({ field: 'contact.email' })]) });
      expect(server.count('requests')).toBe(2);
    });
  });
}
