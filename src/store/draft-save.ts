/**
 * Drafts, background side: what the sidebar's draft messages do to the database and the session
 * store. The files the user added become Blobs (as the outbox stores them) before the draft that
 * lists them is written; the extension's own screenshots go to the session store only (memory),
 * so a draft on disk never holds a capture of the page. Files already stored are referred to by
 * id. A draft belongs to the tab it is written in: another tab's sidebar cannot overwrite it,
 * and reopening a closed tab's draft makes it this tab's.
 */
import { blobOfDataUrl, dataUrlOfBlob } from '../data-url';
import type { DraftOpened, DraftSave, DraftSummary } from '../report/draft';
import { draftTitle, parseDraftForm } from '../report/draft';
import { attachments, deleteUnreferencedAttachments } from './attachments';
import { readTransaction, writeTransaction, type HelpDb } from './db';
import { drafts } from './drafts';
import type { DraftScreenshots, DraftScreenshotStore } from './draft-screenshots';
import type { Draft } from './records';

export class DraftConflictError extends Error {
  override readonly name = 'DraftConflictError';
}

/**
 * Stores the draft as the sidebar sent it: its text and the files the user added in the
 * database, its screenshots in the session store only. Resolves with the ids of its files, in
 * order (a screenshot's id names it in the session store).
 */
export async function saveDraft(
  db: HelpDb,
  session: DraftScreenshotStore,
  save: DraftSave,
  tabId: number,
  now: number,
  newId: () => string = () => crypto.randomUUID(),
): Promise<{ savedAt: number; attachmentIds: string[] }> {
  const previous = await drafts.get(db, save.id);
  if (previous && previous.tabId !== null && previous.tabId !== tabId) throw new DraftConflictError('draft: it belongs to another tab');
  const isScreenshot = (index: number) => save.form.files[index]?.screenshot === true;
  const known = save.files.flatMap((file, index) => ('attachmentId' in file && !isScreenshot(index) ? [file.attachmentId] : []));
  const keys = await readTransaction(db, ['attachments'], (tx) => Promise.all(known.map((id) => tx.objectStore('attachments').getKey(id))));
  // A file id the sidebar remembers but the database lost (erased meanwhile): it sends the bytes next time.
  if (keys.some((key) => key === undefined)) throw new Error('draft: a file it refers to is gone');
  const sessionShots = (await session.load(save.id)).filter((shot) => shot !== null);

  const fileIds: string[] = [];
  const userFileIds: string[] = [];
  const shots: DraftScreenshots = [];
  const added: string[] = [];
  try {
    for (const [index, file] of save.files.entries()) {
      if ('attachmentId' in file) {
        fileIds.push(file.attachmentId);
        // A screenshot the session no longer holds stays out: said lost when the draft is reopened.
        if (isScreenshot(index)) shots.push(sessionShots.find((shot) => shot.id === file.attachmentId) ?? null);
        else userFileIds.push(file.attachmentId);
        continue;
      }
      const blob = blobOfDataUrl(file.dataUrl);
      if (!blob) throw new Error(`draft: file ${index} is not a data: URL`);
      if (isScreenshot(index)) {
        const shot = { id: newId(), type: file.type, dataUrl: file.dataUrl };
        shots.push(shot);
        fileIds.push(shot.id);
        continue;
      }
      const stored = await attachments.put(db, blob, { name: save.form.files[index]?.name ?? 'file', type: file.type, createdAt: now });
      fileIds.push(stored.id);
      userFileIds.push(stored.id);
      added.push(stored.id);
    }
    await drafts.put(db, {
      id: save.id,
      tabId,
      incidentId: save.incidentId,
      createdAt: previous?.createdAt ?? now,
      updatedAt: now,
      fields: { ...save.form },
      attachmentIds: userFileIds,
    });
  } catch (error) {
    // The files this save stored go with it (not every unreferenced file: another tab's save may be half-way).
    await writeTransaction(db, ['attachments', 'drafts', 'outbox'], (tx) => deleteUnreferencedAttachments(tx, added)).catch(() => undefined);
    throw error;
  }
  if (!(await session.save(save.id, shots))) console.warn('Chorus Pro help: the draft\'s screenshots exceed the session storage; its text is saved');
  return { savedAt: now, attachmentIds: fileIds };
}

async function opened(db: HelpDb, session: DraftScreenshotStore, draft: Draft): Promise<DraftOpened | null> {
  const form = parseDraftForm(draft.fields);
  if (!form) return null;
  const [records, shots] = await Promise.all([attachments.getMany(db, draft.attachmentIds), session.load(draft.id)]);
  const files = [];
  const refs = [];
  let userFileIndex = 0;
  let shotIndex = 0;
  let screenshotsNotKept = 0;
  // A file lost on disk is left out of the restored draft rather than failing the whole draft.
  for (const ref of form.files) {
    if (ref.screenshot) {
      const shot = shots[shotIndex++];
      if (!shot) {
        screenshotsNotKept += 1;
        continue;
      }
      files.push({ attachmentId: shot.id, name: ref.name, type: shot.type, dataUrl: shot.dataUrl });
      refs.push(ref);
      continue;
    }
    const record = records.find((found) => found.id === draft.attachmentIds[userFileIndex]);
    userFileIndex += 1;
    if (!record) continue;
    files.push({ attachmentId: record.id, name: ref.name, type: record.type, dataUrl: await dataUrlOfBlob(record.blob) });
    refs.push(ref);
  }
  return { id: draft.id, incidentId: draft.incidentId, updatedAt: draft.updatedAt, form: { ...form, files: refs }, files, screenshotsNotKept };
}

/** The draft the sidebar of this tab restores on opening: the tab's newest. */
export async function latestDraft(db: HelpDb, session: DraftScreenshotStore, tabId: number): Promise<DraftOpened | null> {
  for (const draft of await drafts.byTab(db, tabId)) {
    const restored = await opened(db, session, draft);
    if (restored) return restored;
  }
  return null;
}

/**
 * Reopens a draft in this tab's sidebar: it becomes the tab's draft, and the one the tab had
 * is detached (listed in History → Drafts) rather than lost.
 */
export async function openDraft(db: HelpDb, session: DraftScreenshotStore, id: string, tabId: number): Promise<DraftOpened | null> {
  const draft = await writeTransaction(db, ['drafts'], async (tx) => {
    const store = tx.objectStore('drafts');
    const found = await store.get(id);
    if (!found) return undefined;
    for (const other of await store.index('byTab').getAll(tabId)) if (other.id !== id) await store.put({ ...other, tabId: null });
    const attached: Draft = { ...found, tabId };
    await store.put(attached);
    return attached;
  });
  return draft ? opened(db, session, draft) : null;
}

/** History → Drafts: the drafts of closed tabs, newest first. */
export async function closedTabDrafts(db: HelpDb, session: DraftScreenshotStore): Promise<DraftSummary[]> {
  const summaries: DraftSummary[] = [];
  for (const draft of await drafts.list(db)) {
    const form = draft.tabId === null ? parseDraftForm(draft.fields) : null;
    if (!form) continue;
    const shotsKept = (await session.load(draft.id)).filter((shot) => shot !== null).length;
    summaries.push({ id: draft.id, title: draftTitle(form), updatedAt: draft.updatedAt, files: draft.attachmentIds.length + shotsKept });
  }
  return summaries;
}
