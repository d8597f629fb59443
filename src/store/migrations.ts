/**
 * Every schema version, in order. A browser can hold any earlier version (an update skipped,
 * a profile restored), so an upgrade runs each step after the stored version, oldest first,
 * inside the one versionchange transaction: a failed step rolls the whole upgrade back and
 * the stored database stays at its old version, untouched.
 *
 * Rules for a new version: append a step (never edit a shipped one), describe it, and add its
 * fixture to test/unit/store/migrations.test.ts, which upgrades a populated database from
 * every earlier version. Steps use untyped handles on purpose: the typed schema in db.ts
 * describes the current version only.
 */
import type { IDBPDatabase, IDBPTransaction } from 'idb';

export type UpgradeTransaction = IDBPTransaction<unknown, string[], 'versionchange'>;

export interface Migration {
  version: number;
  description: string;
  /** May await the upgrade transaction's own requests, and nothing else: it would commit meanwhile. */
  migrate(db: IDBPDatabase, tx: UpgradeTransaction): void | Promise<void>;
}

interface StoredFileHolder {
  attachmentIds: string[];
}

interface StoredDraft extends StoredFileHolder {
  fields?: { files?: unknown };
}

const isScreenshotRef = (ref: unknown) => typeof ref === 'object' && ref !== null && (ref as { screenshot?: unknown }).screenshot === true;

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'object stores: drafts, attachments, outbox, history, trail',
    migrate(db) {
      db.createObjectStore('drafts', { keyPath: 'id' });
      db.createObjectStore('attachments', { keyPath: 'id' });
      db.createObjectStore('outbox', { keyPath: 'id' });
      db.createObjectStore('history', { keyPath: 'id' });
      db.createObjectStore('trail', { keyPath: 'tabId' });
    },
  },
  {
    version: 2,
    description: 'indexes: drafts by tab and by last change, outbox by state, history by date sent',
    migrate(_db, tx) {
      // Indexes are built from the records already stored, so existing data is found through them.
      tx.objectStore('drafts').createIndex('byTab', 'tabId');
      tx.objectStore('drafts').createIndex('byUpdatedAt', 'updatedAt');
      tx.objectStore('outbox').createIndex('byState', 'state');
      tx.objectStore('history').createIndex('bySentAt', 'sentAt');
    },
  },
  {
    version: 3,
    description: "drafts list only the files the user added: the extension's screenshots leave the disk",
    async migrate(_db, tx) {
      // A draft's screenshots now live in memory only; those already on disk cannot be moved
      // there, so they are deleted (a queued request keeps its own reference and its file). The
      // draft keeps their names in its form, so reopening it says they were not kept.
      const draftStore = tx.objectStore('drafts');
      const stored = (await draftStore.getAll()) as StoredDraft[];
      const dropped: string[] = [];
      for (const draft of stored) {
        const refs = draft.fields?.files;
        if (!Array.isArray(refs) || !refs.some(isScreenshotRef)) continue;
        dropped.push(...draft.attachmentIds.filter((_id, index) => isScreenshotRef(refs[index])));
        await draftStore.put({ ...draft, attachmentIds: draft.attachmentIds.filter((_id, index) => !isScreenshotRef(refs[index])) });
      }
      const holders = [...((await draftStore.getAll()) as StoredFileHolder[]), ...((await tx.objectStore('outbox').getAll()) as StoredFileHolder[])];
      const referenced = new Set(holders.flatMap((holder) => holder.attachmentIds));
      for (const id of dropped) if (!referenced.has(id)) await tx.objectStore('attachments').delete(id);
    },
  },
];

export const SCHEMA_VERSION: number = MIGRATIONS.length;

/** Runs the steps after `oldVersion` up to `newVersion`, in order, each once the one before has finished. */
export async function runMigrations(db: IDBPDatabase, tx: UpgradeTransaction, oldVersion: number, newVersion: number): Promise<void> {
  for (const migration of MIGRATIONS) {
    if (migration.version > oldVersion && migration.version <= newVersion) await migration.migrate(db, tx);
  }
}
