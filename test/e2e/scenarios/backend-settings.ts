/**
 * Backend settings that cannot mislead, the same steps in every browser: any form of the
 * backend address leads to the same server, "Test the connection" says in words what is wrong,
 * and a Send to an address that is not a support backend is a settings problem at once, kept in
 * History until the address is fixed and it is sent again.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { translatorFor } from '../../support/i18n';
import { startServer, type TestServer } from '../../support/backend-server';
import { validRequest } from '../../support/request-fixture';
import { openOptionsPage } from '../pages/options-page';
import { openInvoicePageWithSidebar } from '../pages/portal-page';
import type { E2ESession } from '../support/session';

const TOKEN = 'jeton-de-test-e2e';

/** A web server that is not a support backend: 404 pages for everything, without CORS headers. */
async function notABackend(): Promise<{ url: string; server: Server }> {
  const server = createServer((_request, response) => response.writeHead(404, { 'Content-Type': 'text/html' }).end('<h1>Not Found</h1>'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

/** An address where nothing listens: a port taken, then let go. */
async function nothingListening(): Promise<string> {
  const { url, server } = await notABackend();
  await new Promise((resolve) => server.close(resolve));
  return url;
}

/**
 * Saves the backend address in the options page, after a refused one: the page object sees a
 * save by what the page says changing, and "saved" twice in a row says nothing new.
 */
async function saveBackend(session: E2ESession, backendUrl: string): Promise<void> {
  const options = await openOptionsPage(session.browser);
  expect(await options.setChannel({ channel: 'backend', backendUrl: 'ftp://invalide', token: TOKEN })).toMatchObject({ saved: false });
  expect(await options.setChannel({ channel: 'backend', backendUrl, token: TOKEN })).toEqual({ saved: true, urlError: '' });
}

export function backendSettingsSuite(session: E2ESession) {
  describe('backend settings that cannot mislead', () => {
    let backend: TestServer;
    let other: { url: string; server: Server };

    beforeAll(async () => {
      backend = await startServer({ apiToken: TOKEN });
      other = await notABackend();
    });

    afterAll(async () => {
      other?.server.closeAllConnections();
      await new Promise((resolve) => other?.server.close(resolve));
      await backend?.close();
    });

    test('the root, /api and /api/v1 forms of the address, trailing slashes included, are kept as the server root and connect', async () => {
      const t = translatorFor(session.browser.uiLocale);
      const options = await openOptionsPage(session.browser);
      for (const form of ['/', '/api', '/api/v1', '/api/v1/']) {
        await saveBackend(session, `${backend.baseUrl}${form}`);
        expect(await options.backendUrlShown()).toBe(backend.baseUrl);
      }
      expect(await options.testConnection({ backendUrl: `${backend.baseUrl}/api/v1`, token: TOKEN })).toBe(t('channelTestOk'));
    });

    test('"Test the connection" says in words: unreachable, not a support backend, token refused', async () => {
      const t = translatorFor(session.browser.uiLocale);
      const options = await openOptionsPage(session.browser);
      expect(await options.testConnection({ backendUrl: await nothingListening(), token: TOKEN })).toBe(t('channelTest_unreachable'));
      expect(await options.testConnection({ backendUrl: other.url, token: TOKEN })).toBe(t('channelTest_notBackend'));
      expect(await options.testConnection({ backendUrl: backend.baseUrl, token: 'mauvais-jeton' })).toBe(t('channelTest_tokenRefused'));
    });

    test('a Send to an address answering 404 is a settings problem at once, kept in History, and sent once the address is fixed', async () => {
      const t = translatorFor(session.browser.uiLocale);
      await saveBackend(session, other.url);

      const title = 'Adresse du serveur erronée';
      const { sidebar } = await openInvoicePageWithSidebar(session.browser);
      expect(await sidebar.send('backend', validRequest({ title }), [])).toMatchObject({ status: 'failed', error: { kind: 'settings' } });
      await sidebar.showPart('history');
      expect(await sidebar.historyLine(title)).toMatchObject({ status: 'failed', reason: expect.stringContaining(t('deliveryError_settings')) });
      expect(await sidebar.canRetryNow()).toBe(true);

      await saveBackend(session, backend.baseUrl);
      await sidebar.retryNow();
      expect(await sidebar.historyLine(title)).toMatchObject({ status: 'received' });
      expect(backend.count('requests')).toBe(1);
    });
  });
}
