// Drafts, background side: the sidebar's draft messages, the tab closing (its draft stays,
// listed in History), the browser starting or the extension being installed again (every
// tab id of the last run is stale), and drafts expiring. A draft's text and the user's files go
// to IndexedDB; its screenshots to storage.session, in memory only.
// The logic is in src/store/draft-save.ts; this file connects it to the browser.
import browser from 'webextension-polyfill';
import type { DraftOpened, DraftSave, DraftSaveOutcome, DraftSummary } from '../../src/report/draft';
import { createDraftScreenshotStore } from '../../src/store/draft-screenshots';
import { closedTabDrafts, latestDraft, openDraft, saveDraft } from '../../src/store/draft-save';
import { drafts } from '../../src/store/drafts';
import { StorageError } from '../../src/store/errors';
import { database } from './delivery';

const screenshots = createDraftScreenshotStore(browser.storage.session);

export async function saveTabDraft(save: DraftSave, tabId: number): Promise<DraftSaveOutcome> {
  try {
    const { db } = await database();
    return { status: 'saved', ...(await saveDraft(db, screenshots, save, tabId, Date.now())) };
  } catch (error) {
    // Said to the user in the sidebar, which keeps what is typed and tries again at the next change.
    console.error('Chorus Pro help: draft not saved:', error instanceof Error ? error.message : error);
    return { status: 'failed', reason: error instanceof StorageError ? error.kind : 'unknown' };
  }
}

export async function tabDraft(tabId: number): Promise<DraftOpened | null> {
  const { db } = await database();
  return latestDraft(db, screenshots, tabId);
}

export async function reopenDraft(id: string, tabId: number): Promise<DraftOpened | null> {
  const { db } = await database();
  return openDraft(db, screenshots, id, tabId);
}

export async function discardDraft(id: string): Promise<null> {
  const { db } = await database();
  await drafts.discard(db, id);
  await screenshots.drop([id]);
  return null;
}

/** The request written in this draft is in the outbox (with its own files): the draft's screenshots go. */
export function forgetSentDraft(id: string): Promise<void> {
  return screenshots.drop([id]);
}

/** Deletes the drafts left unchanged longer than the options say, their screenshots with them. */
export async function expireDrafts(retentionDays: number): Promise<void> {
  const { db } = await database();
  await screenshots.drop(await drafts.expire(db, Date.now(), retentionDays));
}

export async function listDrafts(): Promise<DraftSummary[]> {
  const { db } = await database();
  return closedTabDrafts(db, screenshots);
}

export function startDrafts(): void {
  browser.tabs.onRemoved.addListener((tabId) => {
    void database()
      .then(({ db }) => drafts.detachTab(db, tabId))
      .catch(logFailure);
  });
  const detachAll = () => {
    void database()
      .then(({ db }) => drafts.detachAllTabs(db))
      .catch(logFailure);
  };
  browser.runtime.onStartup.addListener(detachAll);
  // Installed or updated: no sidebar of the earlier run is left, and a temporary add-on (Firefox)
  // installed again after a browser restart gets this event instead of onStartup.
  browser.runtime.onInstalled.addListener(detachAll);
}

function logFailure(error: unknown) {
  console.error('Chorus Pro help: drafts:', error instanceof Error ? error.message : error);
}
