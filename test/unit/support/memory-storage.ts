import type { StorageAreaLike } from '../../../src/store/session-room';

/** An in-memory storage.session for unit tests; with a quota, a set that would hold more (in JSON characters) is refused, as the browser's is. */
export function memoryStorageArea(quota = Infinity): StorageAreaLike & { items: Map<string, unknown> } {
  const items = new Map<string, unknown>();
  const size = (entries: Iterable<[string, unknown]>) => [...entries].reduce((total, [key, value]) => total + key.length + JSON.stringify(value).length, 0);
  return {
    items,
    async get(key) {
      if (key === null) return Object.fromEntries([...items].map(([name, value]) => [name, structuredClone(value)]));
      return items.has(key) ? { [key]: structuredClone(items.get(key)) } : {};
    },
    async set(values) {
      const after = new Map([...items, ...Object.entries(values)]);
      if (size(after) > quota) throw new Error('Session storage quota exceeded');
      for (const [key, value] of Object.entries(values)) items.set(key, structuredClone(value));
    },
    async remove(keys) {
      for (const key of Array.isArray(keys) ? keys : [keys]) items.delete(key);
    },
  };
}
