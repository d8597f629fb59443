/**
 * The request, the same steps in every browser: from the invoice error page, open the sidebar,
 * go to the Request part, find it pre-filled (invoice number, error text), correct an invalid
 * SIRET and phone number until they validate, see the preview accepted, and send it to the
 * real reference backend: one row in its SQLite database, with the screenshot the sidebar showed.
 */
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, test } from 'vitest';
import { translatorFor } from '../../support/i18n';
import type { SupportRequest } from '../../../src/report/request';
import type { BrowserUnderTest, TabDriver } from '../pages/drivers';
import { openInvoicePageWithSidebar } from '../pages/portal-page';
import type { SidebarPage } from '../pages/sidebar-page';
import { useBackend } from '../support/backend';
import type { E2ESession } from '../support/session';
import { waitFor } from '../support/wait';

const REJECTION = "Erreur : le destinataire n'est pas actif pour le SIRET 11000201100044. Dépôt impossible. (code DP_ERR_042)";

export function requestSuite(session: E2ESession) {
  describe('the pre-filled request', () => {
    const backend = useBackend(session);
    let browser: BrowserUnderTest;
    let tab: TabDriver;
    let sidebar: SidebarPage;
    let t: ReturnType<typeof translatorFor>;

    beforeAll(async () => {
      browser = session.browser;
      t = translatorFor(browser.uiLocale);
      ({ tab, sidebar } = await openInvoicePageWithSidebar(browser));
    });

    test('the tabs move with the arrow keys, from help to the request', async () => {
      expect(await sidebar.selectedPart()).toBe('help');
      await sidebar.focus('[data-testid="tab-help"]');
      await tab.press('ArrowRight');
      await waitFor('the request part', async () => (await sidebar.selectedPart()) === 'request');
      expect(await sidebar.activeElementId()).toBe('tab-request');
    });

    test('is pre-filled from the page: invoice number, error text, category and route', async () => {
      await sidebar.showPart('request');
      await waitFor('the pre-filled invoice number', async () => (await sidebar.fieldValue('request-invoiceNumber')) === 'F2026-0042');
      expect(await sidebar.fieldValue('request-description')).toContain(REJECTION);
      expect(await sidebar.fieldValue('request-category')).toBe('facturation');
      expect(await sidebar.fieldValue('request-subCategory')).toBe('destinataire-introuvable');
      expect(await sidebar.text('request-route')).toContain(t('requestRouteSupport'));
      expect(await sidebar.text('preview-description')).toContain(REJECTION);
      await waitFor('the screenshot attached', async () => (await sidebar.text('preview')).includes('capture-'));
    });

    test('an invalid SIRET and phone are explained at the field, typed again until they validate', async () => {
      await sidebar.focus('#request-siret');
      for (const key of '12345') await tab.press(key);
      await tab.press('Tab');
      let siret = await sidebar.fieldState('request-siret');
      expect(siret.invalid).toBe(true);
      expect(siret.described).toContain(t('problemSiretFormat'));
      expect(await sidebar.text('request-summary')).toBe(t('requestProblemsSummary', [t('requestFieldSiret')]));

      await sidebar.focus('#request-siret');
      for (const key of '73282932000075') await tab.press(key);
      await tab.press('Tab');
      siret = await sidebar.fieldState('request-siret');
      expect(siret.described).toContain(t('problemSiretChecksum'));

      await sidebar.focus('#request-siret');
      for (const key of '73282932000074') await tab.press(key);
      await tab.press('Tab');
      expect((await sidebar.fieldState('request-siret')).invalid).toBe(false);

      await sidebar.fill('request-phone', '01 23');
      expect((await sidebar.fieldState('request-phone')).described).toContain(t('problemPhoneFormat'));
      await sidebar.fill('request-phone', '01 23 45 67 89');
      expect((await sidebar.fieldState('request-phone')).invalid).toBe(false);
    });

    test('sending moves focus to the first invalid field; once corrected it goes to the backend, once, screenshot included', async () => {
      await sidebar.fill('request-email', '');
      await sidebar.waitPastOpeningMoment();
      await sidebar.focus('[data-testid="send-backend"]');
      await tab.press('Enter');
      await waitFor('focus on the email field', async () => (await sidebar.activeElementId()) === 'request-email');
      expect(await sidebar.text('request-summary')).toBe(t('requestProblemsSummary', [t('requestFieldEmail')]));

      await sidebar.fill('request-email', 'jean.dupont@exemple.fr');
      await waitFor('the request to be complete', async () => (await sidebar.text('preview-state')) === t('requestPreviewValid'));
      const preview = await sidebar.text('preview');
      for (const expected of ['73282932000074', '01 23 45 67 89', 'jean.dupont@exemple.fr', 'F2026-0042', REJECTION, 'V2.0.1 - R13']) expect(preview).toContain(expected);
      expect(preview).toContain(t('requestTextIdentifier', ['SIRET fournisseur', '44306184100013']).replace(/^- /, ''));

      await sidebar.focus('[data-testid="send-backend"]');
      await tab.press('Enter');
      const outcome = await sidebar.sendOutcome();
      const reference = /CPH-\d{4}-\d{6}/.exec(outcome)?.[0];
      expect(outcome).toBe(t('requestSentBackend', [reference ?? 'no reference']));
      expect(backend.server.count('requests')).toBe(1);
      // What the page showed reached the stored request without being typed: the user's own SIRET stays theirs.
      const [row] = backend.server.database().prepare('SELECT payload FROM requests').all() as { payload: string }[];
      const stored = JSON.parse(row!.payload) as SupportRequest;
      expect(stored.contact.siret).toBe('73282932000074');
      expect(stored.invoiceNumbers[0]).toBe('F2026-0042');
      expect(stored.identifiers).toEqual(
        expect.arrayContaining([
          { kind: 'siret', value: '11000201100044', role: 'recipient', label: 'SIRET destinataire' },
          { kind: 'siret', value: '44306184100013', role: 'supplier', label: 'SIRET fournisseur' },
          { kind: 'engagementNumber', value: '12345678901234', label: 'Bon de commande' },
        ]),
      );
      const screenshot = Buffer.from((await sidebar.screenshotDataUrl()).split(',')[1]!, 'base64');
      const files = backend.server.database().prepare('SELECT sha256 FROM attachments').all() as { sha256: string }[];
      expect(files).toEqual([{ sha256: createHash('sha256').update(screenshot).digest('hex') }]);
    });
  });
}
