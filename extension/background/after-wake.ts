// Every start of the background (any event wakes it) has its chores: what is due is sent, History
// and drafts are pruned, the technical details' registration is checked, the administrator's
// portal data is copied. They wait, out of the way of the event that woke it: run at once, they
// held a toolbar click that started the background by 20–45 ms in both browsers, 12–20 ms of it
// before the sidebar's frame was even in the page. Such a click is done within about 0.3 s here;
// the delay leaves a slow machine room.
const START_CHORES_DELAY_MS = 2_000;

/** Runs a chore of the background's start a little later, out of the way of the event that woke it. */
export function afterWake(chore: () => void): void {
  setTimeout(chore, START_CHORES_DELAY_MS);
}
