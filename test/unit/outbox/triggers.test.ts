// @vitest-environment node
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { deliverWaitingNow, deliverWhenBackOnline } from '../../../src/outbox/triggers';
import { createOutbox } from '../../../src/outbox/outbox';
import { settle, T0, useFreshDatabase } from '../store/support';
import { fakeBackend, seededRandom } from './support';

const database = useFreshDatabase();

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

    const scope = new EventTarget();
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
    const scope = new EventTarget();
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
});
