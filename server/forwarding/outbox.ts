/**
 * The forwarding outbox: one entry per stored request and helpdesk it goes to. Delivery is at
 * least once: an entry is taken under a lease (so that several server processes never work on
 * it at the same time, and one that stopped mid-way gives it back by letting the lease run
 * out), then marked delivered, put back with a later due time, or marked failed for good.
 */

export const FORWARDER_NAMES = ['email', 'glpi', 'webhook'] as const;
export type ForwarderName = (typeof FORWARDER_NAMES)[number];

export type ForwardingState = 'pending' | 'delivered' | 'failed';

export interface OutboxEntry {
  requestId: string;
  target: ForwarderName;
  state: ForwardingState;
  /** Attempts started so far, the one being made included. */
  attempts: number;
  nextAttemptAt: string;
  lastError?: string;
  /** What the helpdesk calls it (a GLPI ticket id), once known: a retry continues from there. */
  remoteId?: string;
  updatedAt: string;
}

export interface ForwardingOutbox {
  /** Takes up to `limit` due pending entries for `leaseMs`; each taken entry counts one attempt. */
  claimDue(now: Date, leaseMs: number, limit: number): Promise<OutboxEntry[]>;
  /** Keeps what the helpdesk answered so far, so that the next attempt does not create it twice. */
  noteRemoteId(requestId: string, target: ForwarderName, remoteId: string): Promise<void>;
  markDelivered(requestId: string, target: ForwarderName, now: Date): Promise<void>;
  markRetry(requestId: string, target: ForwarderName, nextAttemptAt: Date, error: string, now: Date): Promise<void>;
  markFailed(requestId: string, target: ForwarderName, error: string, now: Date): Promise<void>;
  /** Puts a request's failed entries back in line, due now (an agent asks after fixing the cause); how many. */
  retryFailed(requestId: string, now: Date): Promise<number>;
  /** Every entry of these requests, by request id. */
  entriesFor(requestIds: readonly string[]): Promise<Map<string, OutboxEntry[]>>;
  close(): Promise<void>;
}

/** An outbox row as either engine returns it: SQLite keeps times as ISO text, PostgreSQL as dates. */
export interface OutboxRow {
  request_id: string;
  target: ForwarderName;
  state: ForwardingState;
  attempts: number;
  next_attempt_at: string | Date;
  last_error: string | null;
  remote_id: string | null;
  updated_at: string | Date;
}

export function entryOf(row: OutboxRow): OutboxEntry {
  return {
    requestId: row.request_id,
    target: row.target,
    state: row.state,
    attempts: row.attempts,
    nextAttemptAt: new Date(row.next_attempt_at).toISOString(),
    ...(row.last_error === null ? {} : { lastError: row.last_error }),
    ...(row.remote_id === null ? {} : { remoteId: row.remote_id }),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

/** One word for all of a request's entries: delivered once every helpdesk has it. */
export function overallState(entries: readonly OutboxEntry[]): ForwardingState | undefined {
  if (entries.length === 0) return undefined;
  if (entries.some((entry) => entry.state === 'failed')) return 'failed';
  return entries.every((entry) => entry.state === 'delivered') ? 'delivered' : 'pending';
}
