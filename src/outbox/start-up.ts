/**
 * What the one context that writes the database (the background) does each time it starts,
 * before it serves any message or sends anything: it is the only sender, so nothing of an
 * earlier run is still going on.
 *
 * - A request left 'sending' was cut off with the previous run (worker stopped, browser closed
 *   or crashed mid-send): it is due again now, with its idempotency key.
 * - A file stored just before such a crash, before the draft or request listing it was
 *   written, is referred to by nothing and would stay for ever: it is deleted. A file any
 *   draft or outbox item lists (an undelivered request's above all) is kept.
 */
import { attachments } from '../store/attachments';
import type { HelpDb } from '../store/db';
import type { Outbox } from './outbox';

export interface StartUpRecovery {
  /** Requests whose send was interrupted, due again now. */
  resumed: number;
  /** Files nothing referred to, deleted. */
  filesRemoved: number;
}

export async function recoverAtStartUp(db: HelpDb, outbox: Outbox): Promise<StartUpRecovery> {
  const resumed = await outbox.resumeInterrupted();
  const filesRemoved = await attachments.removeUnreferenced(db);
  return { resumed, filesRemoved };
}
