/**
 * Test support for the storage and outbox tests: a fresh in-memory IndexedDB per test, a fake
 * timer queue, and sample records.
 */
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach } from 'vitest';
import { openHelpDb, type HelpDb } from '../../../src/store/db';
import type { Timers } from '../../../src/store/autosave';
import type { Draft } from '../../../src/store/records';

export const T0 = Date.UTC(2026, 5, 2, 9, 30);
export const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Gives every test its own empty IndexedDB (idb opens through the global `indexedDB`) and
 * closes the connections a test opened through `open`.
 */
export function useFreshDatabase(): { open: () => Promise<HelpDb> } {
  const opened: HelpDb[] = [];
  beforeEach(() => {
    globalThis.indexedDB = new IDBFactory();
  });
  afterEach(() => {
    for (const db of opened.splice(0)) db.close();
  });
  return {
    async open() {
      const db = await openHelpDb();
      opened.push(db);
      return db;
    },
  };
}

/** Lets every pending promise callback and IndexedDB event run (not a timed wait). */
export function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** A timer queue driven by `advance`: time only moves when the test says so. */
export class FakeTimers implements Timers {
  now = 0;
  private nextHandle = 1;
  private readonly pending = new Map<number, { at: number; callback: () => void }>();

  setTimeout(callback: () => void, ms: number): number {
    const handle = this.nextHandle++;
    this.pending.set(handle, { at: this.now + ms, callback });
    return handle;
  }

  clearTimeout(handle: unknown): void {
    if (typeof handle === 'number') this.pending.delete(handle);
  }

  /** Moves time forward, firing due timers in order and letting their promises settle. */
  async advance(ms: number): Promise<void> {
    const end = this.now + ms;
    for (;;) {
      const due = [...this.pending].filter(([, timer]) => timer.at <= end).sort(([, a], [, b]) => a.at - b.at)[0];
      if (!due) break;
      const [handle, timer] = due;
      this.pending.delete(handle);
      this.now = timer.at;
      timer.callback();
      await settle();
    }
    this.now = end;
    await settle();
  }
}

export function draft(id: string, overrides: Partial<Draft> = {}): Draft {
  return {
    id,
    tabId: 7,
    incidentId: `incident-${id}`,
    createdAt: T0,
    updatedAt: T0,
    fields: { description: `Brouillon ${id}` },
    attachmentIds: [],
    ...overrides,
  };
}

export function pngBlob(bytes: number[] = [0x89, 0x50, 0x4e, 0x47, 1, 2, 3]): Blob {
  return new Blob([new Uint8Array(bytes)], { type: 'image/png' });
}
