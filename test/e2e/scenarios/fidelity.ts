/**
 * Fidelity of the two capture engines, the same steps in every browser: on replica pages each
 * holding one thing a copy of the page may miss (a scrolled pane, a same-origin frame, a
 * shadow-DOM component, a FontFace font, another site's picture without CORS, a <canvas> chart,
 * vh-sized blocks, fixed and sticky headers, a PrimeFaces-style dialog), the visible area drawn
 * by the SVG route, by html2canvas and by the automatic choice is compared pixel by pixel with
 * the browser's own screenshot. The automatic choice must be the expected engine, and its image
 * ≥ 97 % alike or say what it could not draw.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openAboutPage } from '../pages/about-page';
import { CaptureEngine } from '../pages/capture-engine';
import type { BrowserUnderTest, TabDriver } from '../pages/drivers';
import type { E2ESession } from '../support/session';
import { waitFor } from '../support/wait';

/** Each case, the engine the automatic choice must take for it, and why (null: the SVG route). */
const CASES = [
  { cas: 'volet', engine: 'html2canvas', fallback: 'scrolled-pane' },
  { cas: 'cadre', engine: 'html2canvas', fallback: 'frame' },
  { cas: 'ombre', engine: 'html2canvas', fallback: 'shadow-root' },
  { cas: 'police', engine: 'svg', fallback: null },
  { cas: 'image', engine: 'svg', fallback: null },
  { cas: 'graphique', engine: 'svg', fallback: null },
  { cas: 'vh', engine: 'svg', fallback: null },
  { cas: 'entete', engine: 'html2canvas', fallback: 'fixed-position' },
  { cas: 'dialogue', engine: 'svg', fallback: null },
] as const;

const SIMILAR = 0.97;

export function fidelitySuite(session: E2ESession) {
  describe('capture fidelity: each engine against the browser’s screenshot', () => {
    let browser: BrowserUnderTest;
    let portalTab: TabDriver;
    let engine: CaptureEngine;
    let origin: string;

    beforeAll(async () => {
      browser = session.browser;
      origin = browser.origin('chorus-pro.gouv.fr');
      portalTab = await browser.newTab();
      engine = new CaptureEngine(await openAboutPage(browser));
    });

    afterAll(async () => {
      await portalTab?.close();
    });

    for (const expected of CASES) {
      test(`${expected.cas}: the automatic choice is ${expected.engine}, its image alike or saying what it lacks`, { timeout: 120_000 }, async () => {
        const url = `${origin}/cpp/fidelite?cas=${expected.cas}`;
        await portalTab.goto(url);
        await waitFor(`the ${expected.cas} case to be drawn`, () => portalTab.evaluate(() => document.documentElement.dataset.pret === 'true'));
        const screenshot = await portalTab.screenshot();
        const tabId = await engine.inject(url);
        const svg = await engine.compareViewport(tabId, screenshot, 32, 'svg');
        const compat = await engine.compareViewport(tabId, screenshot, 32, 'html2canvas');
        const auto = await engine.compareViewport(tabId, screenshot, 32, 'auto');
        const line = (result: typeof auto) => `${result.engine} ${((result.matching ?? 0) * 100).toFixed(1)} % lacks [${(result.notDrawn ?? []).join(', ')}]`;
        console.info(`[${browser.name}] fidelity ${expected.cas}: svg ${line(svg)} | html2canvas ${line(compat)} | auto ${line(auto)} (${auto.fallback ?? 'default'})`);
        for (const result of [svg, compat, auto]) expect(result, JSON.stringify(result)).toMatchObject({ state: 'done' });
        expect(compat.engine).toBe('html2canvas');
        expect({ engine: auto.engine, fallback: auto.fallback }).toEqual({ engine: expected.engine, fallback: expected.fallback });
        expect(auto.compared).toBeGreaterThan(100_000);
        if (auto.matching! < SIMILAR) expect(auto.notDrawn, `auto ${auto.matching} alike and saying nothing`).not.toEqual([]);
      });
    }
  });
}
