/** Test support for the outbox: a seeded random source and a fake support backend. */
import type { DeliveryChannel, DeliveryResult } from '../../../src/outbox/channel';
import type { AttachmentRecord, OutboxItem } from '../../../src/store/records';
import { settle } from '../store/support';

/** mulberry32: a small deterministic generator of numbers in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface DeliveryCall {
  id: string;
  idempotencyKey: string;
  attempts: number;
  state: OutboxItem['state'];
  files: string[];
}

/**
 * A backend that stores each request once per idempotency key, as the real one does. `script`
 * answers the calls in order (then the default: stored, 201); 'lost' stores the request but
 * loses the response on the way back.
 */
export function fakeBackend(script: (DeliveryResult | 'lost')[] = []) {
  const stored = new Map<string, { reference: string; serverId: string }>();
  const calls: DeliveryCall[] = [];
  const channel: DeliveryChannel = {
    kind: 'backend',
    async deliver(item: OutboxItem, attachments: readonly AttachmentRecord[]) {
      calls.push({ id: item.id, idempotencyKey: item.idempotencyKey, attempts: item.attempts, state: item.state, files: attachments.map((file) => file.name) });
      // Other contexts get to run while the request is "on the network".
      await settle();
      const answer = script.shift();
      if (answer !== undefined && answer !== 'lost') return answer;
      let record = stored.get(item.idempotencyKey);
      if (!record) {
        record = { reference: `SOL-${stored.size + 1}`, serverId: `srv-${stored.size + 1}` };
        stored.set(item.idempotencyKey, record);
      }
      if (answer === 'lost') return { ok: false, retryable: true, error: { kind: 'timeout', message: 'no response' } };
      return { ok: true, ...record, status: 'received' };
    },
  };
  return { channel, stored, calls };
}
