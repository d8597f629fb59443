// @vitest-environment node
/**
 * The store contract, run against both engines: SQLite, and PostgreSQL in a real throwaway
 * cluster (skipped locally only when PostgreSQL is not installed, with the reason printed).
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { IDEMPOTENCY_LEASE_MS } from '../../../server/store';
import type { CreatedResponse, ListPage, NewRequest, RequestFilter, RequestStore } from '../../../server/store';
import { STORE_MIGRATIONS } from '../../../server/store/migrations';
import { DiskFileStore } from '../../../server/file-store';
import type { ReceivedFile } from '../../../server/file-store';
import { SqliteStore } from '../../../server/store/sqlite';
import { PNG_BYTES, testFile } from '../../support/backend-server';
import { validRequest } from '../../support/request-fixture';
import { SQLITE, postgresEngine } from '../../support/store-engines';
import type { EngineUnderTest } from '../../support/store-engines';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

async function bytesOf(stream: Readable | undefined): Promise<Buffer> {
  if (!stream) throw new Error('no such attachment');
  const chunks: Buffer[] = [];
  for await (const chunk of stream as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

async function claim(store: RequestStore, key: string, now = new Date(), hash = 'hash'): Promise<string> {
  const result = await store.claimIdempotencyKey(key, hash, now);
  if (result.kind !== 'claimed') throw new Error(`expected a claim, got ${result.kind}`);
  return result.claimId;
}

for (const engine of [SQLITE, postgresEngine()]) {
  describe.skipIf(engine.skipReason !== undefined)(`store on ${engine.name}`, () => {
    let under: EngineUnderTest;
    let store: RequestStore;

    /** Claims a key and stores a request with these files. */
    async function insert(files: { bytes: Uint8Array; name: string; type: string }[] = [], receivedAt = new Date(), overrides = {}): Promise<CreatedResponse> {
      const made = files.map(({ bytes, name, type }) => testFile(name, type, bytes as Uint8Array<ArrayBuffer>));
      const received: ReceivedFile[] = [];
      for (const file of made) received.push(await under.receive(file.bytes));
      const key = randomUUID();
      const request: NewRequest = {
        id: randomUUID(),
        idempotencyKey: key,
        claimId: await claim(store, key, receivedAt),
        request: validRequest({ attachments: made.map(({ meta }) => meta), ...overrides }),
        contentTypes: made.map(({ meta }) => meta.type),
        files: received,
        receivedAt,
      };
      const created = await store.insertRequest(request);
      await under.spool.discard(received);
      return created;
    }

    beforeAll(() => engine.setUp(), 120_000);
    afterAll(() => engine.tearDown(), 60_000);
    beforeEach(async () => {
      under = await engine.open();
      store = under.store;
    }, 30_000);
    afterEach(() => under.close());

    describe('migrations', () => {
      it('applies each step once, and a module appends steps of its own', async () => {
        const extra = { id: 'test-001-notes', sqlite: 'CREATE TABLE test_notes (id INTEGER PRIMARY KEY) STRICT', postgres: 'CREATE TABLE test_notes (id INTEGER PRIMARY KEY)' };
        const again = under.reopen([...STORE_MIGRATIONS, extra]);
        await again.open();
        const third = under.reopen([...STORE_MIGRATIONS, extra]);
        await expect(third.open()).resolves.toBeUndefined();
        // Back to a server without the module: it refuses a schema it does not know.
        await expect(
          (async () => {
            await under.reopen(STORE_MIGRATIONS).open();
          })(),
        ).rejects.toThrow(/test-001-notes/);
      });
    });

    describe('idempotency keys', () => {
      it('claims a new key, answers inProgress while held, then replays the stored answer', async () => {
        const key = randomUUID();
        const claimId = await claim(store, key);
        expect(await store.claimIdempotencyKey(key, 'hash', new Date())).toEqual({ kind: 'inProgress' });
        const created = await store.insertRequest({ id: randomUUID(), idempotencyKey: key, claimId, request: validRequest(), contentTypes: [], files: [], receivedAt: new Date() });
        expect(await store.claimIdempotencyKey(key, 'hash', new Date())).toEqual({ kind: 'replay', response: created });
        expect(await store.claimIdempotencyKey(key, 'other', new Date())).toEqual({ kind: 'payloadMismatch' });
      });

      it('lets another attempt take over a claim whose lease ran out, and the stale holder cannot finish', async () => {
        const key = randomUUID();
        const start = new Date();
        const stale = await claim(store, key, start);
        expect((await store.claimIdempotencyKey(key, 'hash', new Date(start.getTime() + IDEMPOTENCY_LEASE_MS - 1000))).kind).toBe('inProgress');
        const fresh = await claim(store, key, new Date(start.getTime() + IDEMPOTENCY_LEASE_MS + 1000));
        expect(fresh).not.toBe(stale);
        const file = await under.receive(PNG_BYTES);
        const meta = testFile('capture.png', 'image/png', PNG_BYTES).meta;
        const id = randomUUID();
        await expect(
          store.insertRequest({ id, idempotencyKey: key, claimId: stale, request: validRequest({ attachments: [meta] }), contentTypes: ['image/png'], files: [file], receivedAt: new Date() }),
        ).rejects.toThrow(/not held/);
        expect(await store.getRequest(id)).toBeUndefined();
        expect(await store.readAttachment(id, meta.sha256)).toBeUndefined();
        expect(existsSync(join(under.dataDir, 'files', id))).toBe(false);
        await under.spool.discard([file]);
      });

      it('frees a released claim for the retry, but only for its holder', async () => {
        const key = randomUUID();
        const claimId = await claim(store, key);
        await store.releaseIdempotencyKey(key, randomUUID());
        expect((await store.claimIdempotencyKey(key, 'hash', new Date())).kind).toBe('inProgress');
        await store.releaseIdempotencyKey(key, claimId);
        expect((await store.claimIdempotencyKey(key, 'hash', new Date())).kind).toBe('claimed');
      });

      it('gives exactly one claim to concurrent attempts', async () => {
        const key = randomUUID();
        const results = await Promise.all(Array.from({ length: 20 }, () => store.claimIdempotencyKey(key, 'hash', new Date())));
        expect(results.filter(({ kind }) => kind === 'claimed')).toHaveLength(1);
        expect(results.filter(({ kind }) => kind === 'inProgress')).toHaveLength(19);
      });
    });

    describe('requests', () => {
      it('stores a request with its files, byte for byte, and reads them back', async () => {
        const text = new TextEncoder().encode('bonjour');
        const created = await insert([
          { bytes: PNG_BYTES, name: 'capture.png', type: 'image/png' },
          { bytes: text, name: 'notes.txt', type: 'text/plain' },
        ]);
        expect(created.reference).toMatch(/^CPH-\d{4}-000001$/);
        const stored = await store.getRequest(created.id);
        expect(stored).toMatchObject({ id: created.id, reference: created.reference, status: 'received', receivedAt: created.receivedAt, updatedAt: created.receivedAt });
        expect(stored?.attachments.map(({ name, contentType, size }) => [name, contentType, size])).toEqual([
          ['capture.png', 'image/png', PNG_BYTES.length],
          ['notes.txt', 'text/plain', text.length],
        ]);
        const png = testFile('capture.png', 'image/png', PNG_BYTES).meta.sha256;
        expect(await bytesOf(await store.readAttachment(created.id, png))).toEqual(Buffer.from(PNG_BYTES));
        expect(await store.findAttachment(created.id, png)).toMatchObject({ name: 'capture.png', position: 0 });
        expect(await store.readAttachment(created.id, 'f'.repeat(64))).toBeUndefined();
        expect(await store.storedBytes()).toBe(PNG_BYTES.length + text.length);
        // Nothing stays in the spool once the store took the files.
        expect(readdirSync(join(under.dataDir, 'tmp'))).toEqual([]);
      });

      it('numbers references in sequence, once each, under concurrent inserts', async () => {
        const created = await Promise.all(Array.from({ length: 12 }, () => insert()));
        const numbers = created.map(({ reference }) => Number(reference.slice(-6))).sort((a, b) => a - b);
        expect(numbers).toEqual(Array.from({ length: 12 }, (_, index) => index + 1));
      });

      it('lists newest first, filtered by status, route and day, and changes a status', async () => {
        const older = await insert([], new Date('2026-03-01T23:30:00.000Z'));
        const newer = await insert([], new Date('2026-03-02T08:00:00.000Z'), { route: 'client', category: 'suivi-de-facture', subCategory: 'paiement' });
        expect((await store.listRequests({})).map(({ id }) => id)).toEqual([newer.id, older.id]);
        expect((await store.listRequests({ route: 'client' })).map(({ id }) => id)).toEqual([newer.id]);
        expect((await store.listRequests({ fromDay: '2026-03-02' })).map(({ id }) => id)).toEqual([newer.id]);
        expect((await store.listRequests({ toDay: '2026-03-01' })).map(({ id }) => id)).toEqual([older.id]);
        const later = new Date('2026-03-03T09:00:00.000Z');
        expect(await store.setStatus(older.id, 'resolved', later)).toBe(true);
        expect(await store.setStatus(randomUUID(), 'resolved', later)).toBe(false);
        expect((await store.listRequests({ status: 'resolved' })).map(({ id }) => id)).toEqual([older.id]);
        expect((await store.getRequest(older.id))?.updatedAt).toBe(later.toISOString());
      });

      it('lists by category, finds a request by reference, number, e-mail, SIRET, invoice or identifier, and pages', async () => {
        const first = await insert([], new Date('2026-03-01T09:00:00.000Z'));
        const second = await insert([], new Date('2026-03-02T09:00:00.000Z'), {
          category: 'suivi-de-facture',
          subCategory: 'paiement',
          contact: { name: 'Anne Martin', connectionId: 'anne.martin', email: 'Anne.Martin@exemple.fr', siret: '35600000000048' },
          invoiceNumbers: ['F-77', 'F-78'],
          identifiers: [{ kind: 'engagementNumber', value: 'EJ-4500012' }],
        });
        const third = await insert([], new Date('2026-03-03T09:00:00.000Z'));
        const ids = async (filter: RequestFilter, page?: ListPage) => (await store.listRequests(filter, page)).map(({ id }) => id);
        expect(await ids({ category: 'suivi-de-facture' })).toEqual([second.id]);
        expect(await ids({ search: second.reference.toLowerCase() })).toEqual([second.id]);
        expect(await ids({ search: second.reference.slice(-6) })).toEqual([second.id]);
        expect(await ids({ search: 'anne.martin@exemple.fr' })).toEqual([second.id]);
        expect(await ids({ search: '35600000000048' })).toEqual([second.id]);
        expect(await ids({ search: 'F-78' })).toEqual([second.id]);
        expect(await ids({ search: 'EJ-4500012' })).toEqual([second.id]);
        expect(await ids({ search: 'FA-2026-0042' })).toEqual([third.id, first.id]);
        // Exact, not a part of a value.
        expect(await ids({ search: 'F-7' })).toEqual([]);
        expect(await ids({ search: 'FA-2026-0042', category: 'suivi-de-facture' })).toEqual([]);
        expect(await ids({}, { offset: 1, limit: 1 })).toEqual([second.id]);
        expect(await ids({}, { offset: 2, limit: 5 })).toEqual([first.id]);
        expect(await ids({}, { offset: 3 })).toEqual([]);
      });
    });

    describe('console sessions', () => {
      it('keeps a session until it expires or is deleted', async () => {
        const now = new Date();
        await store.createSession('a'.repeat(64), { csrfToken: 'csrf', expiresAt: new Date(now.getTime() + MINUTE) });
        expect(await store.getSession('a'.repeat(64), now)).toEqual({ csrfToken: 'csrf', expiresAt: new Date(now.getTime() + MINUTE) });
        expect(await store.getSession('a'.repeat(64), new Date(now.getTime() + MINUTE))).toBeUndefined();
        await store.deleteSession('a'.repeat(64));
        expect(await store.getSession('a'.repeat(64), now)).toBeUndefined();
      });
    });

    describe('rate limits', () => {
      it('counts hits in a window and starts again after it', async () => {
        const now = new Date();
        expect(await store.hitRateLimit('api:1.2.3.4', MINUTE, now)).toEqual({ count: 1, resetAt: new Date(now.getTime() + MINUTE) });
        expect((await store.hitRateLimit('api:1.2.3.4', MINUTE, new Date(now.getTime() + 1000))).count).toBe(2);
        expect((await store.hitRateLimit('api:5.6.7.8', MINUTE, now)).count).toBe(1);
        const next = new Date(now.getTime() + MINUTE);
        expect(await store.hitRateLimit('api:1.2.3.4', MINUTE, next)).toEqual({ count: 1, resetAt: new Date(next.getTime() + MINUTE) });
      });

      it('counts concurrent hits exactly', async () => {
        const now = new Date();
        const hits = await Promise.all(Array.from({ length: 30 }, () => store.hitRateLimit('api:9.9.9.9', MINUTE, now)));
        expect(hits.map(({ count }) => count).sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, index) => index + 1));
      });
    });

    describe('sweep', () => {
      it('removes expired keys, sessions, counters, and requests past the retention with their files', async () => {
        const now = new Date();
        const old = await insert([{ bytes: PNG_BYTES, name: 'capture.png', type: 'image/png' }], new Date(now.getTime() - 40 * DAY));
        const recent = await insert([], new Date(now.getTime() - DAY));
        await claim(store, randomUUID(), new Date(now.getTime() - IDEMPOTENCY_LEASE_MS - 1000));
        await store.createSession('b'.repeat(64), { csrfToken: 'x', expiresAt: new Date(now.getTime() - 1) });
        await store.hitRateLimit('api:old', MINUTE, new Date(now.getTime() - 2 * MINUTE));
        const result = await store.sweep({ now, idempotencyTtlMs: 7 * DAY, retentionMs: 30 * DAY });
        // The old request's key (done 40 days ago) and the abandoned claim.
        expect(result).toEqual({ requests: 1, idempotencyKeys: 2, sessions: 1, rateLimits: 1 });
        expect(await store.getRequest(old.id)).toBeUndefined();
        expect(await store.readAttachment(old.id, testFile('capture.png', 'image/png', PNG_BYTES).meta.sha256)).toBeUndefined();
        expect(existsSync(join(under.dataDir, 'files', old.id))).toBe(false);
        expect(await store.getRequest(recent.id)).toBeDefined();
        expect(await store.storedBytes()).toBe(0);
      });

      it('keeps every request without a retention', async () => {
        const old = await insert([], new Date(Date.now() - 400 * DAY));
        expect((await store.sweep({ now: new Date(), idempotencyTtlMs: 7 * DAY })).requests).toBe(0);
        expect(await store.getRequest(old.id)).toBeDefined();
      });
    });
  });
}

describe('SQLite databases made before the steps had ids', () => {
  it('are taken as having the first step, and get the next ones', async () => {
    const under = await SQLITE.open();
    await under.store.close();
    const path = join(under.dataDir, 'support.sqlite');
    const legacy = join(under.dataDir, 'legacy.sqlite');
    const db = new Database(legacy);
    db.exec(STORE_MIGRATIONS[0]?.sqlite ?? '');
    db.pragma('user_version = 1');
    db.prepare("INSERT INTO idempotency_keys (key, payload_hash, state, created_at) VALUES ('k', 'h', 'processing', '2026-01-01T00:00:00.000Z')").run();
    db.close();
    const upgraded = new SqliteStore({ path: legacy, files: new DiskFileStore(under.dataDir) });
    // A claim from before leases has none: it is free for the next attempt.
    expect((await upgraded.claimIdempotencyKey('k', 'h', new Date())).kind).toBe('claimed');
    await upgraded.close();
    const check = new Database(legacy, { readonly: true });
    expect(check.prepare('SELECT id FROM schema_migrations ORDER BY id').all()).toEqual(STORE_MIGRATIONS.map(({ id }) => ({ id })));
    check.close();
    expect(existsSync(path)).toBe(true);
    await under.close();
  });
});
