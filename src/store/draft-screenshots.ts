/**
 * The screenshots of drafts: the images the extension took itself (the toolbar click's, the
 * page engine's, the whole page's parts, what the user drew on them). They stay in the session
 * storage area, in memory, never on disk: a draft written on disk keeps its text and the files
 * the user added, and its screenshots last until the browser quits. Only the background reads
 * and writes it, like the tab store.
 */
import { isId } from '../protocol/guards';
import { MAX_FILE_DATA_URL_LENGTH } from '../data-url';
import { DRAFT_SCREENSHOTS_PREFIX, writeMakingRoom, type StorageAreaLike } from './session-room';

export interface DraftScreenshot {
  /** Made by the background; the sidebar refers to the image by it once it is kept. */
  id: string;
  type: string;
  dataUrl: string;
}

/**
 * A draft's screenshots in the order of its screenshot files; null where one was not kept (the
 * sidebar referred to an image the session no longer holds).
 */
export type DraftScreenshots = (DraftScreenshot | null)[];

const keyOf = (draftId: string) => `${DRAFT_SCREENSHOTS_PREFIX}${draftId}`;

/** As stored: when they were saved tells which drafts' screenshots go first when room is needed. */
interface StoredDraftScreenshots {
  savedAt: number;
  shots: unknown[];
}

function isDraftScreenshot(value: unknown): value is DraftScreenshot {
  if (typeof value !== 'object' || value === null) return false;
  const { id, type, dataUrl } = value as Record<string, unknown>;
  return isId(id) && typeof type === 'string' && typeof dataUrl === 'string' && dataUrl.startsWith('data:') && dataUrl.length <= MAX_FILE_DATA_URL_LENGTH;
}

export function createDraftScreenshotStore(area: StorageAreaLike, now: () => number = Date.now) {
  return {
    /** What the session holds for the draft; empty when nothing (browser restarted since, or never any). */
    async load(draftId: string): Promise<DraftScreenshots> {
      const value = (await area.get(keyOf(draftId)))[keyOf(draftId)] as Partial<StoredDraftScreenshots> | undefined;
      return Array.isArray(value?.shots) ? value.shots.map((shot) => (isDraftScreenshot(shot) ? shot : null)) : [];
    },
    /**
     * Replaces the draft's screenshots, making room when they do not fit (older captures and
     * other drafts' screenshots go). Resolves false when they do not fit even then: the draft's
     * text is saved all the same, and its screenshots are said lost when reopened.
     */
    async save(draftId: string, shots: DraftScreenshots): Promise<boolean> {
      try {
        if (shots.every((shot) => shot === null)) await area.remove(keyOf(draftId));
        else {
          const stored: StoredDraftScreenshots = { savedAt: now(), shots };
          await writeMakingRoom(area, keyOf(draftId), () => area.set({ [keyOf(draftId)]: stored }));
        }
        return true;
      } catch {
        await area.remove(keyOf(draftId)).catch(() => undefined);
        return false;
      }
    },
    async drop(draftIds: readonly string[]): Promise<void> {
      if (draftIds.length > 0) await area.remove(draftIds.map(keyOf));
    },
  };
}

export type DraftScreenshotStore = ReturnType<typeof createDraftScreenshotStore>;
