// Options page: the profile pre-filled into requests, the channel, the portal data in effect
// with its compatibility check, and privacy (OptionsApp.svelte).
import { mount } from 'svelte';
import browser from 'webextension-polyfill';
import { createChannelSettingsStore } from '../../src/channels/settings';
import type { CompatibilityReport } from '../../src/context/compatibility-report';
import { domSelectorCheck } from '../../src/context/profiles/overrides';
import { DB_NAME } from '../../src/store/db';
import { createSettingsStore } from '../../src/store/settings';
import { t, uiLocale } from '../shared/i18n';
import { checkTabCompatibility, loadPortalData } from '../shared/portal-data';
import OptionsApp from './OptionsApp.svelte';

/** Everything the extension keeps in this browser: storage areas and its IndexedDB database. */
async function eraseAll(): Promise<void> {
  await Promise.all([
    browser.storage.local.clear(),
    browser.storage.session?.clear(),
    new Promise<void>((resolve, reject) => {
      const request = indexedDB.deleteDatabase(DB_NAME);
      request.onsuccess = () => resolve();
      request.onerror = () => reject(request.error ?? new Error('could not delete the database'));
      // Another page holds it open: it is deleted as soon as that page lets go.
      request.onblocked = () => resolve();
    }),
  ]);
}

/** The compatibility check of the portal tab the user was on last; 'noTab' when none is open. */
async function checkLatestPortalTab(): Promise<CompatibilityReport | 'noTab' | null> {
  const tabs = await browser.tabs.query({ url: browser.runtime.getManifest().host_permissions ?? [] });
  const latest = tabs.filter((tab) => tab.id !== undefined).sort((a, b) => (b.lastAccessed ?? 0) - (a.lastAccessed ?? 0))[0];
  return latest?.id === undefined ? 'noTab' : checkTabCompatibility(latest.id);
}

document.documentElement.lang = uiLocale();
document.title = t('optionsHeading');
mount(OptionsApp, {
  target: document.getElementById('app') as HTMLElement,
  props: {
    store: createSettingsStore(browser.storage.local),
    channelStore: createChannelSettingsStore(browser.storage.local, browser.storage.managed),
    eraseAll,
    portal: { load: () => loadPortalData(domSelectorCheck(document)), check: checkLatestPortalTab, extensionVersion: browser.runtime.getManifest().version },
  },
});
