/**
 * Delivery under faults, the same steps in every browser: the extension sends to the real
 * reference backend (SQLite) through a proxy that makes the network and the server misbehave
 * (test/support/fault-proxy.ts). Each case ends with the request stored exactly once (rows
 * counted in SQLite, every attempt carrying the same idempotency key) and the user told, in
 * the sidebar's History, what state it is in: waiting and why, not delivered and why, received.
 * Retries are started with History's "Retry now" rather than by waiting out the backoff,
 * except where the wait itself is what is tested (Retry-After).
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startServer, type TestServer } from '../../support/backend-server';
import { validRequest } from '../../support/request-fixture';
import { startFaultProxy, type Attempt, type FaultProxy } from '../../support/fault-proxy';
import { translatorFor } from '../../support/i18n';
import { AboutPage, openAboutPage } from '../pages/about-page';
import type { BrowserUnderTest } from '../pages/drivers';
import { PortalPage } from '../pages/portal-page';
import type { HistoryLine, SidebarPage } from '../pages/sidebar-page';
import type { E2ESession } from '../support/session';
import { waitFor } from '../support/wait';

/** The words the History part uses, in the UI language of each browser under test. */
const WORDS = {
  fr: { queued: "en attente d'envoi", failed: 'non remise', received: 'reçue par le support', reason: 'Motif', server: 'a rencontré un problème', timeout: "n'a pas répondu à temps", offline: 'injoignable', rateLimited: 'demande de patienter', auth: "l'accès au serveur de support est refusé" },
  en: { queued: 'waiting to be sent', failed: 'not delivered', received: 'received by support', reason: 'Reason', server: 'had a problem', timeout: 'did not answer in time', offline: 'cannot be reached', rateLimited: 'asks to wait', auth: 'access to the support server was refused' },
} as const;

export interface FaultBench {
  browser: BrowserUnderTest;
  server: TestServer;
  proxy: FaultProxy;
  words: (typeof WORDS)[keyof typeof WORDS];
  /** A fresh sidebar on an invoice error page. */
  openSidebar(): Promise<{ portal: PortalPage; sidebar: SidebarPage }>;
  /** Rows stored in SQLite for requests with this title. */
  rows(title: string): number;
  /** The proxy's attempts from index `from` on. */
  attemptsSince(from: number): Attempt[];
}

/** The backend behind the fault proxy, the extension pointed at the proxy; shared by the fault suites. */
export function useFaultBench(session: E2ESession): FaultBench {
  let server: TestServer | undefined;
  let proxy: FaultProxy | undefined;
  beforeAll(async () => {
    server = await startServer();
    proxy = await startFaultProxy(server.baseUrl);
    const about = new AboutPage(await openAboutPage(session.browser));
    await about.setChannelSettings({ channel: 'backend', backendUrl: proxy.baseUrl, token: '' });
  });
  afterAll(async () => {
    await proxy?.close();
    await server?.close();
  });
  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the fault bench is not started');
    return value;
  };
  return {
    get browser() {
      return session.browser;
    },
    get server() {
      return ready(server);
    },
    get proxy() {
      return ready(proxy);
    },
    get words() {
      return WORDS[session.browser.uiLocale];
    },
    async openSidebar() {
      const portal = new PortalPage(await session.browser.newTab());
      await portal.open(`${session.browser.origin('chorus-pro.gouv.fr')}/cpp/facture?numero=F2026-0042`);
      return { portal, sidebar: await portal.openSidebarFresh() };
    },
    rows(title) {
      const row = ready(server).database().prepare('SELECT count(*) AS n FROM requests WHERE title = ?').get(title) as { n: number };
      return row.n;
    },
    attemptsSince(from) {
      return ready(proxy).attempts.slice(from);
    },
  };
}

