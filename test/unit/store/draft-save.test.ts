// @vitest-environment node
// Blobs must survive IndexedDB's structured clone: Node's Blob does, happy-dom's does not.
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { DraftSave } from '../../../src/report/draft';
import { createOutbox } from '../../../src/outbox/outbox';
import type { DraftForm } from '../../../src/report/draft';
import { attachments } from '../../../src/store/attachments';
import { closedTabDrafts, DraftConflictError, latestDraft, openDraft, saveDraft } from '../../../src/store/draft-save';
import { drafts } from '../../../src/store/drafts';
import { StorageError } from '../../../src/store/errors';
import { readTransaction, type HelpDb } from '../../../src/store/db';
import { createDraftScreenshotStore } from '../../../src/store/draft-screenshots';
import { T0, useFreshDatabase } from './support';
import { memoryStorageArea } from '../support/memory-storage';

const database = useFreshDatabase();

// Node has no FileReader, with which browsers read stored files back as data: URLs.
class NodeFileReader {
  result: string | null = null;
  error: Error | null = null;
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  readAsDataURL(blob: Blob) {
    void blob.arrayBuffer().then((bytes) => {
      this.result = `data:${blob.type};base64,${Buffer.from(bytes).toString('base64')}`;
      this.onload?.();
    });
  }
}

beforeEach(() => {
  vi.stubGlobal('FileReader', NodeFileReader);
  return () => vi.unstubAllGlobals();
});

const PNG = 'data:image/png;base64,iVBORw0KGgo=';
const PDF = 'data:application/pdf;base64,JVBERi0xLjQ=';

function form(title: string, files: DraftForm['files'] = [{ name: 'capture.png', screenshot: true }]): DraftForm {
  return {
    values: { category: '', subCategory: '', issuer: '', name: '', connectionId: '', phone: '', email: '', identifierType: 'siret', siret: '', invoiceNumber: '', title, description: `Description de ${title}` },
    removed: ['page:url'],
    files,
  };
}

function save(id: string, title: string, files: DraftSave['files'] = [{ type: 'image/png', dataUrl: PNG }], refs?: DraftForm['files']): DraftSave {
  return { id, incidentId: `incident-${id}`, form: form(title, refs ?? files.map((_file, index) => ({ name: index === 0 ? 'capture.png' : `piece-${index}.pdf`, screenshot: index === 0 }))), files };
}

const attachmentCount = (db: HelpDb) => readTransaction(db, ['attachments'], (tx) => tx.objectStore('attachments').count());
const storedTypes = (db: HelpDb) => readTransaction(db, ['attachments'], async (tx) => (await tx.objectStore('attachments').getAll()).map((record) => record.type));

/** storage.session as the background has it; a new one is what a browser restart leaves. */
let sessionArea = memoryStorageArea();
let session = createDraftScreenshotStore(sessionArea);
function restartBrowser() {
  sessionArea = memoryStorageArea();
  session = createDraftScreenshotStore(sessionArea);
}
beforeEach(restartBrowser);

const WITH_FILE: DraftSave['files'] = [
  { type: 'image/png', dataUrl: PNG },
  { type: 'application/pdf', dataUrl: PDF },
];

describe('saving drafts from the sidebar', () => {
  it("keeps the user's files on disk and the screenshots in the session only; the draft keeps when it was begun", async () => {
    const db = await database.open();
    const first = await saveDraft(db, session, save('d1', 'Premier jet', WITH_FILE), 7, T0);
    expect(first.attachmentIds).toHaveLength(2);
    const [shotId, fileId] = first.attachmentIds as [string, string];
    expect(await storedTypes(db)).toEqual(['application/pdf']);
    expect(await attachments.get(db, fileId)).toMatchObject({ name: 'piece-1.pdf', type: 'application/pdf' });
    expect(await attachments.get(db, shotId)).toBeUndefined();
    expect(await drafts.get(db, 'd1')).toMatchObject({ attachmentIds: [fileId], fields: { files: [{ name: 'capture.png', screenshot: true }, { name: 'piece-1.pdf', screenshot: false }] } });
    expect(await session.load('d1')).toEqual([{ id: shotId, type: 'image/png', dataUrl: PNG }]);

    const second = await saveDraft(db, session, save('d1', 'Second jet', [{ attachmentId: shotId }, { attachmentId: fileId }]), 7, T0 + 500);
    expect(second.attachmentIds).toEqual([shotId, fileId]);
    expect(await drafts.get(db, 'd1')).toMatchObject({ tabId: 7, createdAt: T0, updatedAt: T0 + 500, attachmentIds: [fileId], fields: { values: { title: 'Second jet' } } });
    expect(await session.load('d1')).toEqual([{ id: shotId, type: 'image/png', dataUrl: PNG }]);
    expect(await attachmentCount(db)).toBe(1);

    // Files removed from the form go with the next save, from the disk and from the session.
    await saveDraft(db, session, save('d1', 'Sans pièce', [], []), 7, T0 + 1000);
    expect(await attachmentCount(db)).toBe(0);
    expect(sessionArea.items.size).toBe(0);
  });

  it("refuses to overwrite another tab's draft, and a file id the database lost", async () => {
    const db = await database.open();
    await saveDraft(db, session, save('d1', 'Onglet 7'), 7, T0);
    await expect(saveDraft(db, session, save('d1', 'Onglet 8'), 8, T0 + 1)).rejects.toBeInstanceOf(DraftConflictError);
    await expect(saveDraft(db, session, save('d2', 'Perdu', [{ type: 'image/png', dataUrl: PNG }, { attachmentId: 'gone' }]), 7, T0 + 2)).rejects.toThrow(/gone/);
    expect((await drafts.get(db, 'd1'))?.fields).toMatchObject({ values: { title: 'Onglet 7' } });
    expect(await drafts.get(db, 'd2')).toBeUndefined();
  });

  it('a save that fails (quota) leaves no file behind and reports a StorageError', async () => {
    const db = await database.open();
    vi.spyOn(drafts, 'put').mockRejectedValueOnce(new StorageError('quota', 'QuotaExceededError: full'));
    await expect(saveDraft(db, session, save('d1', 'Trop gros', WITH_FILE), 7, T0)).rejects.toMatchObject({ kind: 'quota' });
    expect(await attachmentCount(db)).toBe(0);
    expect(await drafts.get(db, 'd1')).toBeUndefined();
  });

  it('the session refusing the screenshots (its quota) still saves the text; the screenshot is then said not kept', async () => {
    const db = await database.open();
    vi.spyOn(sessionArea, 'set').mockRejectedValueOnce(new Error('QUOTA_BYTES quota exceeded'));
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { attachmentIds } = await saveDraft(db, session, save('d1', 'Grande capture', WITH_FILE), 7, T0);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(await drafts.get(db, 'd1')).toMatchObject({ fields: { values: { title: 'Grande capture' } } });
    // Referred to by its id afterwards, it is not an error: it just is not there.
    await saveDraft(db, session, save('d1', 'Suite', [{ attachmentId: attachmentIds[0]! }, { attachmentId: attachmentIds[1]! }]), 7, T0 + 1);
    expect(await latestDraft(db, session, 7)).toMatchObject({ form: { values: { title: 'Suite' }, files: [{ name: 'piece-1.pdf' }] }, screenshotsNotKept: 1 });
  });
});

