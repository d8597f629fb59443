import type { StorageAreaLike } from '../../../src/store/tab-store';

/** An in-memory storage.session for unit tests. */
export function memoryStorageArea(): StorageAreaLike & { items: Map<string, unknown> } {
  const items = new Map<string, unknown>();
  return {
    items,
    async get(key) {
      return items.has(key) ? { [key]: structuredClone(items.get(key)) } : {};
    },
    async set(values) {
      for (const [key, value] of Object.entries(values)) items.set(key, structuredClone(value));
    },
    async remove(keys) {
      for (const key of Array.isArray(keys) ? keys : [keys]) items.delete(key);
    },
  };
}
