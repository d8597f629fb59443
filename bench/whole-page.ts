/**
 * Whole-page capture in the page (the engine "Page entière" runs: the page copied into an SVG
 * image the browser paints, src/capture/page-svg.ts), on the replica's generated invoice list of
 * 200, 2,000 and 10,000 rows, driven from an extension page as the e2e does
 * (test/e2e/pages/capture-engine.ts), in any browser of the harness. Time is the engine's own,
 * from start to the last part encoded (the page's clock), with its steps; a page too long for the
 * engine's parts is refused, and the time to say so (the bench's clock) is what is measured then.
 */
import { openAboutPage } from '../test/e2e/pages/about-page';
import { CaptureEngine } from '../test/e2e/pages/capture-engine';
import type { BrowserUnderTest } from '../test/e2e/pages/drivers';

export interface WholePageSample {
  state: 'done' | 'error';
  /** 'too-large' when refused. */
  code?: string;
  elapsedMs: number;
  /** Copying the page and painting it (the image made, before encoding), and encoding the parts. */
  renderMs: number;
  encodeMs: number;
  parts: number;
  /** Largest part, bytes. */
  bytes: number;
  /** The engine that drew it (the automatic choice's, or the one asked for). */
  engine?: string;
}

export async function measureWholePage(browser: BrowserUnderTest, rows: number, runs: number, engineAsked: 'auto' | 'html2canvas' = 'auto'): Promise<WholePageSample[]> {
  const url = `${browser.origin('chorus-pro.gouv.fr')}/cpp/factures-emises/liste?lignes=${rows}`;
  const about = await openAboutPage(browser);
  const engine = new CaptureEngine(about);
  const tab = await browser.newTab();
  try {
    const samples: WholePageSample[] = [];
    for (let run = 0; run < runs; run++) {
      // Each run on a freshly loaded page, as a user captures a page once.
      await tab.goto(url);
      const tabId = await engine.inject(url);
      const started = performance.now();
      const result = await engine.wholePage(tabId, { timeoutMs: 120_000, engine: engineAsked });
      // A refusal carries no engine time: the bench's own (injection excluded, polling included).
      const elapsedMs = result.elapsedMs ?? performance.now() - started;
      if (result.state === 'error' && result.code !== 'too-large') throw new Error(`whole page of ${rows} rows failed: ${result.message ?? result.code}`);
      const steps = result.steps;
      samples.push({
        state: result.state,
        ...(result.code ? { code: result.code } : {}),
        elapsedMs,
        renderMs: steps ? steps.copyMs + steps.paintMs : NaN,
        encodeMs: steps ? steps.encodeMs : NaN,
        parts: result.partCount ?? 0,
        bytes: result.bytes ?? 0,
        ...(result.engine ? { engine: result.engine } : {}),
      });
    }
    return samples;
  } finally {
    await tab.close();
  }
}
