/**
 * "Page entière" as the user lives it: the button pressed in the sidebar of the replica's
 * 2,000-row list → the sidebar saying the parts are attached. Everything is in it: the engine in
 * the page, the parts handed to the sidebar, their files and thumbnails, the sidebar's own page
 * update. Measured by the harness (its clock, the status line polled every 50 ms, so a sidebar
 * still busy after showing it counts too), each run on a freshly loaded tab.
 */
import type { BrowserUnderTest } from '../test/e2e/pages/drivers';
import { PortalPage } from '../test/e2e/pages/portal-page';

export async function measureWholePageFromSidebar(browser: BrowserUnderTest, rows: number, runs: number): Promise<number[]> {
  const samples: number[] = [];
  for (let run = 0; run < runs; run++) {
    // An address of its own: other tabs of the session may show the same list.
    const portal = new PortalPage(await browser.newTab());
    try {
      await portal.open(`${browser.origin('chorus-pro.gouv.fr')}/cpp/factures-emises/liste?lignes=${rows}&mesure=${run}`);
      const sidebar = await portal.openSidebarFresh();
      const started = performance.now();
      await sidebar.clickScreenshotButton('whole-page');
      await sidebar.waitForScreenshotStatus(120_000);
      const elapsed = performance.now() - started;
      const parts = (await sidebar.screenshotNames()).length;
      if (parts < 2) throw new Error(`the sidebar shows ${parts} image(s) after "Page entière" on ${rows} rows`);
      samples.push(elapsed);
    } finally {
      await portal.driver.close();
    }
  }
  return samples;
}
