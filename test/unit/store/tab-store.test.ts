import { describe, expect, test } from 'vitest';
import { createTabStore } from '../../../src/store/tab-store';
import { memoryStorageArea } from '../support/memory-storage';

describe('tab store', () => {
  test('keeps one capture per tab, and drops it', async () => {
    const area = memoryStorageArea();
    const store = createTabStore(area);
    const capture = { dataUrl: 'data:image/png;base64,AAAA', capturedAt: 1000 };
    await store.captures.save(3, capture);
    await store.captures.save(4, { ...capture, capturedAt: 2000 });
    expect(await store.captures.load(3)).toEqual(capture);
    expect((await store.captures.load(4))?.capturedAt).toBe(2000);
    await store.captures.drop(3);
    expect(await store.captures.load(3)).toBeNull();
    expect(await store.captures.kind(3)).toBeNull();
    expect([...area.items.keys()].sort()).toEqual(['capture-kind:4', 'capture:4']);
  });

  test('how a capture was taken is kept apart, and outlives its image evicted to make room', async () => {
    const image = (fill: string) => `data:image/png;base64,${fill.repeat(1000)}`;
    // Room for one capture, the two kinds and a little more.
    const area = memoryStorageArea(1100 + 60);
    const store = createTabStore(area);
    await store.captures.save(1, { dataUrl: image('A'), capturedAt: 100, reconstructed: true });
    expect(await store.captures.kind(1)).toBe('reconstructed');
    await store.captures.save(2, { dataUrl: image('B'), capturedAt: 200 });
    expect(await store.captures.load(1)).toBeNull();
    expect(await store.captures.kind(1)).toBe('reconstructed');
    expect(await store.captures.kind(2)).toBe('browser');
  });

  test('a capture that does not fit makes room: the other tabs\' captures go, oldest first, and only as many as needed', async () => {
    const image = (fill: string) => `data:image/png;base64,${fill.repeat(1000)}`;
    // Room for three captures and a path, not four.
    const area = memoryStorageArea(3 * 1060 + 200);
    const store = createTabStore(area);
    await store.trails.save(9, [{ kind: 'click', at: 1, label: 'Rechercher' }]);
    await store.captures.save(1, { dataUrl: image('A'), capturedAt: 300 });
    await store.captures.save(2, { dataUrl: image('B'), capturedAt: 100 });
    await store.captures.save(3, { dataUrl: image('C'), capturedAt: 200 });
    await store.captures.save(4, { dataUrl: image('D'), capturedAt: 400 });
    expect([...area.items.keys()].filter((key) => key.startsWith('capture:')).sort()).toEqual(['capture:1', 'capture:3', 'capture:4']);
    expect(await store.trails.load(9)).not.toBeNull();
    // Its own earlier capture is replaced, not counted as another tab's.
    await store.captures.save(4, { dataUrl: image('E'), capturedAt: 500 });
    expect((await store.captures.load(4))?.capturedAt).toBe(500);
    expect(await store.trails.load(9)).not.toBeNull();
  });

  test('a new capture also makes room by evicting drafts\' screenshots older than the oldest capture', async () => {
    const image = (fill: string) => `data:image/png;base64,${fill.repeat(1000)}`;
    const area = memoryStorageArea(2 * 1100);
    area.items.set('draft-screenshots:d1', { savedAt: 50, shots: [{ id: 's1', type: 'image/png', dataUrl: image('S') }] });
    const store = createTabStore(area);
    await store.captures.save(1, { dataUrl: image('A'), capturedAt: 100 });
    await store.captures.save(2, { dataUrl: image('B'), capturedAt: 200 });
    expect([...area.items.keys()].filter((key) => !key.startsWith('capture-kind:')).sort()).toEqual(['capture:1', 'capture:2']);
  });

  test('a tab\'s small values make room too: an old screenshot goes before a path or an offer is lost', async () => {
    const capture = (fill: string, capturedAt: number) => ({ dataUrl: `data:image/png;base64,${fill.repeat(1000)}`, capturedAt });
    // Two captures (with how each was taken) fill the area but for 10 characters.
    const area = memoryStorageArea(2 * ('capture:1'.length + JSON.stringify(capture('A', 100)).length + 'capture-kind:1'.length + JSON.stringify('browser').length) + 10);
    const store = createTabStore(area);
    await store.captures.save(1, capture('A', 100));
    await store.captures.save(2, capture('B', 200));
    await store.offers.save(2, { dismissedPages: [], helpFor: 'Identifiant ou mot de passe incorrect' });
    await store.trails.save(2, [{ kind: 'click', at: 1, label: 'Valider' }]);
    expect([...area.items.keys()].sort()).toEqual(['capture-kind:1', 'capture-kind:2', 'capture:2', 'offer:2', 'trail:2']);
  });

  test('a capture larger than the whole area is an error, once every other capture is gone', async () => {
    const area = memoryStorageArea(2000);
    const store = createTabStore(area);
    await store.captures.save(1, { dataUrl: `data:image/png;base64,${'A'.repeat(900)}`, capturedAt: 1 });
    await expect(store.captures.save(2, { dataUrl: `data:image/png;base64,${'B'.repeat(3000)}`, capturedAt: 2 })).rejects.toThrow(/quota/);
    expect(await store.captures.load(2)).toBeNull();
    expect(await store.captures.load(1)).toBeNull();
  });

  test('a closed tab is forgotten whole: capture, reading, path and technical details', async () => {
    const area = memoryStorageArea();
    const store = createTabStore(area);
    await store.captures.save(5, { dataUrl: 'data:image/png;base64,AAAA', capturedAt: 1 });
    await store.trails.save(5, [{ kind: 'click', at: 1, label: 'Rechercher' }]);
    await store.trails.save(6, [{ kind: 'click', at: 1, label: 'Valider' }]);
    await store.diagnostics.save(5, [{ kind: 'script-error', at: 1, message: 'TypeError' }]);
    expect(await store.diagnostics.load(5)).toEqual([{ kind: 'script-error', at: 1, message: 'TypeError' }]);
    await store.dropTab(5);
    expect([...area.items.keys()]).toEqual(['trail:6']);
  });

  test('reads back nothing it did not write in the expected shape', async () => {
    const area = memoryStorageArea();
    const store = createTabStore(area);
    area.items.set('capture:5', { dataUrl: 'https://evil.test/x.png', capturedAt: 1 });
    area.items.set('capture:6', 'data:image/png;base64,AAAA');
    area.items.set('trail:5', [{ kind: 'click', at: 1, label: 'ok', value: 'typed secret' }]);
    area.items.set('reading:5', { facts: {} });
    area.items.set('diagnostics:5', [{ kind: 'request-failed', at: 1, method: 'GET', url: 'https://chorus-pro.gouv.fr/a?siret=1', status: 500 }]);
    expect(await store.diagnostics.load(5)).toBeNull();
    expect(await store.captures.load(5)).toBeNull();
    expect(await store.captures.load(6)).toBeNull();
    expect(await store.captures.load(7)).toBeNull();
    expect(await store.trails.load(5)).toBeNull();
    expect(await store.readings.load(5)).toBeNull();
  });
});
