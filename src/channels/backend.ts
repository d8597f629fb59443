/**
 * The support backend channel: delivers an outbox item to a support backend over HTTP, as
 * server/openapi.yaml defines it (POST /api/v1/requests, multipart: the `request` JSON part,
 * then one `files` part per attachment), and asks for a request's status for History.
 *
 * The outbox decides when to try again; this file only says whether trying again can help.
 * The JSON part is the very string stored in the outbox at enqueue (requestPayloadOf), sent
 * byte for byte on every attempt: the server compares a retry with the first attempt by hash,
 * so a retry after a lost answer is recognised as the same request, never stored twice.
 */
import type { DeliveryChannel, DeliveryResult } from '../outbox/channel';
import type { AttachmentRecord, DeliveryError, DeliveryErrorKind, OutboxItem } from '../store/records';

/** Under the outbox's send lease (SEND_LEASE_MS, 3 minutes), with room for 50 MB on a slow line. */
export const DEFAULT_BACKEND_TIMEOUT_MS = 120_000;

/**
 * A request of a few kilobytes is answered in well under this; a server that keeps it longer
 * is hung, and the user is better told "kept, will retry" than left waiting two minutes.
 */
export const BACKEND_ANSWER_TIMEOUT_MS = 15_000;

/** The slowest upload allowed for before giving up (about 0.8 Mbit/s). */
export const MIN_UPLOAD_BYTES_PER_SECOND = 100 * 1024;

export const API_PATH = '/api/v1';

export type BackendUrlProblem = 'backendUrl.required' | 'backendUrl.format' | 'backendUrl.notHttps' | 'backendUrl.credentials';

export type BackendUrlCheck = { ok: true; url: string } | { ok: false; code: BackendUrlProblem };

/** Plain http is allowed only to this machine, for trying the reference server locally. */
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1']);

/**
 * The API's own path, or its first part, at the end of an address given in the settings:
 * people paste the address they see in the server's documentation or logs.
 */
const API_SUFFIX = /\/api(?:\/v1)?$/;

/**
 * Checks the backend address from the settings: https, or http to localhost / 127.0.0.1 on
 * any port; no user name or password in it (the token has its own field), no query or
 * fragment. Returns the server's root: without trailing slashes and without /api or /api/v1
 * at the end, ready for API_PATH to be appended.
 */
export function checkBackendUrl(input: string): BackendUrlCheck {
  const text = input.trim();
  if (text === '') return { ok: false, code: 'backendUrl.required' };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, code: 'backendUrl.format' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, code: 'backendUrl.format' };
  if (url.search || url.hash) return { ok: false, code: 'backendUrl.format' };
  if (url.username || url.password) return { ok: false, code: 'backendUrl.credentials' };
  if (url.protocol === 'http:' && !LOCAL_HOSTS.has(url.hostname)) return { ok: false, code: 'backendUrl.notHttps' };
  return { ok: true, url: `${url.origin}${url.pathname.replace(/\/+$/, '').replace(API_SUFFIX, '')}` };
}

export interface BackendChannelOptions {
  /** Checked with checkBackendUrl; the API is under `${baseUrl}/api/v1`. */
  baseUrl: string;
  /** Sent as Authorization: Bearer <token> when set. */
  token?: string | undefined;
  fetch: typeof fetch;
  /** Per request, body and answer included; past it the attempt is abandoned as retryable. */
  timeoutMs: number;
  /**
   * When set, a delivery is given this much plus the time to upload its body at
   * MIN_UPLOAD_BYTES_PER_SECOND, within timeoutMs: a small request to a hung server gives up
   * sooner than a large one on a slow line.
   */
  answerTimeoutMs?: number;
  /** For Retry-After given as a date. */
  now?: () => number;
}

export interface RequestStatus {
  id: string;
  reference: string;
  status: string;
  updatedAt: string;
  /** Whether the server has passed the request on to the helpdesks it forwards to, when it does. */
  forwarding?: string;
}

export type StatusResult = { ok: true; request: RequestStatus } | { ok: false; retryable: boolean; error: DeliveryError };

export interface BackendChannel extends DeliveryChannel {
  readonly kind: 'backend';
  /** The request's status as the support agents set it, for History. */
  fetchRequestStatus(id: string): Promise<StatusResult>;
}

type Failure = Extract<DeliveryResult, { ok: false }>;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function hasStrings<K extends string>(value: unknown, keys: readonly K[]): value is Record<K, string> {
  return isRecord(value) && keys.every((key) => typeof value[key] === 'string' && value[key] !== '');
}

