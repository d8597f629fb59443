/**
 * Drafts: the request as the user writes it, saved as they type, restored when the sidebar
 * reopens on the same tab, listed once the tab is closed, deleted when the user discards it or
 * sends it (see enqueue's `fromDraftId`), or once left unchanged longer than the options say.
 * A draft on disk lists only the files the user added (src/store/draft-save.ts).
 */
import { deleteUnreferencedAttachments } from './attachments';
import { readTransaction, writeTransaction, type HelpDb } from './db';
import { DAY_MS } from './history';
import type { Draft } from './records';

const newestFirst = (a: Draft, b: Draft) => b.updatedAt - a.updatedAt;

export const drafts = {
  /**
   * Saves a draft. Files the draft no longer lists are deleted in the same transaction unless
   * something else still refers to them.
   */
  put(db: HelpDb, draft: Draft): Promise<void> {
    return writeTransaction(db, ['drafts', 'attachments', 'outbox'], async (tx) => {
      const previous = await tx.objectStore('drafts').get(draft.id);
      await tx.objectStore('drafts').put(draft);
      const dropped = (previous?.attachmentIds ?? []).filter((id) => !draft.attachmentIds.includes(id));
      if (dropped.length > 0) await deleteUnreferencedAttachments(tx, dropped);
    });
  },

  get(db: HelpDb, id: string): Promise<Draft | undefined> {
    return readTransaction(db, ['drafts'], (tx) => tx.objectStore('drafts').get(id));
  },

  /** The drafts of an open tab, newest first: what the sidebar offers to restore. */
  async byTab(db: HelpDb, tabId: number): Promise<Draft[]> {
    const found = await readTransaction(db, ['drafts'], (tx) => tx.objectStore('drafts').index('byTab').getAll(tabId));
    return found.sort(newestFirst);
  },

  /** Every draft, newest first (History → Drafts). */
  async list(db: HelpDb): Promise<Draft[]> {
    const oldestFirst = await readTransaction(db, ['drafts'], (tx) => tx.objectStore('drafts').index('byUpdatedAt').getAll());
    return oldestFirst.reverse();
  },

  /** Deletes a draft and those of its files nothing else refers to, together. */
  discard(db: HelpDb, id: string): Promise<void> {
    return writeTransaction(db, ['drafts', 'attachments', 'outbox'], async (tx) => {
      const draft = await tx.objectStore('drafts').get(id);
      if (!draft) return;
      await tx.objectStore('drafts').delete(id);
      await deleteUnreferencedAttachments(tx, draft.attachmentIds);
    });
  },

  /**
   * Deletes the drafts left unchanged for longer than `retentionDays`, with the files nothing
   * else refers to; resolves with their ids (their screenshots in memory go too).
   */
  expire(db: HelpDb, now: number, retentionDays: number): Promise<string[]> {
    const cutoff = now - retentionDays * DAY_MS;
    return writeTransaction(db, ['drafts', 'attachments', 'outbox'], async (tx) => {
      const store = tx.objectStore('drafts');
      const expired = await store.index('byUpdatedAt').getAll(IDBKeyRange.upperBound(cutoff, true));
      for (const draft of expired) await store.delete(draft.id);
      await deleteUnreferencedAttachments(
        tx,
        expired.flatMap((draft) => draft.attachmentIds),
      );
      return expired.map((draft) => draft.id);
    });
  },

  /** The tab closed: its drafts stay, listed, and are no longer offered to whatever tab reuses the id. */
  detachTab(db: HelpDb, tabId: number): Promise<void> {
    return writeTransaction(db, ['drafts'], async (tx) => {
      const store = tx.objectStore('drafts');
      const attached = await store.index('byTab').getAll(tabId);
      for (const draft of attached) await store.put({ ...draft, tabId: null });
    });
  },

  /** At browser start-up every tab id from the last session is stale. */
  detachAllTabs(db: HelpDb): Promise<void> {
    return writeTransaction(db, ['drafts'], async (tx) => {
      const store = tx.objectStore('drafts');
      const all = await store.getAll();
      for (const draft of all) if (draft.tabId !== null) await store.put({ ...draft, tabId: null });
    });
  },
};
