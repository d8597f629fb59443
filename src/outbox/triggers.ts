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
 *
 * A network said to be back is not always usable at once: Wi-Fi that reconnects before it has its
 * address or its DNS, and Chromium, whose worker can read navigator.onLine as true a moment before
 * its fetch stops failing. A request that fails again for want of the network right then is tried
 * a few more times, a little later each time (SETTLING_RETRIES_MS), before its backoff alarm takes
 * over.
 */
import type { Outbox } from './outbox';

/** The part of a window or worker global this needs. */
export interface ConnectivityScope {
  readonly navigator: { readonly onLine: boolean };
  addEventListener(type: 'online', listener: () => void): void;
}

export interface TriggerPorts {
  outbox: () => Promise<Pick<Outbox, 'retryAllNow' | 'list'>>;
  /** Delivers what is due (and sets the next alarm). */
  deliverDue: () => Promise<void>;
  onError: (error: unknown) => void;
}

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
}

/** How often navigator.onLine is looked at while offline, where no 'online' event tells. */
export const ONLINE_POLL_MS = 1000;

/** After the network is back, the waits before trying again what still failed for want of it. */
export const SETTLING_RETRIES_MS = [1000, 2000, 4000, 8000] as const;

/** Everything waiting is due now, then delivered; false when that failed. Never rejects: failures go to onError. */
export async function deliverWaitingNow(ports: TriggerPorts): Promise<boolean> {
  try {
    await (await ports.outbox()).retryAllNow();
    await ports.deliverDue();
    return true;
  } catch (error) {
    ports.onError(error);
    return false;
  }
}

/** Whether a request still waits after its last try failed for want of the network. */
async function waitsForNetwork(ports: TriggerPorts): Promise<boolean> {
  try {
    return (await (await ports.outbox()).list()).some((item) => item.state === 'queued' && item.lastError?.kind === 'offline');
  } catch (error) {
    ports.onError(error);
    return false;
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
  let settling = false;
  let heardAgain = false;
  /** The network is back: what waited is delivered, and tried again while the network settles. */
  const deliverOnReturn = async () => {
    // One run of tries at a time; a return heard meanwhile (the event, then a send that began
    // offline) makes it deliver once more at once, for that send may have ended after its run.
    if (settling) {
      heardAgain = true;
      return;
    }
    settling = true;
    try {
      for (let tries = 0; ; ) {
        heardAgain = false;
        // Offline again: the event or the look at navigator.onLine starts over when it returns.
        if (!scope.navigator.onLine) return;
        // A failure here is the storage's, not the network's: reported, and left to the alarm.
        if (!(await deliverWaitingNow(ports))) return;
        if (heardAgain) continue;
        const wait = SETTLING_RETRIES_MS[tries++];
        if (wait === undefined || !(await waitsForNetwork(ports))) return;
        await new Promise<void>((resolve) => timers.setTimeout(resolve, wait));
      }
    } finally {
      settling = false;
    }
  };
  if (hasOnlineEvent) scope.addEventListener('online', () => void deliverOnReturn());
  let watching = false;
  const look = () => {
    if (!scope.navigator.onLine) {
      timers.setTimeout(look, ONLINE_POLL_MS);
      return;
    }
    watching = false;
    void deliverOnReturn();
  };
  return {
    /** `startedOffline`: the delivery run that left requests waiting began while the browser was offline. */
    somethingWaits({ startedOffline = false }: { startedOffline?: boolean } = {}): void {
      if (scope.navigator.onLine) {
        // The network came back while this run was failing for want of it; what the network's
        // return started then found the request being sent, and left it to this run.
        if (startedOffline) void deliverOnReturn();
        return;
      }
      if (hasOnlineEvent || watching) return;
      watching = true;
      timers.setTimeout(look, ONLINE_POLL_MS);
    },
  };
}
