/**
 * What the extension leaves in the browser profile after a realistic session, compared with
 * what SECURITY.md says is stored where: a request written on an error page (the toolbar's
 * screenshot, typed text, a file picked from disk) and sent to the real reference backend, a
 * second request left as a draft with its screenshot, its tab closed. Then the extension's
 * IndexedDB, storage.local and storage.session are read as a person with the profile could.
 * The screenshots are on disk only as files of the delivered request, which History keeps for
 * its retention period; a draft holds its text and the user's file, its screenshots stay in
 * memory. The browser is then restarted: the draft comes back with its text, and says its
 * screenshots were not kept.
 */
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, test } from 'vitest';
import { translatorFor } from '../../support/i18n';
import { AboutPage, openAboutPage, type StorageAudit } from '../pages/about-page';
import type { BrowserUnderTest } from '../pages/drivers';
import { invoicePageUrl, PortalPage } from '../pages/portal-page';
import type { SidebarPage } from '../pages/sidebar-page';
import { useBackend } from '../support/backend';
import { ROOT } from '../support/paths';
import type { E2ESession } from '../support/session';
import { waitFor } from '../support/wait';

const USER_FILE = `${ROOT}test/fixtures/documents/releve-factures-rejetees.csv`;
const USER_FILE_SHA256 = createHash('sha256').update(readFileSync(USER_FILE)).digest('hex');

/** The SHA-256 of the toolbar screenshot the extension keeps for the tab (storage.session, `capture:<tab>`). */
function captureHashes(audit: StorageAudit): string[] {
  return audit.session.filter((entry) => entry.key.startsWith('capture:')).flatMap((entry) => entry.images);
}

