/**
 * The forwarding outbox in the server's SQLite database, in a table of its own. Its schema is
 * one of the database's versioned migrations; entries are added in the very transaction that
 * stores the request, so a request stored is a request that will be forwarded.
 */
import type Database from 'better-sqlite3';
import type { ForwarderName, ForwardingOutbox, ForwardingState, OutboxEntry } from './outbox';

export const FORWARDING_OUTBOX_MIGRATION = `CREATE TABLE forwarding_outbox (
     request_id TEXT NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
     target TEXT NOT NULL CHECK (target IN ('email', 'glpi', 'webhook')),
     state TEXT NOT NULL CHECK (state IN ('pending', 'delivered', 'failed')),
     attempts INTEGER NOT NULL DEFAULT 0,
     next_attempt_at TEXT NOT NULL,
     lease_until TEXT,
     last_error TEXT,
     remote_id TEXT,
     updated_at TEXT NOT NULL,
     PRIMARY KEY (request_id, target)
   ) STRICT;
   CREATE INDEX forwarding_outbox_due ON forwarding_outbox (state, next_attempt_at);`;

/** Adds one pending entry per target; called inside the transaction that stores the request. */
export function enqueueForwarding(db: Database.Database, requestId: string, targets: readonly ForwarderName[], now: Date): void {
  const insert = db.prepare(
    "INSERT INTO forwarding_outbox (request_id, target, state, next_attempt_at, updated_at) VALUES (?, ?, 'pending', ?, ?)",
  );
  for (const target of targets) insert.run(requestId, target, now.toISOString(), now.toISOString());
}

interface OutboxRow {
  request_id: string;
  target: ForwarderName;
  state: ForwardingState;
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  remote_id: string | null;
  updated_at: string;
}

function entryOf(row: OutboxRow): OutboxEntry {
  return {
    requestId: row.request_id,
    target: row.target,
    state: row.state,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    ...(row.last_error === null ? {} : { lastError: row.last_error }),
    ...(row.remote_id === null ? {} : { remoteId: row.remote_id }),
    updatedAt: row.updated_at,
  };
}

export class SqliteForwardingOutbox implements ForwardingOutbox {
  readonly #db: Database.Database;

  /** `db` is a connection to a database already migrated by the request store. */
  constructor(db: Database.Database) {
    this.#db = db;
  }

  claimDue(now: Date, leaseMs: number, limit: number): OutboxEntry[] {
    const at = now.toISOString();
    return this.#db.transaction(() =>
      this.#db
        .prepare<[{ now: string; leaseUntil: string; limit: number }], OutboxRow>(
          `UPDATE forwarding_outbox SET lease_until = @leaseUntil, attempts = attempts + 1
           WHERE rowid IN (
             SELECT rowid FROM forwarding_outbox
             WHERE state = 'pending' AND next_attempt_at <= @now AND (lease_until IS NULL OR lease_until <= @now)
             ORDER BY next_attempt_at LIMIT @limit)
           RETURNING *`,
        )
        .all({ now: at, leaseUntil: new Date(now.getTime() + leaseMs).toISOString(), limit })
        .map(entryOf),
    ).immediate();
  }

  noteRemoteId(requestId: string, target: ForwarderName, remoteId: string): void {
    this.#db.prepare('UPDATE forwarding_outbox SET remote_id = ? WHERE request_id = ? AND target = ?').run(remoteId, requestId, target);
  }

  markDelivered(requestId: string, target: ForwarderName, now: Date): void {
    this.#db
      .prepare("UPDATE forwarding_outbox SET state = 'delivered', lease_until = NULL, last_error = NULL, updated_at = ? WHERE request_id = ? AND target = ?")
      .run(now.toISOString(), requestId, target);
  }

  markRetry(requestId: string, target: ForwarderName, nextAttemptAt: Date, error: string, now: Date): void {
    this.#db
      .prepare('UPDATE forwarding_outbox SET next_attempt_at = ?, lease_until = NULL, last_error = ?, updated_at = ? WHERE request_id = ? AND target = ?')
      .run(nextAttemptAt.toISOString(), error, now.toISOString(), requestId, target);
  }

  markFailed(requestId: string, target: ForwarderName, error: string, now: Date): void {
    this.#db
      .prepare("UPDATE forwarding_outbox SET state = 'failed', lease_until = NULL, last_error = ?, updated_at = ? WHERE request_id = ? AND target = ?")
      .run(error, now.toISOString(), requestId, target);
  }

  retryFailed(requestId: string, now: Date): number {
    return this.#db
      .prepare("UPDATE forwarding_outbox SET state = 'pending', next_attempt_at = @now, updated_at = @now WHERE request_id = @requestId AND state = 'failed'")
      .run({ now: now.toISOString(), requestId }).changes;
  }

  entriesFor(requestIds: readonly string[]): Map<string, OutboxEntry[]> {
    const byRequest = new Map<string, OutboxEntry[]>();
    if (requestIds.length === 0) return byRequest;
    const rows = this.#db
      .prepare<string[], OutboxRow>(
        `SELECT * FROM forwarding_outbox WHERE request_id IN (${requestIds.map(() => '?').join(', ')}) ORDER BY request_id, target`,
      )
      .all(...requestIds);
    for (const row of rows) byRequest.set(row.request_id, [...(byRequest.get(row.request_id) ?? []), entryOf(row)]);
    return byRequest;
  }
}
