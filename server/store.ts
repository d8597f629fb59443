/**
 * The server's SQLite database (better-sqlite3, WAL): requests, their attachments' metadata,
 * idempotency keys and the per-year reference counter. The schema is versioned with
 * PRAGMA user_version; each migration runs in its own transaction. better-sqlite3 is
 * synchronous, so each method below is atomic within this process, and the UNIQUE / PRIMARY
 * KEY constraints keep it so should two processes share the file.
 */
import Database from 'better-sqlite3';
import type { SupportRequest } from '../src/report/request';
import type { ForwarderName } from './forwarding/outbox';
import { FORWARDING_OUTBOX_MIGRATION, enqueueForwarding } from './forwarding/sqlite-outbox';

export const REQUEST_STATUSES = ['received', 'in_progress', 'waiting_for_user', 'resolved', 'closed'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export function isRequestStatus(value: unknown): value is RequestStatus {
  return REQUEST_STATUSES.includes(value as RequestStatus);
}

const MIGRATIONS: readonly string[] = [
  `CREATE TABLE requests (
     id TEXT PRIMARY KEY,
     reference TEXT NOT NULL UNIQUE,
     status TEXT NOT NULL CHECK (status IN ('received', 'in_progress', 'waiting_for_user', 'resolved', 'closed')),
     route TEXT NOT NULL,
     category TEXT NOT NULL,
     sub_category TEXT NOT NULL,
     title TEXT NOT NULL,
     payload TEXT NOT NULL,
     received_at TEXT NOT NULL,
     updated_at TEXT NOT NULL
   ) STRICT;
   CREATE INDEX requests_by_received_at ON requests (received_at);
   CREATE TABLE attachments (
     request_id TEXT NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
     position INTEGER NOT NULL,
     name TEXT NOT NULL,
     content_type TEXT NOT NULL,
     size INTEGER NOT NULL,
     sha256 TEXT NOT NULL,
     PRIMARY KEY (request_id, position)
   ) STRICT;
   CREATE INDEX attachments_by_file ON attachments (request_id, sha256);
   CREATE TABLE idempotency_keys (
     key TEXT PRIMARY KEY,
     payload_hash TEXT NOT NULL,
     state TEXT NOT NULL CHECK (state IN ('processing', 'done')),
     response TEXT,
     created_at TEXT NOT NULL
   ) STRICT;
   CREATE TABLE reference_counters (
     year INTEGER PRIMARY KEY,
     last INTEGER NOT NULL
   ) STRICT;`,
  FORWARDING_OUTBOX_MIGRATION,
];

/** What POST /api/v1/requests answers, stored with the idempotency key for replays. */
export interface CreatedResponse {
  id: string;
  reference: string;
  receivedAt: string;
}

export type IdempotencyClaim =
  | { kind: 'claimed' }
  | { kind: 'replay'; response: CreatedResponse }
  | { kind: 'inProgress' }
  | { kind: 'payloadMismatch' };

export interface StoredAttachment {
  position: number;
  name: string;
  contentType: string;
  size: number;
  sha256: string;
}

export interface StoredRequest {
  id: string;
  reference: string;
  status: RequestStatus;
  receivedAt: string;
  updatedAt: string;
  request: SupportRequest;
  attachments: StoredAttachment[];
}

export interface RequestSummary {
  id: string;
  reference: string;
  status: RequestStatus;
  route: string;
  category: string;
  subCategory: string;
  title: string;
  receivedAt: string;
}

export interface RequestFilter {
  status?: RequestStatus;
  route?: string;
  category?: string;
  /** A reference (whole, or its number), an e-mail address, a SIRET or an invoice number, exactly. */
  search?: string;
  /** Inclusive bounds on the day received (UTC), as YYYY-MM-DD. */
  fromDay?: string;
  toDay?: string;
}

export interface NewRequest {
  id: string;
  idempotencyKey: string;
  request: SupportRequest;
  /** Per attachment, in the request's order: the content type the file is served with. */
  contentTypes: string[];
  receivedAt: Date;
}

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

interface AttachmentRow {
  position: number;
  name: string;
  content_type: string;
  size: number;
  sha256: string;
}

const LIST_LIMIT = 500;

function migrate(db: Database.Database): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > MIGRATIONS.length) throw new Error(`database schema ${version} is newer than this server (${MIGRATIONS.length})`);
  MIGRATIONS.slice(version).forEach((sql, index) => {
    db.transaction(() => {
      db.exec(sql);
      db.pragma(`user_version = ${version + index + 1}`);
    })();
  });
}

