/**
 * What starts the outbox besides Send and its backoff alarm: the browser starting, and the
 * network coming back. Either way, what waited is made due now (rather than at its backoff
 * time, which may be up to 15 minutes away) and delivered; a server's own Retry-After stands
 * (see Outbox.retryAllNow). Every start of the background also delivers what is due by itself.
 *
 * Window and worker globals fire 'online' when the browser's network comes back: Firefox's
 * background event page (a window) and Chromium's extension service worker (a worker global)
 * alike. The event does not wake a stopped background; the alarm and browser start-up cover
 * that case.
 */
import type { Outbox } from './outbox';

/** The part of a window or worker global this needs. */
export interface ConnectivityScope {
  addEventListener(type: 'online', listener: () => void): void;
}

export interface TriggerPorts {
  outbox: () => Promise<Pick<Outbox, 'retryAllNow'>>;
  /** Delivers what is due (and sets the next alarm). */
  deliverDue: () => Promise<void>;
  onError: (error: unknown) => void;
}

/** Everything waiting is due now, then delivered. Never rejects: failures go to onError. */
export async function deliverWaitingNow(ports: TriggerPorts): Promise<void> {
  try {
    await (await ports.outbox()).retryAllNow();
    await ports.deliverDue();
  } catch (error) {
    ports.onError(error);
  }
}

/** Listens for the network coming back. Call it at the top level of the background, at start. */
export function deliverWhenBackOnline(scope: ConnectivityScope, ports: TriggerPorts): void {
  scope.addEventListener('online', () => void deliverWaitingNow(ports));
}
