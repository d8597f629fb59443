/**
 * The session storage area holds 10 MB in Chrome and Firefox: a few dozen screenshots, shared by
 * the tabs' toolbar captures and the drafts' screenshots. When a new image does not fit, the
 * others go, oldest first, until it does; the one being written is never evicted. What goes is
 * said where it is missed: a sidebar reopened without its capture, a draft whose screenshots
 * were not kept.
 */
import { isCapture } from '../capture/screenshot';

/** The subset of storage.StorageArea the stores use (storage.session or storage.local in the extension). */
export interface StorageAreaLike {
  /** null: every item. */
  get(key: string | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(key: string | string[]): Promise<void>;
}

export const CAPTURE_PREFIX = 'capture:';
export const DRAFT_SCREENSHOTS_PREFIX = 'draft-screenshots:';

/** How each kind of image entry is named and when it was written; null: not of that kind, left alone. */
const EVICTABLE: readonly { prefix: string; writtenAt(value: unknown): number | null }[] = [
  { prefix: CAPTURE_PREFIX, writtenAt: (value) => (isCapture(value) ? value.capturedAt : null) },
  {
    prefix: DRAFT_SCREENSHOTS_PREFIX,
    writtenAt: (value) => {
      const savedAt = typeof value === 'object' && value !== null ? (value as { savedAt?: unknown }).savedAt : undefined;
      return typeof savedAt === 'number' ? savedAt : null;
    },
  },
];

async function evictableOldestFirst(area: StorageAreaLike, keep: string): Promise<string[]> {
  const found: [string, number][] = [];
  for (const [key, value] of Object.entries(await area.get(null))) {
    if (key === keep) continue;
    const kind = EVICTABLE.find((candidate) => key.startsWith(candidate.prefix));
    const at = kind?.writtenAt(value) ?? null;
    if (at !== null) found.push([key, at]);
  }
  return found.sort(([, a], [, b]) => a - b).map(([key]) => key);
}

/**
 * Runs `write`, which stores the entry `keep`; when the area refuses it, evicts the other image
 * entries, oldest first, trying again after each. Rejects with the first error when none is left.
 */
export async function writeMakingRoom(area: StorageAreaLike, keep: string, write: () => Promise<void>): Promise<void> {
  try {
    return await write();
  } catch (error) {
    for (const key of await evictableOldestFirst(area, keep)) {
      await area.remove(key);
      try {
        return await write();
      } catch {
        // Not enough yet: the next oldest goes too.
      }
    }
    throw error;
  }
}
