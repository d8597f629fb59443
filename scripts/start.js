// npm start — the whole path, ready to try: builds the extension and the reference support
// backend, starts the backend (SQLite under ./data) with its agent console, serves the replica
// portal, then opens Chromium (or Firefox: `npm start -- --firefox`) on a throwaway profile with
// the extension loaded and pointed at that backend, on a replica invoice page showing an error,
// with the agent console in a second tab. A change under extension/, src/ or public/ rebuilds the
// extension and reloads it in that browser.
//
//   --firefox      Firefox ESR instead of Chromium
//   --no-browser   open nothing: print how to load the extension by hand (also without a display)
//   --headless     open the browser without a window (for machines without a display, and tests)
//   --debug-port=N Chromium only: let a test drive the opened browser over CDP on this port
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, watch, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { runnerImport } from 'vite';
import { openChromium, openFirefox } from './dev-browser.js';

const args = process.argv.slice(2);
const flag = (/** @type {string} */ name) => args.includes(name);
const debugPort = args.find((arg) => arg.startsWith('--debug-port='))?.split('=')[1];
const target = flag('--firefox') ? 'firefox' : 'chrome';
const hasDisplay = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
const openBrowser = !flag('--no-browser') && (hasDisplay || flag('--headless'));

const BACKEND_PORT = Number(process.env.PORT ?? 8787);
const PORTAL_PORT = Number(process.env.PORTAL_PORT ?? 8443);
const DATA_DIR = resolve(process.env.DATA_DIR ?? 'data');
const BACKEND_URL = `http://127.0.0.1:${BACKEND_PORT}`;
const CONSOLE_URL = `${BACKEND_URL}/console`;
const EXTENSION_DIR = resolve(`dist/${target}`);

/** @param {string[]} npmArgs */
function npmRun(npmArgs) {
  const result = spawnSync('npm', ['run', ...npmArgs], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status || 1);
}

// With a browser, only its extension is built (and rebuilt on change); without, both, to load by hand.
npmRun(openBrowser ? [`build:${target}`] : ['build']);
npmRun(['build:server']);

// The console's token: generated once, kept in a file only the user can read, never printed.
mkdirSync(DATA_DIR, { recursive: true });
const tokenFile = resolve(DATA_DIR, 'console-token');
if (!process.env.CONSOLE_TOKEN && !existsSync(tokenFile)) writeFileSync(tokenFile, randomBytes(24).toString('base64url'), { mode: 0o600 });
const consoleToken = process.env.CONSOLE_TOKEN ?? readFileSync(tokenFile, 'utf8').trim();

const backend = spawn(process.execPath, ['dist/server/main.js'], {
  stdio: 'inherit',
  env: { ...process.env, PORT: String(BACKEND_PORT), DATA_DIR, CONSOLE_TOKEN: consoleToken },
});

/** @type {{ startPortalServer: (options: { port: number }) => Promise<{ port: number; close(): Promise<void> }>; ALL_HOSTS: string[] }} */
const portalModule = (await runnerImport('./test/support/portal-server.ts')).module;
const portal = await portalModule.startPortalServer({ port: PORTAL_PORT });
const hostRules = portalModule.ALL_HOSTS.map((host) => `MAP ${host} 127.0.0.1:${portal.port}`).join(', ');

/** @type {import('./dev-browser.js').DevBrowser | undefined} */
let browser;
/** @type {import('node:fs').FSWatcher[]} */
const watchers = [];
/** @type {import('node:child_process').ChildProcess | undefined} */
let rebuilding;
let stopping = false;

async function stop(/** @type {number} */ code) {
  if (stopping) return;
  stopping = true;
  for (const watcher of watchers) watcher.close();
  rebuilding?.kill('SIGTERM');
  await browser?.close();
  backend.kill('SIGTERM');
  await portal.close();
  process.exit(code);
}

