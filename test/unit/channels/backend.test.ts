// @vitest-environment node
import { randomUUID } from 'node:crypto';
import { createServer as createHttpServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { checkBackendConnection, checkBackendUrl, createBackendChannel, MIN_UPLOAD_BYTES_PER_SECOND, retryAfterMsOf } from '../../../src/channels/backend';
import { requestPayloadOf } from '../../../src/channels/payload';
import type { SupportRequest } from '../../../src/report/request';
import type { AttachmentRecord, OutboxItem } from '../../../src/store/records';
import { requestWith, screenshot, startServer, testFile } from '../../support/backend-server';
import type { TestFile, TestServer } from '../../support/backend-server';

const TIMEOUT_MS = 5_000;

function recordOf(file: TestFile): AttachmentRecord {
  return { id: randomUUID(), ...file.meta, createdAt: 0, blob: new Blob([file.bytes], { type: file.meta.type }) };
}

/** An outbox item as the outbox hands it to the channel: claimed, with its key and serialized request. */
function itemOf(request: SupportRequest, idempotencyKey: string = randomUUID()): OutboxItem {
  return {
    id: randomUUID(),
    idempotencyKey,
    createdAt: 0,
    channel: 'backend',
    title: request.title,
    route: request.route,
    payload: requestPayloadOf(request),
    attachmentIds: [],
    state: 'sending',
    attempts: 1,
    nextAttemptAt: 0,
  };
}

const channelTo = (baseUrl: string, token?: string, timeoutMs = TIMEOUT_MS) => createBackendChannel({ baseUrl, token, fetch, timeoutMs });

/** A plain HTTP server answering every request with `handler`, on a free port of 127.0.0.1. */
async function rawServer(handler: Parameters<typeof createHttpServer>[1]): Promise<{ baseUrl: string; server: Server }> {
  const server = createHttpServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

function closeRaw(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

describe('checkBackendUrl', () => {
  it('accepts https anywhere and http on this machine only, without a trailing slash', () => {
    expect(checkBackendUrl(' https://support.exemple.fr/ ')).toEqual({ ok: true, url: 'https://support.exemple.fr' });
    expect(checkBackendUrl('https://intranet.exemple.fr/aide-chorus/')).toEqual({ ok: true, url: 'https://intranet.exemple.fr/aide-chorus' });
    expect(checkBackendUrl('http://localhost:8787')).toEqual({ ok: true, url: 'http://localhost:8787' });
    expect(checkBackendUrl('http://127.0.0.1:3000/')).toEqual({ ok: true, url: 'http://127.0.0.1:3000' });
  });

  it('leads the root, /api and /api/v1, with or without trailing slashes, to the same server root', () => {
    for (const form of ['', '/', '/api', '/api/', '/api/v1', '/api/v1/', '/api/v1//']) {
      expect(checkBackendUrl(`http://127.0.0.1:8787${form}`)).toEqual({ ok: true, url: 'http://127.0.0.1:8787' });
      expect(checkBackendUrl(`https://intranet.exemple.fr/aide${form}`)).toEqual({ ok: true, url: 'https://intranet.exemple.fr/aide' });
    }
    expect(checkBackendUrl('https://support.exemple.fr/apis')).toEqual({ ok: true, url: 'https://support.exemple.fr/apis' });
  });

  it('says what is wrong', () => {
    expect(checkBackendUrl('')).toEqual({ ok: false, code: 'backendUrl.required' });
    expect(checkBackendUrl('support.exemple.fr')).toEqual({ ok: false, code: 'backendUrl.format' });
    expect(checkBackendUrl('ftp://support.exemple.fr')).toEqual({ ok: false, code: 'backendUrl.format' });
    expect(checkBackendUrl('https://support.exemple.fr/?x=1')).toEqual({ ok: false, code: 'backendUrl.format' });
    expect(checkBackendUrl('http://support.exemple.fr')).toEqual({ ok: false, code: 'backendUrl.notHttps' });
    // Look-alikes of the local hosts are remote hosts.
    expect(checkBackendUrl('http://localhost.exemple.fr')).toEqual({ ok: false, code: 'backendUrl.notHttps' });
    expect(checkBackendUrl('http://127.0.0.2')).toEqual({ ok: false, code: 'backendUrl.notHttps' });
    expect(checkBackendUrl('https://agent:secret@support.exemple.fr')).toEqual({ ok: false, code: 'backendUrl.credentials' });
  });
});

describe('retryAfterMsOf', () => {
  it('reads seconds and HTTP dates', () => {
    const now = Date.parse('2026-03-02T10:00:00Z');
    expect(retryAfterMsOf('30', now)).toBe(30_000);
    expect(retryAfterMsOf('Mon, 02 Mar 2026 10:01:00 GMT', now)).toBe(60_000);
    expect(retryAfterMsOf('soon', now)).toBeUndefined();
    expect(retryAfterMsOf(null, now)).toBeUndefined();
  });
});

describe('backend channel against the reference server', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startServer({ rateLimitMax: 10_000 });
  });

  afterAll(async () => {
    await server.close();
  });

  it('delivers a request with its screenshot: 201 with the reference and the server id', async () => {
    const file = screenshot();
    const result = await channelTo(server.baseUrl).deliver(itemOf(requestWith([file])), [recordOf(file)]);

    expect(result).toEqual({ ok: true, reference: expect.stringMatching(/^CPH-\d{4}-\d{6}$/), serverId: expect.any(String), status: 'received' });
  });

  it('gets the same answer for a retry with the same key, and the request is stored once', async () => {
    const file = screenshot();
    const item = itemOf(requestWith([file], { title: 'Envoyé deux fois' }));
    const channel = channelTo(server.baseUrl);
    const before = server.count('requests');

    const first = await channel.deliver(item, [recordOf(file)]);
    const again = await channel.deliver({ ...item, attempts: 2 }, [recordOf(file)]);

    expect(first.ok).toBe(true);
    expect(again).toEqual(first);
    expect(server.count('requests')).toBe(before + 1);
  });

  it('does not retry a key reused for another request (422)', async () => {
    const channel = channelTo(server.baseUrl);
    const key = randomUUID();
    expect((await channel.deliver(itemOf(requestWith([], { title: 'Premier' }), key), [])).ok).toBe(true);

    const result = await channel.deliver(itemOf(requestWith([], { title: 'Autre' }), key), []);

    expect(result).toEqual({ ok: false, retryable: false, error: { kind: 'rejected', status: 422, message: 'idempotencyKeyReused' } });
  });

  it('does not retry an invalid request (400) and says which fields', async () => {
    const result = await channelTo(server.baseUrl).deliver(itemOf(requestWith([], { title: '', contact: { email: 'pas-une-adresse' } })), []);

    expect(result).toEqual({
      ok: false,
      retryable: false,
      error: { kind: 'rejected', status: 400, message: expect.stringContaining('title: required') },
    });
    expect(!result.ok && result.error.message).toContain('contact.email: email.format');
  });

  it('reads the status the support agents set', async () => {
    const channel = channelTo(server.baseUrl);
    const delivered = await channel.deliver(itemOf(requestWith([])), []);
    if (!delivered.ok || delivered.serverId === undefined) throw new Error('not delivered');
    server
      .database()
      .prepare('UPDATE requests SET status = ?, updated_at = ? WHERE id = ?')
      .run('in_progress', '2026-03-03T09:00:00.000Z', delivered.serverId);

    expect(await channel.fetchRequestStatus(delivered.serverId)).toEqual({
      ok: true,
      request: { id: delivered.serverId, reference: delivered.reference, status: 'in_progress', updatedAt: '2026-03-03T09:00:00.000Z' },
    });
    expect(await channel.fetchRequestStatus(randomUUID())).toEqual({
      ok: false,
      retryable: false,
      error: { kind: 'rejected', status: 404, message: 'notFound' },
    });
  });
});

