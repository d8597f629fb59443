// @vitest-environment node
// Blobs must survive IndexedDB's structured clone: Node's Blob does, happy-dom's does not.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { requestOfPayload } from '../../../src/channels/payload';
import { acceptRequest } from '../../../src/outbox/accept';
import { createOutbox } from '../../../src/outbox/outbox';
import { readTransaction } from '../../../src/store/db';
import { StorageError } from '../../../src/store/errors';
import { validRequest } from '../../support/request-fixture';
import { draft, T0, useFreshDatabase } from '../store/support';
import { drafts } from '../../../src/store/drafts';
import { seededRandom } from './support';

const PNG_BYTES = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
const SCREENSHOT = { name: 'capture-2026-11-27-1430.png', type: 'image/png', dataUrl: `data:image/png;base64,${PNG_BYTES}` };
const database = useFreshDatabase();

async function setUp() {
  const db = await database.open();
  return { db, outbox: createOutbox(db, { now: () => T0, random: seededRandom(1) }) };
}

async function countOf(db: Awaited<ReturnType<typeof database.open>>) {
  return readTransaction(db, ['attachments', 'outbox'], async (tx) => ({
    attachments: await tx.objectStore('attachments').count(),
    outbox: await tx.objectStore('outbox').count(),
  }));
}

describe('accepting a request to send', () => {
  test('stores the files as Blobs and queues the request, its file list rebuilt from what was stored', async () => {
    const { db, outbox } = await setUp();
    const result = await acceptRequest(db, outbox, { channel: 'backend', request: validRequest(), files: [SCREENSHOT] }, T0);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.item.state).toBe('queued');
    expect(result.item.attachmentIds).toHaveLength(1);
    const parsed = requestOfPayload(result.item.payload);
    expect(parsed.ok && parsed.request.attachments).toEqual([
      { name: SCREENSHOT.name, type: 'image/png', size: 70, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
    ]);
    expect(await countOf(db)).toEqual({ attachments: 1, outbox: 1 });
  });

  test('the draft the request was written in is deleted once it is queued, and kept when the request is refused', async () => {
    const { db, outbox } = await setUp();
    await drafts.put(db, draft('d1'));
    await acceptRequest(db, outbox, { channel: 'backend', request: validRequest({ title: '' }), files: [], draftId: 'd1' }, T0);
    expect(await drafts.get(db, 'd1')).toBeDefined();
    const result = await acceptRequest(db, outbox, { channel: 'backend', request: validRequest(), files: [], draftId: 'd1' }, T0);
    expect(result.ok).toBe(true);
    expect(await drafts.get(db, 'd1')).toBeUndefined();
  });

  test('refuses an invalid request and keeps nothing', async () => {
    const { db, outbox } = await setUp();
    const result = await acceptRequest(db, outbox, { channel: 'backend', request: validRequest({ title: '' }), files: [SCREENSHOT] }, T0);
    expect(result).toEqual({ ok: false, errors: expect.arrayContaining([expect.objectContaining({ field: 'title' })]) });
    expect(await countOf(db)).toEqual({ attachments: 0, outbox: 0 });
  });

  test('refuses files the portal would refuse, with the reason, and keeps nothing', async () => {
    const { db, outbox } = await setUp();
    const result = await acceptRequest(
      db,
      outbox,
      {
        channel: 'portal',
        request: validRequest(),
        files: [
          { ...SCREENSHOT, name: 'programme.exe' },
          { ...SCREENSHOT, dataUrl: 'data:image/png;base64,%%%' },
        ],
      },
      T0,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((error) => `${error.field} ${error.code}`)).toEqual(expect.arrayContaining(['attachments[0] file.extension', 'attachments[1] format']));
    expect(await countOf(db)).toEqual({ attachments: 0, outbox: 0 });
  });


  describe('when the browser refuses to store more (quota exceeded)', () => {
    afterEach(() => vi.restoreAllMocks());

    /** The browser's storage is full from the `fromWrite`-th write into `store` on (1 = the first). */
    function quotaExceeded(store: 'outbox' | 'attachments', fromWrite = 1) {
      const put = IDBObjectStore.prototype.put;
      let writes = 0;
      vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
        if (this.name === store && ++writes >= fromWrite) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        return put.apply(this, args);
      });
    }

    test('the request cannot be queued: a quota StorageError, no file and no request left, the draft kept', async () => {
      const { db, outbox } = await setUp();
      await drafts.put(db, draft('d1'));
      quotaExceeded('outbox');
      const sending = acceptRequest(db, outbox, { channel: 'backend', request: validRequest(), files: [SCREENSHOT, { ...SCREENSHOT, name: 'capture-2.png' }], draftId: 'd1' }, T0);
      await expect(sending).rejects.toBeInstanceOf(StorageError);
      await expect(sending).rejects.toMatchObject({ kind: 'quota' });
      vi.restoreAllMocks();
      expect(await countOf(db)).toEqual({ attachments: 0, outbox: 0 });
      expect(await drafts.get(db, 'd1')).toBeDefined();
    });

    test('the second file cannot be stored: the first goes too', async () => {
      const { db, outbox } = await setUp();
      quotaExceeded('attachments', 2);
      await expect(acceptRequest(db, outbox, { channel: 'backend', request: validRequest(), files: [SCREENSHOT, { ...SCREENSHOT, name: 'capture-2.png' }] }, T0)).rejects.toMatchObject({ kind: 'quota' });
      vi.restoreAllMocks();
      expect(await countOf(db)).toEqual({ attachments: 0, outbox: 0 });
    });

    test('once space is free again, the same request is queued once', async () => {
      const { db, outbox } = await setUp();
      quotaExceeded('outbox');
      await expect(acceptRequest(db, outbox, { channel: 'backend', request: validRequest(), files: [SCREENSHOT] }, T0)).rejects.toMatchObject({ kind: 'quota' });
      vi.restoreAllMocks();
      expect((await acceptRequest(db, outbox, { channel: 'backend', request: validRequest(), files: [SCREENSHOT] }, T0)).ok).toBe(true);
      expect(await countOf(db)).toEqual({ attachments: 1, outbox: 1 });
    });
  });
});
