/**
 * Drafts, background side: what the sidebar's draft messages do to the database. New files
 * become Blobs (as the outbox stores them) before the draft that lists them is written; files
 * already stored are referred to by id. A draft belongs to the tab it is written in: another
 * tab's sidebar cannot overwrite it, and reopening a closed tab's draft makes it this tab's.
 */
import { blobOfDataUrl, dataUrlOfBlob } from '../data-url';
import type { DraftOpened, DraftSave, DraftSummary } from '../report/draft';
import { draftTitle, parseDraftForm } from '../report/draft';
import { attachments, deleteUnreferencedAttachments } from './attachments';
import { readTransaction, writeTransaction, type HelpDb } from './db';
import { drafts } from './drafts';
import type { Draft } from './records';

export class DraftConflictError extends Error {
  override readonly name = 'DraftConflictError';
}

/** Stores the draft as the sidebar sent it; resolves with the ids of its files, in order. */
export async function saveDraft(db: HelpDb, save: DraftSave, tabId: number, now: number): Promise<{ savedAt: number; attachmentIds: string[] }> {
  const previous = await drafts.get(db, save.id);
  if (previous && previous.tabId !== null && previous.tabId !== tabId) throw new DraftConflictError('draft: it belongs to another tab');
  const known = save.files.flatMap((file) => ('attachmentId' in file ? [file.attachmentId] : []));
  const keys = await readTransaction(db, ['attachments'], (tx) => Promise.all(known.map((id) => tx.objectStore('attachments').getKey(id))));
  // A file id the sidebar remembers but the database lost (erased meanwhile): it sends the bytes next time.
  if (keys.some((key) => key === undefined)) throw new Error('draft: a file it refers to is gone');

  const attachmentIds: string[] = [];
  const added: string[] = [];
  try {
    for (const [index, file] of save.files.entries()) {
      if ('attachmentId' in file) {
        attachmentIds.push(file.attachmentId);
        continue;
      }
      const blob = blobOfDataUrl(file.dataUrl);
      if (!blob) throw new Error(`draft: file ${index} is not a data: URL`);
      const stored = await attachments.put(db, blob, { name: save.form.files[index]?.name ?? 'file', type: file.type, createdAt: now });
      attachmentIds.push(stored.id);
      added.push(stored.id);
    }
    await drafts.put(db, {
      id: save.id,
      tabId,
      incidentId: save.incidentId,
      createdAt: previous?.createdAt ?? now,
      updatedAt: now,
      fields: { ...save.form },
      attachmentIds,
    });
  } catch (error) {
    // The files this save stored go with it (not every unreferenced file: another tab's save may be half-way).
    await writeTransaction(db, ['attachments', 'drafts', 'outbox'], (tx) => deleteUnreferencedAttachments(tx, added)).catch(() => undefined);
    throw error;
  }
  return { savedAt: now, attachmentIds };
}

async function opened(db: HelpDb, draft: Draft): Promise<DraftOpened | null> {
  const form = parseDraftForm(draft.fields);
  if (!form) return null;
  const records = await attachments.getMany(db, draft.attachmentIds);
  const files = [];
  const refs = [];
  // A file lost on disk is left out of the restored draft rather than failing the whole draft.
  for (const [index, id] of draft.attachmentIds.entries()) {
    const record = records.find((found) => found.id === id);
    const ref = form.files[index];
    if (!record || !ref) continue;
    files.push({ attachmentId: record.id, name: ref.name, type: record.type, dataUrl: await dataUrlOfBlob(record.blob) });
    refs.push(ref);
  }
  return { id: draft.id, incidentId: draft.incidentId, updatedAt: draft.updatedAt, form: { ...form, files: refs }, files };
}

/** The draft the sidebar of this tab restores on opening: the tab's newest. */
export async function latestDraft(db: HelpDb, tabId: number): Promise<DraftOpened | null> {
  for (const draft of await drafts.byTab(db, tabId)) {
    const restored = await opened(db, draft);
    if (restored) return restored;
  }
  return null;
}

/**
 * Reopens a draft in this tab's sidebar: it becomes the tab's draft, and the one the tab had
 * is detached (listed in History → Drafts) rather than lost.
 */
export async function openDraft(db: HelpDb, id: string, tabId: number): Promise<DraftOpened | null> {
  const draft = await writeTransaction(db, ['drafts'], async (tx) => {
    const store = tx.objectStore('drafts');
    const found = await store.get(id);
    if (!found) return undefined;
    for (const other of await store.index('byTab').getAll(tabId)) if (other.id !== id) await store.put({ ...other, tabId: null });
    const attached: Draft = { ...found, tabId };
    await store.put(attached);
    return attached;
  });
  return draft ? opened(db, draft) : null;
}

/** History → Drafts: the drafts of closed tabs, newest first. */
export async function closedTabDrafts(db: HelpDb): Promise<DraftSummary[]> {
  const summaries: DraftSummary[] = [];
  for (const draft of await drafts.list(db)) {
    const form = draft.tabId === null ? parseDraftForm(draft.fields) : null;
    if (form) summaries.push({ id: draft.id, title: draftTitle(form), updatedAt: draft.updatedAt, files: draft.attachmentIds.length });
  }
  return summaries;
}