/** Presses "Retry now" until History shows the request received (a backoff alarm may have started a send meanwhile). */
export async function retryUntilReceived(sidebar: SidebarPage, title: string): Promise<HistoryLine> {
  return waitFor(
    `"${title}" received after "Retry now"`,
    async () => {
      if (await sidebar.canRetryNow()) await sidebar.retryNow();
      const line = (await sidebar.historyLines()).find((entry) => entry.title === title);
      return line?.status === 'received' ? line : undefined;
    },
    { timeoutMs: 30_000, intervalMs: 300, probeTimeoutMs: 20_000 },
  );
}

/** Every attempt of one request: one idempotency key throughout. */
function oneKey(attempts: readonly Attempt[]): string {
  const keys = new Set(attempts.map((attempt) => attempt.idempotencyKey));
  expect(keys.size).toBe(1);
  const [key] = keys;
  expect(key).toMatch(/^[0-9a-f-]{36}$/);
  return key!;
}

export function faultsSuite(session: E2ESession) {
  describe('sending when the network or the server is in trouble: never lost, never twice, and said so', () => {
    const bench = useFaultBench(session);

    async function sendAndShowHistory(sidebar: SidebarPage, title: string, files: { name: string; type: string; dataUrl: string }[] = []) {
      const outcome = await sidebar.send('backend', validRequest({ title }), files);
      await sidebar.showPart('history');
      return { outcome, line: await sidebar.historyLine(title) };
    }

    test('500 twice, then the server recovers: delivered once, with "waiting, the server had a problem" shown meanwhile', async () => {
      const title = `Panne 500 (${bench.browser.name})`;
      const from = bench.proxy.attempts.length;
      bench.proxy.plan({ kind: 'status', status: 500 }, { kind: 'status', status: 500 });
      const { sidebar } = await bench.openSidebar();
      const { outcome, line } = await sendAndShowHistory(sidebar, title);

      expect(outcome).toMatchObject({ status: 'queued', error: { kind: 'server', status: 500 } });
      expect(line.status).toBe('queued');
      expect(line.statusText).toContain(bench.words.queued);
      expect(line.reason).toContain(bench.words.reason);
      expect(line.reason).toContain(bench.words.server);
      expect(line.reason).toContain('500');
      expect(bench.rows(title)).toBe(0);

      const received = await retryUntilReceived(sidebar, title);
      expect(received.statusText).toContain(bench.words.received);
      expect(received.reference).toMatch(/CPH-\d{4}-\d{6}/);
      expect(received.reason).toBe('');
      const attempts = bench.attemptsSince(from);
      expect(attempts.map((attempt) => attempt.fault)).toEqual(['status', 'status', 'pass']);
      oneKey(attempts);
      expect(bench.rows(title)).toBe(1);
    });

    test('429 with Retry-After: the next attempt waits as long as the server asked, then delivers once, on its own', async () => {
      const title = `Trop de demandes (${bench.browser.name})`;
      const from = bench.proxy.attempts.length;
      bench.proxy.plan({ kind: 'status', status: 429, headers: { 'retry-after': '3' }, body: '{"error":"too many requests"}' });
      const { sidebar } = await bench.openSidebar();
      const { outcome, line } = await sendAndShowHistory(sidebar, title);
      expect(outcome).toMatchObject({ status: 'queued', error: { kind: 'rateLimited', status: 429 } });
      expect(line.statusText).toContain(bench.words.queued);
      expect(line.reason).toContain(bench.words.rateLimited);

      // No "Retry now": the outbox's own alarm sends it again, not before 3 s.
      const delivered = await waitFor('the request delivered by the retry alarm', async () => {
        const overview = await sidebar.requests();
        return overview.sent.find((entry) => entry.status === 'received' && entry.title === title);
      }, { timeoutMs: 45_000, intervalMs: 250 });
      expect(delivered).toBeDefined();
      const attempts = bench.attemptsSince(from);
      expect(attempts.map((attempt) => attempt.fault)).toEqual(['status', 'pass']);
      expect(attempts[1]!.at - attempts[0]!.bodyReadAt!).toBeGreaterThanOrEqual(3000);
      oneKey(attempts);
      expect(bench.rows(title)).toBe(1);
    });

    test('a server that hangs: the attempt times out, the request waits ("did not answer in time"), then is delivered once', async () => {
      const title = `Serveur figé (${bench.browser.name})`;
      const from = bench.proxy.attempts.length;
      bench.proxy.plan({ kind: 'hang' });
      const { sidebar } = await bench.openSidebar();
      const started = Date.now();
      const { outcome, line } = await sendAndShowHistory(sidebar, title);
      const waited = Date.now() - started;
      expect(outcome).toMatchObject({ status: 'queued', error: { kind: 'timeout' } });
      // A small request to a hung server gives up after about 15 s, not the 2-minute ceiling.
      expect(waited).toBeGreaterThanOrEqual(15_000);
      expect(waited).toBeLessThan(40_000);
      expect(line.reason).toContain(bench.words.timeout);

      await retryUntilReceived(sidebar, title);
      const attempts = bench.attemptsSince(from);
      expect(attempts.map((attempt) => attempt.fault)).toEqual(['hang', 'pass']);
      oneKey(attempts);
      expect(bench.rows(title)).toBe(1);
    }, 90_000);

    test('the answer is lost after the server stored the request: the retry, same key, is recognised — one row', async () => {
      const title = `Réponse perdue (${bench.browser.name})`;
      const from = bench.proxy.attempts.length;
      bench.proxy.plan({ kind: 'lost' });
      const { sidebar } = await bench.openSidebar();
      const { outcome, line } = await sendAndShowHistory(sidebar, title);
      expect(outcome).toMatchObject({ status: 'queued', error: { kind: 'offline' } });
      expect(line.reason).toContain(bench.words.offline);
      // Stored already: the server has it, the extension does not know.
      expect(bench.rows(title)).toBe(1);

      const received = await retryUntilReceived(sidebar, title);
      const attempts = bench.attemptsSince(from);
      expect(attempts.map((attempt) => [attempt.fault, attempt.backendStatus])).toEqual([
        ['lost', 201],
        ['pass', 201],
      ]);
      oneKey(attempts);
      expect(bench.rows(title)).toBe(1);
      const stored = bench.server.database().prepare('SELECT reference FROM requests WHERE title = ?').get(title) as { reference: string };
      expect(received.reference).toBe(stored.reference);
    });

    test('a 201 whose body is not JSON: taken as not delivered, retried with the same key — one row, the stored reference shown', async () => {
      const title = `Réponse illisible (${bench.browser.name})`;
      const from = bench.proxy.attempts.length;
      bench.proxy.plan({ kind: 'garbage' });
      const { sidebar } = await bench.openSidebar();
      const { outcome, line } = await sendAndShowHistory(sidebar, title);
      expect(outcome).toMatchObject({ status: 'queued', error: { kind: 'server', status: 201 } });
      expect(line.reason).toContain(bench.words.server);
      expect(bench.rows(title)).toBe(1);

      const received = await retryUntilReceived(sidebar, title);
      oneKey(bench.attemptsSince(from));
      expect(bench.rows(title)).toBe(1);
      const stored = bench.server.database().prepare('SELECT reference FROM requests WHERE title = ?').get(title) as { reference: string };
      expect(received.reference).toBe(stored.reference);
    });

    test('a refusal that retrying cannot fix (401): "not delivered" with the reason; after the fix, "Retry now" delivers it once', async () => {
      const title = `Jeton refusé (${bench.browser.name})`;
      const from = bench.proxy.attempts.length;
      bench.proxy.plan({ kind: 'status', status: 401, body: '{"error":"unauthorized"}' });
      const { sidebar } = await bench.openSidebar();
      const { outcome, line } = await sendAndShowHistory(sidebar, title);
      expect(outcome).toMatchObject({ status: 'failed', error: { kind: 'auth', status: 401 } });
      expect(line.status).toBe('failed');
      expect(line.statusText).toContain(bench.words.failed);
      expect(line.reason).toContain(bench.words.auth);
      expect(line.reason).toContain('401');
      // Failed is final until the user asks: no alarm sends it again.
      expect(await sidebar.canRetryNow()).toBe(true);

      await retryUntilReceived(sidebar, title);
      expect(bench.attemptsSince(from).map((attempt) => attempt.fault)).toEqual(['status', 'pass']);
      oneKey(bench.attemptsSince(from));
      expect(bench.rows(title)).toBe(1);
    });

    test('a slow upload (the screenshot at 40 KB/s) is delivered once, byte for byte', async () => {
      const title = `Envoi lent (${bench.browser.name})`;
      const from = bench.proxy.attempts.length;
      bench.proxy.plan({ kind: 'slow', bytesPerSecond: 40 * 1024 });
      const { sidebar } = await bench.openSidebar();
      const screenshot = await sidebar.screenshotDataUrl();
      const { outcome, line } = await sendAndShowHistory(sidebar, title, [{ name: 'capture.png', type: 'image/png', dataUrl: screenshot }]);
      expect(outcome).toMatchObject({ status: 'delivered' });
      expect(line.statusText).toContain(bench.words.received);
      const [attempt] = bench.attemptsSince(from);
      expect(attempt!.bodyBytes).toBeGreaterThan(40 * 1024);
      expect(attempt!.bodyReadAt! - attempt!.at).toBeGreaterThanOrEqual(900);
      expect(bench.rows(title)).toBe(1);
      const bytes = Buffer.from(screenshot.split(',')[1]!, 'base64');
      const stored = bench.server.database().prepare('SELECT a.sha256 FROM attachments a JOIN requests r ON r.id = a.request_id WHERE r.title = ?').all(title);
      expect(stored).toEqual([{ sha256: createHash('sha256').update(bytes).digest('hex') }]);
    });

    test('two tabs send at the same moment: both delivered, each once, each with its own key', async () => {
      const titles = [`Onglet A (${bench.browser.name})`, `Onglet B (${bench.browser.name})`];
      const from = bench.proxy.attempts.length;
      // Both on the wire together: the first answer is held back.
      bench.proxy.plan({ kind: 'delay', ms: 500 }, { kind: 'delay', ms: 100 });
      const [first, second] = [await bench.openSidebar(), await bench.openSidebar()];
      const outcomes = await Promise.all([
        first.sidebar.send('backend', validRequest({ title: titles[0] }), []),
        second.sidebar.send('backend', validRequest({ title: titles[1] }), []),
      ]);
      // Each tab is told its own request was delivered, whichever run of the outbox sent it.
      for (const outcome of outcomes) expect(outcome).toMatchObject({ status: 'delivered', reference: expect.stringMatching(/^CPH-/) });
      await second.sidebar.showPart('history');
      for (const title of titles) {
        await waitFor(`"${title}" received`, async () => {
          const overview = await second.sidebar.requests();
          return overview.waiting.length === 0 && overview.sent.some((entry) => entry.title === title && entry.status === 'received');
        });
      }
      const attempts = bench.attemptsSince(from);
      expect(attempts).toHaveLength(2);
      expect(new Set(attempts.map((attempt) => attempt.idempotencyKey)).size).toBe(2);
      // Both attempts were on the wire at once.
      expect(attempts[1]!.at).toBeLessThan(attempts[0]!.bodyReadAt! + 500);
      for (const title of titles) expect(bench.rows(title)).toBe(1);
    });
  });
}