export function storageAuditSuite(session: E2ESession) {
  describe('storage audit', () => {
    const backend = useBackend(session);
    let browser: BrowserUnderTest;
    let t: ReturnType<typeof translatorFor>;

    beforeAll(() => {
      browser = session.browser;
      t = translatorFor(browser.uiLocale);
    });

    async function requestOnInvoicePage(): Promise<{ portal: PortalPage; sidebar: SidebarPage }> {
      const portal = new PortalPage(await browser.newTab());
      await portal.open(invoicePageUrl(browser));
      const sidebar = await portal.openSidebarFresh();
      await sidebar.showPart('request');
      await waitFor('the pre-filled request', async () => (await sidebar.fieldValue('request-invoiceNumber')) === 'F2026-0042');
      await waitFor('the screenshot attached', async () => (await sidebar.requestFileNames()).some((name) => name.startsWith('capture-')));
      return { portal, sidebar };
    }

    test('after sending and drafting, the screenshots are on disk only in the delivered request; a draft keeps its text and the user’s file', { timeout: 180_000 }, async () => {
      const sentTitle = `Audit envoi ${browser.name}`;
      const draftTitle = `Audit brouillon ${browser.name}`;
      const about = new AboutPage(await openAboutPage(browser));
      // Every toolbar screenshot of the profile, this test's and those of tabs earlier tests left open.
      const capturesSeen = new Set(captureHashes(await about.storageAudit()));

      // A request written on the error page: typed text and a file picked from disk, beside the screenshot.
      const sending = await requestOnInvoicePage();
      await sending.sidebar.typeInto(sending.portal.driver, 'request-title', sentTitle);
      await sending.sidebar.fill('request-email', 'jean.dupont@exemple.fr');
      await sending.sidebar.pickFiles(sending.portal.driver, [USER_FILE]);
      await waitFor('the picked file in the request', async () => (await sending.sidebar.requestFileNames()).includes('releve-factures-rejetees.csv'));
      // The draft's text reaches the database before its screenshot reaches the session area.
      const writing = await waitFor('the draft stored with both files, its screenshot in memory', async () => {
        const audit = await about.storageAudit();
        const stored = audit.drafts.find((draft) => draft.title === sentTitle && draft.files.length === 2);
        return stored && audit.session.some((entry) => entry.key === `draft-screenshots:${stored.id}`) ? audit : undefined;
      });
      for (const hash of captureHashes(writing)) capturesSeen.add(hash);
      const sentDraft = writing.drafts.find((draft) => draft.title === sentTitle)!;
      expect(sentDraft.files).toEqual([
        { name: expect.stringMatching(/^capture-/), screenshot: true },
        { name: 'releve-factures-rejetees.csv', screenshot: false },
      ]);
      // On disk: the user's file only. The screenshot is in storage.session, under the draft.
      expect(sentDraft.attachmentIds.map((id) => writing.attachments.find((file) => file.id === id)?.sha256)).toEqual([USER_FILE_SHA256]);
      expect(writing.session.find((entry) => entry.key === `draft-screenshots:${sentDraft.id}`)?.images).toHaveLength(1);

      await waitFor('the request to be complete', async () => (await sending.sidebar.text('preview-state')) === t('requestPreviewValid'));
      await sending.sidebar.clickSend(sending.portal.driver, 'backend');
      await waitFor('the request delivered', async () => /CPH-\d{4}-\d{6}/.test(await sending.sidebar.sendOutcome()));
      const received = backend.server.database().prepare('SELECT a.name, a.sha256 FROM attachments a JOIN requests r ON r.id = a.request_id WHERE r.title = ? ORDER BY a.position').all(sentTitle) as { name: string; sha256: string }[];
      expect(received.map((file) => file.name)).toEqual([expect.stringMatching(/^capture-/), 'releve-factures-rejetees.csv']);

      // A second request, left as a draft with its screenshot; then both tabs close.
      const drafting = await requestOnInvoicePage();
      await drafting.sidebar.typeInto(drafting.portal.driver, 'request-title', draftTitle);
      await drafting.sidebar.waitForDraftSaved(draftTitle);
      const open = await about.storageAudit();
      for (const hash of captureHashes(open)) capturesSeen.add(hash);
      const capturesOpen = open.session.filter((entry) => entry.key.startsWith('capture:')).length;
      await sending.portal.driver.close();
      await drafting.portal.driver.close();
      const after = await waitFor('the closed tabs’ screenshots dropped and the draft detached', async () => {
        const audit = await about.storageAudit();
        const detached = audit.drafts.find((draft) => draft.title === draftTitle)?.tabId === null;
        return detached && audit.session.filter((entry) => entry.key.startsWith('capture:')).length === capturesOpen - 2 ? audit : undefined;
      });

      // Every screenshot seen: on disk only as a file of a request. (Two captures of the same
      // page may be the same bytes: Firefox draws them identically.)
      const screenshots = capturesSeen;
      expect(screenshots.size).toBeGreaterThan(0);
      const delivered = after.outbox.find((item) => item.title === sentTitle);
      expect(delivered?.state).toBe('delivered');
      const deliveredFiles = delivered!.attachmentIds.map((id) => after.attachments.find((file) => file.id === id));
      expect(deliveredFiles.map((file) => file?.sha256)).toEqual([received[0]!.sha256, USER_FILE_SHA256]);
      expect(deliveredFiles.map((file) => file?.kind)).toEqual(['png', 'other']);
      expect(screenshots.has(received[0]!.sha256)).toBe(true);
      // Requests (this one, and any an earlier suite sent) are the only holders of screenshots on disk.
      const requestFiles = new Set(after.outbox.flatMap((item) => item.attachmentIds));
      for (const file of after.attachments.filter((record) => !requestFiles.has(record.id))) {
        expect(screenshots.has(file.sha256), `${file.name} holds a screenshot outside a request`).toBe(false);
      }
      // A delivered request stays on disk only beside its History entry, which its retention prunes.
      for (const item of after.outbox.filter((found) => found.state === 'delivered')) expect(after.history.map((entry) => entry.id)).toContain(item.id);
      expect(after.history.find((entry) => entry.id === delivered!.id)?.title).toBe(sentTitle);

      // The draft: its text, its screenshot named but not on disk.
      const draft = after.drafts.find((found) => found.title === draftTitle)!;
      expect(draft.files).toEqual([{ name: expect.stringMatching(/^capture-/), screenshot: true }]);
      expect(draft.attachmentIds).toEqual([]);
      expect(draft.images).toEqual([]);
      expect(after.drafts.find((found) => found.title === sentTitle)).toBeUndefined();
      // storage.local holds no image at all; storage.session (memory) holds the draft's screenshot.
      expect(after.local.flatMap((entry) => entry.images)).toEqual([]);
      expect(after.session.find((entry) => entry.key === `draft-screenshots:${draft.id}`)?.images.every((hash) => screenshots.has(hash))).toBe(true);
      // The sent draft's screenshot left memory with it.
      expect(after.session.some((entry) => entry.key === `draft-screenshots:${sentDraft.id}`)).toBe(false);

      // The browser quits: memory is gone, the draft comes back with its text and says its screenshot was not kept.
      const restarted = await session.restartBrowser();
      browser = restarted;
      const reopenedOn = await requestOnInvoicePage();
      await reopenedOn.sidebar.showPart('history');
      const listed = await waitFor('the draft in History → Drafts', async () => {
        const found = (await reopenedOn.sidebar.listedDrafts()).find((shown) => shown.title === draftTitle);
        if (!found) await reopenedOn.sidebar.reshowHistory();
        return found;
      });
      await reopenedOn.sidebar.reopenDraft(listed.id);
      await waitFor('the draft reopened', async () => (await reopenedOn.sidebar.fieldValue('request-title')) === draftTitle);
      expect(await reopenedOn.sidebar.screenshotsNotKeptNotice()).toBe(t('draftScreenshotsNotKept'));
      const afterRestart = await new AboutPage(await openAboutPage(restarted)).storageAudit();
      expect(afterRestart.session.filter((entry) => entry.key.startsWith('draft-screenshots:') && entry.key !== `draft-screenshots:${draft.id}`)).toEqual([]);
      expect(afterRestart.drafts.flatMap((found) => found.images)).toEqual([]);
      // Every file on disk belongs to a draft (the user's) or a request; none is left over.
      const holders = new Set([...afterRestart.drafts, ...afterRestart.outbox].flatMap((holder) => holder.attachmentIds));
      expect(afterRestart.attachments.filter((file) => !holders.has(file.id))).toEqual([]);
      const requestFilesNow = new Set(afterRestart.outbox.flatMap((item) => item.attachmentIds));
      expect(afterRestart.attachments.filter((file) => screenshots.has(file.sha256) && !requestFilesNow.has(file.id))).toEqual([]);
      await reopenedOn.sidebar.discardDraft();
      await reopenedOn.portal.driver.close();
    });
  });
}
