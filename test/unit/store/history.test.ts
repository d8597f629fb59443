// @vitest-environment node
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { createOutbox } from '../../../src/outbox/outbox';
import type { DeliveryChannel } from '../../../src/outbox/channel';
import { attachments } from '../../../src/store/attachments';
import type { HelpDb } from '../../../src/store/db';
import { history, HISTORY_EXPORT_FORMAT } from '../../../src/store/history';
import { DEFAULT_HISTORY_RETENTION_DAYS } from '../../../src/store/settings';
import { DAY_MS, pngBlob, T0, useFreshDatabase } from './support';

const database = useFreshDatabase();

const accepting: DeliveryChannel = {
  kind: 'backend',
  deliver: async (item) => ({ ok: true, reference: `SOL-${item.title}`, serverId: `srv-${item.title}` }),
};
const offline: DeliveryChannel = {
  kind: 'backend',
  deliver: async () => ({ ok: false, retryable: true, error: { kind: 'offline' } }),
};

/** Sends one request with a file at `at` through `channel`; returns its outbox id and file id. */
async function send(db: HelpDb, title: string, at: number, channel = accepting) {
  const outbox = createOutbox(db, { now: () => at, random: () => 0 });
  const file = await attachments.put(db, pngBlob([title.length]), { name: `${title}.png`, createdAt: at });
  const item = await outbox.enqueue({ channel: 'backend', title, route: 'chorus-support', payload: { title }, attachmentIds: [file.id] });
  await outbox.deliverDue(channel);
  return { id: item.id, fileId: file.id, outbox };
}

describe('history', () => {
  it('records a delivered request with its reference, newest first', async () => {
    const db = await database.open();
    const first = await send(db, 'premier', T0);
    await send(db, 'second', T0 + 1000);

    const entries = await history.list(db);
    expect(entries.map((entry) => entry.title)).toEqual(['second', 'premier']);
    const entry = await history.get(db, first.id);
    expect(entry).toMatchObject({
      id: first.id,
      sentAt: T0,
      reference: 'SOL-premier',
      serverId: 'srv-premier',
      channel: 'backend',
      route: 'chorus-support',
      status: 'sent',
      request: { payload: { title: 'premier' }, attachments: [{ id: first.fileId, name: 'premier.png', size: 1 }] },
    });
    expect(entry?.request.attachments[0]).not.toHaveProperty('blob');
  });

  it('updates the status the backend reports', async () => {
    const db = await database.open();
    const { id } = await send(db, 'req', T0);
    const updated = await history.updateStatus(db, id, 'in-progress', T0 + DAY_MS);
    expect(updated).toMatchObject({ status: 'in-progress', lastStatusAt: T0 + DAY_MS });
    expect(await history.get(db, id)).toEqual(updated);
    expect(await history.updateStatus(db, 'missing', 'closed', T0)).toBeUndefined();
  });

  it('exports every entry as JSON, and the requests still waiting, without the files’ bytes', async () => {
    const db = await database.open();
    await send(db, 'req', T0);
    await send(db, 'waiting', T0 + 1000, offline);
    const text = await history.exportAll(db, T0 + 5000);
    const exported = JSON.parse(text) as Record<string, unknown>;
    expect(exported).toMatchObject({
      format: HISTORY_EXPORT_FORMAT,
      exportedAt: new Date(T0 + 5000).toISOString(),
      requests: [{ title: 'req', reference: 'SOL-req' }],
      waiting: [{ title: 'waiting', state: 'queued' }],
    });
    expect(text).not.toContain('"blob"');
  });

  it('prunes entries past the retention (one year by default) with their files, never an undelivered request', async () => {
    const db = await database.open();
    const old = await send(db, 'old', T0);
    const recent = await send(db, 'recent', T0 + 200 * DAY_MS);
    const waiting = await send(db, 'waiting', T0, offline);
    expect(DEFAULT_HISTORY_RETENTION_DAYS).toBe(365);

    await history.prune(db, T0 + 366 * DAY_MS, DEFAULT_HISTORY_RETENTION_DAYS);

    expect((await history.list(db)).map((entry) => entry.title)).toEqual(['recent']);
    expect(await old.outbox.get(old.id)).toBeUndefined();
    expect(await attachments.get(db, old.fileId)).toBeUndefined();
    expect(await attachments.get(db, recent.fileId)).toBeDefined();
    expect(await waiting.outbox.get(waiting.id)).toMatchObject({ state: 'queued' });
    expect(await attachments.get(db, waiting.fileId)).toBeDefined();

    await history.prune(db, T0 + 366 * DAY_MS, 30);
    expect(await history.list(db)).toEqual([]);
    expect(await waiting.outbox.pendingCount()).toBe(1);
  });

  it('erases everything sent, keeping what still waits', async () => {
    const db = await database.open();
    const sent = await send(db, 'sent', T0);
    const waiting = await send(db, 'waiting', T0, offline);

    await history.eraseAll(db);

    expect(await history.list(db)).toEqual([]);
    expect(await sent.outbox.get(sent.id)).toBeUndefined();
    expect(await attachments.get(db, sent.fileId)).toBeUndefined();
    expect(await waiting.outbox.get(waiting.id)).toMatchObject({ state: 'queued' });
    expect(await attachments.get(db, waiting.fileId)).toBeDefined();
  });
});
