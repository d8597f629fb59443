// @vitest-environment node
import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { attachments } from '../../../src/store/attachments';
import { createDraftAutosave, DRAFT_SAVE_DELAY_MS } from '../../../src/store/autosave';
import { drafts } from '../../../src/store/drafts';
import { createOutbox } from '../../../src/outbox/outbox';
import { DAY_MS, draft, FakeTimers, pngBlob, settle, T0, useFreshDatabase } from './support';

const database = useFreshDatabase();

describe('drafts', () => {
  it('restores the drafts of a tab, newest first, and lists every draft', async () => {
    const db = await database.open();
    await drafts.put(db, draft('a', { tabId: 1, updatedAt: T0 }));
    await drafts.put(db, draft('b', { tabId: 1, updatedAt: T0 + 2000 }));
    await drafts.put(db, draft('c', { tabId: 2, updatedAt: T0 + 1000 }));

    expect((await drafts.byTab(db, 1)).map((found) => found.id)).toEqual(['b', 'a']);
    expect(await drafts.byTab(db, 3)).toEqual([]);
    expect((await drafts.list(db)).map((found) => found.id)).toEqual(['b', 'c', 'a']);
    expect(await drafts.get(db, 'c')).toEqual(draft('c', { tabId: 2, updatedAt: T0 + 1000 }));
  });

  it('keeps a closed tab’s draft, listed but no longer offered to a tab reusing the id', async () => {
    const db = await database.open();
    await drafts.put(db, draft('a', { tabId: 1, updatedAt: T0 + 1 }));
    await drafts.put(db, draft('b', { tabId: 2 }));

    await drafts.detachTab(db, 1);
    expect(await drafts.byTab(db, 1)).toEqual([]);
    expect((await drafts.byTab(db, 2)).map((found) => found.id)).toEqual(['b']);

    await drafts.detachAllTabs(db);
    expect(await drafts.byTab(db, 2)).toEqual([]);
    expect((await drafts.list(db)).map((found) => [found.id, found.tabId])).toEqual([
      ['a', null],
      ['b', null],
    ]);
  });

  it('discards a draft with its files, but keeps files something else refers to', async () => {
    const db = await database.open();
    const own = await attachments.put(db, pngBlob([1]), { name: 'a.png', createdAt: T0 });
    const shared = await attachments.put(db, pngBlob([2]), { name: 'b.png', createdAt: T0 });
    const sent = await attachments.put(db, pngBlob([3]), { name: 'c.png', createdAt: T0 });
    await drafts.put(db, draft('d1', { attachmentIds: [own.id, shared.id, sent.id] }));
    await drafts.put(db, draft('d2', { attachmentIds: [shared.id] }));
    await createOutbox(db, { now: () => T0, random: () => 0 }).enqueue({
      channel: 'backend',
      title: 't',
      route: 'r',
      payload: {},
      attachmentIds: [sent.id],
    });

    await drafts.discard(db, 'd1');

    expect(await drafts.get(db, 'd1')).toBeUndefined();
    expect(await attachments.get(db, own.id)).toBeUndefined();
    expect(await attachments.get(db, shared.id)).toBeDefined();
    expect(await attachments.get(db, sent.id)).toBeDefined();
  });

  it('deletes a file removed from a draft when the draft is saved', async () => {
    const db = await database.open();
    const kept = await attachments.put(db, pngBlob([1]), { name: 'a.png', createdAt: T0 });
    const removed = await attachments.put(db, pngBlob([2]), { name: 'b.png', createdAt: T0 });
    await drafts.put(db, draft('d1', { attachmentIds: [kept.id, removed.id] }));

    await drafts.put(db, draft('d1', { attachmentIds: [kept.id] }));

    expect(await attachments.get(db, kept.id)).toBeDefined();
    expect(await attachments.get(db, removed.id)).toBeUndefined();
  });

  it('ignores discarding a draft that is already gone', async () => {
    const db = await database.open();
    await expect(drafts.discard(db, 'missing')).resolves.toBeUndefined();
  });
});

