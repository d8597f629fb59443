import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { cachedManagedArea } from '../../../src/channels/settings';
import { createManagedPortalDataStore, MANAGED_PORTAL_DATA_KEY, portalDataForClick } from '../../../src/store/managed-portal-data';
import { memoryStorageArea } from '../support/memory-storage';
import { slowManagedArea } from '../support/slow-managed-area';

const PORTAL_DATA = { schema: 1, revision: '2026-12', profiles: { services: { sensitiveFields: ['#iban'] } } };

describe('the copy of the administrator\u2019s portal data', () => {
  test('nothing until an answer is kept; the portal data only, null when the area has none', async () => {
    const local = memoryStorageArea();
    const copy = createManagedPortalDataStore(local);
    expect(await copy.load()).toBeUndefined();
    await copy.keep({ portalData: PORTAL_DATA, backendUrl: 'https://support.exemple.gouv.fr', token: 'secret' });
    expect(local.items.get(MANAGED_PORTAL_DATA_KEY)).toEqual({ portalData: PORTAL_DATA });
    expect(JSON.stringify([...local.items])).not.toContain('secret');
    await copy.keep({});
    expect(await copy.load()).toEqual({ portalData: null });
  });

  test('an answer equal to the copy writes nothing (a write wakes every listener of the area)', async () => {
    const local = memoryStorageArea();
    const copy = createManagedPortalDataStore(local);
    await copy.keep({ portalData: PORTAL_DATA });
    const set = vi.spyOn(local, 'set');
    await copy.keep({ portalData: structuredClone(PORTAL_DATA) });
    expect(set).not.toHaveBeenCalled();
    await copy.keep({ portalData: { ...PORTAL_DATA, revision: '2027-01' } });
    expect(set).toHaveBeenCalledTimes(1);
  });
});

describe('the portal data a toolbar click works with', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  test('the area answered: its answer, the copy not read', async () => {
    const managed = cachedManagedArea({ get: async () => ({ portalData: PORTAL_DATA }) }, globalThis);
    await managed.get();
    const copy = { load: vi.fn(async () => ({ portalData: { schema: 1, revision: 'old' } })) };
    expect(await portalDataForClick(managed, copy, 500)).toEqual(PORTAL_DATA);
    expect(copy.load).not.toHaveBeenCalled();
  });

  test('the area not answered yet (a browser just launched): the copy, without waiting', async () => {
    const { area, answer } = slowManagedArea();
    const managed = cachedManagedArea(area, globalThis);
    const local = memoryStorageArea();
    await createManagedPortalDataStore(local).keep({ portalData: PORTAL_DATA });
    const chosen = portalDataForClick(managed, createManagedPortalDataStore(local), 500);
    // A few ms (the timers of 0 ms run at 1, as Node's do): a click waiting for the answer would still be pending.
    await vi.advanceTimersByTimeAsync(5);
    expect(await Promise.race([chosen, Promise.resolve('pending')])).toEqual(PORTAL_DATA);
    answer({});
  });

  test('the area changed since its first answer: the new answer awaited, not the copy', async () => {
    const { area, answer } = slowManagedArea();
    const managed = cachedManagedArea(area, globalThis);
    const local = memoryStorageArea();
    await createManagedPortalDataStore(local).keep({ portalData: PORTAL_DATA });
    const first = managed.get();
    answer({ portalData: PORTAL_DATA });
    await first;
    managed.changed();
    const changedData = { ...PORTAL_DATA, revision: '2027-01' };
    const chosen = portalDataForClick(managed, createManagedPortalDataStore(local), 500);
    await vi.advanceTimersByTimeAsync(5);
    expect(await Promise.race([chosen, Promise.resolve('pending')])).toBe('pending');
    answer({ portalData: changedData });
    expect(await chosen).toEqual(changedData);
  });

  test('no copy yet (the first start): the answer awaited up to the bound, then none', async () => {
    const { area, answer } = slowManagedArea();
    const managed = cachedManagedArea(area, globalThis);
    const copy = createManagedPortalDataStore(memoryStorageArea());
    const inTime = portalDataForClick(managed, copy, 500);
    await vi.advanceTimersByTimeAsync(300);
    answer({ portalData: PORTAL_DATA });
    expect(await inTime).toEqual(PORTAL_DATA);

    managed.changed();
    const late = portalDataForClick(managed, copy, 500);
    await vi.advanceTimersByTimeAsync(499);
    expect(await Promise.race([late, Promise.resolve('pending')])).toBe('pending');
    await vi.advanceTimersByTimeAsync(1);
    expect(await late).toBeUndefined();
    answer({});
  });

  test('a copy that cannot be read counts as none', async () => {
    const { area, answer } = slowManagedArea();
    const managed = cachedManagedArea(area, globalThis);
    const chosen = portalDataForClick(managed, { load: () => Promise.reject(new Error('storage unavailable')) }, 500);
    await vi.advanceTimersByTimeAsync(500);
    expect(await chosen).toBeUndefined();
    answer({});
  });
});
