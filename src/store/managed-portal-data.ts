/**
 * The administrator's portal data (managed storage) as the managed area last answered, kept in
 * storage.local across browser restarts. Chromium answers an extension's first read of its
 * managed area only once the browser's policies have loaded, 3–4 s after launch: a toolbar click
 * made meanwhile masks its screenshot with this copy instead of waiting for the answer and then
 * going without the administrator's masks. Only the portal data is copied (selectors, labels,
 * lists); the backend's address and token are read fresh by whatever sends.
 */
import type { CachedManagedArea } from '../channels/settings';
import { PORTAL_DATA_KEY } from '../context/profiles/overrides';
import type { StorageAreaLike } from './session-room';

export const MANAGED_PORTAL_DATA_KEY = 'managedPortalData';

/** The copy: `portalData` null when the area answered without any. */
interface ManagedPortalDataCopy {
  portalData: unknown;
}

function copyOf(stored: unknown): ManagedPortalDataCopy | undefined {
  return typeof stored === 'object' && stored !== null && 'portalData' in stored ? { portalData: (stored as ManagedPortalDataCopy).portalData } : undefined;
}

export function createManagedPortalDataStore(area: Pick<StorageAreaLike, 'get' | 'set'>) {
  const load = async () => copyOf((await area.get(MANAGED_PORTAL_DATA_KEY))[MANAGED_PORTAL_DATA_KEY]);
  return {
    /** undefined until a first answer was kept. */
    load,
    /** Keeps the portal data of one answer of the managed area; written only when it differs from the copy (every write wakes the area's listeners). */
    async keep(answer: Record<string, unknown>): Promise<void> {
      const portalData = answer[PORTAL_DATA_KEY] ?? null;
      const kept = await load();
      if (kept && JSON.stringify(kept.portalData) === JSON.stringify(portalData)) return;
      await area.set({ [MANAGED_PORTAL_DATA_KEY]: { portalData } satisfies ManagedPortalDataCopy });
    },
  };
}

/**
 * The portal data a toolbar click works with: the area's answer when it has one. Before the
 * area's first answer in this life of the background, the copy at once (the same data unless the
 * administrator changed it while the browser was closed); without a copy (the extension's first
 * start), or once the area has answered and then changed, the answer awaited up to `waitMs`, then
 * none. The copy is read only before the area's first answer.
 */
export async function portalDataForClick(
  managed: Pick<CachedManagedArea, 'answeredWithin' | 'hasAnswered'>,
  copy: Pick<ReturnType<typeof createManagedPortalDataStore>, 'load'>,
  waitMs: number,
): Promise<unknown> {
  const answer = await managed.answeredWithin(0);
  if (answer) return answer[PORTAL_DATA_KEY];
  const kept = managed.hasAnswered() ? undefined : await copy.load().catch(() => undefined);
  if (kept) return kept.portalData;
  return (await managed.answeredWithin(waitMs))?.[PORTAL_DATA_KEY];
}