/**
 * The background stopped while its send waits for the server's answer, as the browser stops an
 * idle or stuck one. A bench of its own (a fresh proxy): retries the suites before may still
 * make would otherwise count among this request's attempts.
 */
export function backgroundStopSuite(session: E2ESession) {
  describe('sending when the browser stops the background', () => {
    const bench = useFaultBench(session);

    test('the background is stopped mid-send, after the server stored the request: resumed when it wakes, one row', async () => {
      const title = `Arrière-plan arrêté (${bench.browser.name})`;
      const from = bench.proxy.attempts.length;
      bench.proxy.plan({ kind: 'stored-hang' });
      const { sidebar } = await bench.openSidebar();
      const sending = sidebar.send('backend', validRequest({ title }), []).then(
        (outcome) => ({ answered: outcome }),
        (error: Error) => ({ interrupted: error.message }),
      );
      await waitFor('the server to store the request while its answer is held', () => bench.rows(title) === 1 && bench.attemptsSince(from).length === 1);
      expect((await sidebar.requests()).waiting).toEqual([expect.objectContaining({ title, status: 'sending' })]);

      await bench.browser.stopBackground();
      // The sidebar's message had no answer: the background went away with it.
      expect(await sending).toHaveProperty('interrupted');

      // Any event wakes the background; the send it was in is taken up again at once (not after the 3-minute lease).
      const woken = Date.now();
      await waitFor(
        'the interrupted request delivered after the background woke',
        async () => (await sidebar.requests()).sent.some((entry) => entry.title === title && entry.status === 'received'),
        { timeoutMs: 30_000, intervalMs: 250 },
      );
      expect(Date.now() - woken).toBeLessThan(30_000);
      const attempts = bench.attemptsSince(from);
      expect(attempts.map((attempt) => [attempt.fault, attempt.backendStatus])).toEqual([
        ['stored-hang', 201],
        ['pass', 201],
      ]);
      oneKey(attempts);
      expect(bench.rows(title)).toBe(1);
      await sidebar.showPart('history');
      expect((await sidebar.historyLine(title)).statusText).toContain(bench.words.received);
    });
  });
}