describe('backend channel to a server that forwards requests', () => {
  it('reads whether the server has passed the request on', async () => {
    // Nothing listens on port 9: the forwarding attempt fails and waits for a retry.
    const forwarding = await startServer({ forwarding: { webhook: { url: 'http://127.0.0.1:9/hook', secret: 'webhook-secret-for-tests-0123456789' } } });
    const channel = channelTo(forwarding.baseUrl);
    const delivered = await channel.deliver(itemOf(requestWith([])), []);
    if (!delivered.ok || delivered.serverId === undefined) throw new Error('not delivered');
    await vi.waitFor(() =>
      expect(forwarding.database().prepare('SELECT attempts FROM forwarding_outbox WHERE request_id = ?').get(delivered.serverId)).toEqual({ attempts: 1 }),
    );
    expect(await channel.fetchRequestStatus(delivered.serverId)).toMatchObject({ ok: true, request: { status: 'received', forwarding: 'pending' } });
    await forwarding.close();
  });
});

describe('backend channel with a token', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startServer({ apiToken: 'jeton-de-test' });
  });

  afterAll(async () => {
    await server.close();
  });

  it('sends the token, and does not retry without it (401)', async () => {
    expect((await channelTo(server.baseUrl, 'jeton-de-test').deliver(itemOf(requestWith([])), [])).ok).toBe(true);

    for (const token of [undefined, 'mauvais-jeton']) {
      expect(await channelTo(server.baseUrl, token).deliver(itemOf(requestWith([])), [])).toEqual({
        ok: false,
        retryable: false,
        error: { kind: 'auth', status: 401, message: 'unauthorized' },
      });
    }
  });
});

