// @vitest-environment node
import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { deliverWaitingNow, deliverWhenBackOnline, ONLINE_POLL_MS, SETTLING_RETRIES_MS } from '../../../src/outbox/triggers';
import { createOutbox } from '../../../src/outbox/outbox';
import { settle, T0, useFreshDatabase } from '../store/support';
import { fakeBackend, seededRandom } from './support';

const database = useFreshDatabase();

/** A window's global: it fires 'online' (Firefox's background page). */
class WindowLike extends EventTarget {
  ononline = null;
  navigator = { onLine: true };
}

/** Chromium's extension service worker: navigator.onLine follows the network, and no 'online' event. */
class WorkerLike extends EventTarget {
  navigator = { onLine: false };
}

/** Timers that only fire when the test says so; each wait asked for is noted. */
function manualTimers() {
  const pending: (() => void)[] = [];
  const waits: number[] = [];
  return {
    pending,
    waits,
    setTimeout: (callback: () => void, ms: number) => {
      waits.push(ms);
      pending.push(callback);
    },
    fire: () => pending.splice(0).forEach((callback) => callback()),
  };
}

const failsForWantOfNetwork = { ok: false, retryable: true, error: { kind: 'offline', message: 'Failed to fetch' } } as const;

describe('the outbox started by the network coming back or the browser starting', () => {
  it('makes what waited for the network due now and delivers it, without waiting for the backoff alarm', async () => {
    const db = await database.open();
    const clock = { at: T0 };
    const outbox = createOutbox(db, { now: () => clock.at, random: seededRandom(1) });
    const item = await outbox.enqueue({ channel: 'backend', title: 'hors ligne', route: 'chorus-support', payload: {}, attachmentIds: [] });
    await outbox.deliverDue({ kind: 'backend', deliver: async () => ({ ok: false, retryable: true, error: { kind: 'offline' } }) });
    clock.at += 500;
    const backoffAlarm = (await outbox.nextWakeUp())!;
    expect(backoffAlarm).toBeGreaterThan(clock.at);

    const scope = new WindowLike();
    const backend = fakeBackend();
    const deliveries: string[] = [];
    let delivered = () => {};
    const done = new Promise<void>((resolve) => (delivered = resolve));
    deliverWhenBackOnline(scope, {
      outbox: async () => outbox,
      deliverDue: async () => {
        deliveries.push(...(await outbox.deliverDue(backend.channel)).map((handled) => handled.state));
        delivered();
      },
      onError: (error) => {
        throw error;
      },
    });
    scope.dispatchEvent(new Event('offline'));
    await settle();
    expect(deliveries).toEqual([]);

    scope.dispatchEvent(new Event('online'));
    await done;
    expect(deliveries).toEqual(['delivered']);
    // Delivered with the clock still before the alarm time: the event, not the alarm, sent it.
    expect(clock.at).toBeLessThan(backoffAlarm);
    expect(backend.calls.map((call) => call.id)).toEqual([item.id]);
  });

  it('reports a failure instead of leaving it unhandled', async () => {
    const scope = new WindowLike();
    const errors: unknown[] = [];
    let reported = () => {};
    const done = new Promise<void>((resolve) => (reported = resolve));
    deliverWhenBackOnline(scope, {
      outbox: () => Promise.reject(new Error('database blocked')),
      deliverDue: async () => {},
      onError: (error) => {
        errors.push(error);
        reported();
      },
    });
    scope.dispatchEvent(new Event('online'));
    await done;
    expect(errors).toEqual([new Error('database blocked')]);
  });

  it('at browser start-up, delivers what waited, without waiting for its backoff', async () => {
    const db = await database.open();
    const clock = { at: T0 };
    const outbox = createOutbox(db, { now: () => clock.at, random: seededRandom(2) });
    await outbox.enqueue({ channel: 'backend', title: 'avant fermeture', route: 'chorus-support', payload: {}, attachmentIds: [] });
    for (let attempt = 0; attempt < 4; attempt++) {
      await outbox.deliverDue({ kind: 'backend', deliver: async () => ({ ok: false, retryable: true, error: { kind: 'offline' } }) });
      clock.at = (await outbox.nextWakeUp())!;
    }
    clock.at -= 1;
    const backend = fakeBackend();
    const errors: unknown[] = [];
    await deliverWaitingNow({ outbox: async () => outbox, deliverDue: async () => void (await outbox.deliverDue(backend.channel)), onError: (error) => errors.push(error) });
    expect(errors).toEqual([]);
    expect(backend.stored.size).toBe(1);
    expect(await outbox.list()).toEqual([]);
  });

  it("where no 'online' event is fired (Chromium's service worker), looks at navigator.onLine while something waits offline, and delivers once it is back", async () => {
    const scope = new WorkerLike();
    const timers = manualTimers();
    const runs: string[] = [];
    let delivered = () => {};
    const done = new Promise<void>((resolve) => (delivered = resolve));
    const watch = deliverWhenBackOnline(
      scope,
      {
        outbox: async () => ({ retryAllNow: async () => runs.push('due now'), list: async () => [] }),
        deliverDue: async () => {
          runs.push('delivered');
          delivered();
        },
        onError: (error) => {
          throw error;
        },
      },
      timers,
    );
    scope.dispatchEvent(new Event('online'));
    watch.somethingWaits();
    watch.somethingWaits();
    // One look at a time, a second apart.
    expect(timers.pending).toHaveLength(1);
    expect(ONLINE_POLL_MS).toBe(1000);
    timers.fire();
    await settle();
    expect(runs).toEqual([]);
    expect(timers.pending).toHaveLength(1);

    scope.navigator.onLine = true;
    timers.fire();
    await done;
    expect(runs).toEqual(['due now', 'delivered']);
    expect(timers.pending).toHaveLength(0);
    // Online: nothing to watch.
    watch.somethingWaits();
    expect(timers.pending).toHaveLength(0);
  });

  it('a run that began offline and ended once the network was back delivers again at once, in either kind of background', async () => {
    for (const scope of [new WorkerLike(), new WindowLike()]) {
      const timers = manualTimers();
      const runs: string[] = [];
      const watch = deliverWhenBackOnline(
        scope,
        {
          outbox: async () => ({ retryAllNow: async () => runs.push('due now'), list: async () => [] }),
          deliverDue: async () => void runs.push('delivered'),
          onError: (error) => {
            throw error;
          },
        },
        timers,
      );
      // The network came back while the run was failing; what its return started found the
      // request being sent. That run then leaves it waiting, the browser online again.
      scope.navigator.onLine = true;
      watch.somethingWaits({ startedOffline: true });
      await vi.waitFor(() => expect(runs).toEqual(['due now', 'delivered']));
      // A run begun online leaves its backoff to the alarm: no loop while a server is down.
      watch.somethingWaits({ startedOffline: false });
      watch.somethingWaits();
      await settle();
      expect(runs).toEqual(['due now', 'delivered']);
      expect(timers.pending).toHaveLength(0);
    }
  });

  it("where the 'online' event is fired, does not look at navigator.onLine", () => {
    const scope = new WindowLike();
    scope.navigator.onLine = false;
    const timers = manualTimers();
    deliverWhenBackOnline(scope, { outbox: async () => ({ retryAllNow: async () => 0, list: async () => [] }), deliverDue: async () => {}, onError: () => {} }, timers).somethingWaits();
    expect(timers.pending).toHaveLength(0);
  });

  /** An outbox holding one request that failed for want of the network, and a watch on the network's return. */
  async function waitingOffline(seed: number, script: Parameters<typeof fakeBackend>[0]) {
    const db = await database.open();
    const clock = { at: T0 };
    const outbox = createOutbox(db, { now: () => clock.at, random: seededRandom(seed) });
    await outbox.enqueue({ channel: 'backend', title: 'retour du réseau', route: 'chorus-support', payload: {}, attachmentIds: [] });
    await outbox.deliverDue({ kind: 'backend', deliver: async () => failsForWantOfNetwork });
    const scope = new WindowLike();
    const timers = manualTimers();
    const backend = fakeBackend(script);
    const errors: unknown[] = [];
    deliverWhenBackOnline(scope, { outbox: async () => outbox, deliverDue: async () => void (await outbox.deliverDue(backend.channel)), onError: (error) => errors.push(error) }, timers);
    return { outbox, scope, timers, backend, errors };
  }

  it('a request that fails again for want of the network just after it came back is tried again a second later, and delivered', async () => {
    const { outbox, scope, timers, backend, errors } = await waitingOffline(3, [failsForWantOfNetwork]);
    scope.dispatchEvent(new Event('online'));
    await vi.waitFor(() => expect(timers.pending).toHaveLength(1));
    expect(backend.calls).toHaveLength(1);
    expect(timers.waits).toEqual([SETTLING_RETRIES_MS[0]]);
    timers.fire();
    await vi.waitFor(() => expect(backend.stored.size).toBe(1));
    await settle();
    expect(await outbox.list()).toEqual([]);
    expect(backend.calls).toHaveLength(2);
    expect(timers.pending).toHaveLength(0);
    expect(errors).toEqual([]);
  });

  it('a network that stays unusable after it came back: tried a few times, each wait longer, then left to the backoff alarm', async () => {
    const { outbox, scope, timers, backend } = await waitingOffline(4, Array(10).fill(failsForWantOfNetwork));
    scope.dispatchEvent(new Event('online'));
    for (let fired = 0; fired < SETTLING_RETRIES_MS.length; fired++) {
      await vi.waitFor(() => expect(timers.pending).toHaveLength(1));
      timers.fire();
    }
    await vi.waitFor(() => expect(backend.calls).toHaveLength(1 + SETTLING_RETRIES_MS.length));
    await settle();
    expect(timers.pending).toHaveLength(0);
    expect(timers.waits).toEqual([...SETTLING_RETRIES_MS]);
    expect(SETTLING_RETRIES_MS.reduce((sum, wait) => sum + wait, 0)).toBeLessThanOrEqual(15_000);
    expect((await outbox.list()).map((item) => [item.state, item.lastError?.kind])).toEqual([['queued', 'offline']]);
  });

  it('a server in trouble after the network came back is left to the backoff alarm: no tries while it settles', async () => {
    const { outbox, scope, timers, backend } = await waitingOffline(5, [{ ok: false, retryable: true, error: { kind: 'server', message: '503' } }]);
    scope.dispatchEvent(new Event('online'));
    await vi.waitFor(() => expect(backend.calls).toHaveLength(1));
    await settle();
    expect(timers.pending).toHaveLength(0);
    expect((await outbox.list()).map((item) => item.lastError?.kind)).toEqual(['server']);
  });

  it('offline again while the network settles: the tries stop, and start over when it comes back', async () => {
    const { outbox, scope, timers, backend } = await waitingOffline(6, [failsForWantOfNetwork]);
    scope.dispatchEvent(new Event('online'));
    await vi.waitFor(() => expect(timers.pending).toHaveLength(1));
    scope.navigator.onLine = false;
    timers.fire();
    await settle();
    expect(backend.calls).toHaveLength(1);
    expect(timers.pending).toHaveLength(0);
    scope.navigator.onLine = true;
    scope.dispatchEvent(new Event('online'));
    await vi.waitFor(() => expect(backend.stored.size).toBe(1));
    await settle();
    expect(await outbox.list()).toEqual([]);
  });
});
