// @vitest-environment node
import 'fake-indexeddb/auto';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { attachments } from '../../../src/store/attachments';
import { drafts } from '../../../src/store/drafts';
import { draft, pngBlob, T0, useFreshDatabase } from './support';

const database = useFreshDatabase();

describe('attachments', () => {
  it('stores a Blob with its size, type and SHA-256, and reads the same bytes back', async () => {
    const db = await database.open();
    const bytes = [0x89, 0x50, 0x4e, 0x47, 0, 255];
    const meta = await attachments.put(db, pngBlob(bytes), { name: 'capture.png', createdAt: T0 }, () => 'file-1');

    expect(meta).toEqual({
      id: 'file-1',
      name: 'capture.png',
      type: 'image/png',
      size: 6,
      sha256: createHash('sha256').update(Uint8Array.from(bytes)).digest('hex'),
      createdAt: T0,
    });
    const stored = await attachments.get(db, 'file-1');
    expect(stored?.blob).toBeInstanceOf(Blob);
    expect([...new Uint8Array(await stored!.blob.arrayBuffer())]).toEqual(bytes);
  });

  it('takes the MIME type given over the Blob’s', async () => {
    const db = await database.open();
    const meta = await attachments.put(db, new Blob(['a;b']), { name: 'export.csv', type: 'text/csv', createdAt: T0 });
    expect(meta.type).toBe('text/csv');
  });

  it('reads several files in the order asked, leaving out missing ones', async () => {
    const db = await database.open();
    const first = await attachments.put(db, pngBlob([1]), { name: '1.png', createdAt: T0 });
    const second = await attachments.put(db, pngBlob([2]), { name: '2.png', createdAt: T0 });
    const found = await attachments.getMany(db, [second.id, 'missing', first.id]);
    expect(found.map((file) => file.name)).toEqual(['2.png', '1.png']);
  });

  it('removes files nothing refers to (stored just before a crash)', async () => {
    const db = await database.open();
    const orphan = await attachments.put(db, pngBlob([1]), { name: 'orphan.png', createdAt: T0 });
    const used = await attachments.put(db, pngBlob([2]), { name: 'used.png', createdAt: T0 });
    await drafts.put(db, draft('d1', { attachmentIds: [used.id] }));

    expect(await attachments.removeUnreferenced(db)).toBe(1);

    expect(await attachments.get(db, orphan.id)).toBeUndefined();
    expect(await attachments.get(db, used.id)).toBeDefined();
  });
});
