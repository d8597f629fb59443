/**
 * Delivery to the support backend, the same steps in every browser: from an error page, the
 * sidebar's request goes through the background's outbox to the real reference backend, and
 * lands once in its SQLite database with the very screenshot the sidebar showed.
 */
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createServer } from '../../../server/app';
import { startServer, type TestServer } from '../../support/backend-server';
import { validRequest } from '../../support/request-fixture';
import type { BrowserUnderTest } from '../pages/drivers';
import { openOptionsPage } from '../pages/options-page';
import { PortalFormPage } from '../pages/portal-form-page';
import { openInvoicePageWithSidebar, PortalPage } from '../pages/portal-page';
import type { E2ESession } from '../support/session';
import { waitFor } from '../support/wait';

/** Bytes of the image a data: URL carries. */
const byteLength = (dataUrl: string) => Buffer.from(dataUrl.split(',')[1]!, 'base64').byteLength;

export function deliverySuite(session: E2ESession) {
  describe('sending to the support backend', () => {
    let browser: BrowserUnderTest;
    let server: TestServer;
    let revived: FastifyInstance | undefined;

    beforeAll(async () => {
      browser = session.browser;
      server = await startServer();
    });

    afterAll(async () => {
      await revived?.close();
      await server?.close();
    });

    test('the options page takes the backend address where requests go, refusing one that is not https', async () => {
      const options = await openOptionsPage(browser);
      const refused = await options.setChannel({ channel: 'backend', backendUrl: 'http://support.exemple.fr/api', token: '' });
      expect(refused.saved).toBe(false);
      expect(refused.urlError).toMatch(/https:\/\//);
      expect(await options.setChannel({ channel: 'backend', backendUrl: server.baseUrl, token: '' })).toEqual({ saved: true, urlError: '' });
    });

    test('the request and its screenshot land once in the backend, byte for byte', async () => {
      const { tab, sidebar } = await openInvoicePageWithSidebar(browser);
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
      const { sidebar } = await openInvoicePageWithSidebar(browser);
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
      const { tab, sidebar } = await openInvoicePageWithSidebar(browser);
      const screenshot = await sidebar.screenshotDataUrl();
      const request = validRequest({ pageUrl: tab.url(), loggedIn: true, title: 'Dépôt impossible : destinataire non actif' });
      const outcome = await sidebar.send('portal', request, [{ name: 'capture-2026-11-27-1430.png', type: 'image/png', dataUrl: screenshot }]);
      expect(outcome).toMatchObject({ status: 'delivered', handoff: { filled: expect.arrayContaining(['title', 'description']) } });

      const form = new PortalFormPage(await waitFor('the portal form tab', () => browser.findTab(`${browser.origin('chorus-pro.gouv.fr')}/cpp/sollicitation-saisir`)));
      const filled = await form.values(['objet', 'description', 'categorie', 'piece-jointe-type']);
      expect(filled['objet']).toBe(request.title);
      expect(filled['description']).toContain('F2026-0042');
      expect(filled['categorie']).toBe('facturation');
      expect(await form.files('piece-jointe-fichier')).toEqual([`capture-2026-11-27-1430.png:${byteLength(screenshot)}`]);
      expect(filled['piece-jointe-type']).toBe('sollicitation');
      // Nothing was submitted: the portal never received the form.
      expect(session.server.requests.filter((seen) => seen.method === 'POST')).toEqual([]);
      expect((await sidebar.requests()).sent.some((entry) => entry.status === 'handedToPortal')).toBe(true);
    });

    test('not logged in: the classic "Nous contacter" form gets the SIRET, the contact details and the file; the captcha is left to the user', async () => {
      const tab = await browser.newTab();
      const portal = new PortalPage(tab);
      // A page of someone not logged in (no user shown): the technical error page.
      await portal.open(`${browser.origin('chorus-pro.gouv.fr')}/cpp/erreur-500`);
      const sidebar = await portal.openSidebarFresh();
      const screenshot = await sidebar.screenshotDataUrl();
      const request = validRequest({ pageUrl: tab.url(), loggedIn: false, title: 'Je ne parviens pas à créer mon compte' });
      const outcome = await sidebar.send('portal', request, [{ name: 'capture-2026-11-27-1431.png', type: 'image/png', dataUrl: screenshot }]);
      expect(outcome).toMatchObject({ status: 'delivered', handoff: { filled: expect.arrayContaining(['siret', 'email', 'title', 'description']) } });

      const form = new PortalFormPage(await waitFor('the "Nous contacter" tab', () => browser.findTab(`${browser.origin('chorus-pro.gouv.fr')}/cpp/nous-contacter`)));
      const filled = await form.values(['contact-siret', 'contact-email', 'contact-telephone', 'contact-objet', 'contact-description', 'contact-categorie', 'contact-captcha']);
      expect(filled).toMatchObject({
        'contact-siret': '73282932000074',
        'contact-email': 'jean.dupont@exemple.fr',
        'contact-telephone': '06 12 34 56 78',
        'contact-objet': request.title,
        'contact-categorie': 'facturation',
        'contact-captcha': '',
      });
      expect(filled['contact-description']).toContain("J'ai réessayé deux fois.");
      expect(await form.files('contact-piece-jointe')).toEqual([`capture-2026-11-27-1431.png:${byteLength(screenshot)}`]);
      expect(session.server.requests.filter((seen) => seen.method === 'POST')).toEqual([]);
    });

    test('a request the backend would refuse is refused before anything is queued, with the reason', async () => {
      const { sidebar } = await openInvoicePageWithSidebar(browser);
      const outcome = await sidebar.send('backend', validRequest({ contact: { email: 'pas-une-adresse' } }), []);
      expect(outcome).toMatchObject({ status: 'invalid', errors: expect.arrayContaining([expect.objectContaining({ field: 'contact.email' })]) });
      expect(server.count('requests')).toBe(2);
    });
  });
}
