/**
 * Files attached to drafts and outbox items, stored once as Blobs and referenced by id.
 * A file is deleted when nothing refers to it any more: no draft and no outbox item.
 */
import { readTransaction, writeTransaction, type HelpDb, type StoreName, type WriteTransaction } from './db';
import type { AttachmentMeta, AttachmentRecord } from './records';

/** What the caller knows about a file; size, hash and (by default) type come from the Blob. */
export interface NewAttachment {
  name: string;
  /** MIME type; defaults to the Blob's own. */
  type?: string;
  createdAt: number;
}

async function sha256Hex(blob: Blob): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await blob.arrayBuffer());
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

export function metaOf({ blob: _blob, ...meta }: AttachmentRecord): AttachmentMeta {
  return meta;
}

/**
 * Deletes the given attachments (all of them when `candidateIds` is omitted) that no draft and
 * no outbox item refers to. Runs inside the caller's transaction so that dropping a reference
 * and dropping the file commit together; that transaction must cover attachments, drafts and
 * outbox (IndexedDB throws NotFoundError otherwise).
 */
export async function deleteUnreferencedAttachments(
  tx: WriteTransaction<StoreName[]>,
  candidateIds?: Iterable<string>,
): Promise<number> {
  const [allDrafts, allItems] = await Promise.all([tx.objectStore('drafts').getAll(), tx.objectStore('outbox').getAll()]);
  const referenced = new Set([...allDrafts, ...allItems].flatMap((holder) => holder.attachmentIds));
  const candidates = candidateIds ? new Set(candidateIds) : new Set(await tx.objectStore('attachments').getAllKeys());
  const store = tx.objectStore('attachments');
  let deleted = 0;
  for (const id of candidates) {
    if (referenced.has(id)) continue;
    await store.delete(id);
    deleted += 1;
  }
  return deleted;
}

export const attachments = {
  /** Stores a file (hashed first: hashing cannot happen inside a transaction) and returns its description. */
  async put(db: HelpDb, blob: Blob, file: NewAttachment, newId: () => string = () => crypto.randomUUID()): Promise<AttachmentMeta> {
    const record: AttachmentRecord = {
      id: newId(),
      name: file.name,
      type: file.type ?? blob.type,
      size: blob.size,
      sha256: await sha256Hex(blob),
      createdAt: file.createdAt,
      blob,
    };
    await writeTransaction(db, ['attachments'], (tx) => tx.objectStore('attachments').put(record));
    return metaOf(record);
  },

  get(db: HelpDb, id: string): Promise<AttachmentRecord | undefined> {
    return readTransaction(db, ['attachments'], (tx) => tx.objectStore('attachments').get(id));
  },

  /** The files with these ids, in that order; missing ones are left out. */
  async getMany(db: HelpDb, ids: readonly string[]): Promise<AttachmentRecord[]> {
    const found = await readTransaction(db, ['attachments'], (tx) => Promise.all(ids.map((id) => tx.objectStore('attachments').get(id))));
    return found.filter((record) => record !== undefined);
  },

  /**
   * Deletes every file nothing refers to (no draft, no outbox item, whatever its state): one
   * stored just before a crash, before the draft or request listing it was written. Resolves
   * with how many. Run by the writer at start-up, before it serves any message, so it cannot
   * race a file being attached (a file is stored first, then the record listing it).
   */
  removeUnreferenced(db: HelpDb): Promise<number> {
    return writeTransaction(db, ['attachments', 'drafts', 'outbox'], (tx) => deleteUnreferencedAttachments(tx));
  },
};
