/**
 * Coming back online starts the outbox at once, rather than at the next backoff alarm (which
 * may be up to 15 minutes away): what waited for the network is made due now, then delivered.
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

export interface BackOnlinePorts {
  outbox: () => Promise<Pick<Outbox, 'retryAllNow'>>;
  /** Delivers what is due (and sets the next alarm). */
  deliverDue: () => Promise<void>;
  onError: (error: unknown) => void;
}

/** Listens for the network coming back. Call it at the top level of the background, at start. */
export function deliverWhenBackOnline(scope: ConnectivityScope, ports: BackOnlinePorts): void {
  scope.addEventListener('online', () => {
    void (async () => {
      await (await ports.outbox()).retryAllNow();
      await ports.deliverDue();
    })().catch(ports.onError);
  });
}
