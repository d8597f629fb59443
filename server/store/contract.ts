/**
 * What the server keeps, behind one contract with two engines: SQLite (embedded, the default)
 * and PostgreSQL (DATABASE_URL). Requests, their attachments, idempotency keys, the per-year
 * reference counter, console sessions and rate-limit counters all live in the database, so
 * several server processes can share one PostgreSQL.
 */
import type { Readable } from 'node:stream';
import type { SupportRequest } from '../../src/report/request';
import type { ReceivedFile } from '../file-store';

export const REQUEST_STATUSES = ['received', 'in_progress', 'waiting_for_user', 'resolved', 'closed'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export function isRequestStatus(value: unknown): value is RequestStatus {
  return REQUEST_STATUSES.includes(value as RequestStatus);
}

/** At most this many rows in a list. */
export const LIST_LIMIT = 500;

/**
 * How long a claimed idempotency key stays "processing" before another attempt may take it
 * over. The upload is fully received before the claim, so only the final commit runs under
 * it: a live claim ends within seconds, and one older than this belongs to a process that died.
 */
export const IDEMPOTENCY_LEASE_MS = 2 * 60 * 1000;

export function formatReference(year: number, sequence: number): string {
  return `CPH-${year}-${String(sequence).padStart(6, '0')}`;
}

/** What POST /api/v1/requests answers, stored with the idempotency key for replays. */
export interface CreatedResponse {
  id: string;
  reference: string;
  receivedAt: string;
}

export type IdempotencyClaim =
  /** `claimId` proves the claim when the request is stored: a taken-over claim cannot finish. */
  | { kind: 'claimed'; claimId: string }
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
  /** A reference (whole, or its number), an e-mail address, a SIRET, an invoice number or an identifier, exactly. */
  search?: string;
  /** Inclusive bounds on the day received (UTC), as YYYY-MM-DD. */
  fromDay?: string;
  toDay?: string;
}

export interface ListPage {
  offset?: number;
  limit?: number;
}

export interface NewRequest {
  id: string;
  idempotencyKey: string;
  claimId: string;
  request: SupportRequest;
  /** Per attachment, in the request's order: the content type the file is served with. */
  contentTypes: string[];
  /** The received files, in the request's order; the store takes them (moved or copied). */
  files: readonly ReceivedFile[];
  receivedAt: Date;
}

export interface ConsoleSession {
  csrfToken: string;
  expiresAt: Date;
}

export interface RateLimitHit {
  /** Hits in the current window, this one included. */
  count: number;
  resetAt: Date;
}

/** What one maintenance pass removed. */
export interface SweepResult {
  requests: number;
  idempotencyKeys: number;
  sessions: number;
  rateLimits: number;
}

export interface SweepPolicy {
  now: Date;
  /** Done idempotency keys older than this are forgotten: a retry after that is a new request. */
  idempotencyTtlMs: number;
  /** Requests received before now minus this are deleted with their files; undefined keeps them. */
  retentionMs?: number | undefined;
}

export interface RequestStore {
  /** Brings the schema up to date; called once before serving. */
  open(): Promise<void>;
  close(): Promise<void>;

  /** Takes the key for this payload, or says why not: replay, still in progress, other payload. */
  claimIdempotencyKey(key: string, payloadHash: string, now: Date): Promise<IdempotencyClaim>;
  /** Gives a claimed key back after a failure, so that the client's retry can succeed. */
  releaseIdempotencyKey(key: string, claimId: string): Promise<void>;
  /**
   * Stores the request, its files and marks its key done with the response, all or nothing:
   * on failure no row and no file of the request stays.
   */
  insertRequest(request: NewRequest): Promise<CreatedResponse>;

  getRequest(id: string): Promise<StoredRequest | undefined>;
  /** Newest first, at most LIST_LIMIT from `offset`. */
  listRequests(filter: RequestFilter, page?: ListPage): Promise<RequestSummary[]>;
  /** False when there is no such request. */
  setStatus(id: string, status: RequestStatus, now: Date): Promise<boolean>;
  findAttachment(requestId: string, sha256: string): Promise<StoredAttachment | undefined>;
  /** The attachment's bytes; undefined when there is no such file. */
  readAttachment(requestId: string, sha256: string): Promise<Readable | undefined>;
  /** Bytes of every stored attachment, for the storage quota. */
  storedBytes(): Promise<number>;

  /** Sessions are stored by the digest of their cookie, never by the cookie itself. */
  createSession(idDigest: string, session: ConsoleSession): Promise<void>;
  getSession(idDigest: string, now: Date): Promise<ConsoleSession | undefined>;
  deleteSession(idDigest: string): Promise<void>;

  /** Counts one hit for `key` in a fixed window of `windowMs` starting at its first hit. */
  hitRateLimit(key: string, windowMs: number, now: Date): Promise<RateLimitHit>;

  /** Removes expired keys, sessions, counters and, with a retention, old requests and files. */
  sweep(policy: SweepPolicy): Promise<SweepResult>;
}
