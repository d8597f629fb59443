/**
 * The outbox and the reference support backend.
 *   deliver100  100 requests with a ~300 KB screenshot each are queued while the backend is
 *               down (sent from a sidebar, as Send does), then the backend comes back on the same
 *               address and database and "Retry now" is pressed: time until none waits, checked
 *               against the rows in SQLite.
 *   backend     50 submissions at once straight to the backend over HTTP (multipart, as the
 *               extension sends them): requests per second over the batch, and each one's latency.
 */
import { randomBytes } from 'node:crypto';
import { createServer } from '../server/app';
import { postRequest, requestWith, startServer, testFile } from '../test/support/backend-server';
import { validRequest } from '../test/support/request-fixture';
import { AboutPage, openAboutPage } from '../test/e2e/pages/about-page';
import { PortalPage } from '../test/e2e/pages/portal-page';
import { waitFor } from '../test/e2e/support/wait';
import type { BrowserUnderTest } from '../test/e2e/pages/drivers';

const SCREENSHOT_BYTES = 300 * 1024;
/** No rate limit in the way of a measurement of throughput. */
const UNLIMITED = 1_000_000;

/** A ~300 KB "PNG": its signature, then random bytes; the backend checks type, name and signature, not pixels. */
export function screenshotBytes(): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(randomBytes(SCREENSHOT_BYTES));
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return bytes;
}

/** The screenshot as the sidebar sends it (a data: URL). */
function screenshotDataUrl(): string {
  return `data:image/png;base64,${Buffer.from(screenshotBytes()).toString('base64')}`;
}

export async function measureOutboxDelivery(browser: BrowserUnderTest, runs: number, count = 100): Promise<number[]> {
  const about = new AboutPage(await openAboutPage(browser));
  const tab = await browser.newTab();
  const origin = browser.origin('chorus-pro.gouv.fr');
  const portal = new PortalPage(tab);
  await portal.open(`${origin}/cpp/facture?numero=F2026-0042`);
  const sidebar = await portal.openSidebarFresh();
  const file = { name: 'capture-2026-11-27-1430.png', type: 'image/png', dataUrl: screenshotDataUrl() };
  const samples: number[] = [];
  try {
    for (let run = 0; run < runs; run++) {
      const server = await startServer({ rateLimitMax: UNLIMITED });
      const port = Number(new URL(server.baseUrl).port);
      await about.setChannelSettings({ channel: 'backend', backendUrl: server.baseUrl, token: '' });
      await server.app.close();
      for (let i = 0; i < count; i++) {
        const outcome = (await sidebar.send('backend', validRequest({ title: `Mesure ${run + 1} — demande ${i + 1}`, pageUrl: tab.url() }), [file])) as { status: string };
        if (outcome.status !== 'queued') throw new Error(`request ${i + 1} was not queued: ${JSON.stringify(outcome)}`);
      }
      const revived = createServer({ dataDir: server.dataDir, rateLimitMax: UNLIMITED });
      await revived.listen({ port, host: '127.0.0.1' });
      const started = performance.now();
      await waitFor('the outbox to empty', async () => (await sidebar.requests('retry')).waiting.length === 0, { timeoutMs: 300_000, probeTimeoutMs: 300_000 });
      samples.push(performance.now() - started);
      const rows = server.count('requests');
      await revived.close();
      await server.close();
      if (rows !== count) throw new Error(`${rows} rows in the backend for ${count} requests`);
    }
    return samples;
  } finally {
    await tab.close();
  }
}

export interface BackendBatch {
  /** Requests per second over the whole batch. */
  throughput: number;
  /** Each submission's latency, ms. */
  latenciesMs: number[];
}

export async function measureBackendBatches(runs: number, concurrency = 50): Promise<BackendBatch[]> {
  const server = await startServer({ rateLimitMax: UNLIMITED });
  try {
    const file = testFile('capture-2026-11-27-1430.png', 'image/png', screenshotBytes());
    const batches: BackendBatch[] = [];
    for (let run = 0; run < runs; run++) {
      const started = performance.now();
      const latenciesMs = await Promise.all(
        Array.from({ length: concurrency }, async (_, i) => {
          const begun = performance.now();
          const response = await postRequest(server, { request: requestWith([file], { title: `Lot ${run + 1} — demande ${i + 1}` }), files: [file] });
          if (response.status !== 201) throw new Error(`submission answered ${response.status}: ${await response.text()}`);
          return performance.now() - begun;
        }),
      );
      batches.push({ throughput: concurrency / ((performance.now() - started) / 1000), latenciesMs });
    }
    return batches;
  } finally {
    await server.close();
  }
}
