/**
 * The forwarding outbox in the server's SQLite database, on a connection of its own. Its table
 * is one of the database's versioned migrations; the store adds entries in the very transaction
 * that stores the request, so a request stored is a request that will be forwarded.
 */
import Database from 'better-sqlite3';
import { entryOf } from './outbox';
import type { ForwarderName, ForwardingOutbox, OutboxEntry, OutboxRow } from './outbox';

export class SqliteForwardingOutbox implements ForwardingOutbox {
  readonly #db: Database.Database;

  /** `path`: the database file, already migrated by the request store. */
  constructor(path: string) {
    this.#db = new Database(path);
    this.#db.pragma('busy_timeout = 5000');
    this.#db.pragma('foreign_keys = ON');
  }

  async close(): Promise<void> {
    this.#db.close();
  }

  async claimDue(now: Date, leaseMs: number, limit: number): Promise<OutboxEntry[]> {
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

  async noteRemoteId(requestId: string, target: ForwarderName, remoteId: string): Promise<void> {
    this.#db.prepare('UPDATE forwarding_outbox SET remote_id = ? WHERE request_id = ? AND target = ?').run(remoteId, requestId, target);
  }

  async markDelivered(requestId: string, target: ForwarderName, now: Date): Promise<void> {
    this.#db
      .prepare("UPDATE forwarding_outbox SET state = 'delivered', lease_until = NULL, last_error = NULL, updated_at = ? WHERE request_id = ? AND target = ?")
      .run(now.toISOString(), requestId, target);
  }

  async markRetry(requestId: string, target: ForwarderName, nextAttemptAt: Date, error: string, now: Date): Promise<void> {
    this.#db
      .prepare('UPDATE forwarding_outbox SET next_attempt_at = ?, lease_until = NULL, last_error = ?, updated_at = ? WHERE request_id = ? AND target = ?')
      .run(nextAttemptAt.toISOString(), error, now.toISOString(), requestId, target);
  }

  async markFailed(requestId: string, target: ForwarderName, error: string, now: Date): Promise<void> {
    this.#db
      .prepare("UPDATE forwarding_outbox SET state = 'failed', lease_until = NULL, last_error = ?, updated_at = ? WHERE request_id = ? AND target = ?")
      .run(error, now.toISOString(), requestId, target);
  }

  async retryFailed(requestId: string, now: Date): Promise<number> {
    return this.#db
      .prepare("UPDATE forwarding_outbox SET state = 'pending', next_attempt_at = @now, updated_at = @now WHERE request_id = @requestId AND state = 'failed'")
      .run({ now: now.toISOString(), requestId }).changes;
  }

  async entriesFor(requestIds: readonly string[]): Promise<Map<string, OutboxEntry[]>> {
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