export function formatReference(year: number, sequence: number): string {
  return `CPH-${year}-${String(sequence).padStart(6, '0')}`;
}

export class RequestStore {
  readonly #db: Database.Database;
  readonly #forwardTo: readonly ForwarderName[];

  /** `forwardTo`: the helpdesks each new request is forwarded to. */
  constructor(path: string, forwardTo: readonly ForwarderName[] = []) {
    this.#db = new Database(path);
    this.#forwardTo = forwardTo;
    this.#db.pragma('journal_mode = WAL');
    this.#db.pragma('foreign_keys = ON');
    this.#db.pragma('busy_timeout = 5000');
    migrate(this.#db);
    // A key left "processing" belongs to an upload this process was handling when it stopped:
    // its files were never committed, so the client may send it again.
    this.#db.prepare("DELETE FROM idempotency_keys WHERE state = 'processing'").run();
  }

  close(): void {
    this.#db.close();
  }

  /** Takes the key for this payload, or says why not: replay, still in progress, other payload. */
  claimIdempotencyKey(key: string, payloadHash: string, now: Date): IdempotencyClaim {
    return this.#db.transaction((): IdempotencyClaim => {
      const row = this.#db
        .prepare<[string], { payload_hash: string; state: string; response: string | null }>(
          'SELECT payload_hash, state, response FROM idempotency_keys WHERE key = ?',
        )
        .get(key);
      if (!row) {
        this.#db
          .prepare("INSERT INTO idempotency_keys (key, payload_hash, state, created_at) VALUES (?, ?, 'processing', ?)")
          .run(key, payloadHash, now.toISOString());
        return { kind: 'claimed' };
      }
      if (row.state === 'processing') return { kind: 'inProgress' };
      if (row.payload_hash !== payloadHash) return { kind: 'payloadMismatch' };
      return { kind: 'replay', response: JSON.parse(row.response ?? 'null') as CreatedResponse };
    }).immediate();
  }

  /** Gives a claimed key back after a failure, so that the client's retry can succeed. */
  releaseIdempotencyKey(key: string): void {
    this.#db.prepare("DELETE FROM idempotency_keys WHERE key = ? AND state = 'processing'").run(key);
  }

  /** Stores the request and marks its key done with the response, in one transaction. */
  insertRequest({ id, idempotencyKey, request, contentTypes, receivedAt }: NewRequest): CreatedResponse {
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
        .prepare("UPDATE idempotency_keys SET state = 'done', response = ? WHERE key = ? AND state = 'processing'")
        .run(JSON.stringify(response), idempotencyKey);
      if (marked.changes !== 1) throw new Error('idempotency key was not held by this request');
      enqueueForwarding(this.#db, id, this.#forwardTo, receivedAt);
      return response;
    }).immediate();
  }

  getRequest(id: string): StoredRequest | undefined {
    const row = this.#db.prepare<[string], RequestRow>('SELECT * FROM requests WHERE id = ?').get(id);
    if (!row) return undefined;
    const attachments = this.#db
      .prepare<[string], AttachmentRow>('SELECT position, name, content_type, size, sha256 FROM attachments WHERE request_id = ? ORDER BY position')
      .all(id)
      .map(({ content_type, ...rest }) => ({ ...rest, contentType: content_type }));
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

  findAttachment(requestId: string, sha256: string): StoredAttachment | undefined {
    const row = this.#db
      .prepare<[string, string], AttachmentRow>(
        'SELECT position, name, content_type, size, sha256 FROM attachments WHERE request_id = ? AND sha256 = ? ORDER BY position LIMIT 1',
      )
      .get(requestId, sha256);
    return row && { position: row.position, name: row.name, contentType: row.content_type, size: row.size, sha256: row.sha256 };
  }

  /** Newest first, at most LIST_LIMIT from `offset`. */
  listRequests(filter: RequestFilter, { offset = 0, limit = LIST_LIMIT } = {}): RequestSummary[] {
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
      .prepare<[Record<string, string | number>], RequestRow>(
        `SELECT * FROM requests ${where} ORDER BY received_at DESC, reference DESC LIMIT @limit OFFSET @offset`,
      )
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

  /** False when there is no such request. */
  setStatus(id: string, status: RequestStatus, now: Date): boolean {
    return this.#db.prepare('UPDATE requests SET status = ?, updated_at = ? WHERE id = ?').run(status, now.toISOString(), id).changes === 1;
  }
}
