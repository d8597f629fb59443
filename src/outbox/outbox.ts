/**
 * The outbox: a sent request is stored first, then delivered, until it is delivered once.
 *
 *   enqueue → queued ──claim──▶ sending ──ok──▶ delivered (+ history entry, one transaction)
 *               ▲                 │  ├─retryable──▶ queued, nextAttemptAt = now + backoff
 *               │                 │  └─not retryable──▶ failed (the user can retryNow)
 *               └──lease expired──┘  (the worker died mid-send: the item is due again,
 *                                      at once when the next worker starts: resumeInterrupted)
 *
 * Never lost: the item is written before any network, and a send that dies leaves it
 * 'sending' with a lease (`sendingUntil`) after which it is picked up again.
 * Never twice: every attempt carries the idempotency key generated at enqueue, so a retry
 * after a lost response is stored once by the server; a delivered item is never picked again;
 * and an item is claimed in a readwrite transaction that re-reads its state, which IndexedDB
 * runs one at a time, so two contexts calling deliverDue together never send the same item.
 *
 * Time and randomness are injected: the background passes Date.now and Math.random.
 */
import { deleteUnreferencedAttachments, metaOf } from '../store/attachments';
import { readTransaction, writeTransaction, type HelpDb } from '../store/db';
import type { AttachmentRecord, ChannelKind, DeliveryError, HistoryEntry, OutboxItem } from '../store/records';
import { retryDelayMs } from './backoff';
import type { DeliveryChannel, DeliveryResult } from './channel';

const DAY_MS = 24 * 60 * 60 * 1000;

/** How long a send may take before it is presumed dead. Longer than any channel timeout. */
export const SEND_LEASE_MS = 3 * 60 * 1000;

/** Undelivered this long, the user is told (and offered to retry now or export to a file). */
export const OVERDUE_AFTER_MS = 7 * DAY_MS;

export const OUTBOX_EXPORT_FORMAT = 'chorus-pro-help/outbox-item';

export interface OutboxDeps {
  now: () => number;
  /** Uniform in [0, 1): the backoff's jitter. */
  random: () => number;
  /** UUID v4 for item ids and idempotency keys. */
  newId?: () => string;
  leaseMs?: number;
}

export interface EnqueueRequest {
  channel: ChannelKind;
  title: string;
  route: string;
  /** JSON data; stored as a JSON copy, so what is sent is what was reviewed. */
  payload: unknown;
  attachmentIds: string[];
  /** The draft this request was written in: deleted in the same transaction, so it cannot be sent twice. */
  fromDraftId?: string;
}

export interface OutboxEntry extends OutboxItem {
  overdue: boolean;
}

/** Still retried automatically, and for a week already. Failed items are shown with their reason instead. */
export function isOverdue(item: OutboxItem, now: number): boolean {
  return (item.state === 'queued' || item.state === 'sending') && now - item.createdAt >= OVERDUE_AFTER_MS;
}

function isDue(item: OutboxItem, now: number): boolean {
  if (item.state === 'queued') return item.nextAttemptAt <= now;
  return item.state === 'sending' && (item.sendingUntil ?? 0) <= now;
}

/** The item without the fields of its last attempt (lease, error), ready for its next state. */
function settled({ sendingUntil: _lease, lastError: _error, ...item }: OutboxItem): OutboxItem {
  return item;
}

function base64Of(bytes: Uint8Array): string {
  // btoa takes a binary string; built in chunks to stay within argument-count limits.
  let binary = '';
  for (let start = 0; start < bytes.length; start += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(start, start + 0x8000));
  }
  return btoa(binary);
}

function failureOf(error: unknown): DeliveryResult {
  // A channel that throws instead of answering has a bug or met the unexpected: try again later.
  return { ok: false, retryable: true, error: { kind: 'unknown', message: error instanceof Error ? error.message : String(error) } };
}

