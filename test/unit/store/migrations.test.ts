// @vitest-environment node
// Blobs must survive IndexedDB's structured clone: Node's Blob does, happy-dom's does not.
import 'fake-indexeddb/auto';
import { openDB, type IDBPDatabase } from 'idb';
import { describe, expect, it, vi } from 'vitest';
import { attachments } from '../../../src/store/attachments';
import { DB_NAME, openHelpDb } from '../../../src/store/db';
import { drafts } from '../../../src/store/drafts';
import { StorageError } from '../../../src/store/errors';
import { history } from '../../../src/store/history';
import { MIGRATIONS, runMigrations, SCHEMA_VERSION } from '../../../src/store/migrations';
import { trails } from '../../../src/store/trail';
import { createOutbox } from '../../../src/outbox/outbox';
import { DAY_MS, T0, useFreshDatabase } from './support';

const database = useFreshDatabase();

/** Opens the database as a build of schema `version` would have, running only its migrations. */
function openAtVersion(version: number): Promise<IDBPDatabase> {
  return openDB(DB_NAME, version, {
    upgrade(db, oldVersion, _newVersion, tx) {
      void runMigrations(db, tx, oldVersion, version);
    },
  });
}

/**
 * Records as each schema version stored them, written through that version's raw stores.
 * A new schema version adds its fixture here (the test below fails until it does).
 */
const FIXTURES: Record<number, (db: IDBPDatabase) => Promise<void>> = {
  1: async (db) => {
    const tx = db.transaction(['drafts', 'attachments', 'outbox', 'history', 'trail'], 'readwrite');
    await Promise.all([
      tx.objectStore('drafts').put({ id: 'd-old', tabId: 3, incidentId: 'i1', createdAt: T0, updatedAt: T0, fields: { title: 'Ancien' }, attachmentIds: ['a1'] }),
      tx.objectStore('drafts').put({ id: 'd-new', tabId: 3, incidentId: 'i2', createdAt: T0, updatedAt: T0 + 5000, fields: {}, attachmentIds: [] }),
      tx.objectStore('attachments').put({
        id: 'a1',
        name: 'capture.png',
        type: 'image/png',
        size: 3,
        sha256: 'aa',
        createdAt: T0,
        blob: new Blob([new Uint8Array([1, 2, 3])], { type: 'image/png' }),
      }),
      tx.objectStore('outbox').put({
        id: 'o1',
        idempotencyKey: '1b4e28ba-2fa1-4d3b-a3f5-ef19b5a7633b',
        createdAt: T0,
        channel: 'backend',
        title: 'Facture rejetée',
        route: 'chorus-support',
        payload: { description: 'Erreur' },
        attachmentIds: [],
        state: 'queued',
        attempts: 2,
        nextAttemptAt: T0 + 60_000,
        lastError: { kind: 'offline' },
      }),
      tx.objectStore('history').put({
        id: 'h-old',
        sentAt: T0 - 2 * DAY_MS,
        reference: 'SOL-1',
        channel: 'backend',
        route: 'chorus-support',
        status: 'sent',
        title: 'Premier',
        request: { idempotencyKey: 'k1', payload: {}, attachments: [] },
      }),
      tx.objectStore('history').put({
        id: 'h-new',
        sentAt: T0 - DAY_MS,
        channel: 'portal',
        route: 'recipient',
        status: 'sent',
        title: 'Second',
        request: { idempotencyKey: 'k2', payload: {}, attachments: [] },
      }),
      tx.objectStore('trail').put({ tabId: 3, steps: [{ kind: 'click', at: T0, label: 'Rechercher' }] }),
      tx.done,
    ]);
  },
  // Version 2's drafts held the extension's screenshots on disk beside the user's files.
  2: async (db) => {
    await FIXTURES[1]!(db);
    const tx = db.transaction(['drafts', 'attachments', 'outbox'], 'readwrite');
    const shot = (id: string) => ({ id, name: 'capture.png', type: 'image/png', size: 2, sha256: 'bb', createdAt: T0, blob: new Blob([new Uint8Array([8, 9])], { type: 'image/png' }) });
    const files = (...refs: [string, boolean][]) => ({ values: { title: 'Ancien' }, removed: [], files: refs.map(([name, screenshot]) => ({ name, screenshot })) });
    const drafts = tx.objectStore('drafts');
    const oldDraft = await drafts.get('d-old');
    const newDraft = await drafts.get('d-new');
    await drafts.put({ ...oldDraft, fields: files(['capture.png', true], ['facture.pdf', false]), attachmentIds: ['a-shot', 'a1'] });
    await drafts.put({ ...newDraft, fields: files(['capture.png', true]), attachmentIds: ['a-sent'] });
    await tx.objectStore('attachments').put(shot('a-shot'));
    await tx.objectStore('attachments').put(shot('a-sent'));
    const queued = await tx.objectStore('outbox').get('o1');
    await tx.objectStore('outbox').put({ ...queued, attachmentIds: ['a-sent'] });
    await tx.done;
  },
};

