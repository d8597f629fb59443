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
  migrate(db: IDBPDatabase, tx: UpgradeTransaction): void;
}

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
];

export const SCHEMA_VERSION: number = MIGRATIONS.length;

/** Runs the steps after `oldVersion` up to `newVersion`, in order. */
export function runMigrations(db: IDBPDatabase, tx: UpgradeTransaction, oldVersion: number, newVersion: number): void {
  for (const migration of MIGRATIONS) {
    if (migration.version > oldVersion && migration.version <= newVersion) migration.migrate(db, tx);
  }
}
