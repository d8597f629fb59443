// Options page: the profile pre-filled into requests, and privacy (OptionsApp.svelte).
import { mount } from 'svelte';
import browser from 'webextension-polyfill';
import { createChannelSettingsStore } from '../../src/channels/settings';
import { DB_NAME } from '../../src/store/db';
import { createSettingsStore } from '../../src/store/settings';
import { t, uiLocale } from '../shared/i18n';
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

document.documentElement.lang = uiLocale();
document.title = t('optionsHeading');
mount(OptionsApp, {
  target: document.getElementById('app') as HTMLElement,
  props: { store: createSettingsStore(browser.storage.local), channelStore: createChannelSettingsStore(browser.storage.local, browser.storage.managed), eraseAll },
});
