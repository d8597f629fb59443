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
    area.items.set('draft-screenshots:d1', { savedAt: 1, shots: [{ id: 's1', type: 'image/png', dataUrl: 'javascript:alert(1)' }, { id: 'a b', type: 'image/png', dataUrl: PNG }, 'x'] });
    expect(await store.load('d1')).toEqual([null, null, null]);
    area.items.set('draft-screenshots:d1', { id: 's1' });
    expect(await store.load('d1')).toEqual([]);
    area.items.set('draft-screenshots:d1', [{ id: 's1', type: 'image/png', dataUrl: PNG }]);
    expect(await store.load('d1')).toEqual([]);
  });

  it('makes room by evicting the oldest other images, captures and drafts alike, never its own', async () => {
    const shot = (id: string) => ({ id, type: 'image/png', dataUrl: `data:image/png;base64,${'A'.repeat(400)}` });
    const size = JSON.stringify({ savedAt: 0, shots: [shot('s0')] }).length + 'draft-screenshots:d0'.length;
    const area = memoryStorageArea(size * 3 + 10);
    let clock = 0;
    const store = createDraftScreenshotStore(area, () => ++clock);
    expect(await store.save('old', [shot('s1')])).toBe(true);
    expect(await store.save('mine', [shot('s2')])).toBe(true);
    expect(await store.save('newer', [shot('s3')])).toBe(true);
    // A fourth does not fit: the oldest other draft goes, the newer one stays.
    expect(await store.save('fourth', [shot('s4')])).toBe(true);
    expect([...area.items.keys()].sort()).toEqual(['draft-screenshots:fourth', 'draft-screenshots:mine', 'draft-screenshots:newer']);
    // Growing one's own: others go, oldest first, and its previous version is replaced, not evicted.
    expect(await store.save('mine', [shot('s2'), shot('s5')])).toBe(true);
    expect([...area.items.keys()].sort()).toEqual(['draft-screenshots:fourth', 'draft-screenshots:mine']);
    expect((await store.load('mine')).map((kept) => kept?.id)).toEqual(['s2', 's5']);
    // Entries that are neither a capture nor a draft's screenshots are never evicted.
    area.items.set('trail:1', []);
    expect(await store.save('huge', [shot('a'), shot('b'), shot('c'), shot('d')])).toBe(false);
    expect(area.items.has('trail:1')).toBe(true);
  });

  it('says when the area refuses them (quota), leaving nothing half-written', async () => {
    const area = memoryStorageArea();
    area.items.set('draft-screenshots:d1', { savedAt: 1, shots: [{ id: 's0', type: 'image/png', dataUrl: PNG }] });
    area.set = async () => {
      throw new Error('QUOTA_BYTES quota exceeded');
    };
    expect(await createDraftScreenshotStore(area).save('d1', [{ id: 's1', type: 'image/png', dataUrl: PNG }])).toBe(false);
    expect(area.items.size).toBe(0);
  });
});
