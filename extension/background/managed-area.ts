// The administrator's values (managed storage) as the background reads them: once per start,
// again after a change (see cachedManagedArea for why); their portal data also kept for the next
// launch's first seconds (see src/store/managed-portal-data.ts).
import browser from 'webextension-polyfill';
import { cachedManagedArea } from '../../src/channels/settings';
import { createManagedPortalDataStore } from '../../src/store/managed-portal-data';
import { afterWake } from './after-wake';

export const managedPortalData = createManagedPortalDataStore(browser.storage.local);
// Copied as a start-up chore; a copy that could not be kept only leaves the next launch's first
// clicks waiting, as they did without one.
export const managedArea = cachedManagedArea(browser.storage.managed, globalThis, (answer) => afterWake(() => void managedPortalData.keep(answer).catch(() => undefined)));

/**
 * How long a Send or a check the user waits on waits for the administrator's values: past the
 * first read's usual delay (policies loading), short of leaving the user with no outcome when
 * the read never answers. Then nothing counts as managed, and the next call reads again.
 */
const USER_WAIT_MS = 5_000;
export const managedAreaForUser = { get: () => managedArea.getWithin(USER_WAIT_MS) };

browser.storage.managed.onChanged.addListener(() => managedArea.changed());
void managedArea.get();
