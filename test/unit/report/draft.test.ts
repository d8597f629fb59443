import { describe, expect, test, vi } from 'vitest';
import type { DraftSave, DraftSaveOutcome } from '../../../src/report/draft';
import { createDraftWriter, DraftSaveError, draftTitle, parseDraftForm, type DraftForm } from '../../../src/report/draft';
import type { RequestFields } from '../../../src/report/prefill';

const VALUES: RequestFields = {
  category: 'facturation',
  subCategory: 'depot-facture',
  issuer: '',
  name: 'Jean Dupont',
  connectionId: '',
  phone: '',
  email: 'jean@exemple.fr',
  identifierType: 'siret',
  siret: '',
  invoiceNumber: 'F2026-0042',
  title: 'Dépôt refusé',
  description: 'Le dépôt échoue.\nDeux fois.',
};

const form = (overrides: Partial<DraftForm> = {}): DraftForm => ({ values: { ...VALUES }, removed: ['errors:0'], files: [{ name: 'capture.png', screenshot: true }], ...overrides });

describe('the draft form', () => {
  test('a draft saved before structure identifier types were asked is read as one with a SIRET', () => {
    const { identifierType: _type, ...older } = VALUES;
    expect(parseDraftForm({ ...form(), values: older })).toEqual(form());
    expect(parseDraftForm({ ...form(), values: { ...older, extra: '' } })).toBeNull();
  });

  test('is read back exactly as saved', () => {
    expect(parseDraftForm(form())).toEqual(form());
    expect(parseDraftForm(JSON.parse(JSON.stringify(form())))).toEqual(form());
  });

  test.each([
    ['not an object', 'text'],
    ['an extra key', { ...form(), extra: 1 }],
    ['a missing field', { ...form(), values: { ...VALUES, title: undefined } }],
    ['an extra field', { ...form(), values: { ...VALUES, password: 'x' } }],
    ['a number for a field', { ...form(), values: { ...VALUES, phone: 123 } }],
    ['an unbounded field', { ...form(), values: { ...VALUES, description: 'x'.repeat(20_001) } }],
    ['removed ids that are not strings', { ...form(), removed: [1] }],
    ['a file without a name', { ...form(), files: [{ name: '', screenshot: false }] }],
    ['a file with an extra key', { ...form(), files: [{ name: 'a.png', screenshot: false, path: '/etc' }] }],
    ['too many files', { ...form(), files: Array.from({ length: 11 }, (_, index) => ({ name: `f${index}.png`, screenshot: false })) }],
  ])('refuses %s', (_what, value) => {
    expect(parseDraftForm(value)).toBeNull();
  });

  test('is listed by its title, or else the first line of its description', () => {
    expect(draftTitle(form())).toBe('Dépôt refusé');
    expect(draftTitle(form({ values: { ...VALUES, title: '  ', description: '\n  Première ligne \nSeconde' } }))).toBe('Première ligne');
    expect(draftTitle(form({ values: { ...VALUES, title: '', description: '' } }))).toBe('');
  });
});

describe('the draft writer', () => {
  function writer(outcomes: DraftSaveOutcome[] = []) {
    const saved: DraftSave[] = [];
    let ids = 0;
    const save = vi.fn(async (draft: DraftSave): Promise<DraftSaveOutcome> => {
      saved.push(structuredClone(draft));
      return outcomes.shift() ?? { status: 'saved', savedAt: 1, attachmentIds: draft.files.map((file) => ('attachmentId' in file ? file.attachmentId : `stored-${++ids}`)) };
    });
    let drafts = 0;
    const dataUrlOf = vi.fn(async (blob: Blob) => `data:${blob.type};base64,AAAA`);
    return { saved, save, dataUrlOf, writer: createDraftWriter({ save, dataUrlOf, newId: () => `draft-${++drafts}`, incidentId: 'incident-1' }) };
  }

  const png = new Blob([new Uint8Array([1, 2, 3])], { type: 'image/png' });

  test("sends a file's bytes once, then only the id it was stored under", async () => {
    const { saved, dataUrlOf, writer: draftWriter } = writer();
    await draftWriter.write({ form: form(), files: [png] });
    await draftWriter.write({ form: form({ values: { ...VALUES, title: 'Autre' } }), files: [png] });
    expect(saved.map((draft) => draft.files)).toEqual([[{ type: 'image/png', dataUrl: 'data:image/png;base64,AAAA' }], [{ attachmentId: 'stored-1' }]]);
    expect(saved.map((draft) => [draft.id, draft.incidentId])).toEqual([
      ['draft-1', 'incident-1'],
      ['draft-1', 'incident-1'],
    ]);
    expect(dataUrlOf).toHaveBeenCalledTimes(1);
  });

  test('a failed save is reported with its reason and sends every file again next time', async () => {
    const { saved, writer: draftWriter } = writer([{ status: 'saved', savedAt: 1, attachmentIds: ['stored-1'] }, { status: 'failed', reason: 'quota' }]);
    await draftWriter.write({ form: form(), files: [png] });
    const failure = await draftWriter.write({ form: form(), files: [png] }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(DraftSaveError);
    expect((failure as DraftSaveError).reason).toBe('quota');
    await draftWriter.write({ form: form(), files: [png] });
    expect(saved.map((draft) => ('dataUrl' in draft.files[0]! ? 'bytes' : 'id'))).toEqual(['bytes', 'id', 'bytes']);
  });

  test('a message that does not get through is a failure too', async () => {
    const draftWriter = createDraftWriter({ save: () => Promise.reject(new Error('no background')), dataUrlOf: async () => 'data:,', newId: () => 'd', incidentId: 'i' });
    await expect(draftWriter.write({ form: form({ files: [] }), files: [] })).rejects.toMatchObject({ reason: 'unknown' });
  });

  test('a new draft after sending has a new id; a stored draft is continued under its own', async () => {
    const { saved, writer: draftWriter } = writer();
    await draftWriter.write({ form: form(), files: [png] });
    draftWriter.startNew();
    await draftWriter.write({ form: form(), files: [png] });
    const restored = new Blob([new Uint8Array([9])], { type: 'image/png' });
    draftWriter.adopt('kept', 'incident-0', [[restored, 'stored-kept']]);
    await draftWriter.write({ form: form(), files: [restored] });
    expect(saved.map((draft) => [draft.id, draft.incidentId, 'attachmentId' in draft.files[0]! ? draft.files[0].attachmentId : 'bytes'])).toEqual([
      ['draft-1', 'incident-1', 'bytes'],
      ['draft-2', 'incident-1', 'bytes'],
      ['kept', 'incident-0', 'stored-kept'],
    ]);
  });
});
