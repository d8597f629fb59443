// @vitest-environment node
import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { attachments } from '../../../src/store/attachments';
import { writeTransaction } from '../../../src/store/db';
import { drafts } from '../../../src/store/drafts';
import { StorageError, toStorageError } from '../../../src/store/errors';
import { createOutbox } from '../../../src/outbox/outbox';
import { draft, pngBlob, T0, useFreshDatabase } from './support';

const database = useFreshDatabase();

/** Makes every put into `storeName` throw `name`, as a browser out of quota does. */
function failPutsInto(storeName: string, name = 'QuotaExceededError') {
  const put = IDBObjectStore.prototype.put;
  return vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, value: unknown, key?: IDBValidKey) {
    if (this.name === storeName) throw new DOMException('The quota has been exceeded.', name);
    return put.call(this, value, key);
  });
}

describe('toStorageError', () => {
  it.each([
    ['QuotaExceededError', 'quota'],
    ['InvalidStateError', 'unavailable'],
    ['TransactionInactiveError', 'unavailable'],
    ['SecurityError', 'unavailable'],
    ['VersionError', 'unavailable'],
    ['AbortError', 'unavailable'],
    ['UnknownError', 'corrupt'],
    ['NotReadableError', 'corrupt'],
    ['DataCloneError', 'corrupt'],
  ])('maps %s to "%s"', (name, kind) => {
    const cause = new DOMException('details', name);
    const mapped = toStorageError(cause);
    expect(mapped).toBeInstanceOf(StorageError);
    expect(mapped).toMatchObject({ kind, cause, message: `${name}: details` });
  });

  it('passes a StorageError through, and leaves errors that are not storage errors as they are', () => {
    const storage = new StorageError('blocked', 'x');
    const bug = new TypeError('undefined is not a function');
    expect(toStorageError(storage)).toBe(storage);
    expect(toStorageError(bug)).toBe(bug);
  });
});

describe('transactions', () => {
  it('maps a quota error and writes nothing of a multi-store write', async () => {
    const db = await database.open();
    const file = await attachments.put(db, pngBlob(), { name: 'capture.png', createdAt: T0 });
    await drafts.put(db, draft('d1', { attachmentIds: [file.id] }));
    const outbox = createOutbox(db, { now: () => T0, random: () => 0 });
    failPutsInto('outbox');

    const sending = outbox.enqueue({ channel: 'backend', title: 't', route: 'r', payload: {}, attachmentIds: [file.id], fromDraftId: 'd1' });

    await expect(sending).rejects.toMatchObject({ name: 'StorageError', kind: 'quota' });
    vi.restoreAllMocks();
    // The draft delete ran before the failing put in the same transaction: it was rolled back.
    expect(await drafts.get(db, 'd1')).toBeDefined();
    expect(await outbox.list()).toEqual([]);
    expect(await attachments.get(db, file.id)).toBeDefined();
  });

  it('rolls back everything when the work itself throws after writing', async () => {
    const db = await database.open();
    const failure = new Error('validation failed midway');
    const writing = writeTransaction(db, ['drafts'], async (tx) => {
      await tx.objectStore('drafts').put(draft('d1'));
      throw failure;
    });
    await expect(writing).rejects.toBe(failure);
    expect(await drafts.get(db, 'd1')).toBeUndefined();
  });

  it('maps an unexplained engine error to "corrupt"', async () => {
    const db = await database.open();
    failPutsInto('drafts', 'UnknownError');
    await expect(drafts.put(db, draft('d1'))).rejects.toMatchObject({ kind: 'corrupt' });
  });

  it('maps a closed connection to "unavailable"', async () => {
    const db = await database.open();
    db.close();
    await expect(drafts.get(db, 'd1')).rejects.toMatchObject({ kind: 'unavailable' });
  });
});
