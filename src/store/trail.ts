/**
 * Each open tab's path sequence, kept in the database so it survives the background worker
 * being stopped between two steps. Steps are checked with isTrailStep when read back: what is
 * stored is only ever sent to support after passing the same check as a message would.
 */
import { isTrailStep, type TrailStep } from '../trail/step';
import { readTransaction, writeTransaction, type HelpDb } from './db';

export const trails = {
  async get(db: HelpDb, tabId: number): Promise<TrailStep[]> {
    const record = await readTransaction(db, ['trail'], (tx) => tx.objectStore('trail').get(tabId));
    return (record?.steps ?? []).filter(isTrailStep);
  },

  async put(db: HelpDb, tabId: number, steps: readonly TrailStep[]): Promise<void> {
    await writeTransaction(db, ['trail'], (tx) => tx.objectStore('trail').put({ tabId, steps: [...steps] }));
  },

  /** The tab closed, or the browser restarted (tab ids are per session): the trail goes. */
  remove(db: HelpDb, tabId: number): Promise<void> {
    return writeTransaction(db, ['trail'], (tx) => tx.objectStore('trail').delete(tabId));
  },

  clear(db: HelpDb): Promise<void> {
    return writeTransaction(db, ['trail'], (tx) => tx.objectStore('trail').clear());
  },
};
