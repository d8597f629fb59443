// @vitest-environment node
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MAX_ATTACHMENT_BYTES } from '../../../src/report/attachments';
import { FORWARDING_MIGRATIONS } from '../../../server/forwarding/migrations';
import { STORE_MIGRATIONS } from '../../../server/store/migrations';
import { payloadHashOf } from '../../../server/upload';
import { PNG_BYTES, postRequest, requestWith, screenshot, startServer, testFile } from '../../support/backend-server';
import type { TestServer } from '../../support/backend-server';
import { validRequest } from '../../support/request-fixture';

interface Created {
  id: string;
  reference: string;
  receivedAt: string;
}

let server: TestServer;

beforeAll(async () => {
  // Well above the 50 concurrent posts below: the limit itself is tested on a server of its own.
  server = await startServer({ rateLimitMax: 10_000 });
});

afterAll(async () => {
  await server.close();
});

afterEach(() => {
  // Whatever the outcome, no upload leaves a temporary file behind.
  expect(readdirSync(join(server.dataDir, 'tmp'))).toEqual([]);
});

describe('GET /api/v1/health', () => {
  it('answers ok', async () => {
    const response = await fetch(`${server.baseUrl}/api/v1/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });
});

describe('POST /api/v1/requests', () => {
  it('stores the request and its files, and answers 201 with id, reference and time', async () => {
    const files = [screenshot(), testFile('notes.txt', 'text/plain', new TextEncoder().encode('bonjour'))];
    const before = server.count('requests');
    const response = await postRequest(server, { files });
    expect(response.status).toBe(201);
    const created = (await response.json()) as Created;
    expect(created.reference).toMatch(/^CPH-\d{4}-\d{6}$/);
    expect(created.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(Date.parse(created.receivedAt)).not.toBeNaN();
    expect(response.headers.get('location')).toBe(`/api/v1/requests/${created.id}`);
    expect(server.count('requests')).toBe(before + 1);

    const row = server.database().prepare('SELECT payload, status FROM requests WHERE id = ?').get(created.id) as { payload: string; status: string };
    expect(JSON.parse(row.payload)).toEqual(requestWith(files));
    expect(row.status).toBe('received');
    for (const file of files) {
      expect(readFileSync(join(server.dataDir, 'files', created.id, file.meta.sha256))).toEqual(Buffer.from(file.bytes));
    }

    const status = await fetch(`${server.baseUrl}/api/v1/requests/${created.id}`);
    expect(status.status).toBe(200);
    expect(await status.json()).toEqual({ id: created.id, reference: created.reference, status: 'received', updatedAt: created.receivedAt });
  });

  it('numbers references in sequence within the year', async () => {
    const first = (await (await postRequest(server)).json()) as Created;
    const second = (await (await postRequest(server)).json()) as Created;
    const number = (reference: string) => Number(reference.slice(-6));
    expect(second.reference.slice(0, 9)).toBe(first.reference.slice(0, 9));
    expect(number(second.reference)).toBe(number(first.reference) + 1);
  });

  it('replays the same answer for the same key and payload, marked Idempotent-Replayed', async () => {
    const key = randomUUID();
    const files = [screenshot()];
    const first = await postRequest(server, { key, files });
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const rows = server.count('requests');
    const again = await postRequest(server, { key, files });
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await again.json()).toEqual(await first.json());
    expect(server.count('requests')).toBe(rows);
  });

  it('answers 422 when a key comes back with another payload', async () => {
    const key = randomUUID();
    expect((await postRequest(server, { key })).status).toBe(201);
    const other = await postRequest(server, { key, request: validRequest({ title: 'Un autre problème' }) });
    expect(other.status).toBe(422);
    expect(await other.json()).toEqual({ error: 'idempotencyKeyReused' });
    // Other files are another payload too.
    const withFile = await postRequest(server, { key, files: [screenshot()] });
    expect(withFile.status).toBe(422);
  });

  it('answers 409 while the same key is still being processed', async () => {
    const key = randomUUID();
    const json = JSON.stringify(validRequest());
    server
      .database()
      .prepare("INSERT INTO idempotency_keys (key, payload_hash, state, created_at, claim_id, lease_until) VALUES (?, ?, 'processing', ?, ?, ?)")
      .run(key, payloadHashOf(json, []), new Date().toISOString(), randomUUID(), new Date(Date.now() + 60_000).toISOString());
    const response = await postRequest(server, { key, json });
    expect(response.status).toBe(409);
    expect(response.headers.get('retry-after')).toBe('1');
    expect(await response.json()).toEqual({ error: 'inProgress' });
  });

  it('stores exactly one request for 50 concurrent posts with the same key', async () => {
    const key = randomUUID();
    const files = [screenshot()];
    const before = server.count('requests');
    const responses = await Promise.all(Array.from({ length: 50 }, () => postRequest(server, { key, files })));
    const statuses = responses.map(({ status }) => status);
    expect(statuses.every((status) => status === 201 || status === 409)).toBe(true);
    const created = await Promise.all(responses.filter(({ status }) => status === 201).map((response) => response.json() as Promise<Created>));
    expect(created.length).toBeGreaterThan(0);
    expect(new Set(created.map(({ id }) => id)).size).toBe(1);
    expect(server.count('requests')).toBe(before + 1);
    const keys = server.database().prepare('SELECT count(*) AS n FROM idempotency_keys WHERE key = ?').get(key) as { n: number };
    expect(keys.n).toBe(1);
    // Once done, every retry is a replay.
    const retry = await postRequest(server, { key, files });
    expect(retry.status).toBe(201);
    expect(((await retry.json()) as Created).id).toBe(created[0]?.id);
  });

  describe('400', () => {
    it('lists the field errors of an invalid request', async () => {
      const response = await postRequest(server, { request: validRequest({ title: '', contact: { email: 'jean@' }, loggedIn: false }) });
      expect(response.status).toBe(400);
      const { errors } = (await response.json()) as { errors: unknown[] };
      expect(errors).toEqual(
        expect.arrayContaining([
          { field: 'title', code: 'required' },
          { field: 'contact.email', code: 'email.format' },
          { field: 'contact.siret', code: 'required' },
        ]),
      );
    });

    it('refuses a missing or malformed Idempotency-Key', async () => {
      const missing = await postRequest(server, { key: null });
      expect(missing.status).toBe(400);
      expect(await missing.json()).toEqual({ errors: [{ field: 'Idempotency-Key', code: 'required' }] });
      const malformed = await postRequest(server, { key: '../../etc' });
      expect(await malformed.json()).toEqual({ errors: [{ field: 'Idempotency-Key', code: 'format' }] });
    });

    it('refuses JSON that does not parse', async () => {
      const response = await postRequest(server, { json: '{"title": ' });
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({ errors: [{ field: 'request', code: 'format' }] });
    });

    it('refuses files that do not match the announced ones', async () => {
      const file = screenshot();
      const tampered = { ...file, bytes: Buffer.concat([PNG_BYTES.subarray(0, -1), Buffer.from([0])]) };
      const mismatch = await postRequest(server, { request: requestWith([file]), files: [tampered] });
      expect(await mismatch.json()).toEqual({ errors: [{ field: 'attachments[0]', code: 'file.mismatch' }] });
      const missing = await postRequest(server, { request: requestWith([file]), files: [] });
      expect(await missing.json()).toEqual({ errors: [{ field: 'attachments[0]', code: 'file.missing' }] });
      const unexpected = await postRequest(server, { request: requestWith([]), files: [file] });
      expect(await unexpected.json()).toEqual({ errors: [{ field: 'files', code: 'file.unexpected' }] });
    });
  });

  describe('413', () => {
    it('refuses a file announced at 10 MB or more before reading it', async () => {
      const big = testFile('gros.pdf', 'application/pdf', new Uint8Array(MAX_ATTACHMENT_BYTES));
      const response = await postRequest(server, { files: [big] });
      expect(response.status).toBe(413);
      expect(await response.json()).toMatchObject({ error: 'tooLarge', errors: [{ field: 'attachments[0].size', code: 'file.tooLarge' }] });
    });

    it('refuses a file that turns out to be 10 MB or more, whatever was announced', async () => {
      const big = testFile('gros.pdf', 'application/pdf', new Uint8Array(MAX_ATTACHMENT_BYTES));
      const announcedSmall = requestWith([{ ...big, meta: { ...big.meta, size: 1000 } }]);
      const response = await postRequest(server, { request: announcedSmall, files: [big] });
      expect(response.status).toBe(413);
    });

    it('refuses more than 50 MB in all', async () => {
      const name = (index: number) => `f${index}.pdf`;
      const metas = [0, 1, 2, 3, 4, 5].map((index) => ({ name: name(index), type: 'application/pdf', size: 9 * 1024 * 1024, sha256: 'a'.repeat(64) }));
      const response = await postRequest(server, { request: validRequest({ attachments: metas }) });
      expect(response.status).toBe(413);
      expect(await response.json()).toMatchObject({ errors: [{ field: 'attachments', code: 'files.tooLarge' }] });
    });
  });

  describe('415', () => {
    it('refuses a body that is not multipart', async () => {
      const response = await fetch(`${server.baseUrl}/api/v1/requests`, {
        method: 'POST',
        headers: { 'Idempotency-Key': randomUUID(), 'Content-Type': 'application/json' },
        body: JSON.stringify(validRequest()),
      });
      expect(response.status).toBe(415);
      const xml = await fetch(`${server.baseUrl}/api/v1/requests`, {
        method: 'POST',
        headers: { 'Idempotency-Key': randomUUID(), 'Content-Type': 'application/xml' },
        body: '<request/>',
      });
      expect(xml.status).toBe(415);
    });

    it('refuses a file whose type does not match its extension', async () => {
      const disguised = { ...screenshot(), partType: 'text/html' };
      const response = await postRequest(server, { request: requestWith([screenshot()]), files: [disguised] });
      expect(response.status).toBe(415);
    });
  });

  it('answers 404 for an unknown request', async () => {
    expect((await fetch(`${server.baseUrl}/api/v1/requests/${randomUUID()}`)).status).toBe(404);
    expect((await fetch(`${server.baseUrl}/api/v1/requests/..%2F..%2Fsupport.sqlite`)).status).toBe(404);
  });

  describe('CORS', () => {
    const chromeOrigin = `chrome-extension://${'abcdefghijklmnop'.repeat(2)}`;
    const firefoxOrigin = `moz-extension://${randomUUID()}`;

    it('lets the extension call the API, preflight included, without credentials', async () => {
      for (const origin of [chromeOrigin, firefoxOrigin]) {
        const preflight = await fetch(`${server.baseUrl}/api/v1/requests`, {
          method: 'OPTIONS',
          headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization, idempotency-key' },
        });
        expect(preflight.status).toBe(204);
        expect(preflight.headers.get('access-control-allow-origin')).toBe(origin);
        expect(preflight.headers.get('access-control-allow-headers')).toContain('Idempotency-Key');
        expect(preflight.headers.get('access-control-allow-credentials')).toBeNull();
        const response = await postRequest(server, { headers: { Origin: origin } });
        expect(response.headers.get('access-control-allow-origin')).toBe(origin);
      }
    });

    it('gives web pages nothing', async () => {
      const response = await fetch(`${server.baseUrl}/api/v1/health`, { headers: { Origin: 'https://chorus-pro.gouv.fr' } });
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
      const lookalike = await fetch(`${server.baseUrl}/api/v1/health`, { headers: { Origin: `${chromeOrigin}.evil.example` } });
      expect(lookalike.headers.get('access-control-allow-origin')).toBeNull();
    });
  });
});

describe('with an API token', () => {
  let guarded: TestServer;
  const token = 'api-token-for-tests-0123456789';

  beforeAll(async () => {
    guarded = await startServer({ apiToken: token });
  });

  afterAll(async () => {
    await guarded.close();
  });

  it('answers 401 without the right bearer token, and stores nothing', async () => {
    for (const response of [await postRequest(guarded), await postRequest(guarded, { token: 'wrong' }), await postRequest(guarded, { headers: { Authorization: token } })]) {
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Bearer');
    }
    expect(guarded.count('requests')).toBe(0);
    expect((await fetch(`${guarded.baseUrl}/api/v1/requests/${randomUUID()}`)).status).toBe(401);
  });

  it('accepts the right token, for sending and for reading the status', async () => {
    const response = await postRequest(guarded, { token });
    expect(response.status).toBe(201);
    const { id } = (await response.json()) as Created;
    const status = await fetch(`${guarded.baseUrl}/api/v1/requests/${id}`, { headers: { Authorization: `Bearer ${token}` } });
    expect(status.status).toBe(200);
  });

  it('keeps the health check open', async () => {
    expect((await fetch(`${guarded.baseUrl}/api/v1/health`)).status).toBe(200);
  });
});

describe('rate limit', () => {
  let limited: TestServer;

  beforeAll(async () => {
    limited = await startServer({ rateLimitMax: 3 });
  });

  afterAll(async () => {
    await limited.close();
  });

  it('answers 429 with Retry-After past the limit per client', async () => {
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await fetch(`${limited.baseUrl}/api/v1/requests/${randomUUID()}`)).status);
    expect(statuses).toEqual([404, 404, 404]);
    const limitedResponse = await postRequest(limited);
    expect(limitedResponse.status).toBe(429);
    expect(Number(limitedResponse.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await limitedResponse.json()).toEqual({ error: 'rateLimited' });
    expect(limited.count('requests')).toBe(0);
  });
});

describe('storage', () => {
  it('migrates a new database to the current schema, and reopens it as is', async () => {
    const first = await startServer();
    const db = first.database();
    expect(db.prepare('SELECT id FROM schema_migrations ORDER BY id').all()).toEqual(
      [...STORE_MIGRATIONS, ...FORWARDING_MIGRATIONS].map(({ id }) => ({ id })).sort((a, b) => a.id.localeCompare(b.id)),
    );
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(existsSync(join(first.dataDir, 'files'))).toBe(true);
    await first.close();
  });
});