for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM', 'SIGHUP'])) process.once(signal, () => void stop(0));
// npm exits on SIGTERM without passing it on: when the process that started this one is gone,
// stop too, so that killing `npm start` leaves nothing running.
const parent = process.ppid;
setInterval(() => {
  try {
    process.kill(parent, 0);
  } catch {
    void stop(0);
  }
}, 500).unref();
backend.on('exit', (code) => {
  if (stopping) return;
  console.error(`The support backend stopped (exit ${code}).`);
  void stop(code || 1);
});

if (!openBrowser) {
  console.log(`
Built: ${resolve('dist/chrome')} and ${resolve('dist/firefox')}
${flag('--no-browser') ? '' : '\nNo display found: nothing opened (--headless opens the browser without a window).\n'}
Replica portal (self-signed HTTPS) on 127.0.0.1:${portal.port}, under the real host names.
Try the whole path in Chromium with the extension loaded and the portal names mapped to it:

  chromium --user-data-dir="$(mktemp -d)" --load-extension=${resolve('dist/chrome')} \\
    --host-resolver-rules="${hostRules}" --ignore-certificate-errors \\
    https://chorus-pro.gouv.fr/cpp/facture?numero=F2026-0042

Support backend: ${BACKEND_URL} — set it in the extension's options (channel "Support backend").
Agent console: ${CONSOLE_URL} (its token is in ${tokenFile}).

Load the extension in your own browser instead:
  Chrome:  chrome://extensions → Developer mode → Load unpacked → ${resolve('dist/chrome')}
  Firefox: about:debugging#/runtime/this-firefox → Load Temporary Add-on → ${resolve('dist/firefox/manifest.json')}

Ctrl+C stops everything.`);
} else {
  const open = target === 'firefox' ? openFirefox : openChromium;
  browser = await open({
    extensionDir: EXTENSION_DIR,
    portalHosts: portalModule.ALL_HOSTS,
    portalPort: portal.port,
    urls: (origin) => [`${origin('chorus-pro.gouv.fr')}/cpp/facture?numero=F2026-0042`],
    channelSettings: { channel: 'backend', backendUrl: BACKEND_URL, token: '' },
    agentConsole: { url: CONSOLE_URL, token: consoleToken },
    headless: flag('--headless'),
    ...(debugPort === undefined ? {} : { debugPort: Number(debugPort) }),
  }).catch(async (/** @type {unknown} */ error) => {
    console.error('The browser could not be opened:', error);
    await stop(1);
    throw error;
  });
  void browser.closed.then(() => stop(0));
  watchForChanges();
  console.log(`
${target === 'firefox' ? 'Firefox' : 'Chromium'} is open on a throwaway profile with the extension, sending to the support backend
${BACKEND_URL} (agent console in the second tab). Click the extension's icon on the invoice page.
A change under extension/, src/ or public/ rebuilds the extension and reloads it.
Closing the browser or Ctrl+C stops everything.`);
}

/** Rebuilds the extension after a change (changes in a burst count once) and reloads it in the browser. */
function watchForChanges() {
  /** @type {NodeJS.Timeout | undefined} */
  let pending;
  let building = false;
  let again = false;
  const rebuild = () => {
    if (building) {
      again = true;
      return;
    }
    building = true;
    console.log(`\nRebuilding the ${target} extension…`);
    const build = spawn('npm', ['run', `build:${target}`, '--silent'], { stdio: ['ignore', 'ignore', 'inherit'] });
    rebuilding = build;
    build.on('exit', (code) => {
      building = false;
      rebuilding = undefined;
      if (stopping) return;
      if (code === 0) void browser?.reload().then(() => console.log('Extension reloaded.'));
      else console.error('The build failed: the browser keeps the previous build.');
      if (again) {
        again = false;
        rebuild();
      }
    });
  };
  for (const folder of ['extension', 'src', 'public']) {
    watchers.push(
      watch(folder, { recursive: true }, () => {
        clearTimeout(pending);
        pending = setTimeout(rebuild, 300);
      }),
    );
  }
}
