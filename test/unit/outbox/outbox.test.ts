// @vitest-environment node
// Blobs must survive IndexedDB's structured clone: Node's Blob does, happy-dom's does not.
import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { backoffCeilingMs } from '../../../src/outbox/backoff';
import type { DeliveryChannel, DeliveryResult } from '../../../src/outbox/channel';
import { createOutbox, OUTBOX_EXPORT_FORMAT, OVERDUE_AFTER_MS, SEND_LEASE_MS, type OutboxDeps } from '../../../src/outbox/outbox';
import { attachments } from '../../../src/store/attachments';
import type { HelpDb } from '../../../src/store/db';
import { drafts } from '../../../src/store/drafts';
import { history } from '../../../src/store/history';
import { DAY_MS, draft, pngBlob, T0, useFreshDatabase } from '../store/support';
import { fakeBackend, seededRandom } from './support';

const database = useFreshDatabase();
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** A clock that only moves when the test moves it. */
function fakeClock(start = T0) {
  const clock = { at: start, now: () => clock.at };
  return clock;
}

function outboxOn(db: HelpDb, clock: { now: () => number }, deps: Partial<OutboxDeps> = {}) {
  return createOutbox(db, { now: clock.now, random: seededRandom(7), ...deps });
}

const request = { channel: 'backend', title: 'Facture rejetée', route: 'chorus-support', payload: { description: 'Erreur 500' }, attachmentIds: [] } as const;
const enqueueRequest = (overrides: { attachmentIds?: string[]; fromDraftId?: string; channel?: 'backend' | 'portal' } = {}) => ({
  ...request,
  attachmentIds: [],
  ...overrides,
});
const failure = (retryable: boolean, kind: 'server' | 'rejected' | 'rateLimited' = 'server', retryAfterMs?: number): DeliveryResult => ({
  ok: false,
  retryable,
  error: { kind, status: retryable ? 503 : 400 },
  ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
});

describe('enqueue', () => {
  it('stores the request queued and due now, with a UUID v4 idempotency key, before any network', async () => {
    const db = await database.open();
    const clock = fakeClock();
    const outbox = outboxOn(db, clock);
    const item = await outbox.enqueue({ ...enqueueRequest(), payload: { when: new Date(T0), note: 'é' } });

    expect(item).toMatchObject({ state: 'queued', attempts: 0, createdAt: T0, nextAttemptAt: T0, channel: 'backend' });
    expect(item.idempotencyKey).toMatch(UUID_V4);
    expect(item.id).toMatch(UUID_V4);
    expect(item.idempotencyKey).not.toBe(item.id);
    expect(item.payload).toEqual({ when: new Date(T0).toISOString(), note: 'é' });
    expect(await outbox.get(item.id)).toEqual(item);
    expect(await outbox.pendingCount()).toBe(1);
    expect(await outbox.nextWakeUp()).toBe(T0);
  });

  it('turns the draft into the outbox item in one step', async () => {
    const db = await database.open();
    const file = await attachments.put(db, pngBlob(), { name: 'capture.png', createdAt: T0 });
    await drafts.put(db, draft('d1', { attachmentIds: [file.id] }));
    const item = await outboxOn(db, fakeClock()).enqueue(enqueueRequest({ attachmentIds: [file.id], fromDraftId: 'd1' }));

    expect(await drafts.get(db, 'd1')).toBeUndefined();
    expect(item.attachmentIds).toEqual([file.id]);
    expect(await attachments.get(db, file.id)).toBeDefined();
  });

  it('refuses a request whose file is not stored, writing nothing', async () => {
    const db = await database.open();
    await drafts.put(db, draft('d1'));
    const outbox = outboxOn(db, fakeClock());
    await expect(outbox.enqueue(enqueueRequest({ attachmentIds: ['missing'], fromDraftId: 'd1' }))).rejects.toThrow(/missing/);
    expect(await drafts.get(db, 'd1')).toBeDefined();
    expect(await outbox.pendingCount()).toBe(0);
  });
});