describe('drafts expiring', () => {
  it('deletes the drafts unchanged for longer than the retention, with the files only they held', async () => {
    const db = await database.open();
    const oldFile = await attachments.put(db, pngBlob(), { name: 'facture.png', createdAt: T0 });
    const queuedFile = await attachments.put(db, pngBlob([9]), { name: 'envoi.png', createdAt: T0 });
    await drafts.put(db, draft('stale', { updatedAt: T0 - 31 * DAY_MS, attachmentIds: [oldFile.id, queuedFile.id] }));
    await drafts.put(db, draft('edge', { tabId: null, updatedAt: T0 - 30 * DAY_MS }));
    await drafts.put(db, draft('fresh', { updatedAt: T0 - DAY_MS }));
    await createOutbox(db, { now: () => T0, random: () => 0 }).enqueue({ channel: 'backend', title: 't', route: 'support', payload: '{}', attachmentIds: [queuedFile.id] });

    expect(await drafts.expire(db, T0, 30)).toEqual(['stale']);
    expect((await drafts.list(db)).map((found) => found.id)).toEqual(['fresh', 'edge']);
    expect(await attachments.get(db, oldFile.id)).toBeUndefined();
    // A request waiting to be sent keeps its file.
    expect(await attachments.get(db, queuedFile.id)).toBeDefined();

    expect(await drafts.expire(db, T0 + DAY_MS, 30)).toEqual(['edge']);
    expect(await drafts.expire(db, T0 + DAY_MS, 30)).toEqual([]);
  });
});

describe('createDraftAutosave', () => {
  function setUp(save = vi.fn(async (_value: string) => {})) {
    const timers = new FakeTimers();
    const saves: { at: number; value: string }[] = [];
    const onError = vi.fn();
    const autosave = createDraftAutosave<string>(
      async (value) => {
        await save(value);
        saves.push({ at: timers.now, value });
      },
      { timers, onError },
    );
    return { timers, saves, autosave, onError, save };
  }

  it('saves 500 ms after the first change, with the latest value, once', async () => {
    const { timers, saves, autosave } = setUp();
    autosave.change('B');
    await timers.advance(100);
    autosave.change('Bo');
    await timers.advance(300);
    autosave.change('Bon');
    await timers.advance(99);
    expect(saves).toEqual([]);

    await timers.advance(1);
    expect(saves).toEqual([{ at: DRAFT_SAVE_DELAY_MS, value: 'Bon' }]);
    await timers.advance(5000);
    expect(saves).toHaveLength(1);
  });

  it('keeps saving while the user keeps typing: no change waits more than 500 ms', async () => {
    const { timers, saves, autosave } = setUp();
    const changes: { at: number; value: string }[] = [];
    for (let i = 1; i <= 30; i++) {
      const value = 'x'.repeat(i);
      autosave.change(value);
      changes.push({ at: timers.now, value });
      await timers.advance(70);
    }
    await timers.advance(DRAFT_SAVE_DELAY_MS);

    for (const change of changes) {
      const savedBy = saves.find((save) => save.at >= change.at && save.value.length >= change.value.length);
      expect(savedBy, `change at ${change.at}`).toBeDefined();
      expect(savedBy!.at - change.at).toBeLessThanOrEqual(DRAFT_SAVE_DELAY_MS);
    }
    expect(saves.at(-1)?.value).toBe('x'.repeat(30));
  });

  it('saves at once on flush and cancels the pending timer', async () => {
    const { timers, saves, autosave } = setUp();
    autosave.change('Envoyer');
    await timers.advance(10);
    await autosave.flush();
    expect(saves).toEqual([{ at: 10, value: 'Envoyer' }]);
    await timers.advance(1000);
    expect(saves).toHaveLength(1);
    await autosave.flush();
    expect(saves).toHaveLength(1);
  });

  it('runs saves one after the other, so an older value never lands last', async () => {
    let releaseFirst = () => {};
    const save = vi.fn(async (value: string) => {
      if (value === 'first') await new Promise<void>((resolve) => (releaseFirst = resolve));
    });
    const { timers, saves, autosave } = setUp(save);
    autosave.change('first');
    await timers.advance(DRAFT_SAVE_DELAY_MS);
    autosave.change('second');
    const flushed = autosave.flush();
    await settle();
    expect(save).toHaveBeenCalledTimes(1);

    releaseFirst();
    await flushed;
    expect(saves.map((saved) => saved.value)).toEqual(['first', 'second']);
  });

  it('keeps a value whose save failed, reports it, and saves it on the next flush', async () => {
    const failure = new Error('quota');
    const save = vi.fn(async (_value: string) => {}).mockRejectedValueOnce(failure);
    const { timers, saves, autosave, onError } = setUp(save);
    autosave.change('texte');
    await timers.advance(DRAFT_SAVE_DELAY_MS);
    expect(onError).toHaveBeenCalledWith(failure);
    expect(saves).toEqual([]);

    await autosave.flush();
    expect(saves.map((saved) => saved.value)).toEqual(['texte']);
  });

  it('rejects a flush whose save failed', async () => {
    const failure = new Error('blocked');
    const { autosave } = setUp(vi.fn(async (_value: string) => {}).mockRejectedValueOnce(failure));
    autosave.change('texte');
    await expect(autosave.flush()).rejects.toBe(failure);
  });
});
