/**
 * One alternative whole-page engine beside ours, for the figures only (the extension does not
 * ship it): SnapDOM (@zumer/snapdom, MIT) also serialises the document into an SVG foreignObject
 * and lets the browser rasterise it, but inlines every element's computed style. Measured on
 * the same replica list, at full scale, cut into the same parts as "Page entière" (src/capture/
 * tiles.ts) and each part encoded as PNG — so that the time compares with the engine's line.
 * Loaded into the page's own world (a script tag), as a page-capture script would be.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { planTiles } from '../src/capture/tiles';
import type { BrowserUnderTest } from '../test/e2e/pages/drivers';

// The package exports only its ES module; its classic script (which sets window.snapdom) sits beside it.
const SNAPDOM_SCRIPT = join(dirname(createRequire(import.meta.url).resolve('@zumer/snapdom/package.json')), 'dist/snapdom.js');

export interface SnapdomSample {
  /** 'done', or why the engine could not make the image (recorded, not thrown: it is a finding). */
  state: 'done' | 'error';
  message?: string;
  elapsedMs: number;
  parts: number;
  /** Largest part, bytes. */
  bytes: number;
  /** Of which PNG encoding of the parts, ms. */
  encodeMs: number;
  /** Distinct colours over a grid of the first part: 1 means a blank image (not a real capture). */
  colours: number;
}

/** Runs SnapDOM's classic script in the page's world through a script element; says whether it set window.snapdom. */
const injectSnapdom = (source: string) => {
  const script = document.createElement('script');
  script.textContent = source;
  document.documentElement.append(script);
  script.remove();
  return typeof (window as unknown as { snapdom?: unknown }).snapdom === 'function';
};

export async function measureSnapdom(browser: BrowserUnderTest, rows: number, runs: number): Promise<SnapdomSample[]> {
  const page = await browser.newTab();
  const url = `${browser.origin('chorus-pro.gouv.fr')}/cpp/factures-emises/liste?lignes=${rows}`;
  const source = readFileSync(SNAPDOM_SCRIPT, 'utf8');
  // Each run on a freshly loaded page: SnapDOM keeps style and font caches per document, and a
  // user captures a page once, so a warm second capture would flatter it.
  const load = async () => {
    await page.goto(url);
    if (!(await page.evaluate(injectSnapdom, source))) throw new Error('SnapDOM did not load in the page');
  };
  try {
    await load();
    const size = await page.evaluate(() => ({ width: document.documentElement.scrollWidth, height: document.documentElement.scrollHeight }));
    const plan = planTiles(size, 1);
    if (!plan.fits) return [{ state: 'error', message: `${plan.parts} parts: more than the engine makes`, elapsedMs: NaN, parts: plan.parts, bytes: 0, encodeMs: NaN, colours: 0 }];
    const samples: SnapdomSample[] = [];
    for (let run = 0; run < runs; run++) {
      if (run > 0) await load();
      samples.push(
        await page.evaluate(
          async (plan): Promise<SnapdomSample> => {
            const { snapdom } = window as unknown as {
              snapdom: (root: Element, options: object) => Promise<{ toSvg(): Promise<HTMLImageElement> }>;
            };
            const started = performance.now();
            try {
              const capture = await snapdom(document.documentElement, { scale: 1, dpr: 1, backgroundColor: '#ffffff' });
              const image = await capture.toSvg();
              await image.decode();
              let largest = 0;
              let colours = 0;
              let encodeMs = 0;
              for (const tile of plan.tiles) {
                const canvas = document.createElement('canvas');
                canvas.width = plan.width;
                canvas.height = tile.height;
                const context = canvas.getContext('2d')!;
                context.drawImage(image, 0, tile.y, plan.width, tile.height, 0, 0, plan.width, tile.height);
                if (colours === 0) {
                  const seen = new Set<string>();
                  for (let i = 0; i < 16; i++)
                    for (let j = 0; j < 16; j++)
                      seen.add(context.getImageData(Math.floor(((i + 0.5) * canvas.width) / 16), Math.floor(((j + 0.5) * Math.min(canvas.height, 2000)) / 16), 1, 1).data.join(','));
                  colours = seen.size;
                }
                const encoding = performance.now();
                const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
                encodeMs += performance.now() - encoding;
                if (!blob) throw new Error('a part could not be encoded');
                largest = Math.max(largest, blob.size);
              }
              return { state: 'done', elapsedMs: performance.now() - started, parts: plan.tiles.length, bytes: largest, encodeMs, colours };
            } catch (error) {
              return { state: 'error', message: String((error && (error as Error).message) || error), elapsedMs: performance.now() - started, parts: 0, bytes: 0, encodeMs: NaN, colours: 0 };
            }
          },
          { tiles: plan.tiles.map((tile) => ({ y: tile.y, height: tile.height })), width: plan.width },
        ),
      );
    }
    return samples;
  } finally {
    await page.close();
  }
}