describe('deliverDue', () => {
  it('goes queued → sending → delivered, recording the history entry, and never sends it again', async () => {
    const db = await database.open();
    const clock = fakeClock();
    const outbox = outboxOn(db, clock);
    const file = await attachments.put(db, pngBlob(), { name: 'capture.png', createdAt: T0 });
    const item = await outbox.enqueue(enqueueRequest({ attachmentIds: [file.id] }));
    const seenWhileSending: unknown[] = [];
    const backend = fakeBackend();
    const channel: DeliveryChannel = {
      kind: 'backend',
      async deliver(sending, files) {
        seenWhileSending.push(await outbox.get(sending.id));
        return backend.channel.deliver(sending, files);
      },
    };

    clock.at = T0 + 1000;
    const handled = await outbox.deliverDue(channel);

    expect(seenWhileSending).toEqual([expect.objectContaining({ state: 'sending', attempts: 1, sendingUntil: T0 + 1000 + SEND_LEASE_MS })]);
    expect(backend.calls).toEqual([{ id: item.id, idempotencyKey: item.idempotencyKey, attempts: 1, state: 'sending', files: ['capture.png'] }]);
    expect(handled).toEqual([{ ...item, state: 'delivered', attempts: 1, deliveredAt: T0 + 1000, reference: 'SOL-1', serverId: 'srv-1' }]);
    expect(await outbox.get(item.id)).toEqual(handled[0]);
    expect(await history.get(db, item.id)).toMatchObject({ sentAt: T0 + 1000, reference: 'SOL-1', status: 'received', lastStatusAt: T0 + 1000 });
    expect(await outbox.pendingCount()).toBe(0);
    expect(await outbox.nextWakeUp()).toBeUndefined();
    expect(await outbox.list()).toEqual([]);

    clock.at += 30 * DAY_MS;
    expect(await outbox.retryNow(item.id)).toMatchObject({ state: 'delivered' });
    expect(await outbox.deliverDue(backend.channel)).toEqual([]);
    expect(backend.calls).toHaveLength(1);
  });

  it('schedules retries with full-jitter backoff within bounds, reusing the idempotency key', async () => {
    const db = await database.open();
    const clock = fakeClock();
    const draws: number[] = [];
    const random = seededRandom(2026);
    const outbox = outboxOn(db, clock, {
      random: () => {
        const draw = random();
        draws.push(draw);
        return draw;
      },
    });
    const item = await outbox.enqueue(enqueueRequest());
    const failures = 14;
    const backend = fakeBackend(Array.from({ length: failures }, () => failure(true)));

    for (let attempt = 1; attempt <= failures; attempt++) {
      const [after] = await outbox.deliverDue(backend.channel);
      expect(after).toMatchObject({ state: 'queued', attempts: attempt, lastError: { kind: 'server', status: 503 } });
      const delay = after!.nextAttemptAt - clock.at;
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThanOrEqual(Math.min(15 * 60_000, 2000 * 2 ** (attempt - 1)));
      expect(delay).toBe(Math.round(draws.at(-1)! * backoffCeilingMs(attempt - 1)));
      expect(await outbox.nextWakeUp()).toBe(after!.nextAttemptAt);

      if (delay > 0) {
        clock.at = after!.nextAttemptAt - 1;
        expect(await outbox.deliverDue(backend.channel)).toEqual([]);
      }
      clock.at = after!.nextAttemptAt;
    }
    const [delivered] = await outbox.deliverDue(backend.channel);
    expect(delivered).toMatchObject({ state: 'delivered', attempts: failures + 1 });
    expect(delivered).not.toHaveProperty('lastError');
    expect(new Set(backend.calls.map((call) => call.idempotencyKey))).toEqual(new Set([item.idempotencyKey]));
  });

  it('waits at least as long as a 429 Retry-After says', async () => {
    const db = await database.open();
    const clock = fakeClock();
    const outbox = outboxOn(db, clock, { random: () => 0 });
    await outbox.enqueue(enqueueRequest());
    const backend = fakeBackend([failure(true, 'rateLimited', 120_000)]);

    const [after] = await outbox.deliverDue(backend.channel);
    expect(after).toMatchObject({ state: 'queued', nextAttemptAt: T0 + 120_000, lastError: { kind: 'rateLimited' } });
    clock.at = T0 + 119_999;
    expect(await outbox.deliverDue(backend.channel)).toEqual([]);
    clock.at = T0 + 120_000;
    expect(await outbox.deliverDue(backend.channel)).toEqual([expect.objectContaining({ state: 'delivered' })]);
  });

  it('marks a request the server rejects (400, 401, 413) failed, without retrying it, until the user asks', async () => {
    const db = await database.open();
    const clock = fakeClock();
    const outbox = outboxOn(db, clock);
    const item = await outbox.enqueue(enqueueRequest());
    const backend = fakeBackend([failure(false, 'rejected')]);

    const [after] = await outbox.deliverDue(backend.channel);
    expect(after).toMatchObject({ state: 'failed', attempts: 1, lastError: { kind: 'rejected', status: 400 } });
    expect(after).not.toHaveProperty('sendingUntil');
    clock.at += DAY_MS;
    expect(await outbox.deliverDue(backend.channel)).toEqual([]);
    expect(await outbox.pendingCount()).toBe(1);
    expect(await outbox.nextWakeUp()).toBeUndefined();

    expect(await outbox.retryNow(item.id)).toMatchObject({ state: 'queued', nextAttemptAt: clock.at });
    expect(await outbox.deliverDue(backend.channel)).toEqual([expect.objectContaining({ state: 'delivered', attempts: 2 })]);
    expect(backend.calls.map((call) => call.idempotencyKey)).toEqual([item.idempotencyKey, item.idempotencyKey]);
  });

  it('retries after a channel that throws instead of answering', async () => {
    const db = await database.open();
    const outbox = outboxOn(db, fakeClock());
    await outbox.enqueue(enqueueRequest());
    const [after] = await outbox.deliverDue({
      kind: 'backend',
      deliver: () => Promise.reject(new TypeError('fetch failed')),
    });
    expect(after).toMatchObject({ state: 'queued', lastError: { kind: 'unknown', message: 'fetch failed' } });
  });

  it('delivers, and wakes up for, only the items of the channel it is given', async () => {
    const db = await database.open();
    const outbox = outboxOn(db, fakeClock());
    const portalItem = await outbox.enqueue(enqueueRequest({ channel: 'portal' }));
    const backend = fakeBackend();
    await outbox.deliverDue(backend.channel);
    expect(backend.calls).toEqual([]);
    expect(await outbox.get(portalItem.id)).toMatchObject({ state: 'queued' });
    expect(await outbox.nextWakeUp('backend')).toBeUndefined();
    expect(await outbox.nextWakeUp('portal')).toBe(T0);
    expect(await outbox.nextWakeUp()).toBe(T0);
  });

  it('retries a send the worker died in once its lease expires, and delivers it once', async () => {
    const db = await database.open();
    const clock = fakeClock();
    const item = await outboxOn(db, clock).enqueue(enqueueRequest());
    let sendStarted = () => {};
    const started = new Promise<void>((resolve) => (sendStarted = resolve));
    let finishDeadSend: (result: DeliveryResult) => void = () => {};
    const dyingWorker = outboxOn(db, clock).deliverDue({
      kind: 'backend',
      deliver: () => {
        sendStarted();
        return new Promise((resolve) => (finishDeadSend = resolve));
      },
    });
    await started;
    expect(await outboxOn(db, clock).get(item.id)).toMatchObject({ state: 'sending', attempts: 1 });

    // A new worker (its own connection) before the lease ends leaves the item alone…
    const secondWorkerDb = await database.open();
    const secondWorker = outboxOn(secondWorkerDb, clock);
    const backend = fakeBackend();
    clock.at = T0 + SEND_LEASE_MS - 1;
    expect(await secondWorker.deliverDue(backend.channel)).toEqual([]);
    expect(await secondWorker.nextWakeUp()).toBe(T0 + SEND_LEASE_MS);

    // …and retries it once the lease has expired, with the same idempotency key.
    clock.at = T0 + SEND_LEASE_MS;
    expect(await secondWorker.deliverDue(backend.channel)).toEqual([expect.objectContaining({ state: 'delivered', attempts: 2, reference: 'SOL-1' })]);
    expect(backend.calls).toEqual([expect.objectContaining({ idempotencyKey: item.idempotencyKey, attempts: 2 })]);

    // Were the first send to finish after all, it changes nothing.
    finishDeadSend({ ok: false, retryable: true, error: { kind: 'timeout' } });
    await dyingWorker;
    expect(await secondWorker.get(item.id)).toMatchObject({ state: 'delivered', reference: 'SOL-1' });
    expect(await history.list(db)).toHaveLength(1);
    expect(backend.stored.size).toBe(1);
  });

  it('resumes at once, when the next worker starts, a send the previous worker died in: same key, stored once', async () => {
    const db = await database.open();
    const clock = fakeClock();
    const backend = fakeBackend(['lost']);
    const item = await outboxOn(db, clock).enqueue(enqueueRequest());
    // Queued a moment later: not yet due when the first worker sends, so that worker takes `item`.
    clock.at = T0 + 1;
    const waiting = await outboxOn(db, clock).enqueue({ ...enqueueRequest(), title: 'en attente' });
    clock.at = T0;
    // The first worker's send reached the server; the worker was stopped before the answer.
    const dying = outboxOn(db, clock);
    void dying.deliverDue({ kind: 'backend', deliver: (sent, files) => backend.channel.deliver(sent, files).then(() => new Promise<never>(() => undefined)) });
    await vi.waitFor(async () => expect(await dying.get(item.id)).toMatchObject({ state: 'sending', attempts: 1 }), { timeout: 10_000 });

    clock.at = T0 + 1000;
    const nextWorker = outboxOn(await database.open(), clock);
    expect(await nextWorker.resumeInterrupted()).toBe(1);
    expect(await nextWorker.get(item.id)).toEqual(expect.objectContaining({ state: 'queued', attempts: 1, nextAttemptAt: T0 + 1000 }));
    expect(await nextWorker.get(item.id)).not.toHaveProperty('sendingUntil');
    expect(await nextWorker.get(waiting.id)).toMatchObject({ state: 'queued', attempts: 0 });
    const delivered = await nextWorker.deliverDue(backend.channel);
    expect(delivered.map((entry) => [entry.title, entry.state]).sort()).toEqual([
      ['Facture rejetée', 'delivered'],
      ['en attente', 'delivered'],
    ]);
    expect(backend.calls.filter((call) => call.id === item.id).map((call) => call.idempotencyKey)).toEqual([item.idempotencyKey, item.idempotencyKey]);
    expect(backend.stored.size).toBe(2);
    expect(await history.list(db)).toHaveLength(2);
    expect(await nextWorker.resumeInterrupted()).toBe(0);
  });

  it('ignores the late failure of a send whose lease was taken over by a newer attempt', async () => {
    const db = await database.open();
    const clock = fakeClock();
    const item = await outboxOn(db, clock).enqueue(enqueueRequest());
    let finishSlowSend: (result: DeliveryResult) => void = () => {};
    let sendStarted = () => {};
    const started = new Promise<void>((resolve) => (sendStarted = resolve));
    const slow = outboxOn(db, clock).deliverDue({
      kind: 'backend',
      deliver: () => {
        sendStarted();
        return new Promise((resolve) => (finishSlowSend = resolve));
      },
    });
    await started;
    clock.at = T0 + SEND_LEASE_MS;
    let finishNewSend: (result: DeliveryResult) => void = () => {};
    let newSendStarted = () => {};
    const newStarted = new Promise<void>((resolve) => (newSendStarted = resolve));
    const newer = outboxOn(db, clock).deliverDue({
      kind: 'backend',
      deliver: () => {
        newSendStarted();
        return new Promise((resolve) => (finishNewSend = resolve));
      },
    });
    await newStarted;

    finishSlowSend(failure(false, 'rejected'));
    expect(await slow).toEqual([expect.objectContaining({ state: 'sending', attempts: 2 })]);
    finishNewSend({ ok: true, reference: 'SOL-9' });
    expect(await newer).toEqual([expect.objectContaining({ state: 'delivered', reference: 'SOL-9' })]);
    expect(await outboxOn(db, clock).get(item.id)).toMatchObject({ state: 'delivered' });
  });

  it('retries with the same key when the response was lost after the server stored the request', async () => {
    const db = await database.open();
    const clock = fakeClock();
    const outbox = outboxOn(db, clock, { random: () => 0.5 });
    const item = await outbox.enqueue(enqueueRequest());
    const backend = fakeBackend(['lost']);

    const [afterLoss] = await outbox.deliverDue(backend.channel);
    expect(afterLoss).toMatchObject({ state: 'queued', lastError: { kind: 'timeout' } });
    expect(backend.stored.size).toBe(1);

    clock.at = afterLoss!.nextAttemptAt;
    const [delivered] = await outbox.deliverDue(backend.channel);
    expect(delivered).toMatchObject({ state: 'delivered', reference: 'SOL-1' });
    expect(backend.calls.map((call) => call.idempotencyKey)).toEqual([item.idempotencyKey, item.idempotencyKey]);
    expect(backend.stored.size).toBe(1);
  });

  it('sends each item once when two contexts deliver at the same time', async () => {
    const firstContext = await database.open();
    const secondContext = await database.open();
    const clock = fakeClock();
    const writer = outboxOn(firstContext, clock);
    const items = [];
    for (let i = 0; i < 6; i++) items.push(await writer.enqueue({ ...enqueueRequest(), title: `demande ${i}` }));
    const backend = fakeBackend();

    const [fromFirst, fromSecond] = await Promise.all([
      outboxOn(firstContext, clock).deliverDue(backend.channel),
      outboxOn(secondContext, clock).deliverDue(backend.channel),
    ]);

    expect(backend.calls).toHaveLength(6);
    expect(new Set(backend.calls.map((call) => call.idempotencyKey)).size).toBe(6);
    expect(fromFirst.length + fromSecond.length).toBe(6);
    expect(fromFirst.length).toBeGreaterThan(0);
    expect(fromSecond.length).toBeGreaterThan(0);
    expect(await history.list(firstContext)).toHaveLength(6);
    for (const item of items) expect(await writer.get(item.id)).toMatchObject({ state: 'delivered', attempts: 1 });
  });

  it('sends each item once when the same context calls deliverDue twice at once', async () => {
    const db = await database.open();
    const clock = fakeClock();
    const outbox = outboxOn(db, clock);
    for (let i = 0; i < 4; i++) await outbox.enqueue(enqueueRequest());
    const backend = fakeBackend();
    await Promise.all([outbox.deliverDue(backend.channel), outbox.deliverDue(backend.channel), outbox.deliverDue(backend.channel)]);
    expect(backend.calls).toHaveLength(4);
    expect(backend.stored.size).toBe(4);
  });

  it('leaves nothing half-written when recording a delivery hits the quota, and delivers it once later', async () => {
    const db = await database.open();
    const clock = fakeClock();
    const outbox = outboxOn(db, clock);
    const item = await outbox.enqueue(enqueueRequest());
    const backend = fakeBackend();
    const put = IDBObjectStore.prototype.put;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, value: unknown, key?: IDBValidKey) {
      if (this.name === 'history') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.call(this, value, key);
    });

    await expect(outbox.deliverDue(backend.channel)).rejects.toMatchObject({ name: 'StorageError', kind: 'quota' });
    vi.restoreAllMocks();
    expect(await outbox.get(item.id)).toMatchObject({ state: 'sending', attempts: 1 });
    expect(await history.list(db)).toEqual([]);

    clock.at += SEND_LEASE_MS;
    expect(await outbox.deliverDue(backend.channel)).toEqual([expect.objectContaining({ state: 'delivered' })]);
    expect(backend.stored.size).toBe(1);
    expect(await history.list(db)).toHaveLength(1);
  });
});

