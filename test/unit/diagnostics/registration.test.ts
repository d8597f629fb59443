// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { PAGE_DIAGNOSTICS_SCRIPT_ID, syncPageDiagnostics, type PageScriptRegistration, type ScriptingLike } from '../../../src/diagnostics/registration';

function fakeScripting(): ScriptingLike & { registered: PageScriptRegistration[]; calls: string[] } {
  const registered: PageScriptRegistration[] = [];
  const calls: string[] = [];
  return {
    registered,
    calls,
    async getRegisteredContentScripts({ ids }) {
      return registered.filter((script) => ids.includes(script.id));
    },
    async registerContentScripts(scripts) {
      calls.push('register');
      if (scripts.some((script) => registered.some((found) => found.id === script.id))) throw new Error('Duplicate script ID');
      registered.push(...scripts);
    },
    async unregisterContentScripts({ ids }) {
      calls.push('unregister');
      for (const id of ids) registered.splice(registered.findIndex((found) => found.id === id), 1);
    },
  };
}

const MATCHES = ['https://chorus-pro.gouv.fr/*', 'https://*.chorus-pro.gouv.fr/*'];

describe('syncPageDiagnostics', () => {
  it('registers the page-world script on portal pages only when wanted, once, and removes it when not', async () => {
    const scripting = fakeScripting();
    await syncPageDiagnostics(scripting, false, '/x.js', MATCHES);
    expect(scripting.calls).toEqual([]);
    await syncPageDiagnostics(scripting, true, '/x.js', MATCHES);
    await syncPageDiagnostics(scripting, true, '/x.js', MATCHES);
    expect(scripting.registered).toEqual([
      { id: PAGE_DIAGNOSTICS_SCRIPT_ID, js: ['/x.js'], matches: MATCHES, runAt: 'document_start', allFrames: false, world: 'MAIN' },
    ]);
    await syncPageDiagnostics(scripting, false, '/x.js', MATCHES);
    expect(scripting.registered).toEqual([]);
    expect(scripting.calls).toEqual(['register', 'unregister']);
  });
});