/** Retry-After in seconds, or as an HTTP date; undefined when absent or unreadable. */
export function retryAfterMsOf(header: string | null, now: number): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** What a refused request says: "title: required, contact.email: email.format", or the server's error word. */
function messageOf(body: unknown): string | undefined {
  if (!isRecord(body)) return undefined;
  const fieldErrors = Array.isArray(body['errors']) ? body['errors'].filter((entry) => hasStrings(entry, ['field', 'code'])) : [];
  if (fieldErrors.length > 0) return fieldErrors.map(({ field, code }) => `${field}: ${code}`).join(', ');
  return typeof body['error'] === 'string' ? body['error'] : undefined;
}

/** Statuses for which sending the same request again cannot succeed, and how to say so. */
const FINAL_FAILURES: Record<number, DeliveryErrorKind> = {
  400: 'rejected',
  401: 'auth',
  403: 'auth',
  // A request the server does not know (a 404 at delivery is a settings problem instead).
  404: 'rejected',
  413: 'tooLarge',
  415: 'rejected',
  // The idempotency key was used for another payload: resending this one would be refused again.
  422: 'rejected',
};

/** Statuses worth trying again later: still being processed (409), too soon (429), a server fault. */
function retryableKindOf(status: number): DeliveryErrorKind | undefined {
  if (status === 409 || status >= 500) return 'server';
  if (status === 408) return 'timeout';
  if (status === 429) return 'rateLimited';
  return undefined;
}

function failureOf(response: Response, body: unknown, now: number): Failure {
  const message = messageOf(body);
  const retryableKind = retryableKindOf(response.status);
  const kind = retryableKind ?? FINAL_FAILURES[response.status] ?? 'rejected';
  const retryAfterMs = retryableKind ? retryAfterMsOf(response.headers.get('Retry-After'), now) : undefined;
  return {
    ok: false,
    retryable: retryableKind !== undefined,
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    error: { kind, status: response.status, ...(message === undefined ? {} : { message }) },
  };
}

const GARBLED = 'the answer is not the JSON the API defines';

/** A health check is answered at once; longer means nobody is there. */
export const PROBE_TIMEOUT_MS = 5_000;