describe('backend channel when the server limits the rate', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startServer({ rateLimitMax: 1 });
  });

  afterAll(async () => {
    await server.close();
  });

  it('retries after the time the server gives (429 Retry-After)', async () => {
    const channel = channelTo(server.baseUrl);
    expect((await channel.deliver(itemOf(requestWith([])), [])).ok).toBe(true);

    const result = await channel.deliver(itemOf(requestWith([])), []);

    expect(result).toMatchObject({ ok: false, retryable: true, error: { kind: 'rateLimited', status: 429 } });
    const retryAfterMs = !result.ok ? result.retryAfterMs : undefined;
    expect(retryAfterMs).toBeGreaterThan(0);
    expect(retryAfterMs).toBeLessThanOrEqual(60_000);
  });
});

describe('backend channel when the server cannot answer', () => {
  it('retries when nothing listens on the port (network error)', async () => {
    const { baseUrl, server } = await rawServer(() => undefined);
    await closeRaw(server);

    expect(await channelTo(baseUrl).deliver(itemOf(requestWith([])), [])).toMatchObject({ ok: false, retryable: true, error: { kind: 'offline' } });
  });

  it('gives up on a server that never answers, and retries later (timeout)', async () => {
    const { baseUrl, server } = await rawServer(() => undefined);
    try {
      expect(await channelTo(baseUrl, undefined, 200).deliver(itemOf(requestWith([])), [])).toMatchObject({
        ok: false,
        retryable: true,
        error: { kind: 'timeout' },
      });
    } finally {
      await closeRaw(server);
    }
  });

  it('gives a hung server the answer time plus the upload time of the body at the slowest rate allowed, within the ceiling', async () => {
    const { baseUrl, server } = await rawServer(() => undefined);
    try {
      const item = itemOf(requestWith([]));
      const small = await createBackendChannel({ baseUrl, fetch, timeoutMs: 5_000, answerTimeoutMs: 100 }).deliver(item, []);
      const expected = 100 + Math.ceil(((item.payload as string).length * 1000) / MIN_UPLOAD_BYTES_PER_SECOND);
      expect(small).toMatchObject({ ok: false, retryable: true, error: { kind: 'timeout', message: `no answer within ${expected} ms` } });

      const file = recordOf(testFile('releve.pdf', 'application/pdf', new Uint8Array(MIN_UPLOAD_BYTES_PER_SECOND)));
      const large = await createBackendChannel({ baseUrl, fetch, timeoutMs: 1_000, answerTimeoutMs: 100 }).deliver(item, [file]);
      expect(large).toMatchObject({ error: { kind: 'timeout', message: 'no answer within 1000 ms' } });
    } finally {
      await closeRaw(server);
    }
  });

  it('retries when a 201 comes with garbage instead of JSON', async () => {
    const { baseUrl, server } = await rawServer((request, response) => {
      request.resume();
      request.on('end', () => response.writeHead(201, { 'Content-Type': 'application/json' }).end('{"id": "tronqu'));
    });
    try {
      expect(await channelTo(baseUrl).deliver(itemOf(requestWith([])), [])).toMatchObject({
        ok: false,
        retryable: true,
        error: { kind: 'server', status: 201 },
      });
    } finally {
      await closeRaw(server);
    }
  });
});

describe('backend channel answers the API defines but the reference server rarely gives', () => {
  /** A fetch that answers every call with this status, headers and JSON body. */
  const answering = (status: number, body: unknown, headers: Record<string, string> = {}): typeof fetch => async () =>
    new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });

  const deliverWith = (fetchImpl: typeof fetch) =>
    createBackendChannel({ baseUrl: 'https://support.exemple.fr', fetch: fetchImpl, timeoutMs: TIMEOUT_MS }).deliver(itemOf(requestWith([])), []);

  it.each([
    [409, { error: 'inProgress' }, true, 'server'],
    [413, { error: 'tooLarge' }, false, 'tooLarge'],
    [415, { error: 'unsupportedMediaType' }, false, 'rejected'],
    [500, { error: 'internal' }, true, 'server'],
    [502, 'Bad gateway', true, 'server'],
  ] as const)('%i → retryable %s, kind %s', async (status, body, retryable, kind) => {
    expect(await deliverWith(answering(status, body))).toMatchObject({ ok: false, retryable, error: { kind, status } });
  });

  it('waits as long as a 503 asks', async () => {
    expect(await deliverWith(answering(503, { error: 'internal' }, { 'Retry-After': '120' }))).toMatchObject({ ok: false, retryable: true, retryAfterMs: 120_000 });
  });

  it('refuses an outbox payload that is not the serialized request', async () => {
    const channel = createBackendChannel({ baseUrl: 'https://support.exemple.fr', fetch: answering(201, {}), timeoutMs: TIMEOUT_MS });
    expect(await channel.deliver({ ...itemOf(requestWith([])), payload: { title: 'objet' } }, [])).toMatchObject({ ok: false, retryable: false });
  });
});

