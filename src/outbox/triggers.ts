/**
 * What starts the outbox besides Send and its backoff alarm: the browser starting, and the
 * network coming back. Either way, what waited is made due now (rather than at its backoff
 * time, which may be up to 15 minutes away) and delivered; a server's own Retry-After stands
 * (see Outbox.retryAllNow). Every start of the background also delivers what is due by itself.
 *
 * The network coming back: a window fires 'online' (Firefox's background is an event page, a
 * window). Chromium's extension service worker gets no such event ('ononline' is not in its
 * global), but its navigator.onLine follows the network: while something waits and the browser
 * is offline, it is looked at every second until the network is back. Neither wakes a stopped
 * background; the alarm and browser start-up cover that case.
 */
import type { Outbox } from './outbox';

/** The part of a window or worker global this needs. */
export interface ConnectivityScope {
  readonly navigator: { readonly onLine: boolean };
  addEventListener(type: 'online', listener: () => void): void;
}

export interface TriggerPorts {
  outbox: () => Promise<Pick<Outbox, 'retryAllNow'>>;
  /** Delivers what is due (and sets the next alarm). */
  deliverDue: () => Promise<void>;
  onError: (error: unknown) => void;
}

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
}

/** How often navigator.onLine is looked at while offline, where no 'online' event tells. */
export const ONLINE_POLL_MS = 1000;

/** Everything waiting is due now, then delivered. Never rejects: failures go to onError. */
export async function deliverWaitingNow(ports: TriggerPorts): Promise<void> {
  try {
    await (await ports.outbox()).retryAllNow();
    await ports.deliverDue();
  } catch (error) {
    ports.onError(error);
  }
}

/**
 * Delivers what waits as soon as the network comes back. Create it at the top level of the
 * background, at start; call `somethingWaits` after each delivery run that left requests
 * waiting (while online it does nothing, unless that run began offline; where the 'online'
 * event is there to tell, it does not look at the network either).
 */
export function deliverWhenBackOnline(scope: ConnectivityScope, ports: TriggerPorts, timers: Timers = globalThis) {
  const hasOnlineEvent = 'ononline' in scope;
  if (hasOnlineEvent) scope.addEventListener('online', () => void deliverWaitingNow(ports));
  let watching = false;
  const look = () => {
    if (!scope.navigator.onLine) {
      timers.setTimeout(look, ONLINE_POLL_MS);
      return;
    }
    watching = false;
    void deliverWaitingNow(ports);
  };
  return {
    /** `startedOffline`: the delivery run that left requests waiting began while the browser was offline. */
    somethingWaits({ startedOffline = false }: { startedOffline?: boolean } = {}): void {
      if (scope.navigator.onLine) {
        // The network came back while this run was failing for want of it; what the network's
        // return started then found the request being sent, and left it to this run.
        if (startedOffline) void deliverWaitingNow(ports);
        return;
      }
      if (hasOnlineEvent || watching) return;
      watching = true;
      timers.setTimeout(look, ONLINE_POLL_MS);
    },
  };
}
