// Delivery, background side: the outbox in IndexedDB (the background is its only writer),
// the two channels, the retry alarm and the toolbar badge. The logic is in src/outbox and
// src/channels; this file connects it to the browser.
import browser from 'webextension-polyfill';
import { BACKEND_ANSWER_TIMEOUT_MS, createBackendChannel, DEFAULT_BACKEND_TIMEOUT_MS } from '../../src/channels/backend';
import type { FillReport } from '../../src/channels/portal-form';
import { loadPortalData } from '../shared/portal-data';
import { afterWake } from './after-wake';
import { managedAreaForUser } from './managed-area';
import { createPortalChannel, loadInTab, waitForPortalPage, type FormHandoff, type HandoffPorts } from '../../src/channels/portal-handoff';
import { backendTargetOf, createChannelSettingsStore } from '../../src/channels/settings';
import type { HistoryExport, RequestsOverview, SendOutcome, SendRequest } from '../../src/protocol/background';
import { refreshStatuses } from '../../src/channels/status-refresh';
import { acceptRequest } from '../../src/outbox/accept';
import { deliverWaitingNow, deliverWhenBackOnline, type TriggerPorts } from '../../src/outbox/triggers';
import { createOutbox, type Outbox } from '../../src/outbox/outbox';
import { recoverAtStartUp } from '../../src/outbox/start-up';
import { openHelpDb, type HelpDb } from '../../src/store/db';
import { StorageError } from '../../src/store/errors';
import { history } from '../../src/store/history';
import type { ChannelKind } from '../../src/store/records';
import { FORM_FILLER_SCRIPT } from '../shared/pages';

const RETRY_ALARM = 'outbox-retry';

const channelSettings = createChannelSettingsStore(browser.storage.local, managedAreaForUser);

let opened: Promise<{ db: HelpDb; outbox: Outbox }> | undefined;
let recovered = false;
export function database() {
  if (!opened) {
    const opening = openHelpDb({
      // Another version of the extension took the database over, or the browser closed it:
      // open it again on next use.
      onClose: () => (opened = undefined),
    }).then(async (db) => {
      const outbox = createOutbox(db, { now: Date.now, random: Math.random });
      // This background has just started and is the only writer: interrupted sends are due
      // again and files a crash left unreferenced are deleted, before any message is served.
      if (!recovered) {
        recovered = true;
        await recoverAtStartUp(db, outbox);
      }
      return { db, outbox };
    });
    // An opening that failed (blocked by an older page, storage unavailable) is tried again on next use.
    opening.catch(() => {
      if (opened === opening) opened = undefined;
    });
    opened = opening;
  }
  return opened;
}

const handoffPorts: HandoffPorts = {
  async openTab(url, openerTabId) {
    const opener = openerTabId === undefined ? undefined : await browser.tabs.get(openerTabId).catch(() => undefined);
    const tab = await browser.tabs.create({
      url,
      active: true,
      ...(opener ? { openerTabId: opener.id, index: opener.index + 1, windowId: opener.windowId } : {}),
    });
    if (tab.id === undefined) throw new Error('the new tab has no id');
    return tab.id;
  },
  waitForLoad: (tabId) => waitForPortalPage(browser.tabs, tabId),
  navigate: (tabId, url) => loadInTab(browser.tabs, tabId, url),
  async injectFormFiller(tabId) {
    await browser.scripting.executeScript({ target: { tabId, frameIds: [0] }, files: [FORM_FILLER_SCRIPT] });
  },
  async callFormFiller(tabId, handoff) {
    const [injection] = await browser.scripting.executeScript({
      target: { tabId, frameIds: [0] },
      func: (given: FormHandoff) => (globalThis as typeof globalThis & { chorusProFillForm?: (h: FormHandoff) => unknown }).chorusProFillForm?.(given),
      args: [handoff],
    });
    return injection?.result;
  },
};

async function backendChannel() {
  const target = backendTargetOf(await channelSettings.load());
  return target && createBackendChannel({ ...target, fetch: (input, init) => fetch(input, init), timeoutMs: DEFAULT_BACKEND_TIMEOUT_MS, answerTimeoutMs: BACKEND_ANSWER_TIMEOUT_MS });
}

// The outbox deliveries running in this background. A send whose item another run claimed
// (another tab sent at the same moment) waits for that run, so that its outcome says what
// happened to it rather than "being sent".
const runs = new Set<Promise<unknown>>();
function tracked<T>(run: Promise<T>): Promise<T> {
  runs.add(run);
  run.then(
    () => runs.delete(run),
    () => runs.delete(run),
  );
  return run;
}

const triggers: TriggerPorts = { outbox: async () => (await database()).outbox, deliverDue, onError: logFailure };
const backOnline = deliverWhenBackOnline(globalThis, triggers);

/** Delivers what is due on the backend channel, then sets the next wake-up and the badge. */
export async function deliverDue(): Promise<void> {
  const startedOffline = !navigator.onLine;
  const { outbox } = await database();
  const channel = await backendChannel();
  if (channel) await tracked(outbox.deliverDue(channel));
  await afterChange({ startedOffline });
}