const EXTENSION_ORIGIN = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';

/**
 * fetch as an extension page sees it: the request carries the extension's origin, and an
 * answer without CORS headers for it is a TypeError, unless asked for with mode 'no-cors'.
 */
const extensionFetch: typeof fetch = async (input, init = {}) => {
  const headers = new Headers(init.headers);
  headers.set('Origin', EXTENSION_ORIGIN);
  const response = await fetch(input, { ...init, headers });
  if (init.mode === 'no-cors') return new Response(null, { status: 200 });
  if (response.headers.get('Access-Control-Allow-Origin') !== EXTENSION_ORIGIN) throw new TypeError('Failed to fetch');
  return response;
};

/** A server that is not a support backend: 404 for everything, without CORS headers. */
function notABackend(): ReturnType<typeof rawServer> {
  return rawServer((_request, response) => {
    response.writeHead(404, { 'Content-Type': 'text/html' }).end('<h1>Not Found</h1>');
  });
}

describe('backend channel sent to an address that is not a support backend', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startServer();
  });

  afterAll(async () => {
    await server.close();
  });

  it('does not retry a 404 and calls it a settings problem', async () => {
    const { baseUrl, server: other } = await rawServer((_request, response) => {
      response.writeHead(404, { 'Content-Type': 'application/json', 'Access-Control-Allow-Origin': EXTENSION_ORIGIN }).end('{"error":"notFound"}');
    });
    try {
      expect(await createBackendChannel({ baseUrl, fetch: extensionFetch, timeoutMs: TIMEOUT_MS }).deliver(itemOf(requestWith([])), [])).toEqual({
        ok: false,
        retryable: false,
        error: { kind: 'settings', status: 404, message: 'notFound' },
      });
    } finally {
      await closeRaw(other);
    }
  });

  it('does not retry a refusal without CORS headers from an address that answers', async () => {
    const { baseUrl, server: other } = await notABackend();
    try {
      expect(await createBackendChannel({ baseUrl, fetch: extensionFetch, timeoutMs: TIMEOUT_MS }).deliver(itemOf(requestWith([])), [])).toMatchObject({
        ok: false,
        retryable: false,
        error: { kind: 'settings' },
      });
    } finally {
      await closeRaw(other);
    }
  });

  it('still delivers to the reference server given as its /api/v1 address', async () => {
    expect(await createBackendChannel({ baseUrl: `${server.baseUrl}/api/v1/`, fetch: extensionFetch, timeoutMs: TIMEOUT_MS }).deliver(itemOf(requestWith([])), [])).toMatchObject({ ok: true });
  });
});

describe('checkBackendConnection ("Test the connection")', () => {
  let open: TestServer;
  let guarded: TestServer;

  beforeAll(async () => {
    [open, guarded] = await Promise.all([startServer(), startServer({ apiToken: 'jeton-de-test' })]);
  });

  afterAll(async () => {
    await Promise.all([open.close(), guarded.close()]);
  });

  const check = (baseUrl: string, token?: string) => checkBackendConnection({ baseUrl, token, fetch: extensionFetch });

  it('succeeds on the reference server, with the token it expects or none needed', async () => {
    expect(await check(open.baseUrl)).toEqual({ ok: true });
    expect(await check(`${guarded.baseUrl}/api/v1`, 'jeton-de-test')).toEqual({ ok: true });
  });

  it('says the token is refused (401)', async () => {
    expect(await check(guarded.baseUrl, 'mauvais-jeton')).toEqual({ ok: false, problem: 'tokenRefused' });
    expect(await check(guarded.baseUrl)).toEqual({ ok: false, problem: 'tokenRefused' });
  });

  it('says an address that answers 404 without CORS is not a support backend', async () => {
    const { baseUrl, server } = await notABackend();
    try {
      expect(await check(baseUrl)).toEqual({ ok: false, problem: 'notBackend' });
    } finally {
      await closeRaw(server);
    }
  });

  it('says an address where nothing listens is unreachable', async () => {
    const { baseUrl, server } = await rawServer(() => undefined);
    await closeRaw(server);
    expect(await check(baseUrl)).toEqual({ ok: false, problem: 'unreachable' });
  });
});