describe('schema migrations', () => {
  it('numbers the versions 1, 2, … in order, the last one being the schema version', () => {
    expect(MIGRATIONS.map((migration) => migration.version)).toEqual(Array.from({ length: SCHEMA_VERSION }, (_, index) => index + 1));
  });

  it('has a fixture for every version before the current one', () => {
    for (let version = 1; version < SCHEMA_VERSION; version++) expect(FIXTURES[version], `fixture for v${version}`).toBeDefined();
  });

  it('creates every store and index on a fresh install', async () => {
    const db = await database.open();
    expect(db.version).toBe(SCHEMA_VERSION);
    expect([...db.objectStoreNames].sort()).toEqual(['attachments', 'drafts', 'history', 'outbox', 'trail']);
    const tx = db.transaction(['drafts', 'outbox', 'history'], 'readonly');
    expect([...tx.objectStore('drafts').indexNames].sort()).toEqual(['byTab', 'byUpdatedAt']);
    expect([...tx.objectStore('outbox').indexNames]).toEqual(['byState']);
    expect([...tx.objectStore('history').indexNames]).toEqual(['bySentAt']);
  });

  for (let from = 1; from < SCHEMA_VERSION; from++) {
    it(`upgrades a populated v${from} database to v${SCHEMA_VERSION} keeping every record`, async () => {
      const old = await openAtVersion(from);
      await FIXTURES[from]?.(old);
      old.close();

      const db = await database.open();
      expect(db.version).toBe(SCHEMA_VERSION);
      expect((await drafts.byTab(db, 3)).map((found) => found.id)).toEqual(['d-new', 'd-old']);
      expect((await drafts.list(db)).map((found) => found.id)).toEqual(['d-new', 'd-old']);
      const file = await attachments.get(db, 'a1');
      expect(new Uint8Array(await file!.blob.arrayBuffer())).toEqual(new Uint8Array([1, 2, 3]));
      expect((await history.list(db)).map((entry) => entry.id)).toEqual(['h-new', 'h-old']);
      expect(await trails.get(db, 3)).toEqual([{ kind: 'click', at: T0, label: 'Rechercher' }]);

      const outbox = createOutbox(db, { now: () => T0 + 60_000, random: () => 0.5 });
      expect(await outbox.pendingCount()).toBe(1);
      expect(await outbox.nextWakeUp()).toBe(T0 + 60_000);
      const keys: string[] = [];
      const delivered = await outbox.deliverDue({
        kind: 'backend',
        deliver: async (item) => {
          keys.push(item.idempotencyKey);
          return { ok: true, reference: 'SOL-2' };
        },
      });
      expect(delivered.map((item) => [item.id, item.state, item.attempts])).toEqual([['o1', 'delivered', 3]]);
      expect(keys).toEqual(['1b4e28ba-2fa1-4d3b-a3f5-ef19b5a7633b']);
    });

    it(`leaves a v${from} database untouched when the upgrade fails`, async () => {
      const old = await openAtVersion(from);
      await FIXTURES[from]?.(old);
      old.close();
      const lastStep = MIGRATIONS.at(-1)!;
      vi.spyOn(lastStep, 'migrate').mockImplementation(() => {
        throw new Error('step failed');
      });

      await expect(openHelpDb()).rejects.toMatchObject({ name: 'StorageError', kind: 'corrupt', cause: new Error('step failed') });

      vi.restoreAllMocks();
      const reopened = await openDB(DB_NAME);
      expect(reopened.version).toBe(from);
      expect(await reopened.count('drafts')).toBe(2);
      reopened.close();
    });
  }

  it("v3 deletes the screenshots drafts held on disk, keeps the user's files and what a queued request refers to", async () => {
    const old = await openAtVersion(2);
    await FIXTURES[2]!(old);
    old.close();

    const db = await database.open();
    const [oldDraft, newDraft] = [await drafts.get(db, 'd-old'), await drafts.get(db, 'd-new')];
    expect(oldDraft?.attachmentIds).toEqual(['a1']);
    expect(newDraft?.attachmentIds).toEqual([]);
    // The names stay in the form: reopening the draft says the screenshot was not kept.
    expect(oldDraft?.fields).toMatchObject({ files: [{ name: 'capture.png', screenshot: true }, { name: 'facture.pdf', screenshot: false }] });
    expect(await attachments.get(db, 'a-shot')).toBeUndefined();
    expect(await attachments.get(db, 'a1')).toBeDefined();
    expect(await attachments.get(db, 'a-sent')).toBeDefined();
  });

  it('reports "blocked" when an older connection elsewhere will not close, and opens once it has', async () => {
    const stale = await openAtVersion(1);
    const attempt = openHelpDb();
    await expect(attempt).rejects.toBeInstanceOf(StorageError);
    await expect(attempt).rejects.toMatchObject({ kind: 'blocked' });
    stale.close();

    const db = await database.open();
    expect(db.version).toBe(SCHEMA_VERSION);
  });

  it('closes its connection for another context’s upgrade and says so', async () => {
    const onClose = vi.fn();
    const db = await openHelpDb({ onClose });
    const newer = await openDB(DB_NAME, SCHEMA_VERSION + 1);
    expect(onClose).toHaveBeenCalledWith('versionchange');
    newer.close();
    db.close();
  });

  it('reports "unavailable" for a database newer than this code', async () => {
    (await openDB(DB_NAME, SCHEMA_VERSION + 5)).close();
    await expect(openHelpDb()).rejects.toMatchObject({ name: 'StorageError', kind: 'unavailable' });
  });
});
