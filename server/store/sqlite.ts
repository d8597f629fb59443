/**
 * The SQLite engine (better-sqlite3, WAL), the default: one file in DATA_DIR, attachments in a
 * FileStore. better-sqlite3 is synchronous, so each transaction below is atomic within this
 * process, and IMMEDIATE transactions with the UNIQUE / PRIMARY KEY constraints keep it so
 * should several processes share the file on one machine.
 */
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import type { Readable } from 'node:stream';
import type { SupportRequest } from '../../src/report/request';
import type { FileStore } from '../file-store';
import { ENQUEUE_SQLITE } from '../forwarding/migrations';
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
  received_at: string;
  updated_at: string;
}

export interface SqliteStoreOptions {
  path: string;
  files: FileStore;
  migrations?: readonly MigrationStep[];
  /** The helpdesks each new request is queued for in the forwarding outbox. */
  forwardTo?: readonly string[];
}

function migrate(db: Database.Database, steps: readonly MigrationStep[]): void {
  db.exec(`CREATE TABLE IF NOT EXISTS ${MIGRATIONS_TABLE} (id TEXT PRIMARY KEY, applied_at TEXT NOT NULL) STRICT`);
  // Databases made before the steps had ids counted them in user_version: step 1 was applied.
  if ((db.pragma('user_version', { simple: true }) as number) >= 1) {
    db.prepare(`INSERT OR IGNORE INTO ${MIGRATIONS_TABLE} (id, applied_at) VALUES (?, ?)`).run(STORE_MIGRATIONS[0]?.id, new Date().toISOString());
    db.pragma('user_version = 0');
  }
  const applied = new Set(db.prepare<[], { id: string }>(`SELECT id FROM ${MIGRATIONS_TABLE}`).all().map(({ id }) => id));
  for (const step of pendingSteps(steps, applied)) {
    db.transaction(() => {
      db.exec(step.sqlite);
      db.prepare(`INSERT INTO ${MIGRATIONS_TABLE} (id, applied_at) VALUES (?, ?)`).run(step.id, new Date().toISOString());
    }).immediate();
  }
}

export class SqliteStore implements RequestStore {
  readonly #db: Database.Database;
  readonly #files: FileStore;
  readonly #forwardTo: readonly string[];