describe('waiting requests', () => {
  const offline = (): DeliveryChannel => ({ kind: 'backend', deliver: async () => ({ ok: false, retryable: true, error: { kind: 'offline' } }) });

  it('flags a request undelivered after 7 days as overdue, newest first in the list', async () => {
    const db = await database.open();
    const clock = fakeClock();
    const outbox = outboxOn(db, clock);
    const old = await outbox.enqueue({ ...enqueueRequest(), title: 'ancienne' });
    clock.at = T0 + DAY_MS;
    await outbox.enqueue({ ...enqueueRequest(), title: 'récente' });
    await outbox.deliverDue(offline());

    clock.at = T0 + OVERDUE_AFTER_MS - 1;
    expect((await outbox.list()).map((entry) => [entry.title, entry.overdue])).toEqual([
      ['récente', false],
      ['ancienne', false],
    ]);
    clock.at = T0 + OVERDUE_AFTER_MS;
    expect((await outbox.list()).map((entry) => [entry.title, entry.overdue])).toEqual([
      ['récente', false],
      ['ancienne', true],
    ]);
    expect(OVERDUE_AFTER_MS).toBe(7 * DAY_MS);

    expect(await outbox.retryNow(old.id)).toMatchObject({ state: 'queued', nextAttemptAt: clock.at });
    expect(await outbox.get(old.id)).toMatchObject({ state: 'queued', nextAttemptAt: clock.at });
  });

  it('makes every queued request due now when the network comes back', async () => {
    const db = await database.open();
    const clock = fakeClock();
    const outbox = outboxOn(db, clock, { random: () => 0.9 });
    for (let i = 0; i < 3; i++) await outbox.enqueue(enqueueRequest());
    await outbox.deliverDue(offline());
    clock.at += 100;
    expect(await outbox.nextWakeUp()).toBeGreaterThan(clock.at);

    expect(await outbox.retryAllNow()).toBe(3);
    expect(await outbox.nextWakeUp()).toBe(clock.at);
    const backend = fakeBackend();
    expect(await outbox.deliverDue(backend.channel)).toHaveLength(3);
  });

  it('keeps the wait a server asked for (429 with Retry-After) when the network comes back', async () => {
    const db = await database.open();
    const clock = fakeClock();
    const outbox = outboxOn(db, clock);
    const asked = await outbox.enqueue({ ...enqueueRequest(), title: 'patienter' });
    await outbox.deliverDue({ kind: 'backend', deliver: async () => failure(true, 'rateLimited', 60_000) });
    const unreachable = await outbox.enqueue({ ...enqueueRequest(), title: 'injoignable' });
    await outbox.deliverDue(offline());
    clock.at += 100;

    expect(await outbox.retryAllNow()).toBe(1);
    expect(await outbox.get(unreachable.id)).toMatchObject({ state: 'queued', nextAttemptAt: clock.at });
    expect((await outbox.get(asked.id))!.nextAttemptAt).toBeGreaterThanOrEqual(T0 + 60_000);
  });

  it('exports a request with its files as data, to be saved to a file', async () => {
    const db = await database.open();
    const clock = fakeClock();
    const outbox = outboxOn(db, clock);
    const bytes = [0x89, 0x50, 0x4e, 0x47, 0, 254, 255];
    const file = await attachments.put(db, pngBlob(bytes), { name: 'capture.png', createdAt: T0 });
    const item = await outbox.enqueue(enqueueRequest({ attachmentIds: [file.id] }));

    const exported = JSON.parse((await outbox.exportItem(item.id))!) as {
      format: string;
      item: unknown;
      attachments: { name: string; sha256: string; base64: string }[];
    };
    expect(exported.format).toBe(OUTBOX_EXPORT_FORMAT);
    expect(exported.item).toEqual(item);
    expect(exported.attachments).toHaveLength(1);
    expect(exported.attachments[0]).toMatchObject({ name: 'capture.png', sha256: file.sha256 });
    expect([...Buffer.from(exported.attachments[0]!.base64, 'base64')]).toEqual(bytes);
    expect(await outbox.exportItem('missing')).toBeUndefined();
  });

  it('exports a file larger than one encoding chunk intact', async () => {
    const db = await database.open();
    const outbox = outboxOn(db, fakeClock());
    const bytes = Array.from({ length: 100_000 }, (_, i) => (i * 31) % 256);
    const file = await attachments.put(db, pngBlob(bytes), { name: 'big.png', createdAt: T0 });
    const item = await outbox.enqueue(enqueueRequest({ attachmentIds: [file.id] }));
    const exported = JSON.parse((await outbox.exportItem(item.id))!) as { attachments: { base64: string }[] };
    expect(Buffer.from(exported.attachments[0]!.base64, 'base64').equals(Buffer.from(bytes))).toBe(true);
  });

  it('counts what waits for the badge: queued, sending and failed', async () => {
    const db = await database.open();
    const clock = fakeClock();
    const outbox = outboxOn(db, clock);
    await outbox.enqueue(enqueueRequest());
    await outbox.enqueue(enqueueRequest());
    await outbox.deliverDue(fakeBackend([failure(false, 'rejected'), { ok: true }]).channel);
    await outbox.enqueue(enqueueRequest());
    expect(await outbox.pendingCount()).toBe(2);
  });
});
