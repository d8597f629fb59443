/**
 * The settings' storage key, and the one switch the always-on script reads without loading the
 * settings store (src/store/settings.ts), which would make that script several times larger.
 */
export const SETTINGS_KEY = 'settings';

/** Whether the path is recorded, from the raw stored settings: on unless switched off. */
export function pathRecordingEnabled(stored: unknown): boolean {
  if (typeof stored !== 'object' || stored === null) return true;
  const privacy = (stored as { privacy?: unknown }).privacy;
  return !(typeof privacy === 'object' && privacy !== null && (privacy as { recordPath?: unknown }).recordPath === false);
}
