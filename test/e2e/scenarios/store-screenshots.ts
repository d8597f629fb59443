/**
 * The store listings' screenshots, made from the replica pages in the browser's own language
 * (Chromium runs in French, Firefox in English): the help sidebar on an invoice in error, then
 * the pre-filled request, at the 1280 × 800 the stores take. Written to docs/store/ when
 * STORE_SCREENSHOTS=1 (npm run store:screenshots); otherwise only made and checked.
 */
import { writeFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { openInvoicePageWithSidebar } from '../pages/portal-page';
import type { E2ESession } from '../support/session';

const FILE_NAMES = {
  fr: ['screenshot-fr-1-aide.png', 'screenshot-fr-2-demande.png'],
  en: ['screenshot-en-1-help.png', 'screenshot-en-2-request.png'],
} as const;

/** Width and height from a PNG's header. */
function pngSize(png: Buffer): { width: number; height: number } {
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

export function storeScreenshotsSuite(session: E2ESession) {
  describe('store screenshots', () => {
    test('the help sidebar and the pre-filled request on an invoice in error, at 1280 × 800', async () => {
      const { tab, portal, sidebar } = await openInvoicePageWithSidebar(session.browser);
      const shots: Buffer[] = [];
      for (const part of ['help', 'request'] as const) {
        await sidebar.showPart(part);
        expect(await portal.hasSidebarHost()).toBe(true);
        shots.push(Buffer.from((await tab.screenshot()).split(',')[1]!, 'base64'));
      }
      for (const png of shots) expect(pngSize(png)).toEqual({ width: 1280, height: 800 });
      if (process.env['STORE_SCREENSHOTS'] === '1') {
        FILE_NAMES[session.browser.uiLocale].forEach((name, index) => writeFileSync(`docs/store/${name}`, shots[index]!));
      }
      await tab.close();
    });
  });
}
