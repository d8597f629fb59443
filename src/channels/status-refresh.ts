/**
 * History's statuses, asked again of the support backend when History is opened, so that a
 * status an agent changed in the server's console shows. Bounded: the newest requests only,
 * a few at a time, each within the channel's timeout; a request that cannot be asked about
 * (offline, unknown to this server, refused) keeps the status it had, without a word.
 */
import type { HistoryEntry } from '../store/records';
import type { RequestStatus, StatusResult } from './backend';

/** Statuses after which the backend is not asked again. */
const FINAL_STATUSES: ReadonlySet<string> = new Set(['closed']);

export const STATUS_REFRESH_LIMIT = 20;
export const STATUS_REFRESH_CONCURRENCY = 4;

export interface StatusChange {
  id: string;
  status: string;
}

/**
 * The status History shows: the agents' own once they have set one; before that, "forwarded"
 * once the server has passed the request on to the organisation's helpdesk.
 */
export function shownStatus({ status, forwarding }: RequestStatus): string {
  return status === 'received' && forwarding === 'delivered' ? 'forwarded' : status;
}

/** The backend requests worth asking about, newest first, at most `limit`. */
export function refreshCandidates(entries: readonly HistoryEntry[], limit = STATUS_REFRESH_LIMIT): HistoryEntry[] {
  return [...entries]
    .filter((entry) => entry.channel === 'backend' && entry.serverId !== undefined && !FINAL_STATUSES.has(entry.status))
    .sort((a, b) => b.sentAt - a.sentAt)
    .slice(0, limit);
}

/** Asks the backend for each candidate's status; resolves with those that changed. Never rejects. */
export async function refreshStatuses(
  entries: readonly HistoryEntry[],
  fetchStatus: (serverId: string) => Promise<StatusResult>,
  { limit = STATUS_REFRESH_LIMIT, concurrency = STATUS_REFRESH_CONCURRENCY } = {},
): Promise<StatusChange[]> {
  const queue = refreshCandidates(entries, limit);
  const changes: StatusChange[] = [];
  async function worker() {
    for (let entry = queue.shift(); entry; entry = queue.shift()) {
      const result = await fetchStatus(entry.serverId as string).catch(() => undefined);
      const status = result?.ok ? shownStatus(result.request) : undefined;
      if (status !== undefined && status !== entry.status) changes.push({ id: entry.id, status });
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  return changes;
}
