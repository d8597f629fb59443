/**
 * The floor of the page-load line: a throwaway extension whose only content is an empty content
 * script, loaded beside ours and matching one look-alike host the replica serves the same page on
 * (our extension does not run there). What a page load costs with it is what any extension's
 * content script costs the page (the browser makes an isolated world, in Firefox a sandbox, for
 * it and injects it at document_idle), before a line of the script runs; the bench prints it
 * beside our own ratio, in both browsers.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const EMPTY_SCRIPT_HOST = 'chorus-pro-gouv.fr';

export interface EmptyExtension {
  dir: string;
  remove(): void;
}

/** Same injection settings as our content script (manifest.json): the top frame, document_idle. */
export function writeEmptyExtension(): EmptyExtension {
  const dir = mkdtempSync(join(tmpdir(), 'chorus-bench-empty-extension-'));
  const manifest = {
    manifest_version: 3,
    name: 'Bench baseline: an empty content script',
    version: '1.0',
    // Firefox wants an id for a Manifest V3 add-on; Chromium only warns about the key.
    browser_specific_settings: { gecko: { id: 'empty-content-script@bench.invalid' } },
    content_scripts: [{ matches: [`https://${EMPTY_SCRIPT_HOST}/*`], js: ['empty.js'], run_at: 'document_idle' }],
  };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  writeFileSync(join(dir, 'empty.js'), '');
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
