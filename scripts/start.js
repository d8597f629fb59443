// npm start — everything to try the whole path locally: builds both extensions and the
// reference support backend, starts the backend (SQLite under ./data) with its agent console,
// serves the replica portal, and prints the URLs and how to load the extension.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { runnerImport } from 'vite';

const BACKEND_PORT = Number(process.env.PORT ?? 8787);
const PORTAL_PORT = Number(process.env.PORTAL_PORT ?? 8443);
const DATA_DIR = resolve(process.env.DATA_DIR ?? 'data');

/** @param {string[]} args */
function npmRun(args) {
  const result = spawnSync('npm', ['run', ...args], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status || 1);
}

npmRun(['build']);
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

console.log(`
Built: ${resolve('dist/chrome')} and ${resolve('dist/firefox')}

Replica portal (self-signed HTTPS) on 127.0.0.1:${portal.port}, under the real host names.
Try the whole path in Chromium with the extension loaded and the portal names mapped to it:

  chromium --user-data-dir="$(mktemp -d)" --load-extension=${resolve('dist/chrome')} \\
    --host-resolver-rules="${hostRules}" --ignore-certificate-errors \\
    https://chorus-pro.gouv.fr/cpp/accueil

Support backend: http://127.0.0.1:${BACKEND_PORT}/api/v1 — set it in the extension's options
(channel "Support backend"). Agent console: http://127.0.0.1:${BACKEND_PORT}/console
(its token is in ${tokenFile}).

Load the extension in your own browser instead:
  Chrome:  chrome://extensions → Developer mode → Load unpacked → ${resolve('dist/chrome')}
  Firefox: about:debugging#/runtime/this-firefox → Load Temporary Add-on → ${resolve('dist/firefox/manifest.json')}

Ctrl+C stops everything.`);

for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
  process.once(signal, () => {
    backend.kill('SIGTERM');
    void portal.close().then(() => process.exit(0));
  });
}
backend.on('exit', (code) => {
  if (code) {
    console.error(`The support backend stopped (exit ${code}).`);
    void portal.close().then(() => process.exit(code));
  }
});
