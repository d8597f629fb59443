import { describe, expect, test } from 'vitest';
import { createCaptureStore, type StorageAreaLike } from '../../../src/store/capture-store';

function memoryArea(): StorageAreaLike & { items: Map<string, unknown> } {
  const items = new Map<string, unknown>();
  return {
    items,
    async get(key) {
      return items.has(key) ? { [key]: items.get(key) } : {};
    },
    async set(values) {
      for (const [key, value] of Object.entries(values)) items.set(key, value);
    },
    async remove(key) {
      items.delete(key);
    },
  };
}

describe('capture store', () => {
  test('keeps one capture per tab, and drops it', async () => {
    const area = memoryArea();
    const store = createCaptureStore(area);
    const capture = { dataUrl: 'data:image/png;base64,AAAA', capturedAt: 1000 };
    await store.save(3, capture);
    await store.save(4, { ...capture, capturedAt: 2000 });
    expect(await store.load(3)).toEqual(capture);
    expect((await store.load(4))?.capturedAt).toBe(2000);
    await store.drop(3);
    expect(await store.load(3)).toBeNull();
    expect(area.items.size).toBe(1);
  });

  test('reads back nothing it did not write in the expected shape', async () => {
    const area = memoryArea();
    const store = createCaptureStore(area);
    area.items.set('capture:5', { dataUrl: 'https://evil.test/x.png', capturedAt: 1 });
    area.items.set('capture:6', 'data:image/png;base64,AAAA');
    expect(await store.load(5)).toBeNull();
    expect(await store.load(6)).toBeNull();
    expect(await store.load(7)).toBeNull();
  });
});
