/**
 * The portal form channel on today's services portal, the same steps in every browser: from a
 * portal page, the sidebar's request is handed to the portal's ticket form, reached by the route
 * the portal's documentation gives (Support → … → the form), filled through its widgets as a
 * person fills them, and read back in the sidebar; nothing is submitted, the captcha is left
 * alone. When the form is gone (the portal changed), the user lands on the contact page and the
 * sidebar offers the request field by field, each with its copy button.
 */
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { translatorFor } from '../../support/i18n';
import type { BrowserUnderTest, TabDriver } from '../pages/drivers';
import { PortalFormPage } from '../pages/portal-form-page';
import { PortalPage } from '../pages/portal-page';
import type { SidebarPage } from '../pages/sidebar-page';
import type { E2ESession } from '../support/session';
import { waitFor } from '../support/wait';

const TITLE = 'Consultation de facture impossible';

export function servicesTicketSuite(session: E2ESession) {
  describe('the ticket form of the services portal', () => {
    let browser: BrowserUnderTest;
    let t: ReturnType<typeof translatorFor>;
    const services = () => browser.origin('portail.chorus-pro.gouv.fr');
    const posts = () => session.server.requests.filter((seen) => seen.method === 'POST');

    beforeAll(() => {
      browser = session.browser;
      t = translatorFor(browser.uiLocale);
    });

    afterEach(() => session.server.replaceServicesPage('cpp_ticket_support', null));

    /** Opens `id` on the services portal, its sidebar on the Request part, the request completed and valid. */
    async function requestFrom(id: string, loggedIn: boolean): Promise<{ tab: TabDriver; sidebar: SidebarPage }> {
      const tab = await browser.newTab();
      const portal = new PortalPage(tab);
      await portal.open(`${services()}/?id=${id}`);
      const sidebar = await portal.openSidebarFresh();
      await sidebar.showPart('request');
      await sidebar.choose('request-category', 'facturation');
      await sidebar.choose('request-subCategory', 'destinataire-introuvable');
      await sidebar.fill('request-title', TITLE);
      await sidebar.fill('request-email', 'jean.dupont@exemple.fr');
      if (!loggedIn) {
        await sidebar.fill('request-name', 'Jean Dupont');
        await sidebar.fill('request-phone', '06 12 34 56 78');
        await sidebar.fill('request-siret', '73282932000074');
      }
      await sidebar.fill('request-description', "La facture F2026-0043 reste introuvable. J'ai réessayé deux fois.");
      await waitFor('the request to be complete', async () => (await sidebar.text('preview-state')) === t('requestPreviewValid'));
      return { tab, sidebar };
    }

    test('not logged in: the route Support → Nous contacter → Envoyer un ticket → Créer un ticket de support leads to the form, filled through its widgets, read back in the sidebar, nothing submitted', async () => {
      const { tab, sidebar } = await requestFrom('cpp_connexion', false);
      const before = posts().length;
      await sidebar.clickSend(tab, 'portal');
      expect(await sidebar.sendOutcome()).toBe(t('requestSentPortal'));

      const form = new PortalFormPage(await waitFor('the ticket form tab', () => browser.findTab(`${services()}/?id=cpp_ticket_support`)));
      expect(await form.widget('sp_formfield_categorie')).toEqual({ shown: 'Facturation', value: 'facturation' });
      expect(await form.widget('sp_formfield_sous_categorie')).toEqual({ shown: 'Destinataire introuvable ou inactif', value: 'destinataire-introuvable-ou-inactif' });
      const values = await form.values(['sp_formfield_email', 'sp_formfield_short_description', 'sp_formfield_description', 'captcha-saisie']);
      expect(values).toMatchObject({ sp_formfield_email: 'jean.dupont@exemple.fr', sp_formfield_short_description: TITLE, 'captcha-saisie': '' });
      expect(values['sp_formfield_description']).toContain("J'ai réessayé deux fois.");
      expect((await form.attachmentNames()).length).toBe(1);

      const report = sidebar.handoff();
      const filled = await report.filled();
      expect(filled.map((line) => line.field).sort()).toEqual(['attachments', 'category', 'description', 'email', 'subCategory', 'title']);
      expect(filled.find((line) => line.field === 'subCategory')?.text).toContain('Destinataire introuvable ou inactif');
      expect(filled.find((line) => line.field === 'title')?.text).toContain(TITLE);
      expect(await report.missing()).toEqual([]);
      expect((await report.leftForUser()).map((line) => line.field)).toEqual(['captcha', 'submit']);
      expect((await report.leftForUser())[1]?.text).toBe(t('requestPortalLeftSubmit_services', ['Soumettre']));
      expect(posts().length).toBe(before);
    });

    test('logged in: Support → Créer un ticket leads to the connected form, filled and read back, nothing submitted', async () => {
      const { tab, sidebar } = await requestFrom('cpp_erreur', true);
      const before = posts().length;
      await sidebar.clickSend(tab, 'portal');
      expect(await sidebar.sendOutcome()).toBe(t('requestSentPortal'));

      const form = new PortalFormPage(await waitFor('the connected ticket form tab', () => browser.findTab(`${services()}/?id=cpp_ticket_connecte`)));
      expect(await form.widget('sp_formfield_categorie')).toEqual({ shown: 'Facturation', value: 'facturation' });
      expect((await form.widget('sp_formfield_sous_categorie')).shown).toBe('Destinataire introuvable ou inactif');
      expect((await form.values(['sp_formfield_short_description']))['sp_formfield_short_description']).toBe(TITLE);

      const report = sidebar.handoff();
      expect((await report.filled()).map((line) => line.field).sort()).toEqual(['attachments', 'category', 'description', 'subCategory', 'title']);
      // No captcha in connected mode: only the send button is left.
      expect((await report.leftForUser()).map((line) => line.field)).toEqual(['submit']);
      expect(posts().length).toBe(before);
    });

    test('the portal changed (the form is gone): the user lands on the contact page, with the request to copy field by field, one copy button each', async () => {
      session.server.replaceServicesPage('cpp_ticket_support', 'ticket-formulaire-modifie');
      const { tab, sidebar } = await requestFrom('cpp_connexion', false);
      const before = posts().length;
      await sidebar.clickSend(tab, 'portal');
      expect(await sidebar.sendOutcome()).toBe(t('requestPortalFormNotFound'));

      const contact = new PortalFormPage(await waitFor('the contact page tab', () => browser.findTab(`${services()}/?id=cpp_nous_contacter`)));
      await waitFor('the contact page loaded', async () => (await contact.heading()) === 'Nous contacter');
      const report = sidebar.handoff();
      expect(await report.instructions()).toBe(t('requestPortalNotFoundWhatToDo_services'));
      const rows = await report.copyable();
      expect(rows.map((row) => row.label)).toEqual([
        t('requestPortalField_category'),
        t('requestPortalField_subCategory'),
        t('requestPortalField_email'),
        t('requestPortalField_title_services'),
        t('requestPortalField_description'),
        t('requestPortalField_attachments'),
      ]);
      expect(rows.find((row) => row.field === 'title')?.value).toBe(TITLE);
      expect(rows.find((row) => row.field === 'description')?.value).toContain("J'ai réessayé deux fois.");
      expect(await report.copyButtons()).toEqual(rows.map((row) => t('requestPortalCopyField', [row.label])));
      expect(posts().length).toBe(before);
    });
  });
}
