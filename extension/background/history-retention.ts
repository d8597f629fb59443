// History keeps the requests sent for as long as the options say (one year unless the user
// chose otherwise), drafts for as long as they say too (a month after their last change):
// pruned after each start of the background, once a day, and when the settings change.
// Requests still waiting to be delivered are never pruned (src/store/history.ts).
import browser from 'webextension-polyfill';
import { history } from '../../src/store/history';
import { createSettingsStore, SETTINGS_KEY } from '../../src/store/settings';
import { afterWake } from './after-wake';
import { database } from './delivery';
import { expireDrafts } from './drafts';

const PRUNE_ALARM = 'history-retention';
const settings = createSettingsStore(browser.storage.local);

async function prune(): Promise<void> {
  const { db } = await database();
  const kept = await settings.load();
  await history.prune(db, Date.now(), kept.history.retentionDays);
  await expireDrafts(kept.drafts.retentionDays);
}

function pruneNow() {
  prune().catch((error: unknown) => {
    console.error('Chorus Pro help: History or drafts could not be pruned:', error instanceof Error ? error.message : error);
  });
}

export function startHistoryRetention(): void {
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === PRUNE_ALARM) pruneNow();
  });
  browser.storage.local.onChanged.addListener((changes) => {
    if (SETTINGS_KEY in changes) pruneNow();
  });
  void browser.alarms.get(PRUNE_ALARM).then((alarm) => {
    if (!alarm) browser.alarms.create(PRUNE_ALARM, { periodInMinutes: 24 * 60 });
  });
  afterWake(pruneNow);
}
