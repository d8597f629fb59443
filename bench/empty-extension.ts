/**
 * The floors of the page-load line: a throwaway extension loaded beside ours, matching three
 * look-alike hosts the replica serves the same page on (our extension runs on none):
 *   - on one, an empty content script. What a page load costs with it is what any extension's
 *     content script costs the page (the browser makes an isolated world, in Firefox a sandbox,
 *     for it and injects it at document_idle), before a line of the script runs;
 *   - on the second, a content script that does the least ours must do: it listens for the
 *     background's messages and, at the page's first idle moment, sends one and gets its answer
 *     (a background that answers every message). What it costs over the empty one is what any
 *     content script that talks to its background pays, before it reads anything of the page;
 *   - on the third, the messaging one that, once answered, looks for an error once with the
 *     selectors ours uses and watches the body for the changes ours watches; beside an error it
 *     shows one button, in a closed shadow root, placed from one measurement of the error and of
 *     itself (as ours places its offer). What it costs over the empty one is what any content
 *     script that sees the errors a page shows costs it, and on a page showing one, what any
 *     in-page offer adds: the page laid out again and painted with the button.
 * The bench prints them beside our own ratio, in both browsers, on both pages.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathListsOf, profileFor } from '../src/context/profiles/index';
import { ERROR_WATCH, errorCandidates, SETTLE_DELAY_MS } from '../src/trail/recorder';

/** Where the portal's classic pages are: the floor finds the errors ours would find there. */
const CLASSIC_HOST = 'chorus-pro.gouv.fr';

export const EMPTY_SCRIPT_HOST = 'chorus-pro-gouv.fr';
export const MESSAGING_SCRIPT_HOST = 'chorus-pro-gouv.fr.test';
export const WATCHING_SCRIPT_HOST = 'chorus-pro-gouv.test';

export interface EmptyExtension {
  dir: string;
  remove(): void;
}

/**
 * Listens for the background's messages and sends one at the page's first idle moment;
 * `answered` (a function's name) takes the answer. The same API names ours uses natively
 * (extension/shared/native-runtime.ts): `browser` in Firefox, `chrome` in Chromium, both
 * answering with promises.
 */
function messagingScript(answered?: string): string {
  return `const api = globalThis.browser ?? globalThis.chrome;
api.runtime.onMessage.addListener(() => undefined);
requestIdleCallback(() => void api.runtime.sendMessage({ type: 'hello' })${answered ? `.then(${answered})` : ''}.catch(() => undefined), { timeout: 1000 });
`;
}

/** Where the least watcher looks for errors, and what it watches: what ours looks for and watches. */
export interface ErrorWatch {
  candidates: string;
  watch: MutationObserverInit;
  scanDelayMs: number;
}

/**
 * The messaging script that, once answered, does the least a path recorder that sees errors
 * must: it looks for an error once (one query of the selectors ours uses) and watches the body
 * for the changes ours watches, looking again a while after they settle (ours does the same).
 * Where it finds an error, it shows one button right after it: below it, from its left edge
 * (ours goes there too when the error's right has no room).
 */
export function watchingScript({ candidates, watch, scanDelayMs }: ErrorWatch): string {
  return `${messagingScript('watchErrors')}
let offered = false;
function lookForError() {
  const error = document.querySelector(${JSON.stringify(candidates)});
  if (error && !offered) showOffer(error);
}
function watchErrors() {
  lookForError();
  let scheduled;
  // Kept on the world's global: Firefox may collect an observer nothing references.
  globalThis.errorWatch = new MutationObserver(() => {
    scheduled ??= setTimeout(() => {
      scheduled = undefined;
      lookForError();
    }, ${scanDelayMs});
  });
  globalThis.errorWatch.observe(document.body, ${JSON.stringify(watch)});
}
function showOffer(error) {
  offered = true;
  const host = document.createElement('bench-offer');
  const root = host.attachShadow({ mode: 'closed' });
  const style = document.createElement('style');
  style.textContent = ':host{all:initial}button{font:14px/1.3 sans-serif;padding:4px 8px;border-radius:4px;border:1px solid #000091;background:#000091;color:#fff}';
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = 'Besoin d’aide ?';
  root.append(style, button);
  const placed = (left, top) => host.setAttribute('style', 'all: initial !important; position: absolute !important; z-index: 2147483646 !important; display: block !important; left: ' + left + 'px !important; top: ' + top + 'px !important');
  placed(0, 0);
  error.after(host);
  const target = error.getBoundingClientRect();
  const origin = host.getBoundingClientRect();
  placed(Math.round(target.left - origin.left), Math.round(target.bottom + 8 - origin.top));
}
`;
}

const BACKGROUND = `const api = globalThis.browser ?? globalThis.chrome;
api.runtime.onMessage.addListener((_message, _sender, sendResponse) => sendResponse({ ok: true }));
`;

/** Same injection settings as our content script (manifest.json): the top frame, document_idle. */
export function writeEmptyExtension(): EmptyExtension {
  const dir = mkdtempSync(join(tmpdir(), 'chorus-bench-empty-extension-'));
  const manifest = {
    manifest_version: 3,
    name: 'Bench baselines: an empty content script, one that only messages, one that also watches for errors',
    version: '1.0',
    // Firefox wants an id for a Manifest V3 add-on; Chromium only warns about the key.
    browser_specific_settings: { gecko: { id: 'empty-content-script@bench.invalid' } },
    // Chromium runs the service worker, Firefox the background script (each ignores the other key).
    background: { service_worker: 'background.js', scripts: ['background.js'] },
    content_scripts: [
      { matches: [`https://${EMPTY_SCRIPT_HOST}/*`], js: ['empty.js'], run_at: 'document_idle' },
      { matches: [`https://${MESSAGING_SCRIPT_HOST}/*`], js: ['messaging.js'], run_at: 'document_idle' },
      { matches: [`https://${WATCHING_SCRIPT_HOST}/*`], js: ['watching.js'], run_at: 'document_idle' },
    ],
  };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  writeFileSync(join(dir, 'empty.js'), '');
  writeFileSync(join(dir, 'messaging.js'), messagingScript());
  const watch = { candidates: errorCandidates(pathListsOf(profileFor(`https://${CLASSIC_HOST}/cpp/`))), watch: ERROR_WATCH, scanDelayMs: SETTLE_DELAY_MS };
  writeFileSync(join(dir, 'watching.js'), watchingScript(watch));
  writeFileSync(join(dir, 'background.js'), BACKGROUND);
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
