/**
 * What the database holds, one type per object store. These are the current shapes; older
 * shapes live only in src/store/migrations.ts and its tests.
 */

/** How a request reaches support: the portal's own form, or the configured support backend. */
export type ChannelKind = 'portal' | 'backend';

/** A request being written, autosaved as the user types. */
export interface Draft {
  id: string;
  /**
   * The tab the draft was written in, while that tab is open; null once the tab closed.
   * Tab ids are reused (across browser restarts in particular), so a closed tab's draft is
   * detached and then listed, never silently restored into an unrelated tab.
   */
  tabId: number | null;
  /** The incident (error capture) the draft is about: one tab can see several. */
  incidentId: string;
  createdAt: number;
  updatedAt: number;
  fields: Record<string, unknown>;
  attachmentIds: string[];
}

export interface AttachmentMeta {
  id: string;
  /** File name as sent to support. */
  name: string;
  /** MIME type. */
  type: string;
  /** Bytes. */
  size: number;
  /** Hex SHA-256 of the content: support can check the file it received is the one reviewed. */
  sha256: string;
  createdAt: number;
}

/** A file kept as a Blob: base64 strings would cost a third more space and a copy per read. */
export interface AttachmentRecord extends AttachmentMeta {
  blob: Blob;
}

export type OutboxState = 'queued' | 'sending' | 'delivered' | 'failed';

/** 'settings': the backend address answers, but not as a support backend (404, CORS refusal). */
export type DeliveryErrorKind = 'offline' | 'server' | 'rejected' | 'timeout' | 'auth' | 'tooLarge' | 'rateLimited' | 'settings' | 'unknown';

export interface DeliveryError {
  kind: DeliveryErrorKind;
  /** HTTP status, when there was a response. */
  status?: number;
  message?: string;
}

/** A request the user sent, kept until delivered (and, once delivered, until history pruning). */
export interface OutboxItem {
  id: string;
  /** Generated once at enqueue and sent with every attempt: the server stores a request once per key. */
  idempotencyKey: string;
  createdAt: number;
  channel: ChannelKind;
  /** Shown in the outbox and copied into history. */
  title: string;
  /** Who the request goes to (Chorus Pro support, the recipient public body…), as the report decided. */
  route: string;
  /** The request as JSON data, exactly what the channel sends. */
  payload: unknown;
  attachmentIds: string[];
  state: OutboxState;
  /** Attempts started, a crashed one included. */
  attempts: number;
  /** When a queued item becomes due. */
  nextAttemptAt: number;
  /** While sending: the lease. Past it, the send is presumed dead (worker killed) and the item is due again. */
  sendingUntil?: number;
  lastError?: DeliveryError;
  deliveredAt?: number;
  reference?: string;
  serverId?: string;
}

/** What was sent, as it was sent: the payload and the attachments' descriptions (not their bytes). */
export interface SentRequest {
  idempotencyKey: string;
  payload: unknown;
  attachments: AttachmentMeta[];
}

export interface HistoryEntry {
  /** The outbox item's id. */
  id: string;
  sentAt: number;
  reference?: string;
  channel: ChannelKind;
  route: string;
  /** The channel's status words ('sent' until the backend reports another). */
  status: string;
  title: string;
  serverId?: string;
  lastStatusAt?: number;
  request: SentRequest;
}

/** A tab's path sequence. Steps are validated with isTrailStep when read back. */
export interface TrailRecord {
  tabId: number;
  steps: unknown[];
}
