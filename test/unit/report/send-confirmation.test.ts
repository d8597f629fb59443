import { describe, expect, test } from 'vitest';
import { createSendGate, needsSendConfirmation, SEND_SETTLE_MS } from '../../../src/report/send-confirmation';

describe('when a Send must be confirmed', () => {
  test('within the moment after opening, or before any trusted input; not once both are past', () => {
    expect(needsSendConfirmation({ openedAt: 100, now: 100 + SEND_SETTLE_MS - 1, trustedInputSeen: true })).toBe(true);
    expect(needsSendConfirmation({ openedAt: 100, now: 100 + SEND_SETTLE_MS, trustedInputSeen: false })).toBe(true);
    expect(needsSendConfirmation({ openedAt: 100, now: 100 + 60_000, trustedInputSeen: false })).toBe(true);
    expect(needsSendConfirmation({ openedAt: 100, now: 100 + SEND_SETTLE_MS, trustedInputSeen: true })).toBe(false);
  });
});

describe('send gate', () => {
  function gateAt(trusted: (event: Event) => boolean) {
    const clock = { now: 5_000 };
    const target = new EventTarget();
    const gate = createSendGate({ target, now: () => clock.now, trusted });
    return { clock, target, gate };
  }

  test('a trusted key or pointer event, after the moment, lets Send go at once', () => {
    for (const type of ['keydown', 'pointerdown', 'mousedown', 'click']) {
      const { clock, target, gate } = gateAt(() => true);
      clock.now += SEND_SETTLE_MS;
      expect(gate.needsConfirmation()).toBe(true);
      target.dispatchEvent(new Event(type));
      expect(gate.needsConfirmation()).toBe(false);
    }
  });

  test('trusted input within the moment still asks until the moment is past', () => {
    const { clock, target, gate } = gateAt(() => true);
    target.dispatchEvent(new Event('pointerdown'));
    clock.now += SEND_SETTLE_MS - 1;
    expect(gate.needsConfirmation()).toBe(true);
    clock.now += 1;
    expect(gate.needsConfirmation()).toBe(false);
  });

  test('untrusted events, of any kind, never count as the user', () => {
    const { clock, target, gate } = gateAt((event) => event.isTrusted);
    clock.now += 60_000;
    for (const type of ['keydown', 'pointerdown', 'mousedown', 'click']) target.dispatchEvent(new Event(type));
    expect(gate.needsConfirmation()).toBe(true);
  });

  test('other events are not input; stopped, the gate listens no more', () => {
    const { clock, target, gate } = gateAt(() => true);
    clock.now += 60_000;
    target.dispatchEvent(new Event('focus'));
    target.dispatchEvent(new Event('scroll'));
    expect(gate.needsConfirmation()).toBe(true);
    gate.stop();
    target.dispatchEvent(new Event('click'));
    expect(gate.needsConfirmation()).toBe(true);
  });
});

describe('send gate and the sidebar put in sight', () => {
  test('each time the sidebar is shown, the moment starts again', () => {
    const clock = { now: 0 };
    const target = new EventTarget();
    const gate = createSendGate({ target, now: () => clock.now, trusted: () => true });
    target.dispatchEvent(new Event('keydown'));
    clock.now = 10_000;
    expect(gate.needsConfirmation()).toBe(false);
    gate.shown();
    expect(gate.needsConfirmation()).toBe(true);
    clock.now = 10_000 + SEND_SETTLE_MS;
    expect(gate.needsConfirmation()).toBe(false);
  });
});
