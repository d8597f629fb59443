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
import { T0, useFreshDatabase } from './support';

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

describe('saving drafts from the sidebar', () => {
  it('stores new files as Blobs, then refers to them by id; the draft keeps when it was begun', async () => {
    const db = await database.open();
    const first = await saveDraft(db, save('d1', 'Premier jet'), 7, T0);
    expect(first.attachmentIds).toHaveLength(1);
    const stored = await attachments.get(db, first.attachmentIds[0]!);
    expect(stored).toMatchObject({ name: 'capture.png', type: 'image/png', size: 8 });
    expect(stored?.blob).toBeInstanceOf(Blob);

    const second = await saveDraft(db, save('d1', 'Second jet', [{ attachmentId: first.attachmentIds[0]! }, { type: 'application/pdf', dataUrl: PDF }]), 7, T0 + 500);
    expect(second.attachmentIds[0]).toBe(first.attachmentIds[0]);
    expect(await drafts.get(db, 'd1')).toMatchObject({ tabId: 7, createdAt: T0, updatedAt: T0 + 500, attachmentIds: second.attachmentIds, fields: { values: { title: 'Second jet' } } });
    expect(await attachmentCount(db)).toBe(2);

    // A file removed from the form goes with the next save.
    await saveDraft(db, save('d1', 'Sans pièce', [], []), 7, T0 + 1000);
    expect(await attachmentCount(db)).toBe(0);
  });

  it("refuses to overwrite another tab's draft, and a file id the database lost", async () => {
    const db = await database.open();
    await saveDraft(db, save('d1', 'Onglet 7'), 7, T0);
    await expect(saveDraft(db, save('d1', 'Onglet 8'), 8, T0 + 1)).rejects.toBeInstanceOf(DraftConflictError);
    await expect(saveDraft(db, save('d2', 'Perdu', [{ attachmentId: 'gone' }]), 7, T0 + 2)).rejects.toThrow(/gone/);
    expect((await drafts.get(db, 'd1'))?.fields).toMatchObject({ values: { title: 'Onglet 7' } });
    expect(await drafts.get(db, 'd2')).toBeUndefined();
  });

  it('a save that fails (quota) leaves no file behind and reports a StorageError', async () => {
    const db = await database.open();
    vi.spyOn(drafts, 'put').mockRejectedValueOnce(new StorageError('quota', 'QuotaExceededError: full'));
    await expect(saveDraft(db, save('d1', 'Trop gros'), 7, T0)).rejects.toMatchObject({ kind: 'quota' });
    expect(await attachmentCount(db)).toBe(0);
    expect(await drafts.get(db, 'd1')).toBeUndefined();
  });
});

describe('restoring and listing drafts', () => {
  it("restores a tab's newest draft with its files as data: URLs", async () => {
    const db = await database.open();
    await saveDraft(db, save('old', 'Ancien'), 7, T0);
    await saveDraft(db, save('new', 'Récent', [{ type: 'image/png', dataUrl: PNG }, { type: 'application/pdf', dataUrl: PDF }]), 7, T0 + 1000);
    const restored = await latestDraft(db, 7);
    expect(restored).toMatchObject({ id: 'new', incidentId: 'incident-new', updatedAt: T0 + 1000, form: { values: { title: 'Récent' }, removed: ['page:url'] } });
    expect(restored?.files.map(({ name, type, dataUrl }) => ({ name, type, dataUrl }))).toEqual([
      { name: 'capture.png', type: 'image/png', dataUrl: PNG },
      { name: 'piece-1.pdf', type: 'application/pdf', dataUrl: PDF },
    ]);
    expect(await latestDraft(db, 8)).toBeNull();
  });

  it("lists closed tabs' drafts only; reopening one makes it this tab's, and this tab's own is listed instead", async () => {
    const db = await database.open();
    await saveDraft(db, save('closed', 'Onglet fermé'), 3, T0);
    await saveDraft(db, save('open', 'Onglet ouvert'), 7, T0 + 1);
    expect(await closedTabDrafts(db)).toEqual([]);
    await drafts.detachTab(db, 3);
    expect(await closedTabDrafts(db)).toEqual([{ id: 'closed', title: 'Onglet fermé', updatedAt: T0, files: 1 }]);

    const reopened = await openDraft(db, 'closed', 7);
    expect(reopened).toMatchObject({ id: 'closed', form: { values: { title: 'Onglet fermé' } } });
    expect((await latestDraft(db, 7))?.id).toBe('closed');
    expect((await closedTabDrafts(db)).map((draft) => draft.id)).toEqual(['open']);
    expect(await openDraft(db, 'missing', 7)).toBeNull();
  });

  it('a draft sent is deleted with its own copies of the files', async () => {
    const db = await database.open();
    const { attachmentIds } = await saveDraft(db, save('d1', 'À envoyer'), 7, T0);
    const sentCopy = await attachments.put(db, new Blob([new Uint8Array([1])], { type: 'image/png' }), { name: 'capture.png', createdAt: T0 });
    await createOutbox(db, { now: () => T0, random: () => 0 }).enqueue({ channel: 'backend', title: 't', route: 'support', payload: '{}', attachmentIds: [sentCopy.id], fromDraftId: 'd1' });
    expect(await drafts.get(db, 'd1')).toBeUndefined();
    expect(await attachments.get(db, attachmentIds[0]!)).toBeUndefined();
    expect(await attachments.get(db, sentCopy.id)).toBeDefined();
  });
});
