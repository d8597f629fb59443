/**
 * What every helpdesk connector shares: the stored request with its files read back, the
 * connector's contract, and how a failed attempt says whether trying again can help.
 */
import type { SupportRequest } from '../../src/report/request';
import type { RequestStore } from '../store';
import type { ForwarderName } from './outbox';

export interface ForwardedFile {
  name: string;
  contentType: string;
  sha256: string;
  content: Buffer;
}

export interface ForwardedRequest {
  id: string;
  reference: string;
  receivedAt: string;
  request: SupportRequest;
  /** In the request's order. */
  files: ForwardedFile[];
}

/** Where an earlier attempt got to, and how to record how far this one gets. */
export interface ForwardingProgress {
  remoteId?: string;
  noteRemoteId(remoteId: string): Promise<void> | void;
}

export interface Forwarder {
  readonly name: ForwarderName;
  /** Resolves once the helpdesk has the request; rejects with a ForwardingError (or any error: retried). */
  forward(item: ForwardedRequest, progress: ForwardingProgress): Promise<void>;
}

/** A failed attempt. `retryable: false` when the helpdesk refused the request itself. */
export class ForwardingError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

/** Server trouble, a timeout or "too many requests" may pass; any other 4xx will not. */
export function isRetryableStatus(status: number): boolean {
  return status >= 500 || status === 408 || status === 429;
}

/** The stored request and its files, or undefined when it is no longer stored. */
export async function loadForwardedRequest(store: RequestStore, id: string): Promise<ForwardedRequest | undefined> {
  const stored = await store.getRequest(id);
  if (!stored) return undefined;
  const files = await Promise.all(
    stored.attachments.map(async (file) => {
      const content = await store.readAttachment(id, file.sha256);
      if (!content) throw new Error(`attachment ${file.sha256} is missing`);
      return { name: file.name, contentType: file.contentType, sha256: file.sha256, content: Buffer.concat(await content.toArray()) };
    }),
  );
  return { id, reference: stored.reference, receivedAt: stored.receivedAt, request: stored.request, files };
}
