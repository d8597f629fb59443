/**
 * The PostgreSQL engine, chosen by DATABASE_URL: several server processes may share it.
 * Attachments are stored in the database, in the transaction that stores their request, so a
 * request is there with all its files or not at all. Idempotency claims are taken with
 * INSERT … ON CONFLICT and row locks, the reference counter with an upsert whose row lock
 * serialises concurrent requests of the same year until their transaction ends.
 */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import pg from 'pg';
import type { SupportRequest } from '../../src/report/request';
import { ENQUEUE_POSTGRES } from '../forwarding/migrations';
import { ATTACHMENT_COLUMNS, attachmentOf, type AttachmentRow } from './attachment-rows';
import { IDEMPOTENCY_LEASE_MS, LIST_LIMIT, formatReference } from './contract';
import type {
  ConsoleSession,
  CreatedResponse,
  IdempotencyClaim,
  ListPage,
  NewRequest,
  RateLimitHit,
  RequestFilter,
  RequestStatus,
  RequestStore,
  RequestSummary,
  StoredAttachment,
  StoredRequest,
  SweepPolicy,
  SweepResult,
} from './contract';
import { MIGRATIONS_TABLE, STORE_MIGRATIONS, pendingSteps } from './migrations';
import type { MigrationStep } from './migrations';

interface RequestRow {
  id: string;
  reference: string;
  status: RequestStatus;
  route: string;
  category: string;
  sub_category: string;
  title: string;
  payload: string;
  received_at: Date;
  updated_at: Date;
}

export interface PostgresStoreOptions {
  connectionString: string;
  migrations?: readonly MigrationStep[];
  /** Connections this process may hold. */
  poolSize?: number;
  /** The helpdesks each new request is queued for in the forwarding outbox. */
  forwardTo?: readonly string[];
}

/** Any constant: the lock that lets one process at a time migrate a shared database. */
const MIGRATION_LOCK = 715_243_024;
const DAY_MS = 24 * 60 * 60 * 1000;

export class PostgresStore implements RequestStore {
  readonly #pool: pg.Pool;
  readonly #migrations: readonly MigrationStep[];
  readonly #forwardTo: readonly string[];

  constructor({ connectionString, migrations = STORE_MIGRATIONS, poolSize = 10, forwardTo = [] }: PostgresStoreOptions) {
    this.#pool = new pg.Pool({ connectionString, max: poolSize });
    this.#migrations = migrations;
    this.#forwardTo = forwardTo;
  }

