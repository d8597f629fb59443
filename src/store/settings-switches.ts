/**
 * The settings' storage key, and the switches the always-on script needs, read without loading
 * the settings store (src/store/settings.ts), which would make that script several times larger.
 */
import type { PathLists } from '../context/profiles/index';

export const SETTINGS_KEY = 'settings';

function privacySwitch(stored: unknown, name: string): unknown {
  if (typeof stored !== 'object' || stored === null) return undefined;
  const privacy = (stored as { privacy?: unknown }).privacy;
  return typeof privacy === 'object' && privacy !== null ? (privacy as Record<string, unknown>)[name] : undefined;
}

/** Whether the path is recorded, from the raw stored settings: on unless switched off. */
export function pathRecordingEnabled(stored: unknown): boolean {
  return privacySwitch(stored, 'recordPath') !== false;
}

/** Whether technical details (script errors, failed requests) are noted: off unless switched on. */
export function technicalDetailsEnabled(stored: unknown): boolean {
  return privacySwitch(stored, 'captureConsoleAndNetwork') === true;
}

/** What the always-on script of a portal page does, as the settings say. */
export interface ContentSwitches {
  recordPath: boolean;
  technicalDetails: boolean;
}

/** The switches, and the path recorder's lists for the page: that script then bundles no portal data. */
export interface ContentStart extends ContentSwitches {
  pathLists: PathLists;
}

/**
 * The always-on script's switches from the raw stored settings. The background reads them and
 * hands them over: a Firefox content script reading storage.local opens the extension's
 * database in the page's own process, on every portal page load.
 */
export function contentSwitches(stored: unknown): ContentSwitches {
  return { recordPath: pathRecordingEnabled(stored), technicalDetails: technicalDetailsEnabled(stored) };
}

/** Whether "Besoin d'aide ?" is offered beside a portal page's error: on unless switched off. */
export function offerHelpEnabled(stored: unknown): boolean {
  return privacySwitch(stored, 'offerHelp') !== false;
}
