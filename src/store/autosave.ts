/**
 * Saving a draft as it is typed, for the context where the typing happens (the sidebar): the
 * save itself is a message to the background, which writes with drafts.put. Kept apart from
 * drafts.ts so the sidebar does not bundle the database code.
 */

/** setTimeout and clearTimeout, injected so tests drive time. */
export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const DRAFT_SAVE_DELAY_MS = 500;

export interface DraftAutosave<T> {
  /** Records the latest value; it is saved at most `delayMs` after the first change not yet saved. */
  change(value: T): void;
  /** Saves the latest value now (sidebar closing, Send pressed) and resolves once it is stored. */
  flush(): Promise<void>;
}

/**
 * Saves a draft as it is typed without a write per keystroke. The first unsaved change starts
 * a timer; later changes only replace the value to save, they do not push the timer back, so
 * continuous typing is still saved every `delayMs`. Saves run one at a time, in order, so an
 * older value never overwrites a newer one. A failed save keeps its value pending (the next
 * change or flush tries again) and is reported through `onError`.
 */
export function createDraftAutosave<T>(
  save: (value: T) => Promise<void>,
  { timers, delayMs = DRAFT_SAVE_DELAY_MS, onError }: { timers: Timers; delayMs?: number; onError?: (error: unknown) => void },
): DraftAutosave<T> {
  let pending: { value: T } | undefined;
  let timer: unknown;
  let saving: Promise<void> = Promise.resolve();

  function saveNow(): Promise<void> {
    if (timer !== undefined) timers.clearTimeout(timer);
    timer = undefined;
    saving = saving.then(async () => {
      const toSave = pending;
      if (!toSave) return;
      pending = undefined;
      try {
        await save(toSave.value);
      } catch (error) {
        // Keep the newest value: a change made while this save ran wins over the failed one.
        pending ??= toSave;
        throw error;
      }
    });
    const attempt = saving;
    // The chain goes on after a failure; the caller of this save still sees it.
    saving = attempt.catch(() => {});
    return attempt;
  }

  return {
    change(value) {
      pending = { value };
      if (timer !== undefined) return;
      timer = timers.setTimeout(() => {
        saveNow().catch((error: unknown) => onError?.(error));
      }, delayMs);
    },
    flush: saveNow,
  };
}
