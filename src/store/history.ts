/**
 * History: the requests that reached support, newest first. An entry is written by the outbox
 * in the same transaction that marks its item delivered (src/outbox/outbox.ts). The delivered
 * outbox item is kept alongside it, with its files, until the entry is pruned or erased: the
 * two are one request, and go together.
 *
 * Pruning and erasing never touch an undelivered outbox item: a request waiting to be sent is
 * not history.
 */
import { deleteUnreferencedAttachments } from './attachments';
import { readTransaction, writeTransaction, type HelpDb, type StoreName, type WriteTransaction } from './db';
import type { HistoryEntry } from './records';

export const DAY_MS = 24 * 60 * 60 * 1000;

export const HISTORY_EXPORT_FORMAT = 'chorus-pro-help/history';

/** Deletes delivered outbox items matching `isGone`, then the files only they referred to. */
async function dropDelivered(
  tx: WriteTransaction<StoreName[]>,
  isGone: (deliveredAt: number) => boolean,
): Promise<void> {
  const outbox = tx.objectStore('outbox');
  const delivered = await outbox.index('byState').getAll('delivered');
  const gone = delivered.filter((item) => isGone(item.deliveredAt ?? 0));
  for (const item of gone) await outbox.delete(item.id);
  await deleteUnreferencedAttachments(
    tx,
    gone.flatMap((item) => item.attachmentIds),
  );
}

export const history = {
  async list(db: HelpDb): Promise<HistoryEntry[]> {
    const oldestFirst = await readTransaction(db, ['history'], (tx) => tx.objectStore('history').index('bySentAt').getAll());
    return oldestFirst.reverse();
  },

  get(db: HelpDb, id: string): Promise<HistoryEntry | undefined> {
    return readTransaction(db, ['history'], (tx) => tx.objectStore('history').get(id));
  },

  /** Records the status the backend reports for a request; undefined when the entry is gone. */
  updateStatus(db: HelpDb, id: string, status: string, at: number): Promise<HistoryEntry | undefined> {
    return writeTransaction(db, ['history'], async (tx) => {
      const entry = await tx.objectStore('history').get(id);
      if (!entry) return undefined;
      const updated: HistoryEntry = { ...entry, status, lastStatusAt: at };
      await tx.objectStore('history').put(updated);
      return updated;
    });
  },

  /**
   * Every entry, newest first, and the requests still waiting to be delivered (without their
   * files' bytes), as a JSON document the user can save.
   */
  async exportAll(db: HelpDb, now: number): Promise<string> {
    const [requests, outbox] = await Promise.all([history.list(db), readTransaction(db, ['outbox'], (tx) => tx.objectStore('outbox').getAll())]);
    const waiting = outbox.filter((item) => item.state !== 'delivered').sort((a, b) => b.createdAt - a.createdAt);
    return JSON.stringify({ format: HISTORY_EXPORT_FORMAT, exportedAt: new Date(now).toISOString(), requests, waiting }, null, 2);
  },

  /** Deletes entries sent before the retention period, with their delivered outbox items and files. */
  prune(db: HelpDb, now: number, retentionDays: number): Promise<void> {
    const cutoff = now - retentionDays * DAY_MS;
    return writeTransaction(db, ['history', 'outbox', 'attachments', 'drafts'], async (tx) => {
      const store = tx.objectStore('history');
      const expiredKeys = await store.index('bySentAt').getAllKeys(IDBKeyRange.upperBound(cutoff, true));
      for (const key of expiredKeys) await store.delete(key);
      await dropDelivered(tx, (deliveredAt) => deliveredAt < cutoff);
    });
  },

  /** Erases every entry, with the delivered outbox items and their files. */
  eraseAll(db: HelpDb): Promise<void> {
    return writeTransaction(db, ['history', 'outbox', 'attachments', 'drafts'], async (tx) => {
      await tx.objectStore('history').clear();
      await dropDelivered(tx, () => true);
    });
  },
};
