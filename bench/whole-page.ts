/**
 * Whole-page capture in the page (html2canvas, the engine "Page entière" runs), on the replica's
 * generated invoice list of 200, 2,000 and 10,000 rows, driven from an extension page as the e2e
 * does (test/e2e/pages/capture-engine.ts). Time is the engine's own, from start to the last part
 * encoded (the page's clock); a page too long for the engine's parts is refused, and the time to
 * say so (the bench's clock) is what is measured then.
 */
import { openAboutPage } from '../test/e2e/pages/about-page';
import { CaptureEngine } from '../test/e2e/pages/capture-engine';
import type { ChromiumSession } from './chromium-session';

export interface WholePageSample {
  state: 'done' | 'error';
  /** 'too-large' when refused. */
  code?: string;
  elapsedMs: number;
  parts: number;
  /** Largest part, bytes. */
  bytes: number;
}

export async function measureWholePage(session: ChromiumSession, origin: string, rows: number, runs: number): Promise<WholePageSample[]> {
  const engine = new CaptureEngine(await openAboutPage(session.browser));
  const url = `${origin}/cpp/factures-emises/liste?lignes=${rows}`;
  const { tab } = await session.newTab();
  try {
    await tab.goto(url);
    const samples: WholePageSample[] = [];
    for (let run = 0; run < runs; run++) {
      const tabId = await engine.inject(url);
      const started = performance.now();
      const result = await engine.wholePage(tabId, { timeoutMs: 120_000 });
      // A refusal carries no engine time: the bench's own (injection excluded, polling included).
      const elapsedMs = result.elapsedMs ?? performance.now() - started;
      if (result.state === 'error' && result.code !== 'too-large') throw new Error(`whole page of ${rows} rows failed: ${result.message ?? result.code}`);
      samples.push({ state: result.state, ...(result.code ? { code: result.code } : {}), elapsedMs, parts: result.partCount ?? 0, bytes: result.bytes ?? 0 });
    }
    return samples;
  } finally {
    await tab.close();
  }
}
