/**
 * Portal data and "Compatibilité avec cette page", the same steps in every browser: with a
 * portal invoice page open in a tab, the options page says which portal data is in effect and
 * its check lists, for that tab, what each detector finds — selectors and counts, never the
 * page's text. The administrator's override through managed storage is covered by unit tests
 * (parser, merge, page reading, compatibility report): the test browsers run without an
 * enterprise policy.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { CompatibilityReport } from '../pages/compatibility-report';
import type { BrowserUnderTest } from '../pages/drivers';
import { openOptionsPage } from '../pages/options-page';
import { invoicePageUrl, PortalPage } from '../pages/portal-page';
import { translatorFor } from '../../support/i18n';
import type { E2ESession } from '../support/session';
import { waitFor } from '../support/wait';

export function portalDataSuite(session: E2ESession) {
  describe('portal data and compatibility with the page', () => {
    let browser: BrowserUnderTest;
    let t: ReturnType<typeof translatorFor>;

    beforeAll(() => {
      browser = session.browser;
      t = translatorFor(browser.uiLocale);
    });

    test('the options page checks the latest portal tab and reports counts only', async () => {
      const tab = await browser.newTab();
      await new PortalPage(tab).open(invoicePageUrl(browser));
      await openOptionsPage(browser);
      const frame = await waitFor('the options page', () => browser.extensionTab('extension/options/index.html'));
      const section = new CompatibilityReport(frame);
      expect(await section.portalDataStatus()).toBe(t('optionsPortalDataNone'));
      const { report, status } = await section.check();
      expect(status).toBe('');
      const lines = report.split('\n');
      expect(lines.slice(0, 4)).toEqual([
        t('compatibilityHeading'),
        `${t('compatibilityPage')} ${browser.origin('chorus-pro.gouv.fr')}/cpp/facture?numero=…`,
        `${t('compatibilityProfile')} classic`,
        expect.stringMatching(new RegExp(`^${t('compatibilityData')} \\d+\\.\\d+\\.\\d+$`)),
      ]);
      expect(report).toContain(`${t('compatibilityVersion')} ${t('compatibilityMatched', ['1', '3'])}\n  .footer-version × 1`);
      expect(report).toContain(`${t('compatibilityErrorContainers')} ${t('compatibilityMatched', ['1', '7'])}\n  .alert-danger × 2`);
      expect(report).toContain(t('compatibilityNoForm'));
      for (const pageText of ['DP_ERR_042', 'V2.0.1', 'Jean Dupont', 'obligatoire']) expect(report).not.toContain(pageText);
    });
  });
}