/**
 * Chromium only: cutting the network off and setting the storage quota need CDP (network
 * emulation for the service worker, the quota of the extension's origin), which WebDriver BiDi
 * has no equivalent for.
 */
export function workerFaultsSuite(session: E2ESession) {
  describe('sending when the browser itself gets in the way (Chromium: CDP)', () => {
    const bench = useFaultBench(session);

    test('storage full when Send is pressed: said in plain words, nothing half-kept, the text still in the form; once space is back, Send delivers it once', { timeout: 120_000 }, async () => {
      const t = translatorFor(bench.browser.uiLocale);
      const title = `Stockage plein (${bench.browser.name})`;
      const from = bench.proxy.attempts.length;
      const about = new AboutPage(await openAboutPage(bench.browser));
      const { portal, sidebar } = await bench.openSidebar();
      await sidebar.showPart('request');
      await waitFor('the pre-filled request', async () => (await sidebar.fieldValue('request-invoiceNumber')) === 'F2026-0042');
      await sidebar.fill('request-email', 'jean.dupont@exemple.fr');
      await sidebar.fill('request-title', title);
      await waitFor('the request to be complete', async () => (await sidebar.text('preview-state')) === t('requestPreviewValid'));
      await sidebar.waitForDraftSaved();
      const before = await about.databaseCounts();

      // The extension's origin may store nothing more, as on a full disk. Chromium lets writes
      // go on for up to 30 s on the space it last knew of (IndexedDB's BucketContext caches it):
      // wait until a write of the origin is refused.
      await bench.browser.setExtensionStorageQuota!(1);
      try {
        await waitFor('the extension’s storage to refuse writes', () => about.storageRefusesWrites(), { timeoutMs: 45_000, intervalMs: 1000 });
        await sidebar.clickSend(portal.driver, 'backend');
        expect(await sidebar.sendOutcome()).toBe(t('requestNotStored_quota'));
        // What was typed is still there, nothing went out, and nothing was kept half-way.
        expect(await sidebar.fieldValue('request-title')).toBe(title);
        expect(await sidebar.fieldValue('request-email')).toBe('jean.dupont@exemple.fr');
        expect(await about.databaseCounts()).toEqual(before);
        const overview = await sidebar.requests();
        expect([...overview.waiting, ...overview.sent].filter((entry) => entry.title === title)).toEqual([]);
      } finally {
        await bench.browser.setExtensionStorageQuota!(null);
        await about.deleteStorageProbe();
      }
      expect(bench.attemptsSince(from)).toEqual([]);
      expect(bench.rows(title)).toBe(0);

      // Space is back: the same form, Send again.
      await sidebar.clickSend(portal.driver, 'backend');
      await waitFor('the request delivered', async () => /CPH-\d{4}-\d{6}/.test(await sidebar.sendOutcome()));
      const reference = /CPH-\d{4}-\d{6}/.exec(await sidebar.sendOutcome())![0];
      expect(await sidebar.sendOutcome()).toBe(t('requestSentBackend', [reference]));
      expect(bench.attemptsSince(from).map((attempt) => attempt.fault)).toEqual(['pass']);
      expect(bench.rows(title)).toBe(1);
      // The draft went with the request it became.
      expect((await about.databaseCounts()).drafts).toBe(before.drafts - 1);
    });

    test('offline for a while, then online: waits ("cannot be reached"), then is delivered once as soon as the network is back, before the retry alarm', async () => {
      const title = `Hors ligne (${bench.browser.name})`;
      const from = bench.proxy.attempts.length;
      // Opened while online: it reads the outbox's alarm.
      const about = new AboutPage(await openAboutPage(bench.browser));
      const { sidebar } = await bench.openSidebar();
      await bench.browser.setOffline!(true);
      let alarmAt: number;
      try {
        const outcome = await sidebar.send('backend', validRequest({ title }), []);
        expect(outcome).toMatchObject({ status: 'queued', error: { kind: 'offline' } });
        await sidebar.showPart('history');
        const line = await sidebar.historyLine(title);
        expect(line.statusText).toContain(bench.words.queued);
        expect(line.reason).toContain(bench.words.offline);
        // "Retry now" while still offline: still waiting, still there — pressed until the next
        // automatic retry (the backoff alarm) is at least 10 s away, so that a delivery before
        // it can only come from the network coming back.
        alarmAt = await waitFor(
          'the backoff alarm at least 10 s away',
          async () => {
            await sidebar.retryNow();
            const at = await about.retryAlarmTime();
            return at !== null && at - Date.now() >= 10_000 ? at : undefined;
          },
          { timeoutMs: 30_000, intervalMs: 0 },
        );
        expect((await sidebar.historyLine(title)).status).toBe('queued');
      } finally {
        await bench.browser.setOffline!(false);
      }
      // No "Retry now": coming back online sends it.
      await waitFor(
        'the request delivered after the network came back',
        async () => {
          const { sent, waiting } = await sidebar.requests();
          if (sent.some((entry) => entry.title === title && entry.status === 'received')) return true;
          // What a timeout then says: where the request stands, and what reached the server.
          const stands = waiting.find((entry) => entry.title === title);
          throw new Error(`the request is ${JSON.stringify(stands ?? 'not listed')}; attempts since going offline: ${JSON.stringify(bench.attemptsSince(from))}`);
        },
        { timeoutMs: 45_000, intervalMs: 250 },
      );
      // Nothing reached the server while offline; once online, one attempt, before the alarm was due.
      const attempts = bench.attemptsSince(from);
      expect(attempts.map((attempt) => attempt.fault)).toEqual(['pass']);
      expect(attempts[0]!.at).toBeLessThan(alarmAt);
      expect(bench.rows(title)).toBe(1);
    });
  });
}