  constructor({ path, files, migrations = STORE_MIGRATIONS, forwardTo = [] }: SqliteStoreOptions) {
    this.#files = files;
    this.#forwardTo = forwardTo;
    this.#db = new Database(path);
    this.#db.pragma('journal_mode = WAL');
    this.#db.pragma('foreign_keys = ON');
    this.#db.pragma('busy_timeout = 5000');
    // Synchronous, so that the database is ready as soon as the store exists.
    migrate(this.#db, migrations);
  }

  async open(): Promise<void> {}

  async close(): Promise<void> {
    this.#db.close();
  }

  async claimIdempotencyKey(key: string, payloadHash: string, now: Date): Promise<IdempotencyClaim> {
    return this.#db.transaction((): IdempotencyClaim => {
      const row = this.#db
        .prepare<[string], { payload_hash: string; state: string; response: string | null; lease_until: string | null }>(
          'SELECT payload_hash, state, response, lease_until FROM idempotency_keys WHERE key = ?',
        )
        .get(key);
      if (row?.state === 'done') {
        if (row.payload_hash !== payloadHash) return { kind: 'payloadMismatch' };
        return { kind: 'replay', response: JSON.parse(row.response ?? 'null') as CreatedResponse };
      }
      if (row && row.lease_until !== null && row.lease_until > now.toISOString()) return { kind: 'inProgress' };
      // No row, or a claim whose lease ran out: its holder stopped before storing anything.
      const claimId = randomUUID();
      this.#db
        .prepare(
          `INSERT INTO idempotency_keys (key, payload_hash, state, created_at, claim_id, lease_until) VALUES (?, ?, 'processing', ?, ?, ?)
           ON CONFLICT (key) DO UPDATE SET payload_hash = excluded.payload_hash, created_at = excluded.created_at, claim_id = excluded.claim_id, lease_until = excluded.lease_until`,
        )
        .run(key, payloadHash, now.toISOString(), claimId, new Date(now.getTime() + IDEMPOTENCY_LEASE_MS).toISOString());
      return { kind: 'claimed', claimId };
    }).immediate();
  }

  async releaseIdempotencyKey(key: string, claimId: string): Promise<void> {
    this.#db.prepare("DELETE FROM idempotency_keys WHERE key = ? AND state = 'processing' AND claim_id = ?").run(key, claimId);
  }

  async insertRequest({ id, idempotencyKey, claimId, request, contentTypes, files, receivedAt }: NewRequest): Promise<CreatedResponse> {
    await this.#files.commit(id, files);
    try {
      return this.#insertRows(id, idempotencyKey, claimId, request, contentTypes, receivedAt);
    } catch (error) {
      await this.#files.discardRequest(id);
      throw error;
    }
  }

  #insertRows(id: string, idempotencyKey: string, claimId: string, request: SupportRequest, contentTypes: string[], receivedAt: Date): CreatedResponse {
    return this.#db.transaction((): CreatedResponse => {
      const year = receivedAt.getUTCFullYear();
      const { last } = this.#db
        .prepare<[number], { last: number }>(
          'INSERT INTO reference_counters (year, last) VALUES (?, 1) ON CONFLICT (year) DO UPDATE SET last = last + 1 RETURNING last',
        )
        .get(year) as { last: number };
      const response: CreatedResponse = { id, reference: formatReference(year, last), receivedAt: receivedAt.toISOString() };
      this.#db
        .prepare(
          `INSERT INTO requests (id, reference, status, route, category, sub_category, title, payload, received_at, updated_at)
           VALUES (@id, @reference, 'received', @route, @category, @subCategory, @title, @payload, @receivedAt, @receivedAt)`,
        )
        .run({ ...response, route: request.route, category: request.category, subCategory: request.subCategory, title: request.title, payload: JSON.stringify(request) });
      const insertAttachment = this.#db.prepare(
        'INSERT INTO attachments (request_id, position, name, content_type, size, sha256) VALUES (?, ?, ?, ?, ?, ?)',
      );
      request.attachments.forEach((file, position) => {
        insertAttachment.run(id, position, file.name, contentTypes[position] ?? 'application/octet-stream', file.size, file.sha256);
      });
      const marked = this.#db
        .prepare("UPDATE idempotency_keys SET state = 'done', response = ?, lease_until = NULL WHERE key = ? AND state = 'processing' AND claim_id = ?")
        .run(JSON.stringify(response), idempotencyKey, claimId);
      if (marked.changes !== 1) throw new Error('idempotency key was not held by this request');
      const enqueue = this.#forwardTo.length > 0 ? this.#db.prepare(ENQUEUE_SQLITE) : undefined;
      for (const target of this.#forwardTo) enqueue?.run(id, target, response.receivedAt, response.receivedAt);
      return response;
    }).immediate();
  }

  async getRequest(id: string): Promise<StoredRequest | undefined> {
    const row = this.#db.prepare<[string], RequestRow>('SELECT * FROM requests WHERE id = ?').get(id);
    if (!row) return undefined;
    const attachments = this.#db
      .prepare<[string], AttachmentRow>(`SELECT ${ATTACHMENT_COLUMNS} FROM attachments WHERE request_id = ? ORDER BY position`)
      .all(id)
      .map(attachmentOf);
    return {
      id: row.id,
      reference: row.reference,
      status: row.status,
      receivedAt: row.received_at,
      updatedAt: row.updated_at,
      // Stored only after parseSupportRequest accepted it.
      request: JSON.parse(row.payload) as SupportRequest,
      attachments,
    };
  }

  async findAttachment(requestId: string, sha256: string): Promise<StoredAttachment | undefined> {
    const row = this.#db
      .prepare<[string, string], AttachmentRow>(
        `SELECT ${ATTACHMENT_COLUMNS} FROM attachments WHERE request_id = ? AND sha256 = ? ORDER BY position LIMIT 1`,
      )
      .get(requestId, sha256);
    return row && attachmentOf(row);
  }

  async readAttachment(requestId: string, sha256: string): Promise<Readable | undefined> {
    return (await this.findAttachment(requestId, sha256)) ? this.#files.read(requestId, sha256) : undefined;
  }

  async storedBytes(): Promise<number> {
    return (this.#db.prepare<[], { total: number }>('SELECT coalesce(sum(size), 0) AS total FROM attachments').get() as { total: number }).total;
  }

  async listRequests(filter: RequestFilter, { offset = 0, limit = LIST_LIMIT }: ListPage = {}): Promise<RequestSummary[]> {
    const conditions: string[] = [];
    const params: Record<string, string> = {};
    const add = (condition: string, name: string, value: string | undefined) => {
      if (!value) return;
      conditions.push(condition);
      params[name] = value;
    };
    add('status = @status', 'status', filter.status);
    add('route = @route', 'route', filter.route);
    add('category = @category', 'category', filter.category);
    add(
      `(reference = @search COLLATE NOCASE OR substr(reference, 10) = @search
        OR json_extract(payload, '$.contact.email') = @search COLLATE NOCASE
        OR json_extract(payload, '$.contact.siret') = @search
        OR EXISTS (SELECT 1 FROM json_each(payload, '$.invoiceNumbers') WHERE value = @search)
        OR EXISTS (SELECT 1 FROM json_each(payload, '$.identifiers') WHERE json_extract(value, '$.value') = @search))`,
      'search',
      filter.search,
    );
    add('received_at >= @from', 'from', filter.fromDay);
    // ISO timestamps sort as text; "YYYY-MM-DDU" comes after every time of that day ("…T…").
    add('received_at < @to', 'to', filter.toDay && `${filter.toDay}U`);
    const where = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
    return this.#db
      .prepare<[Record<string, string | number>], RequestRow>(`SELECT * FROM requests ${where} ORDER BY received_at DESC, reference DESC LIMIT @limit OFFSET @offset`)
      .all({ ...params, limit: Math.min(limit, LIST_LIMIT), offset })
      .map((row) => ({
        id: row.id,
        reference: row.reference,
        status: row.status,
        route: row.route,
        category: row.category,
        subCategory: row.sub_category,
        title: row.title,
        receivedAt: row.received_at,
      }));
  }

  async setStatus(id: string, status: RequestStatus, now: Date): Promise<boolean> {
    return this.#db.prepare('UPDATE requests SET status = ?, updated_at = ? WHERE id = ?').run(status, now.toISOString(), id).changes === 1;
  }

  async createSession(idDigest: string, { csrfToken, expiresAt }: ConsoleSession): Promise<void> {
    this.#db.prepare('INSERT INTO console_sessions (id_digest, csrf_token, expires_at) VALUES (?, ?, ?)').run(idDigest, csrfToken, expiresAt.toISOString());
  }

  async getSession(idDigest: string, now: Date): Promise<ConsoleSession | undefined> {
    const row = this.#db
      .prepare<[string, string], { csrf_token: string; expires_at: string }>('SELECT csrf_token, expires_at FROM console_sessions WHERE id_digest = ? AND expires_at > ?')
      .get(idDigest, now.toISOString());
    return row && { csrfToken: row.csrf_token, expiresAt: new Date(row.expires_at) };
  }

  async deleteSession(idDigest: string): Promise<void> {
    this.#db.prepare('DELETE FROM console_sessions WHERE id_digest = ?').run(idDigest);
  }

  async hitRateLimit(key: string, windowMs: number, now: Date): Promise<RateLimitHit> {
    const row = this.#db
      .prepare<[Record<string, string>], { hits: number; reset_at: string }>(
        `INSERT INTO rate_limits (key, hits, reset_at) VALUES (@key, 1, @resetAt) ON CONFLICT (key) DO UPDATE SET
           hits = CASE WHEN reset_at <= @now THEN 1 ELSE hits + 1 END,
           reset_at = CASE WHEN reset_at <= @now THEN excluded.reset_at ELSE reset_at END
         RETURNING hits, reset_at`,
      )
      .get({ key, resetAt: new Date(now.getTime() + windowMs).toISOString(), now: now.toISOString() }) as { hits: number; reset_at: string };
    return { count: row.hits, resetAt: new Date(row.reset_at) };
  }

  async sweep({ now, idempotencyTtlMs, retentionMs }: SweepPolicy): Promise<SweepResult> {
    const iso = now.toISOString();
    const expiredRequests =
      retentionMs === undefined
        ? []
        : this.#db
            .prepare<[string], { id: string }>('SELECT id FROM requests WHERE received_at < ?')
            .all(new Date(now.getTime() - retentionMs).toISOString())
            .map(({ id }) => id);
    const result = this.#db.transaction(
      (): SweepResult => ({
        requests: expiredRequests.reduce((sum, id) => sum + this.#db.prepare('DELETE FROM requests WHERE id = ?').run(id).changes, 0),
        idempotencyKeys: this.#db
          .prepare("DELETE FROM idempotency_keys WHERE (state = 'done' AND created_at < ?) OR (state = 'processing' AND (lease_until IS NULL OR lease_until < ?))")
          .run(new Date(now.getTime() - idempotencyTtlMs).toISOString(), iso).changes,
        sessions: this.#db.prepare('DELETE FROM console_sessions WHERE expires_at <= ?').run(iso).changes,
        rateLimits: this.#db.prepare('DELETE FROM rate_limits WHERE reset_at <= ?').run(iso).changes,
      }),
    )();
    // Files after their rows: a file without a row is invisible, a row without its file is not.
    for (const id of expiredRequests) await this.#files.discardRequest(id);
    return result;
  }
}
