/**
 * Send, background side: the request the user reviewed, with its files, goes into the outbox
 * before any network — stored first, delivered after. The files become Blobs in IndexedDB and
 * the request's attachment list is rebuilt from what was stored (names, sizes, SHA-256), so
 * what is sent is exactly what is kept. Nothing is half-written: refused input stores nothing,
 * and neither does a send the browser's storage refuses (full, blocked): it rejects with the
 * StorageError, the files it had stored deleted again.
 */
import { requestPayloadOf } from '../channels/payload';
import { blobOfDataUrl } from '../data-url';
import { attachmentProblems } from '../report/attachments';
import { parseSupportRequest, type FieldError } from '../report/request';
import { attachments, deleteUnreferencedAttachments } from '../store/attachments';
import { writeTransaction, type HelpDb } from '../store/db';
import type { AttachmentMeta, ChannelKind, OutboxItem } from '../store/records';
import type { Outbox } from './outbox';

/** A file as it crosses from the sidebar (messages carry JSON only in Chrome). */
export interface IncomingFile {
  name: string;
  type: string;
  dataUrl: string;
}

export interface SendInput {
  channel: ChannelKind;
  request: unknown;
  files: IncomingFile[];
  /** The draft the request was written in: deleted when the request is queued. */
  draftId?: string;
}

export type AcceptResult = { ok: true; item: OutboxItem } | { ok: false; errors: FieldError[] };

export async function acceptRequest(db: HelpDb, outbox: Outbox, input: SendInput, now: number): Promise<AcceptResult> {
  const errors: FieldError[] = [];
  const blobs = input.files.map((file, index) => {
    const blob = blobOfDataUrl(file.dataUrl);
    if (!blob) errors.push({ field: `attachments[${index}]`, code: 'format' });
    else for (const code of attachmentProblems({ name: file.name, size: blob.size, type: file.type })) errors.push({ field: `attachments[${index}]`, code });
    return blob;
  });
  if (typeof input.request !== 'object' || input.request === null) errors.push({ field: '', code: 'type' });
  if (errors.length > 0) return { ok: false, errors };

  const stored: AttachmentMeta[] = [];
  try {
    for (const [index, file] of input.files.entries()) {
      stored.push(await attachments.put(db, blobs[index] as Blob, { name: file.name, type: file.type, createdAt: now }));
    }
    const parsed = parseSupportRequest({
      ...(input.request as Record<string, unknown>),
      attachments: stored.map(({ name, type, size, sha256 }) => ({ name, type, size, sha256 })),
    });
    if (!parsed.ok) {
      await dropStored(db, stored);
      return { ok: false, errors: parsed.errors };
    }
    const item = await outbox.enqueue({
      channel: input.channel,
      title: parsed.request.title,
      route: parsed.request.route,
      payload: requestPayloadOf(parsed.request),
      attachmentIds: stored.map((file) => file.id),
      ...(input.draftId === undefined ? {} : { fromDraftId: input.draftId }),
    });
    return { ok: true, item };
  } catch (error) {
    // Storage refused (quota, blocked…): the files this send stored go too, so nothing is
    // half-written. Only those: another tab's draft may be between its file and its record.
    await dropStored(db, stored).catch(() => undefined);
    throw error;
  }
}

function dropStored(db: HelpDb, stored: readonly AttachmentMeta[]): Promise<number> {
  return writeTransaction(db, ['attachments', 'drafts', 'outbox'], (tx) => deleteUnreferencedAttachments(tx, stored.map((file) => file.id)));
}
