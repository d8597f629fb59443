import { describe, expect, it } from 'vitest';
import { createDraftScreenshotStore } from '../../../src/store/draft-screenshots';
import { memoryStorageArea } from '../support/memory-storage';

const PNG = 'data:image/png;base64,iVBORw0KGgo=';

describe("drafts' screenshots in the session store", () => {
  it('keeps them per draft, in order, with a gap where one was not kept', async () => {
    const area = memoryStorageArea();
    const store = createDraftScreenshotStore(area);
    expect(await store.save('d1', [{ id: 's1', type: 'image/png', dataUrl: PNG }, null])).toBe(true);
    expect(await store.load('d1')).toEqual([{ id: 's1', type: 'image/png', dataUrl: PNG }, null]);
    expect(await store.load('d2')).toEqual([]);
    await store.drop(['d1', 'd2']);
    expect(area.items.size).toBe(0);
  });

  it('stores nothing when none is kept, and reads anything malformed as not kept', async () => {
    const area = memoryStorageArea();
    const store = createDraftScreenshotStore(area);
    await store.save('d1', [null]);
    expect(area.items.size).toBe(0);
    area.items.set('draft-screenshots:d1', [{ id: 's1', type: 'image/png', dataUrl: 'javascript:alert(1)' }, { id: 'a b', type: 'image/png', dataUrl: PNG }, 'x']);
    expect(await store.load('d1')).toEqual([null, null, null]);
    area.items.set('draft-screenshots:d1', { id: 's1' });
    expect(await store.load('d1')).toEqual([]);
  });

  it('says when the area refuses them (quota), leaving nothing half-written', async () => {
    const area = memoryStorageArea();
    area.items.set('draft-screenshots:d1', [{ id: 's0', type: 'image/png', dataUrl: PNG }]);
    area.set = async () => {
      throw new Error('QUOTA_BYTES quota exceeded');
    };
    expect(await createDraftScreenshotStore(area).save('d1', [{ id: 's1', type: 'image/png', dataUrl: PNG }])).toBe(false);
    expect(area.items.size).toBe(0);
  });
});
