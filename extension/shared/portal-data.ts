// The administrator's portal data (managed storage, key `portalData`), and the compatibility
// check of a portal tab under it. Used by the background (click, sidebar, portal form) and by
// the options page, which both hold `scripting` and the portal's host access.
import browser from 'webextension-polyfill';
import { managedValuesOf, type ManagedAreaLike } from '../../src/channels/settings';
import { isCompatibilityReport, type CompatibilityReport } from '../../src/context/compatibility-report';
import { parsePortalData, PORTAL_DATA_KEY, type ParsedOverride, type SelectorCheck } from '../../src/context/profiles/overrides';
import { PAGE_CHECK_SCRIPT } from './pages';

/**
 * The valid part of the managed portal data and why the rest is ignored; `isSelector` where a DOM
 * can check selectors; `managed` as the caller keeps it (the background's copy).
 */
export async function loadPortalData(isSelector?: SelectorCheck, managed: ManagedAreaLike | undefined = browser.storage.managed): Promise<ParsedOverride> {
  return parsePortalData((await managedValuesOf(managed))[PORTAL_DATA_KEY], isSelector);
}

/** Runs the compatibility check in the tab's top frame, under `managed` as the caller keeps it; null when the page cannot be checked (not loaded, not the portal). */
export async function checkTabCompatibility(tabId: number, managed?: ManagedAreaLike): Promise<CompatibilityReport | null> {
  const { override } = await loadPortalData(undefined, managed);
  const target = { tabId, frameIds: [0] };
  await browser.scripting.executeScript({ target, files: [PAGE_CHECK_SCRIPT] });
  const [injection] = await browser.scripting.executeScript({
    target,
    func: (portalData: unknown) => (globalThis as typeof globalThis & { chorusProCheckPage: (data: unknown) => unknown }).chorusProCheckPage(portalData),
    args: [override],
  });
  const result: unknown = injection?.result;
  return isCompatibilityReport(result) ? result : null;
}
