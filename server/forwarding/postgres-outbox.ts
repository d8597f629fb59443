/**
 * The forwarding outbox in PostgreSQL, for servers sharing one database. Due entries are taken
 * with FOR UPDATE SKIP LOCKED and a lease: two instances looking at once take different rows,
 * and an instance that stops mid-attempt gives its rows back when the lease runs out.
 */
import pg from 'pg';
import { entryOf } from './outbox';
import type { ForwarderName, ForwardingOutbox, OutboxEntry, OutboxRow } from './outbox';

export class PostgresForwardingOutbox implements ForwardingOutbox {
  readonly #pool: pg.Pool;

  /** `connectionString`: the store's database, already migrated by it. */
  constructor(connectionString: string) {
    // Few connections: the worker runs one attempt at a time.
    this.#pool = new pg.Pool({ connectionString, max: 2 });
  }

  async close(): Promise<void> {
    await this.#pool.end();
  }

  async claimDue(now: Date, leaseMs: number, limit: number): Promise<OutboxEntry[]> {
    const { rows } = await this.#pool.query<OutboxRow>(
      `UPDATE forwarding_outbox SET lease_until = $2, attempts = attempts + 1
       WHERE (request_id, target) IN (
         SELECT request_id, target FROM forwarding_outbox
         WHERE state = 'pending' AND next_attempt_at <= $1 AND (lease_until IS NULL OR lease_until <= $1)
         ORDER BY next_attempt_at LIMIT $3
         FOR UPDATE SKIP LOCKED)
       RETURNING *`,
      [now, new Date(now.getTime() + leaseMs), limit],
    );
    return rows.map(entryOf);
  }

  async noteRemoteId(requestId: string, target: ForwarderName, remoteId: string): Promise<void> {
    await this.#pool.query('UPDATE forwarding_outbox SET remote_id = $3 WHERE request_id = $1 AND target = $2', [requestId, target, remoteId]);
  }

  async markDelivered(requestId: string, target: ForwarderName, now: Date): Promise<void> {
    await this.#pool.query(
      "UPDATE forwarding_outbox SET state = 'delivered', lease_until = NULL, last_error = NULL, updated_at = $3 WHERE request_id = $1 AND target = $2",
      [requestId, target, now],
    );
  }

  async markRetry(requestId: string, target: ForwarderName, nextAttemptAt: Date, error: string, now: Date): Promise<void> {
    await this.#pool.query(
      'UPDATE forwarding_outbox SET next_attempt_at = $3, lease_until = NULL, last_error = $4, updated_at = $5 WHERE request_id = $1 AND target = $2',
      [requestId, target, nextAttemptAt, error, now],
    );
  }

  async markFailed(requestId: string, target: ForwarderName, error: string, now: Date): Promise<void> {
    await this.#pool.query(
      "UPDATE forwarding_outbox SET state = 'failed', lease_until = NULL, last_error = $3, updated_at = $4 WHERE request_id = $1 AND target = $2",
      [requestId, target, error, now],
    );
  }

  async retryFailed(requestId: string, now: Date): Promise<number> {
    const result = await this.#pool.query(
      "UPDATE forwarding_outbox SET state = 'pending', next_attempt_at = $2, updated_at = $2 WHERE request_id = $1 AND state = 'failed'",
      [requestId, now],
    );
    return result.rowCount ?? 0;
  }

  async entriesFor(requestIds: readonly string[]): Promise<Map<string, OutboxEntry[]>> {
    const byRequest = new Map<string, OutboxEntry[]>();
    if (requestIds.length === 0) return byRequest;
    const { rows } = await this.#pool.query<OutboxRow>('SELECT * FROM forwarding_outbox WHERE request_id = ANY($1::uuid[]) ORDER BY request_id, target', [
      requestIds,
    ]);
    for (const row of rows) byRequest.set(row.request_id, [...(byRequest.get(row.request_id) ?? []), entryOf(row)]);
    return byRequest;
  }
}
