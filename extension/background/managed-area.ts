// The administrator's values (managed storage) as the background reads them: once per start,
// again after a change (see cachedManagedArea for why).
import browser from 'webextension-polyfill';
import { cachedManagedArea } from '../../src/channels/settings';

export const managedArea = cachedManagedArea(browser.storage.managed, globalThis);

/**
 * How long a Send or a check the user waits on waits for the administrator's values: past the
 * first read's usual delay (policies loading), short of leaving the user with no outcome when
 * the read never answers. Then nothing counts as managed, and the next call reads again.
 */
const USER_WAIT_MS = 5_000;
export const managedAreaForUser = { get: () => managedArea.getWithin(USER_WAIT_MS) };

browser.storage.managed.onChanged.addListener(() => managedArea.changed());
void managedArea.get();
