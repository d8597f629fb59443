/**
 * Forwarding to any HTTPS endpoint: the request and its files (base64) as one JSON POST,
 * signed the way the Standard Webhooks specification describes: headers webhook-id (the
 * request's id, the same on every retry, for the receiver to drop duplicates),
 * webhook-timestamp (Unix seconds) and webhook-signature "v1,<base64 HMAC-SHA256>" of
 * "<id>.<timestamp>.<body>" keyed with the shared secret's UTF-8 bytes.
 */
import { createHmac } from 'node:crypto';
import { retryAfterMsOf } from '../../src/channels/backend';
import { ForwardingError, isRetryableStatus } from './forwarder';
import type { ForwardedRequest, Forwarder } from './forwarder';

export interface WebhookSettings {
  url: string;
  secret: string;
  /** How long to wait for the receiver's answer. */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 30_000;

export function webhookSignature(secret: string, id: string, timestamp: string, body: string): string {
  return `v1,${createHmac('sha256', secret).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}

export function webhookBody(item: ForwardedRequest): string {
  return JSON.stringify({
    type: 'request.received',
    id: item.id,
    reference: item.reference,
    receivedAt: item.receivedAt,
    request: item.request,
    files: item.files.map((file) => ({ name: file.name, contentType: file.contentType, sha256: file.sha256, content: file.content.toString('base64') })),
  });
}

export class WebhookForwarder implements Forwarder {
  readonly name = 'webhook' as const;
  readonly #settings: WebhookSettings;
  readonly #now: () => Date;

  constructor(settings: WebhookSettings, now: () => Date = () => new Date()) {
    this.#settings = settings;
    this.#now = now;
  }

  async forward(item: ForwardedRequest): Promise<void> {
    const body = webhookBody(item);
    const now = this.#now();
    const timestamp = String(Math.floor(now.getTime() / 1000));
    let response: Response;
    try {
      response = await fetch(this.#settings.url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'webhook-id': item.id,
          'webhook-timestamp': timestamp,
          'webhook-signature': webhookSignature(this.#settings.secret, item.id, timestamp, body),
        },
        body,
        signal: AbortSignal.timeout(this.#settings.timeoutMs ?? DEFAULT_TIMEOUT_MS),
      });
      await response.body?.cancel();
    } catch (error) {
      const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
      throw new ForwardingError(`webhook: ${timedOut ? 'no answer in time' : 'connection failed'}`, true);
    }
    if (response.ok) return;
    throw new ForwardingError(`webhook: HTTP ${response.status}`, isRetryableStatus(response.status), retryAfterMsOf(response.headers.get('retry-after'), now.getTime()));
  }
}