export function createOutbox(db: HelpDb, { now, random, newId = () => crypto.randomUUID(), leaseMs = SEND_LEASE_MS }: OutboxDeps) {
  /** Claims the most overdue due item of this channel not yet tried in this run, with its files. */
  function claimNext(channel: ChannelKind, tried: ReadonlySet<string>) {
    return writeTransaction(db, ['outbox', 'attachments'], async (tx) => {
      const at = now();
      const store = tx.objectStore('outbox');
      const [queued, sending] = await Promise.all([store.index('byState').getAll('queued'), store.index('byState').getAll('sending')]);
      const due = [...queued, ...sending]
        .filter((item) => item.channel === channel && !tried.has(item.id) && isDue(item, at))
        .sort((a, b) => a.nextAttemptAt - b.nextAttemptAt || a.createdAt - b.createdAt);
      const next = due[0];
      if (!next) return undefined;
      const claimed: OutboxItem = { ...next, state: 'sending', attempts: next.attempts + 1, sendingUntil: at + leaseMs };
      await store.put(claimed);
      const files = await Promise.all(claimed.attachmentIds.map((id) => tx.objectStore('attachments').get(id)));
      return { item: claimed, attachments: files.filter((file) => file !== undefined) };
    });
  }

  /**
   * Records a send's result, unless the item moved on meanwhile: delivered by another context
   * (nothing to do), or re-claimed after our lease expired (the newer attempt records its own
   * result). A success is recorded whoever holds the lease: the server has the request.
   */
  function record(claimed: OutboxItem, files: readonly AttachmentRecord[], result: DeliveryResult) {
    return writeTransaction(db, ['outbox', 'history'], async (tx) => {
      const at = now();
      const current = await tx.objectStore('outbox').get(claimed.id);
      if (!current || current.state === 'delivered') return current;
      if (result.ok) {
        const delivered: OutboxItem = {
          ...settled(current),
          state: 'delivered',
          deliveredAt: at,
          ...(result.reference === undefined ? {} : { reference: result.reference }),
          ...(result.serverId === undefined ? {} : { serverId: result.serverId }),
        };
        const entry: HistoryEntry = {
          id: current.id,
          sentAt: at,
          channel: current.channel,
          route: current.route,
          status: result.status ?? 'sent',
          title: current.title,
          ...(result.reference === undefined ? {} : { reference: result.reference }),
          ...(result.serverId === undefined ? {} : { serverId: result.serverId }),
          ...(result.status === undefined ? {} : { lastStatusAt: at }),
          request: { idempotencyKey: current.idempotencyKey, payload: current.payload, attachments: files.map(metaOf) },
        };
        await tx.objectStore('outbox').put(delivered);
        await tx.objectStore('history').put(entry);
        return delivered;
      }
      if (current.state !== 'sending' || current.attempts !== claimed.attempts) return current;
      const lastError: DeliveryError = result.error;
      const next: OutboxItem = result.retryable
        ? { ...settled(current), state: 'queued', lastError, nextAttemptAt: at + retryDelayMs(current.attempts - 1, random, result.retryAfterMs) }
        : { ...settled(current), state: 'failed', lastError };
      await tx.objectStore('outbox').put(next);
      return next;
    });
  }

  function updateItem(id: string, change: (item: OutboxItem, at: number) => OutboxItem | undefined) {
    return writeTransaction(db, ['outbox'], async (tx) => {
      const item = await tx.objectStore('outbox').get(id);
      if (!item) return undefined;
      const changed = change(item, now());
      if (!changed) return item;
      await tx.objectStore('outbox').put(changed);
      return changed;
    });
  }

  return {
    /**
     * Stores the request to send (before any network) and returns it, queued and due now.
     * Its files must already be stored; a missing one rejects and nothing is written.
     */
    async enqueue(request: EnqueueRequest): Promise<OutboxItem> {
      const createdAt = now();
      const item: OutboxItem = {
        id: newId(),
        idempotencyKey: newId(),
        createdAt,
        channel: request.channel,
        title: request.title,
        route: request.route,
        payload: JSON.parse(JSON.stringify(request.payload)) as unknown,
        attachmentIds: [...request.attachmentIds],
        state: 'queued',
        attempts: 0,
        nextAttemptAt: createdAt,
      };
      return writeTransaction(db, ['outbox', 'drafts', 'attachments'], async (tx) => {
        const keys = await Promise.all(item.attachmentIds.map((id) => tx.objectStore('attachments').getKey(id)));
        const missing = item.attachmentIds.filter((_id, index) => keys[index] === undefined);
        if (missing.length > 0) throw new Error(`outbox: attachment(s) not stored: ${missing.join(', ')}`);
        const draft = request.fromDraftId === undefined ? undefined : await tx.objectStore('drafts').get(request.fromDraftId);
        if (draft) await tx.objectStore('drafts').delete(draft.id);
        await tx.objectStore('outbox').put(item);
        // The draft's own copies of the files go with it; the request has its own.
        if (draft) await deleteUnreferencedAttachments(tx, draft.attachmentIds);
        return item;
      });
    },

    /**
     * Sends every due item of this channel, one at a time, each claimed just before its send.
     * Resolves with the items handled, as stored afterwards. Call it on the alarm, at browser
     * start-up, when the network comes back, and right after enqueue.
     */
    async deliverDue(channel: DeliveryChannel): Promise<OutboxItem[]> {
      const handled: OutboxItem[] = [];
      const tried = new Set<string>();
      for (let claim = await claimNext(channel.kind, tried); claim; claim = await claimNext(channel.kind, tried)) {
        tried.add(claim.item.id);
        const result = await channel.deliver(claim.item, claim.attachments).catch(failureOf);
        const stored = await record(claim.item, claim.attachments, result);
        if (stored) handled.push(stored);
      }
      return handled;
    },

    /**
     * When deliverDue next has something to do (an alarm time), or undefined when nothing waits.
     * Give the channel the alarm drives: items of another channel (the portal form, which needs
     * the user's tab) would otherwise keep an alarm firing for nothing.
     */
    async nextWakeUp(channel?: ChannelKind): Promise<number | undefined> {
      const [queued, sending] = await readTransaction(db, ['outbox'], (tx) =>
        Promise.all([tx.objectStore('outbox').index('byState').getAll('queued'), tx.objectStore('outbox').index('byState').getAll('sending')]),
      );
      const ofChannel = (item: OutboxItem) => channel === undefined || item.channel === channel;
      const times = [...queued.filter(ofChannel).map((item) => item.nextAttemptAt), ...sending.filter(ofChannel).map((item) => item.sendingUntil ?? 0)];
      return times.length === 0 ? undefined : Math.min(...times);
    },

    /** Requests not delivered, waiting for the network or (failed) for the user: the toolbar badge. */
    pendingCount(): Promise<number> {
      return readTransaction(db, ['outbox'], async (tx) => {
        const byState = tx.objectStore('outbox').index('byState');
        const counts = await Promise.all([byState.count('queued'), byState.count('sending'), byState.count('failed')]);
        return counts.reduce((sum, count) => sum + count, 0);
      });
    },

    /** The requests not delivered yet, newest first, each flagged when overdue. */
    async list(): Promise<OutboxEntry[]> {
      const items = await readTransaction(db, ['outbox'], (tx) => tx.objectStore('outbox').getAll());
      const at = now();
      return items
        .filter((item) => item.state !== 'delivered')
        .sort((a, b) => b.createdAt - a.createdAt)
        .map((item) => ({ ...item, overdue: isOverdue(item, at) }));
    },

    get(id: string): Promise<OutboxItem | undefined> {
      return readTransaction(db, ['outbox'], (tx) => tx.objectStore('outbox').get(id));
    },

    /**
     * The user asks to try again: a queued or failed item becomes due now. A delivered item
     * is never sent again, and one being sent keeps its lease.
     */
    retryNow(id: string): Promise<OutboxItem | undefined> {
      return updateItem(id, (item, at) =>
        item.state === 'queued' || item.state === 'failed' ? { ...item, state: 'queued', nextAttemptAt: at } : undefined,
      );
    },

    /**
     * The context that sends has just started: no send of an earlier one is still running (its
     * worker was stopped or the browser closed mid-send), so every 'sending' item is due again
     * now, with the same idempotency key, instead of after its lease. Call it once, before any
     * deliverDue of the new context, and only from the one context that sends. Returns how many.
     */
    resumeInterrupted(): Promise<number> {
      return writeTransaction(db, ['outbox'], async (tx) => {
        const at = now();
        const store = tx.objectStore('outbox');
        const interrupted = await store.index('byState').getAll('sending');
        for (const { sendingUntil: _lease, ...item } of interrupted) await store.put({ ...item, state: 'queued', nextAttemptAt: at });
        return interrupted.length;
      });
    },

    /**
     * The network is back: every queued item is due now rather than at its backoff time —
     * except one the server asked to wait for (429 with Retry-After): that wait stands.
     * Returns how many.
     */
    retryAllNow(): Promise<number> {
      return writeTransaction(db, ['outbox'], async (tx) => {
        const at = now();
        const store = tx.objectStore('outbox');
        const waiting = (await store.index('byState').getAll('queued')).filter((item) => item.nextAttemptAt > at && item.lastError?.kind !== 'rateLimited');
        for (const item of waiting) await store.put({ ...item, nextAttemptAt: at });
        return waiting.length;
      });
    },

    /** One item with its files (base64) as a JSON document the user can save and send another way. */
    async exportItem(id: string): Promise<string | undefined> {
      const found = await readTransaction(db, ['outbox', 'attachments'], async (tx) => {
        const item = await tx.objectStore('outbox').get(id);
        if (!item) return undefined;
        const files = await Promise.all(item.attachmentIds.map((fileId) => tx.objectStore('attachments').get(fileId)));
        return { item, files: files.filter((file) => file !== undefined) };
      });
      if (!found) return undefined;
      const attachments = await Promise.all(
        found.files.map(async (file) => ({ ...metaOf(file), base64: base64Of(new Uint8Array(await file.blob.arrayBuffer())) })),
      );
      return JSON.stringify({ format: OUTBOX_EXPORT_FORMAT, exportedAt: new Date(now()).toISOString(), item: found.item, attachments }, null, 2);
    },
  };
}

export type Outbox = ReturnType<typeof createOutbox>;
