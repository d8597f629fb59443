/**
 * What the outbox needs from a delivery channel (src/channels/: the portal form, the support
 * backend). The channel does the sending and classifies the failure; the outbox decides when
 * to try again.
 */
import type { AttachmentRecord, ChannelKind, DeliveryError, OutboxItem } from '../store/records';

export type DeliveryResult =
  | {
      ok: true;
      /** The request's reference as support knows it, when the channel learns it. */
      reference?: string;
      /** The backend's own id for the request, to ask for its status later. */
      serverId?: string;
      /** The backend's first status word; history shows 'sent' otherwise. */
      status?: string;
    }
  | {
      ok: false;
      /** False when sending the same request again cannot succeed (400 validation, 401, 413). */
      retryable: boolean;
      /** From a 429 or 503 Retry-After: the earliest moment worth trying again. */
      retryAfterMs?: number;
      error: DeliveryError;
    };

export interface DeliveryChannel {
  readonly kind: ChannelKind;
  /**
   * Sends one item with its files, with `item.idempotencyKey` on every attempt. Must settle
   * well within the outbox's send lease (give up with a 'timeout' error first): past the
   * lease another context may start a second attempt, harmless thanks to the key but wasted.
   */
  deliver(item: OutboxItem, attachments: readonly AttachmentRecord[]): Promise<DeliveryResult>;
}
