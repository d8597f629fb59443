/**
 * The floors of the page-load line: a throwaway extension loaded beside ours, matching two
 * look-alike hosts the replica serves the same page on (our extension runs on neither):
 *   - on one, an empty content script. What a page load costs with it is what any extension's
 *     content script costs the page (the browser makes an isolated world, in Firefox a sandbox,
 *     for it and injects it at document_idle), before a line of the script runs;
 *   - on the other, a content script that does the least ours must do: it listens for the
 *     background's messages and, at the page's first idle moment, sends one and gets its answer
 *     (a background that answers every message). What it costs over the empty one is what any
 *     content script that talks to its background pays, before it reads anything of the page.
 * The bench prints both beside our own ratio, in both browsers.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const EMPTY_SCRIPT_HOST = 'chorus-pro-gouv.fr';
export const MESSAGING_SCRIPT_HOST = 'chorus-pro-gouv.fr.test';

export interface EmptyExtension {
  dir: string;
  remove(): void;
}

// The same API names ours uses natively (extension/shared/native-runtime.ts): `browser` in
// Firefox, `chrome` in Chromium, both answering with promises.
const MESSAGING_SCRIPT = `const api = globalThis.browser ?? globalThis.chrome;
api.runtime.onMessage.addListener(() => undefined);
requestIdleCallback(() => void api.runtime.sendMessage({ type: 'hello' }).catch(() => undefined), { timeout: 1000 });
`;
const BACKGROUND = `const api = globalThis.browser ?? globalThis.chrome;
api.runtime.onMessage.addListener((_message, _sender, sendResponse) => sendResponse({ ok: true }));
`;

/** Same injection settings as our content script (manifest.json): the top frame, document_idle. */
export function writeEmptyExtension(): EmptyExtension {
  const dir = mkdtempSync(join(tmpdir(), 'chorus-bench-empty-extension-'));
  const manifest = {
    manifest_version: 3,
    name: 'Bench baselines: an empty content script, a content script that only messages',
    version: '1.0',
    // Firefox wants an id for a Manifest V3 add-on; Chromium only warns about the key.
    browser_specific_settings: { gecko: { id: 'empty-content-script@bench.invalid' } },
    // Chromium runs the service worker, Firefox the background script (each ignores the other key).
    background: { service_worker: 'background.js', scripts: ['background.js'] },
    content_scripts: [
      { matches: [`https://${EMPTY_SCRIPT_HOST}/*`], js: ['empty.js'], run_at: 'document_idle' },
      { matches: [`https://${MESSAGING_SCRIPT_HOST}/*`], js: ['messaging.js'], run_at: 'document_idle' },
    ],
  };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  writeFileSync(join(dir, 'empty.js'), '');
  writeFileSync(join(dir, 'messaging.js'), MESSAGING_SCRIPT);
  writeFileSync(join(dir, 'background.js'), BACKGROUND);
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
