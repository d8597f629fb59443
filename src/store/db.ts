/**
 * The extension's one IndexedDB database: its typed schema, opening it, and the transaction
 * helpers every store module writes through.
 *
 * Who writes: the background context, and only it. Every other context (sidebar, options,
 * content scripts) asks the background through messages (src/protocol/background.ts). One writer means
 * the outbox is driven from one place (alarms, start-up, coming back online), the toolbar
 * badge counts what that writer wrote, and a schema upgrade is never blocked by a sidebar
 * holding an old connection open. This module is only the library; it does not enforce that.
 * The outbox still claims items in transactions, so two writers would not double-send.
 *
 * Transactions: a write spanning several stores happens in one transaction, and any failure
 * aborts it, so nothing is half-written. IndexedDB commits a transaction as soon as it has no
 * pending request, so the work inside one must only await IndexedDB requests: hashing,
 * network and timers happen before or after, never in between. Writes are awaited one at a
 * time: a put can throw synchronously (quota, an uncloneable value), and writes issued
 * together before it would be left as unobserved rejections when the transaction aborts.
 */
import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import { StorageError, toStorageError } from './errors';
import { runMigrations, SCHEMA_VERSION, type UpgradeTransaction } from './migrations';
import type { AttachmentRecord, Draft, HistoryEntry, OutboxItem, OutboxState, TrailRecord } from './records';

export const DB_NAME = 'chorus-pro-help';

export interface HelpDbSchema extends DBSchema {
  drafts: { key: string; value: Draft; indexes: { byTab: number; byUpdatedAt: number } };
  attachments: { key: string; value: AttachmentRecord };
  outbox: { key: string; value: OutboxItem; indexes: { byState: OutboxState } };
  history: { key: string; value: HistoryEntry; indexes: { bySentAt: number } };
  trail: { key: number; value: TrailRecord };
}

export type HelpDb = IDBPDatabase<HelpDbSchema>;
export type StoreName = StoreNames<HelpDbSchema>;
export type WriteTransaction<Names extends StoreName[]> = IDBPTransaction<HelpDbSchema, Names, 'readwrite'>;
export type ReadTransaction<Names extends StoreName[]> = IDBPTransaction<HelpDbSchema, Names, 'readonly'>;

export interface OpenOptions {
  /** Database name; tests give each test its own. */
  name?: string;
  /**
   * The connection was closed under us: another context upgrades the database
   * ('versionchange': we close so the upgrade can run) or the browser dropped it
   * ('terminated': storage cleared, disk error). Reopen before the next operation.
   */
  onClose?: (reason: 'versionchange' | 'terminated') => void;
}

/**
 * Opens the database at the current schema version, upgrading it from whatever version is
 * stored. Rejects with a StorageError: 'blocked' as soon as an older connection elsewhere
 * refuses to close (rather than waiting for ever), 'unavailable' when there is no IndexedDB
 * or the stored database is newer than this code.
 */
export async function openHelpDb({ name = DB_NAME, onClose }: OpenOptions = {}): Promise<HelpDb> {
  let reportBlocked: (error: StorageError) => void = () => {};
  const blocked = new Promise<never>((_resolve, reject) => {
    reportBlocked = reject;
  });
  let db: HelpDb | undefined;
  let failedMigration: unknown;
  const opening = openDB<HelpDbSchema>(name, SCHEMA_VERSION, {
    upgrade(database, oldVersion, newVersion, tx) {
      // The open request reports an aborted upgrade; this only keeps it from being reported twice.
      tx.done.catch(() => {});
      // The typed handles describe the current schema only; migrations see the raw database.
      runMigrations(database as unknown as IDBPDatabase, tx as unknown as UpgradeTransaction, oldVersion, newVersion ?? SCHEMA_VERSION).catch((error: unknown) => {
        failedMigration = error;
        try {
          tx.abort();
        } catch {
          // A failed request already aborted it.
        }
      });
    },
    blocked(currentVersion) {
      reportBlocked(new StorageError('blocked', `database version ${currentVersion} is open elsewhere and blocks the upgrade to ${SCHEMA_VERSION}`));
    },
    blocking() {
      db?.close();
      onClose?.('versionchange');
    },
    terminated() {
      onClose?.('terminated');
    },
  });
  try {
    db = await Promise.race([opening, blocked]);
    return db;
  } catch (error) {
    // If the open was only blocked, it may still succeed later: close that late connection
    // so it does not block the next attempt.
    opening.then(
      (late) => late.close(),
      () => {},
    );
    if (failedMigration !== undefined) {
      // The stored database is intact at its old version, but this code cannot use it.
      throw new StorageError('corrupt', `upgrade to version ${SCHEMA_VERSION} failed`, { cause: failedMigration });
    }
    throw toStorageError(error);
  }
}

function abortQuietly(tx: IDBPTransaction<HelpDbSchema, StoreName[], IDBTransactionMode>): void {
  try {
    tx.abort();
  } catch {
    // Already aborted by the failed request, or already finished: nothing left to undo.
  }
}

async function runTransaction<Names extends StoreName[], Mode extends IDBTransactionMode, T>(
  db: HelpDb,
  stores: Names,
  mode: Mode,
  work: (tx: IDBPTransaction<HelpDbSchema, Names, Mode>) => Promise<T>,
): Promise<T> {
  let tx: IDBPTransaction<HelpDbSchema, Names, Mode>;
  try {
    tx = db.transaction(stores, mode);
  } catch (error) {
    throw toStorageError(error);
  }
  const done = tx.done;
  // Observed here so an abort never surfaces as an unhandled rejection; awaited below.
  done.catch(() => {});
  try {
    const result = await work(tx);
    await done;
    return result;
  } catch (error) {
    abortQuietly(tx as unknown as IDBPTransaction<HelpDbSchema, StoreName[], IDBTransactionMode>);
    throw toStorageError(error);
  }
}

/**
 * Runs `work` in one readwrite transaction over `stores` and resolves once it is committed.
 * Any error (a request failing, the quota, `work` throwing) aborts the whole transaction and
 * rejects with a StorageError, or with the original error when it is not a storage error.
 */
export function writeTransaction<const Names extends StoreName[], T>(
  db: HelpDb,
  stores: Names,
  work: (tx: WriteTransaction<Names>) => Promise<T>,
): Promise<T> {
  return runTransaction(db, stores, 'readwrite', work);
}

/** Runs `work` in one readonly transaction: a consistent view of `stores`. */
export function readTransaction<const Names extends StoreName[], T>(
  db: HelpDb,
  stores: Names,
  work: (tx: ReadTransaction<Names>) => Promise<T>,
): Promise<T> {
  return runTransaction(db, stores, 'readonly', work);
}
