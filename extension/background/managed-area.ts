// The administrator's values (managed storage) as the background reads them: once per start,
// again after a change (see cachedManagedArea for why).
import browser from 'webextension-polyfill';
import { cachedManagedArea } from '../../src/channels/settings';

export const managedArea = cachedManagedArea(browser.storage.managed, globalThis);

browser.storage.onChanged.addListener((_changes, area) => {
  if (area === 'managed') managedArea.changed();
});
void managedArea.get();
