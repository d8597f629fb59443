/**
 * Capture of what support asks for (issue: path sequence, error shown, invoice numbers, SIRET,
 * connection id, portal version), the same steps in every browser: a real path through the
 * replica portal ending on an error page, then the toolbar click.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { AboutPage, openAboutPage } from '../pages/about-page';
import type { BrowserUnderTest, TabDriver } from '../pages/drivers';
import { PortalPage } from '../pages/portal-page';
import type { SidebarPage } from '../pages/sidebar-page';
import type { E2ESession } from '../support/session';
import { waitFor } from '../support/wait';

const REJECTION = "Erreur : le destinataire n'est pas actif pour le SIRET 11000201100044. Dépôt impossible. (code DP_ERR_042)";
const UPLOAD_ERROR = 'Erreur technique lors du dépôt. Veuillez réessayer ultérieurement.';
// Typed into portal fields along the path: it must never reach the extension.
const MARKER = `MARQUEUR-${Date.now().toString(36)}-SECRET`;

export function captureSuite(session: E2ESession) {
  describe('what the sidebar captured', () => {
    let browser: BrowserUnderTest;
    let tab: TabDriver;
    let portal: PortalPage;
    let sidebar: SidebarPage;

    beforeAll(async () => {
      browser = session.browser;
      tab = await browser.newTab();
      portal = new PortalPage(tab);
      // A path of four pages with clicks and a form, ending on an invoice in error.
      await portal.open(`${browser.origin('chorus-pro.gouv.fr')}/cpp/accueil`);
      await tab.clickAndWaitForPage('nav[aria-label="Menu principal"] a[href="/cpp/factures-emises"]');
      await tab.type('#GDP_RechercheDemandePaiement_Criteres_NumeroFacture', MARKER);
      await tab.clickAndWaitForPage('#GDP_RechercheDemandePaiement_BoutonRechercher');
      await tab.clickAndWaitForPage('a[href*="F2026-0042"]');
      await tab.type('#facture-commentaire', MARKER);
      await tab.click('#facture-bouton-deposer');
      await waitFor('the upload error on the page', () => tab.evaluate(() => !!document.getElementById('facture-erreur-depot')));
      sidebar = await portal.openSidebarFresh();
      // The path is recorded as it happens; the sidebar follows it live.
      let path: string[] = [];
      await waitFor('the upload error in the path', async () => {
        path = await sidebar.capturedValues('path');
        return path.some((line) => line.includes(UPLOAD_ERROR));
      }).catch((error: Error) => {
        throw new Error(`${error.message}; path shown: ${JSON.stringify(path)}`);
      });
    });

    test('lists the path steps in order, in the user’s language', async () => {
      const path = await sidebar.capturedValues('path');
      expect(path.length).toBeGreaterThanOrEqual(4);
      const clicked = browser.uiLocale === 'fr' ? (label: string) => `clic sur « ${label} »` : (label: string) => `clicked “${label}”`;
      expect(path[0]).toContain(clicked('FACTURES ÉMISES'));
      expect(path[1]).toMatch(/^Factures émises › Rechercher — /);
      expect(path[1]).toContain(clicked('Rechercher'));
      expect(path[2]).toContain(clicked('F2026-0042'));
      const last = path[path.length - 1]!;
      expect(last).toContain('F2026-0042');
      expect(last).toContain(REJECTION);
      expect(last).toContain(clicked('Déposer'));
      expect(last.indexOf(REJECTION)).toBeLessThan(last.indexOf(UPLOAD_ERROR));
    });

    test('shows the exact error texts, the invoice number, the SIRETs, the account and the portal version', async () => {
      const errors = await sidebar.capturedValues('errors');
      expect(errors).toContain(REJECTION);
      expect(errors).toContain(UPLOAD_ERROR);
      expect(errors).toContain("La date d'échéance est obligatoire.");
      expect(errors).not.toContain('Erreur modèle caché');
      const invoices = await sidebar.capturedValues('invoices');
      expect(invoices).toContain('F2026-0042');
      expect(invoices).toEqual(expect.arrayContaining(['11000201100044', '44306184100013']));
      // The purchase order number fails the SIRET check: it is listed as what its label says, never as a SIRET.
      const items = await sidebar.capturedItems();
      expect(items.filter((item) => item.value === '12345678901234').map((item) => item.label)).toEqual(['Bon de commande']);
      expect(items.find((item) => item.value === '11000201100044')?.label).toBe('SIRET destinataire');
      expect(await sidebar.capturedValues('account')).toEqual(expect.arrayContaining(['jdupont-4821']));
      expect(await sidebar.capturedValues('page')).toContain('V2.0.1 - R13');
      const setup = await sidebar.capturedValues('browser');
      expect(setup.some((value) => value.includes(browser.version))).toBe(true);
      expect(setup).toContain('1280 × 800');
    });

    test('never records what the user typed: not in the sidebar, not in any extension storage', async () => {
      expect(await sidebar.bodyText()).not.toContain(MARKER);
      // The about page (a click outside the portal) is an extension tab that may read all storage.
      const about = new AboutPage(await openAboutPage(browser));
      const stored = await about.storageDump();
      expect(stored).toContain('F2026-0042');
      expect(stored).not.toContain(MARKER);
    });

    test('every item can be removed before sending, and put back', async () => {
      const before = await sidebar.capturedItems();
      const invoice = before.find((item) => item.value === 'F2026-0042')!;
      await sidebar.removeItem(invoice.id);
      await waitFor('the item to go', async () => !(await sidebar.capturedItems()).some((item) => item.id === invoice.id));
      expect((await sidebar.capturedItems()).length).toBe(before.length - 1);
      await sidebar.restoreAll();
      await waitFor('the item to come back', async () => (await sidebar.capturedItems()).length === before.length);
    });

    test('the password field is masked in the screenshot: burned into its pixels, before anything is kept', async () => {
      await portal.open(`${browser.origin('chorus-pro.gouv.fr')}/cpp/utilisateur?execution=e1s1`);
      await tab.type('#GCU_Sauthentifier_VousAvezDejaUnCompte_MotDePasse', 'motdepasse-secret');
      const field = await tab.evaluate(() => {
        const box = document.getElementById('GCU_Sauthentifier_VousAvezDejaUnCompte_MotDePasse')!.getBoundingClientRect();
        return { x: box.left, y: box.top, width: box.width, height: box.height, dpr: devicePixelRatio };
      });
      const masked = await portal.openSidebarFresh();
      const at = (fx: number, fy: number) =>
        masked.screenshotPixels(Math.round((field.x + field.width * fx) * field.dpr), Math.round((field.y + field.height * fy) * field.dpr));
      const samples = await Promise.all([at(0.05, 0.5), at(0.5, 0.5), at(0.95, 0.5), at(0.5, 0.1), at(0.5, 0.9)]);
      for (const sample of samples) expect(sample.sample).toEqual([0, 0, 0]);
      // The rest of the page is still there: the portal's blue header band.
      expect((await masked.screenshotPixels(10, 10)).sample[2]).toBeGreaterThan(100);
    });

    test('page text that looks like HTML is shown as text and runs nothing', async () => {
      await portal.open(`${browser.origin('chorus-pro.gouv.fr')}/cpp/erreur-balisage`);
      const hostile = await portal.openSidebarFresh();
      const errors = await waitFor('the hostile error', async () => {
        const values = await hostile.capturedValues('errors');
        return values.length > 0 ? values : undefined;
      });
      expect(errors[0]).toBe('Erreur : <img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script> <b>gras</b> (code XSS_001)');
      expect(await hostile.text('page-title')).toBe('<img src=x onerror="window.__pwned=1"> Facture - Chorus Pro');
      expect(await hostile.injectedElementCount()).toBe(0);
      expect(await hostile.globalValue('__pwned')).toBeNull();
      expect(await tab.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned ?? null)).toBeNull();
    });

    test('a page only looked at is in the path: no click, no leaving it', async () => {
      const about = new AboutPage(await openAboutPage(browser));
      const looked = (pages: { path: string }[]) => pages.filter((page) => page.path.endsWith('/cpp/synthese-flux')).length;
      const before = looked(await about.storedPages());
      const tab = await browser.newTab();
      try {
        await new PortalPage(tab).open(`${browser.origin('chorus-pro.gouv.fr')}/cpp/synthese-flux`);
        await waitFor('the page in its tab’s path', async () => looked(await about.storedPages()) > before);
      } finally {
        await tab.close();
      }
    });

    test('a view the services portal draws without loading a page is in the path, with the heading it draws late', async () => {
      const about = new AboutPage(await openAboutPage(browser));
      const count = async (path: string, heading?: string) =>
        (await about.storedPages()).filter((page) => page.path.endsWith(path) && (heading === undefined || page.heading === heading)).length;
      const homes = await count('/?id=cpp_accueil');
      const ticketViews = await count('/?id=cpp_tickets', 'Suivre mes tickets');
      const spaTab = await browser.newTab();
      try {
        const services = new PortalPage(spaTab);
        await services.open(`${browser.origin('portail.chorus-pro.gouv.fr')}/?id=cpp_accueil`);
        await waitFor('the home page in its tab’s path', async () => (await count('/?id=cpp_accueil')) > homes);
        // What the portal's router does: a new address and menu item, the view drawn in place, its heading last.
        await spaTab.evaluate(() => {
          history.pushState({}, '', '/?id=cpp_tickets');
          document.querySelector('[aria-current="page"]')?.removeAttribute('aria-current');
          document.querySelector('a[href="/?id=cpp_tickets"]')?.setAttribute('aria-current', 'page');
          const main = document.querySelector('main')!;
          main.innerHTML = '<p>Chargement…</p>';
          setTimeout(() => (main.innerHTML = '<h1>Suivre mes tickets</h1><p>Aucun ticket en cours.</p>'), 700);
        });
        await waitFor('the new view in the path, with its heading', async () => (await count('/?id=cpp_tickets', 'Suivre mes tickets')) > ticketViews);
        // The user sees it as a place of its own after the home page, by its menu item.
        const sidebar = await services.openSidebarFresh();
        let path: string[] = [];
        await waitFor('the two places in the sidebar’s path', async () => {
          path = await sidebar.capturedValues('path');
          return path.length === 2;
        }).catch((error: Error) => {
          throw new Error(`${error.message}; path shown: ${JSON.stringify(path)}`);
        });
        expect(path).toEqual(['Accueil', 'Mes tickets']);
      } finally {
        await spaTab.close();
      }
    });
  });
}
