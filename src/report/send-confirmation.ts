// A Send is the moment data leaves the browser. A page cannot press the sidebar's buttons
// through script (the sidebar is another origin), but it can lure the user's own click onto
// them: a target that the sidebar covers as it opens, a double click whose second half lands
// on a button that just appeared. So a Send asks for a last confirmation, in the sidebar,
// while the sidebar is younger than a moment or before any real key or pointer event reached
// the sidebar's document.

/**
 * The moment, in ms. A person needs some 200–300 ms to notice a new element and react to it,
 * so a click aimed at the page just before the sidebar appeared lands within it; Firefox holds
 * its own install and download prompts' buttons for the same second. Anyone who opens the
 * sidebar, reads the request and then sends is never asked.
 */
export const SEND_SETTLE_MS = 1000;

/** The events that show a person is at the sidebar: keys and pointer, only when trusted. */
export const USER_INPUT_EVENTS = ['keydown', 'pointerdown', 'mousedown', 'click'] as const;

export interface SendMoment {
  /** When the sidebar opened, on the same clock as `now`. */
  openedAt: number;
  now: number;
  /** A trusted key or pointer event reached the sidebar's document. */
  trustedInputSeen: boolean;
}

export function needsSendConfirmation({ openedAt, now, trustedInputSeen }: SendMoment): boolean {
  return !trustedInputSeen || now - openedAt < SEND_SETTLE_MS;
}

export interface SendGateOptions {
  /** The sidebar's window: every key and pointer event of its document reaches it first. */
  target: Pick<EventTarget, 'addEventListener' | 'removeEventListener'>;
  /** A monotonic clock in ms (performance.now in the sidebar). */
  now: () => number;
  /** When the sidebar opened; the gate's creation when not given. */
  openedAt?: number;
  /** Whether an event comes from the user (event.isTrusted). */
  trusted?: (event: Event) => boolean;
}

export interface SendGate {
  /** Whether a Send pressed now must be confirmed before anything is sent. */
  needsConfirmation(): boolean;
  /**
   * The sidebar was put in sight: shown after loading out of sight, or back after a retake
   * took it out. Its moment starts again.
   */
  shown(): void;
  stop(): void;
}

export function createSendGate({ target, now, openedAt = now(), trusted = (event) => event.isTrusted }: SendGateOptions): SendGate {
  let trustedInputSeen = false;
  let shownAt = openedAt;
  const onInput = (event: Event) => {
    if (!trusted(event)) return;
    trustedInputSeen = true;
    stop();
  };
  // Capture phase: seen before any handler of the document, the Send button's own included.
  const stop = () => {
    for (const type of USER_INPUT_EVENTS) target.removeEventListener(type, onInput, true);
  };
  for (const type of USER_INPUT_EVENTS) target.addEventListener(type, onInput, true);
  return {
    needsConfirmation: () => needsSendConfirmation({ openedAt: shownAt, now: now(), trustedInputSeen }),
    shown() {
      shownAt = now();
    },
    stop,
  };
}