/** Whether `url` gives any HTTP answer within PROBE_TIMEOUT_MS; with 'no-cors' an answer without CORS headers counts. */
async function answers(send: typeof fetch, url: string, init: RequestInit = {}): Promise<Response | null> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), PROBE_TIMEOUT_MS);
  try {
    return await send(url, { ...init, signal: controller.signal });
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * After a network failure: whether the address answers, but not to this extension. Browsers
 * report a CORS refusal (a 404 from a server that is not a support backend has no CORS
 * headers) exactly as a network failure. The health endpoint read normally tells a passing
 * fault (retry) from an address that answers only without CORS (a settings problem: retrying
 * cannot help).
 */
async function answersButRefusesUs(send: typeof fetch, api: string): Promise<boolean> {
  if (await answers(send, `${api}/health`)) return false;
  return (await answers(send, `${api}/health`, { mode: 'no-cors' })) !== null;
}

/** What "Test the connection" found: each failure is one message in the options page. */
export type ConnectionCheck = { ok: true } | { ok: false; problem: 'unreachable' | 'notBackend' | 'tokenRefused' };

/**
 * "Test the connection": the health endpoint (is a support backend there, answering this
 * extension?), then the authenticated no-op (is the token accepted?). Browsers do not tell a
 * refused certificate from a server that is down, so both are 'unreachable'.
 */
export async function checkBackendConnection({ baseUrl, token, fetch: send }: Pick<BackendChannelOptions, 'baseUrl' | 'token' | 'fetch'>): Promise<ConnectionCheck> {
  const checked = checkBackendUrl(baseUrl);
  if (!checked.ok) throw new Error(`checkBackendConnection: ${checked.code}`);
  const api = `${checked.url}${API_PATH}`;
  const health = await answers(send, `${api}/health`, { headers: { Accept: 'application/json' } });
  if (!health) return { ok: false, problem: (await answers(send, `${api}/health`, { mode: 'no-cors' })) ? 'notBackend' : 'unreachable' };
  const body: unknown = await health.json().catch(() => undefined);
  if (!health.ok || !isRecord(body) || body['status'] !== 'ok') return { ok: false, problem: 'notBackend' };
  const authorization: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {};
  const auth = await answers(send, `${api}/token-check`, { headers: { Accept: 'application/json', ...authorization } });
  if (!auth) return { ok: false, problem: 'unreachable' };
  if (auth.status === 401 || auth.status === 403) return { ok: false, problem: 'tokenRefused' };
  return auth.ok ? { ok: true } : { ok: false, problem: 'notBackend' };
}

export function createBackendChannel({ baseUrl, token, fetch: send, timeoutMs, answerTimeoutMs, now = Date.now }: BackendChannelOptions): BackendChannel {
  const checked = checkBackendUrl(baseUrl);
  if (!checked.ok) throw new Error(`createBackendChannel: ${checked.code}`);
  const api = `${checked.url}${API_PATH}`;
  const authorization: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {};

  /**
   * One HTTP exchange, the answer's body read and parsed within the timeout. A network
   * failure or the timeout comes back as a retryable failure instead of a rejection.
   */
  async function exchange(path: string, init: RequestInit, limitMs = timeoutMs): Promise<{ response: Response; body: unknown } | Failure> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), limitMs);
    try {
      // Called as a plain function: browsers refuse fetch called as a method of another object.
      const response = await send(`${api}${path}`, { ...init, signal: controller.signal, headers: { Accept: 'application/json', ...authorization, ...init.headers } });
      const text = await response.text();
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        body = undefined;
      }
      return { response, body };
    } catch (error) {
      if (controller.signal.aborted) return { ok: false, retryable: true, error: { kind: 'timeout', message: `no answer within ${limitMs} ms` } };
      const message = error instanceof Error ? error.message : String(error);
      if (await answersButRefusesUs(send, api)) return { ok: false, retryable: false, error: { kind: 'settings', message: `the address answers but not to this extension (CORS): ${message}` } };
      return { ok: false, retryable: true, error: { kind: 'offline', message } };
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    kind: 'backend',

    async deliver(item: OutboxItem, attachments: readonly AttachmentRecord[]): Promise<DeliveryResult> {
      if (typeof item.payload !== 'string') {
        return { ok: false, retryable: false, error: { kind: 'rejected', message: 'the outbox payload is not a serialized request (requestPayloadOf)' } };
      }
      const form = new FormData();
      form.append('request', new Blob([item.payload], { type: 'application/json' }), 'request.json');
      // The part's content type is the one recorded with the file, which the request's metadata names.
      for (const file of attachments) form.append('files', new Blob([file.blob], { type: file.type }), file.name);

      const bodyBytes = item.payload.length + attachments.reduce((sum, file) => sum + file.blob.size, 0);
      const limitMs = answerTimeoutMs === undefined ? timeoutMs : Math.min(timeoutMs, answerTimeoutMs + Math.ceil((bodyBytes * 1000) / MIN_UPLOAD_BYTES_PER_SECOND));
      const answer = await exchange('/requests', { method: 'POST', headers: { 'Idempotency-Key': item.idempotencyKey }, body: form }, limitMs);
      if ('ok' in answer) return answer;
      const { response, body } = answer;
      if (!response.ok) {
        const failure = failureOf(response, body, now());
        // Every support backend has this endpoint: a 404 means the address is not one (or not this API version).
        return response.status === 404 ? { ...failure, error: { ...failure.error, kind: 'settings' } } : failure;
      }
      // Stored, most likely, but unreadable: the retry with the same key gets the answer again.
      if (!hasStrings(body, ['id', 'reference'])) return { ok: false, retryable: true, error: { kind: 'server', status: response.status, message: GARBLED } };
      return { ok: true, reference: body.reference, serverId: body.id, status: 'received' };
    },

    async fetchRequestStatus(id: string): Promise<StatusResult> {
      const answer = await exchange(`/requests/${encodeURIComponent(id)}`, { method: 'GET' });
      if ('ok' in answer) return answer;
      const { response, body } = answer;
      if (!response.ok) {
        const { retryable, error } = failureOf(response, body, now());
        return { ok: false, retryable, error };
      }
      if (!hasStrings(body, ['id', 'reference', 'status', 'updatedAt'])) return { ok: false, retryable: true, error: { kind: 'server', status: response.status, message: GARBLED } };
      const { forwarding } = body as { forwarding?: unknown };
      return {
        ok: true,
        request: { id: body.id, reference: body.reference, status: body.status, updatedAt: body.updatedAt, ...(typeof forwarding === 'string' && { forwarding }) },
      };
    },
  };
}