describe('restoring and listing drafts', () => {
  it("restores a tab's newest draft with its files as data: URLs, its screenshots from the session", async () => {
    const db = await database.open();
    await saveDraft(db, session, save('old', 'Ancien'), 7, T0);
    await saveDraft(db, session, save('new', 'Récent', WITH_FILE), 7, T0 + 1000);
    const restored = await latestDraft(db, session, 7);
    expect(restored).toMatchObject({ id: 'new', incidentId: 'incident-new', updatedAt: T0 + 1000, form: { values: { title: 'Récent' }, removed: ['page:url'] }, screenshotsNotKept: 0 });
    expect(restored?.files.map(({ name, type, dataUrl }) => ({ name, type, dataUrl }))).toEqual([
      { name: 'capture.png', type: 'image/png', dataUrl: PNG },
      { name: 'piece-1.pdf', type: 'application/pdf', dataUrl: PDF },
    ]);
    expect(await latestDraft(db, session, 8)).toBeNull();
  });

  it("after a browser restart: the text and the user's files, and how many screenshots were not kept", async () => {
    const db = await database.open();
    await saveDraft(db, session, save('d1', 'Avant redémarrage', WITH_FILE), 7, T0);
    restartBrowser();
    const restored = await openDraft(db, session, 'd1', 9);
    expect(restored).toMatchObject({ form: { values: { title: 'Avant redémarrage' }, files: [{ name: 'piece-1.pdf', screenshot: false }] }, screenshotsNotKept: 1 });
    expect(restored?.files.map(({ name, dataUrl }) => ({ name, dataUrl }))).toEqual([{ name: 'piece-1.pdf', dataUrl: PDF }]);
  });

  it("lists closed tabs' drafts only; reopening one makes it this tab's, and this tab's own is listed instead", async () => {
    const db = await database.open();
    await saveDraft(db, session, save('closed', 'Onglet fermé', WITH_FILE), 3, T0);
    await saveDraft(db, session, save('open', 'Onglet ouvert'), 7, T0 + 1);
    expect(await closedTabDrafts(db, session)).toEqual([]);
    await drafts.detachTab(db, 3);
    expect(await closedTabDrafts(db, session)).toEqual([{ id: 'closed', title: 'Onglet fermé', updatedAt: T0, files: 2 }]);

    const reopened = await openDraft(db, session, 'closed', 7);
    expect(reopened).toMatchObject({ id: 'closed', form: { values: { title: 'Onglet fermé' } } });
    expect((await latestDraft(db, session, 7))?.id).toBe('closed');
    expect((await closedTabDrafts(db, session)).map((draft) => draft.id)).toEqual(['open']);
    expect(await openDraft(db, session, 'missing', 7)).toBeNull();

    // Once the session is gone, only the files on disk are counted.
    await drafts.detachAllTabs(db);
    restartBrowser();
    expect((await closedTabDrafts(db, session)).find((draft) => draft.id === 'closed')?.files).toBe(1);
  });

  it('a draft sent is deleted with its own copies of the files', async () => {
    const db = await database.open();
    const { attachmentIds } = await saveDraft(db, session, save('d1', 'À envoyer', WITH_FILE), 7, T0);
    const sentCopy = await attachments.put(db, new Blob([new Uint8Array([1])], { type: 'image/png' }), { name: 'capture.png', createdAt: T0 });
    await createOutbox(db, { now: () => T0, random: () => 0 }).enqueue({ channel: 'backend', title: 't', route: 'support', payload: '{}', attachmentIds: [sentCopy.id], fromDraftId: 'd1' });
    expect(await drafts.get(db, 'd1')).toBeUndefined();
    expect(await attachments.get(db, attachmentIds[1]!)).toBeUndefined();
    expect(await attachments.get(db, sentCopy.id)).toBeDefined();
  });
});
