/**
 * The page-world script that notes technical details is registered only while the user has
 * them switched on, so nothing runs in portal pages' own world otherwise. The background
 * calls this at start and whenever the settings change; it converges on the wanted state.
 */
export const PAGE_DIAGNOSTICS_SCRIPT_ID = 'page-diagnostics';

export interface PageScriptRegistration {
  id: string;
  js: string[];
  matches: string[];
  runAt: 'document_start';
  allFrames: false;
  world: 'MAIN';
}

/** The subset of browser.scripting used. */
export interface ScriptingLike {
  getRegisteredContentScripts(filter: { ids: string[] }): Promise<{ id: string }[]>;
  registerContentScripts(scripts: PageScriptRegistration[]): Promise<void>;
  unregisterContentScripts(filter: { ids: string[] }): Promise<void>;
}

export async function syncPageDiagnostics(scripting: ScriptingLike, wanted: boolean, script: string, matches: string[]): Promise<void> {
  const ids = [PAGE_DIAGNOSTICS_SCRIPT_ID];
  const registered = (await scripting.getRegisteredContentScripts({ ids })).some((found) => found.id === PAGE_DIAGNOSTICS_SCRIPT_ID);
  if (wanted && !registered) {
    await scripting.registerContentScripts([{ id: PAGE_DIAGNOSTICS_SCRIPT_ID, js: [script], matches, runAt: 'document_start', allFrames: false, world: 'MAIN' }]);
  } else if (!wanted && registered) {
    await scripting.unregisterContentScripts({ ids });
  }
}
