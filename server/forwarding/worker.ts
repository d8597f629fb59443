/**
 * The loop that empties the forwarding outbox: every few seconds, and at once when a request
 * is stored, it takes the due entries and hands each to its connector. A failure that may pass
 * is tried again after a growing, jittered wait (no sooner than a Retry-After); one the
 * helpdesk refused for good is marked failed, with its reason, for the console to show.
 */
import { retryDelayMs } from '../../src/outbox/backoff';
import { ForwardingError } from './forwarder';
import type { ForwardedRequest, Forwarder } from './forwarder';
import type { ForwarderName, ForwardingOutbox, OutboxEntry } from './outbox';

export interface WorkerOptions {
  outbox: ForwardingOutbox;
  forwarders: ReadonlyMap<ForwarderName, Forwarder>;
  load: (requestId: string) => Promise<ForwardedRequest | undefined>;
  /** Told of each failed attempt: target, reference or id, and the error's message (never a secret). */
  onFailure?: (entry: OutboxEntry, message: string) => void;
  now?: () => Date;
  random?: () => number;
  pollMs?: number;
  /** Longer than any attempt can take: a process that stopped mid-way gives its entries back after it. */
  leaseMs?: number;
  batchSize?: number;
}

export const DEFAULT_POLL_MS = 5000;
const DEFAULT_LEASE_MS = 10 * 60 * 1000;

export class ForwardingWorker {
  readonly #options: Required<Omit<WorkerOptions, 'onFailure'>> & Pick<WorkerOptions, 'onFailure'>;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<number> | undefined;
  #again = false;
  #stopped = true;

  constructor(options: WorkerOptions) {
    this.#options = {
      now: () => new Date(),
      random: Math.random,
      pollMs: DEFAULT_POLL_MS,
      leaseMs: DEFAULT_LEASE_MS,
      batchSize: 10,
      ...options,
    };
  }

  /** Takes the due entries once and tries each; resolves with how many were tried. */
  async runOnce(): Promise<number> {
    const { outbox, batchSize, leaseMs, now } = this.#options;
    const entries = await outbox.claimDue(now(), leaseMs, batchSize);
    for (const entry of entries) await this.#attempt(entry);
    return entries.length;
  }

  start(): void {
    this.#stopped = false;
    this.#schedule(0);
  }

  /** Runs soon: a request was just stored. */
  kick(): void {
    if (this.#stopped) return;
    if (this.#running) this.#again = true;
    else this.#schedule(0);
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.#running;
  }

  #schedule(delayMs: number): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.#tick(), delayMs);
    // The loop alone never keeps the process alive.
    this.#timer.unref();
  }

  async #tick(): Promise<void> {
    if (this.#stopped || this.#running) return;
    this.#running = this.runOnce();
    const tried = await this.#running.catch(() => 0);
    this.#running = undefined;
    if (this.#stopped) return;
    const busy = tried > 0 || this.#again;
    this.#again = false;
    this.#schedule(busy ? 0 : this.#options.pollMs);
  }

  async #attempt(entry: OutboxEntry): Promise<void> {
    const { outbox, forwarders, load, now, random, onFailure } = this.#options;
    const forwarder = forwarders.get(entry.target);
    const item = await load(entry.requestId).catch(() => undefined);
    if (!forwarder || !item) {
      const message = forwarder ? 'request no longer stored' : `${entry.target} is not configured any more`;
      await outbox.markFailed(entry.requestId, entry.target, message, now());
      onFailure?.(entry, message);
      return;
    }
    try {
      await forwarder.forward(item, {
        ...(entry.remoteId === undefined ? {} : { remoteId: entry.remoteId }),
        noteRemoteId: (remoteId) => outbox.noteRemoteId(entry.requestId, entry.target, remoteId),
      });
      await outbox.markDelivered(entry.requestId, entry.target, now());
    } catch (error) {
      const failure = error instanceof ForwardingError ? error : new ForwardingError(`${entry.target}: ${error instanceof Error ? error.message : 'error'}`, true);
      const at = now();
      if (failure.retryable) {
        const delay = retryDelayMs(entry.attempts - 1, random, failure.retryAfterMs);
        await outbox.markRetry(entry.requestId, entry.target, new Date(at.getTime() + delay), failure.message, at);
      } else {
        await outbox.markFailed(entry.requestId, entry.target, failure.message, at);
      }
      onFailure?.(entry, failure.message);
    }
  }
}
