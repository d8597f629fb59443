// @vitest-environment node
// Blobs must survive IndexedDB's structured clone: Node's Blob does, happy-dom's does not.
import 'fake-indexeddb/auto';
import { describe, expect, test } from 'vitest';
import { requestOfPayload } from '../../../src/channels/payload';
import { acceptRequest } from '../../../src/outbox/accept';
import { createOutbox } from '../../../src/outbox/outbox';
import { readTransaction } from '../../../src/store/db';
import { validRequest } from '../server/request-fixture';
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

});