  async open(): Promise<void> {
    const client = await this.#pool.connect();
    try {
      await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
      await client.query(`CREATE TABLE IF NOT EXISTS ${MIGRATIONS_TABLE} (id TEXT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL)`);
      const { rows } = await client.query<{ id: string }>(`SELECT id FROM ${MIGRATIONS_TABLE}`);
      for (const step of pendingSteps(this.#migrations, new Set(rows.map(({ id }) => id)))) {
        await client.query('BEGIN');
        try {
          await client.query(step.postgres);
          await client.query(`INSERT INTO ${MIGRATIONS_TABLE} (id, applied_at) VALUES ($1, now())`, [step.id]);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK');
          throw error;
        }
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
      client.release();
    }
  }

  async close(): Promise<void> {
    await this.#pool.end();
  }

  async #transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.#pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async claimIdempotencyKey(key: string, payloadHash: string, now: Date): Promise<IdempotencyClaim> {
    const claimId = randomUUID();
    const leaseUntil = new Date(now.getTime() + IDEMPOTENCY_LEASE_MS);
    return this.#transaction(async (client): Promise<IdempotencyClaim> => {
      const inserted = await client.query(
        `INSERT INTO idempotency_keys (key, payload_hash, state, created_at, claim_id, lease_until) VALUES ($1, $2, 'processing', $3, $4, $5)
         ON CONFLICT (key) DO NOTHING`,
        [key, payloadHash, now, claimId, leaseUntil],
      );
      if (inserted.rowCount === 1) return { kind: 'claimed', claimId };
      const { rows } = await client.query<{ payload_hash: string; state: string; response: string | null; lease_until: Date | null }>(
        'SELECT payload_hash, state, response, lease_until FROM idempotency_keys WHERE key = $1 FOR UPDATE',
        [key],
      );
      const row = rows[0];
      // Swept between the two statements: the client's retry will find the key free.
      if (!row) return { kind: 'inProgress' };
      if (row.state === 'done') {
        if (row.payload_hash !== payloadHash) return { kind: 'payloadMismatch' };
        return { kind: 'replay', response: JSON.parse(row.response ?? 'null') as CreatedResponse };
      }
      if (row.lease_until !== null && row.lease_until > now) return { kind: 'inProgress' };
      // A claim whose lease ran out: its holder stopped before storing anything.
      await client.query('UPDATE idempotency_keys SET payload_hash = $2, created_at = $3, claim_id = $4, lease_until = $5 WHERE key = $1', [
        key,
        payloadHash,
        now,
        claimId,
        leaseUntil,
      ]);
      return { kind: 'claimed', claimId };
    });
  }

  async releaseIdempotencyKey(key: string, claimId: string): Promise<void> {
    await this.#pool.query("DELETE FROM idempotency_keys WHERE key = $1 AND state = 'processing' AND claim_id = $2", [key, claimId]);
  }

  async insertRequest({ id, idempotencyKey, claimId, request, contentTypes, files, receivedAt }: NewRequest): Promise<CreatedResponse> {
    const contents = await Promise.all(files.map((file) => readFile(file.tempPath)));
    return this.#transaction(async (client): Promise<CreatedResponse> => {
      const year = receivedAt.getUTCFullYear();
      const counter = await client.query<{ last: number }>(
        'INSERT INTO reference_counters (year, last) VALUES ($1, 1) ON CONFLICT (year) DO UPDATE SET last = reference_counters.last + 1 RETURNING last',
        [year],
      );
      const response: CreatedResponse = { id, reference: formatReference(year, counter.rows[0]?.last ?? 0), receivedAt: receivedAt.toISOString() };
      await client.query(
        `INSERT INTO requests (id, reference, status, route, category, sub_category, title, payload, received_at, updated_at)
         VALUES ($1, $2, 'received', $3, $4, $5, $6, $7, $8, $8)`,
        [id, response.reference, request.route, request.category, request.subCategory, request.title, JSON.stringify(request), receivedAt],
      );
      for (const [position, file] of request.attachments.entries()) {
        await client.query('INSERT INTO attachments (request_id, position, name, content_type, size, sha256, content) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
          id,
          position,
          file.name,
          contentTypes[position] ?? 'application/octet-stream',
          file.size,
          file.sha256,
          contents[position],
        ]);
      }
      const marked = await client.query(
        "UPDATE idempotency_keys SET state = 'done', response = $1, lease_until = NULL WHERE key = $2 AND state = 'processing' AND claim_id = $3",
        [JSON.stringify(response), idempotencyKey, claimId],
      );
      if (marked.rowCount !== 1) throw new Error('idempotency key was not held by this request');
      for (const target of this.#forwardTo) await client.query(ENQUEUE_POSTGRES, [id, target, receivedAt]);
      return response;
    });
  }

  async getRequest(id: string): Promise<StoredRequest | undefined> {
    const { rows } = await this.#pool.query<RequestRow>('SELECT * FROM requests WHERE id = $1', [id]);
    const row = rows[0];
    if (!row) return undefined;
    const attachments = await this.#pool.query<AttachmentRow>(`SELECT ${ATTACHMENT_COLUMNS} FROM attachments WHERE request_id = $1 ORDER BY position`, [id]);
    return {
      id: row.id,
      reference: row.reference,
      status: row.status,
      receivedAt: row.received_at.toISOString(),
      updatedAt: row.updated_at.toISOString(),
      // Stored only after parseSupportRequest accepted it.
      request: JSON.parse(row.payload) as SupportRequest,
      attachments: attachments.rows.map(attachmentOf),
    };
  }

  async findAttachment(requestId: string, sha256: string): Promise<StoredAttachment | undefined> {
    const { rows } = await this.#pool.query<AttachmentRow>(
      `SELECT ${ATTACHMENT_COLUMNS} FROM attachments WHERE request_id = $1 AND sha256 = $2 ORDER BY position LIMIT 1`,
      [requestId, sha256],
    );
    return rows[0] && attachmentOf(rows[0]);
  }

  async readAttachment(requestId: string, sha256: string): Promise<Readable | undefined> {
    const { rows } = await this.#pool.query<{ content: Buffer }>('SELECT content FROM attachments WHERE request_id = $1 AND sha256 = $2 ORDER BY position LIMIT 1', [
      requestId,
      sha256,
    ]);
    return rows[0] && Readable.from([rows[0].content]);
  }

  async storedBytes(): Promise<number> {
    const { rows } = await this.#pool.query<{ total: string }>('SELECT coalesce(sum(size), 0)::text AS total FROM attachments');
    return Number(rows[0]?.total ?? 0);
  }

  async listRequests(filter: RequestFilter, { offset = 0, limit = LIST_LIMIT }: ListPage = {}): Promise<RequestSummary[]> {
    const conditions: string[] = [];
    const params: unknown[] = [];
    const add = (column: string, operator: string, value: unknown) => {
      if (value === undefined || value === '') return;
      params.push(value);
      conditions.push(`${column} ${operator} $${params.length}`);
    };
    add('status', '=', filter.status);
    add('route', '=', filter.route);
    add('category', '=', filter.category);
    if (filter.search) {
      params.push(filter.search);
      const term = `$${params.length}`;
      // The payload is JSON text; ->> and jsonb_array_elements read into it.
      conditions.push(`(lower(reference) = lower(${term}) OR substr(reference, 10) = ${term}
        OR lower(payload::jsonb #>> '{contact,email}') = lower(${term})
        OR payload::jsonb #>> '{contact,siret}' = ${term}
        OR coalesce(payload::jsonb -> 'invoiceNumbers', '[]'::jsonb) ? ${term}
        OR EXISTS (SELECT 1 FROM jsonb_array_elements(coalesce(payload::jsonb -> 'identifiers', '[]'::jsonb)) AS identifier WHERE identifier ->> 'value' = ${term}))`);
    }
    add('received_at', '>=', filter.fromDay && new Date(`${filter.fromDay}T00:00:00.000Z`));
    add('received_at', '<', filter.toDay && new Date(Date.parse(`${filter.toDay}T00:00:00.000Z`) + DAY_MS));
    const where = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
    const { rows } = await this.#pool.query<RequestRow>(
      `SELECT id, reference, status, route, category, sub_category, title, received_at FROM requests ${where}
       ORDER BY received_at DESC, reference DESC LIMIT ${Math.min(limit, LIST_LIMIT)} OFFSET ${Math.max(0, Math.trunc(offset))}`,
      params,
    );
    return rows.map((row) => ({
      id: row.id,
      reference: row.reference,
      status: row.status,
      route: row.route,
      category: row.category,
      subCategory: row.sub_category,
      title: row.title,
      receivedAt: row.received_at.toISOString(),
    }));
  }

  async setStatus(id: string, status: RequestStatus, now: Date): Promise<boolean> {
    return (await this.#pool.query('UPDATE requests SET status = $1, updated_at = $2 WHERE id = $3', [status, now, id])).rowCount === 1;
  }

  async createSession(idDigest: string, { csrfToken, expiresAt }: ConsoleSession): Promise<void> {
    await this.#pool.query('INSERT INTO console_sessions (id_digest, csrf_token, expires_at) VALUES ($1, $2, $3)', [idDigest, csrfToken, expiresAt]);
  }

  async getSession(idDigest: string, now: Date): Promise<ConsoleSession | undefined> {
    const { rows } = await this.#pool.query<{ csrf_token: string; expires_at: Date }>(
      'SELECT csrf_token, expires_at FROM console_sessions WHERE id_digest = $1 AND expires_at > $2',
      [idDigest, now],
    );
    return rows[0] && { csrfToken: rows[0].csrf_token, expiresAt: rows[0].expires_at };
  }

  async deleteSession(idDigest: string): Promise<void> {
    await this.#pool.query('DELETE FROM console_sessions WHERE id_digest = $1', [idDigest]);
  }

  async hitRateLimit(key: string, windowMs: number, now: Date): Promise<RateLimitHit> {
    const { rows } = await this.#pool.query<{ hits: number; reset_at: Date }>(
      `INSERT INTO rate_limits (key, hits, reset_at) VALUES ($1, 1, $2) ON CONFLICT (key) DO UPDATE SET
         hits = CASE WHEN rate_limits.reset_at <= $3 THEN 1 ELSE rate_limits.hits + 1 END,
         reset_at = CASE WHEN rate_limits.reset_at <= $3 THEN excluded.reset_at ELSE rate_limits.reset_at END
       RETURNING hits, reset_at`,
      [key, new Date(now.getTime() + windowMs), now],
    );
    const row = rows[0] as { hits: number; reset_at: Date };
    return { count: row.hits, resetAt: row.reset_at };
  }

  async sweep({ now, idempotencyTtlMs, retentionMs }: SweepPolicy): Promise<SweepResult> {
    return this.#transaction(async (client) => ({
      // Attachments go with their request (ON DELETE CASCADE), in the same transaction.
      requests: retentionMs === undefined ? 0 : ((await client.query('DELETE FROM requests WHERE received_at < $1', [new Date(now.getTime() - retentionMs)])).rowCount ?? 0),
      idempotencyKeys:
        (
          await client.query(
            "DELETE FROM idempotency_keys WHERE (state = 'done' AND created_at < $1) OR (state = 'processing' AND (lease_until IS NULL OR lease_until < $2))",
            [new Date(now.getTime() - idempotencyTtlMs), now],
          )
        ).rowCount ?? 0,
      sessions: (await client.query('DELETE FROM console_sessions WHERE expires_at <= $1', [now])).rowCount ?? 0,
      rateLimits: (await client.query('DELETE FROM rate_limits WHERE reset_at <= $1', [now])).rowCount ?? 0,
    }));
  }
}