async function afterChange(run: { startedOffline: boolean }) {
  const { outbox } = await database();
  const [next, pending] = await Promise.all([outbox.nextWakeUp('backend'), outbox.pendingCount()]);
  if (next === undefined) await browser.alarms.clear(RETRY_ALARM);
  else {
    await browser.alarms.create(RETRY_ALARM, { when: Math.max(next, Date.now() + 1000) });
    backOnline.somethingWaits(run);
  }
  await browser.action.setBadgeText({ text: pending > 0 ? String(pending) : '' });
  await browser.action.setBadgeBackgroundColor({ color: '#000091' });
}

export async function sendRequest(send: SendRequest, fromTabId: number): Promise<SendOutcome> {
  const channel: ChannelKind = send.channel;
  const backend = channel === 'backend' ? await backendChannel() : null;
  if (channel === 'backend' && !backend) return { status: 'notConfigured' };
  let outbox: Outbox;
  let accepted: Awaited<ReturnType<typeof acceptRequest>>;
  try {
    const opened = await database();
    outbox = opened.outbox;
    accepted = await acceptRequest(opened.db, outbox, send, Date.now());
  } catch (error) {
    // Nothing was kept: the sidebar says why in plain words and keeps what was typed.
    if (error instanceof StorageError) return { status: 'storageFailed', reason: error.kind };
    throw error;
  }
  if (!accepted.ok) return { status: 'invalid', errors: accepted.errors };

  let handoff: FillReport | undefined;
  const deliveryChannel =
    backend ??
    createPortalChannel(handoffPorts, {
      openerTabId: fromTabId,
      onHandoff: (_itemId, result) => {
        handoff = result.report;
      },
      portalData: async () => (await loadPortalData(undefined, managedAreaForUser)).override,
    });
  const startedOffline = !navigator.onLine;
  await tracked(outbox.deliverDue(deliveryChannel));
  if ((await outbox.get(accepted.item.id))?.state === 'sending') await Promise.allSettled([...runs]);
  await afterChange({ startedOffline });
  const item = await outbox.get(accepted.item.id);
  const state = item?.state ?? 'delivered';
  return {
    status: state,
    outboxId: accepted.item.id,
    ...(item?.reference ? { reference: item.reference } : {}),
    ...(item?.lastError ? { error: item.lastError } : {}),
    ...(handoff ? { handoff } : {}),
  };
}

/** "Retry now": waiting backend requests are due at once (failed ones too), then delivered. */
export async function retryWaiting(): Promise<RequestsOverview> {
  const { outbox } = await database();
  for (const item of await outbox.list()) if (item.channel === 'backend' && item.state !== 'sending') await outbox.retryNow(item.id);
  await deliverDue();
  return listRequests();
}

export async function listRequests(): Promise<RequestsOverview> {
  const { db, outbox } = await database();
  const [waiting, sent] = await Promise.all([outbox.list(), history.list(db)]);
  return {
    waiting: waiting.map((item) => ({
      id: item.id,
      title: item.title,
      channel: item.channel,
      route: item.route,
      status: item.state,
      at: item.createdAt,
      ...(item.lastError ? { error: item.lastError } : {}),
      overdue: item.overdue,
    })),
    sent: sent.map((entry) => ({
      id: entry.id,
      title: entry.title,
      channel: entry.channel,
      route: entry.route,
      status: entry.status,
      at: entry.sentAt,
      ...(entry.reference ? { reference: entry.reference } : {}),
    })),
  };
}

export function startDelivery(): void {
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === RETRY_ALARM) void deliverDue().catch(logFailure);
  });
  // The browser starting or the network coming back (backOnline): whatever waits is tried at once.
  browser.runtime.onStartup.addListener(() => void deliverWaitingNow(triggers));
  // Any start of the background (a stopped worker woken by an event): what is due goes.
  afterWake(() => void deliverDue().catch(logFailure));
}

/** How long History waits for one status from the backend: a slow server only leaves the old status shown. */
const STATUS_TIMEOUT_MS = 5_000;

/** History opened: the backend is asked for the newest requests' statuses, new ones stored, then the lists. */
export async function refreshRequests(): Promise<RequestsOverview> {
  const { db } = await database();
  const target = backendTargetOf(await channelSettings.load());
  if (target) {
    const channel = createBackendChannel({ ...target, fetch: (input, init) => fetch(input, init), timeoutMs: STATUS_TIMEOUT_MS });
    const changes = await refreshStatuses(await history.list(db), (serverId) => channel.fetchRequestStatus(serverId));
    const at = Date.now();
    for (const change of changes) await history.updateStatus(db, change.id, change.status, at);
  }
  return listRequests();
}

export async function exportRequests(): Promise<HistoryExport> {
  const { db } = await database();
  const now = Date.now();
  return { fileName: `demandes-chorus-pro-${new Date(now).toISOString().slice(0, 10)}.json`, json: await history.exportAll(db, now) };
}

/** Erases History (requests sent); requests still waiting are not history and stay. */
export async function eraseRequests(): Promise<RequestsOverview> {
  const { db } = await database();
  await history.eraseAll(db);
  return listRequests();
}

function logFailure(error: unknown) {
  console.error('Chorus Pro help: delivery failed:', error instanceof Error ? error.message : error);
}
