// @vitest-environment node
// Blobs must survive IndexedDB's structured clone: Node's Blob does, happy-dom's does not.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { DeliveryChannel } from '../../../src/outbox/channel';
import { createOutbox } from '../../../src/outbox/outbox';
import { recoverAtStartUp } from '../../../src/outbox/start-up';
import { attachments } from '../../../src/store/attachments';
import type { HelpDb } from '../../../src/store/db';
import { drafts } from '../../../src/store/drafts';
import { history } from '../../../src/store/history';
import { draft, pngBlob, T0, useFreshDatabase } from '../store/support';
import { fakeBackend, seededRandom } from './support';

const database = useFreshDatabase();

const outboxOn = (db: HelpDb, now = () => T0) => createOutbox(db, { now, random: seededRandom(3) });
const request = (title: string, attachmentIds: string[]) => ({ channel: 'backend', title, route: 'chorus-support', payload: { title }, attachmentIds }) as const;
const file = (db: HelpDb, name: string) => attachments.put(db, pngBlob(), { name, createdAt: T0 });
const refusing = (retryable: boolean): DeliveryChannel => ({
  kind: 'backend',
  deliver: async () => ({ ok: false, retryable, error: { kind: retryable ? 'offline' : 'auth', ...(retryable ? {} : { status: 401 }) } }),
});

describe('the background starting again after a crash', () => {
  it('deletes the files nothing refers to, and keeps every file of a draft or of a request in the outbox, whatever its state', async () => {
    const db = await database.open();
    const outbox = outboxOn(db);
    // Stored, then the browser died before the draft or the request listing them was written.
    const orphans = [await file(db, 'orphelin-1.png'), await file(db, 'orphelin-2.png')];
    const ofDraft = await file(db, 'brouillon.png');
    await drafts.put(db, draft('d1', { tabId: null, attachmentIds: [ofDraft.id] }));
    const ofFailed = await file(db, 'refusee.png');
    const failed = await outbox.enqueue(request('refusée', [ofFailed.id]));
    await outbox.deliverDue(refusing(false));
    const ofQueued = await file(db, 'en-attente.png');
    const queued = await outbox.enqueue(request('en attente', [ofQueued.id]));
    await outbox.deliverDue(refusing(true));
    const ofDelivered = await file(db, 'remise.png');
    await outbox.enqueue(request('remise', [ofDelivered.id]));
    await outbox.deliverDue(fakeBackend().channel);
    // Cut off mid-send: still 'sending' when the browser closed.
    const ofSending = await file(db, 'envoi-coupe.png');
    const sending = await outbox.enqueue(request('envoi coupé', [ofSending.id]));
    void outboxOn(db).deliverDue({ kind: 'backend', deliver: () => new Promise(() => {}) });
    await waitForState(outbox, sending.id, 'sending');
    expect((await outbox.get(failed.id))?.state).toBe('failed');
    expect((await outbox.get(queued.id))?.state).toBe('queued');

    const afterRestart = outboxOn(await database.open(), () => T0 + 5_000);
    expect(await recoverAtStartUp(db, afterRestart)).toEqual({ resumed: 1, filesRemoved: 2 });

    for (const orphan of orphans) expect(await attachments.get(db, orphan.id)).toBeUndefined();
    for (const kept of [ofDraft, ofFailed, ofQueued, ofDelivered, ofSending]) expect(await attachments.get(db, kept.id), kept.name).toBeDefined();
    expect(await afterRestart.get(sending.id)).toMatchObject({ state: 'queued', nextAttemptAt: T0 + 5_000 });
    expect(await history.list(db)).toHaveLength(1);
  });

  it('changes nothing when nothing was interrupted and every file is referred to', async () => {
    const db = await database.open();
    const outbox = outboxOn(db);
    const kept = await file(db, 'capture.png');
    await outbox.enqueue(request('en attente', [kept.id]));
    expect(await recoverAtStartUp(db, outbox)).toEqual({ resumed: 0, filesRemoved: 0 });
    expect(await attachments.get(db, kept.id)).toBeDefined();
  });
});

/** Waits, IndexedDB event by event, until the item is in this state (no timed wait). */
async function waitForState(outbox: ReturnType<typeof outboxOn>, id: string, state: string): Promise<void> {
  for (let turn = 0; turn < 1000; turn++) {
    if ((await outbox.get(id))?.state === state) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error(`${id} never reached ${state}`);
}
