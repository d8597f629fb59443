/**
 * `npm start` as a newcomer runs it, without a window: the Chromium it opens has the extension
 * (under its pinned id), the toolbar click works on the invoice error page it opened, a request
 * sent from there lands in the support backend it started, and killing `npm start` leaves no
 * process behind.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { pinnedExtensionId } from '../../scripts/extension-id.js';
import { validRequest } from '../support/request-fixture';
import { PortalPage } from './pages/portal-page';
import { connectChromium } from './support/chromium';
import { waitFor } from './support/wait';

/** A port free on 127.0.0.1 at the time of asking. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** Whether something accepts connections on this port of 127.0.0.1. */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createServer().once('error', () => resolve(true));
    socket.listen(port, '127.0.0.1', () => socket.close(() => resolve(false)));
  });
}

/** A process's command line, its arguments NUL-separated as it shows them ('' when it is gone meanwhile). */
function commandLineOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return '';
  }
}

/** Ids of the running processes whose command line contains `text`. */
function processesWith(text: string): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number)
    .filter((pid) => commandLineOf(pid).includes(text));
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('npm start', () => {
  let launcher: ChildProcess;
  let output = '';
  let dataDir: string;
  let ports: { backend: number; portal: number; debug: number };
  let profileDir: string;

  beforeAll(async () => {
    ports = { backend: await freePort(), portal: await freePort(), debug: await freePort() };
    dataDir = mkdtempSync(join(tmpdir(), 'chorus-help-start-'));
    launcher = spawn('npm', ['start', '--', '--headless', `--debug-port=${ports.debug}`], {
      // Its own process group, to find every process it started at the end.
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, PORT: String(ports.backend), PORTAL_PORT: String(ports.portal), DATA_DIR: dataDir, LANGUAGE: 'fr', LANG: 'fr_FR.UTF-8' },
    });
    launcher.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    launcher.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    // It builds the extension and the backend first: minutes on a busy 2-core machine.
    await waitFor('npm start to open the browser', () => output.includes('is open on a throwaway profile') || launcher.exitCode !== null, { timeoutMs: 300_000 });
    if (launcher.exitCode !== null) throw new Error(`npm start ended (exit ${launcher.exitCode}):\n${output.slice(-2000)}`);
    // The browser's own process: Chromium's children carry a --type= and rewrite their command
    // line into one string, and one may have a lower id than the browser's.
    const browserArgs = processesWith(`--remote-debugging-port=${ports.debug}`)
      .map((pid) => commandLineOf(pid).split('\0'))
      .find((args) => !args.some((arg) => arg.includes('--type=')));
    const profileArg = browserArgs?.find((arg) => arg.startsWith('--user-data-dir='));
    if (!profileArg) throw new Error(`no Chromium browser process with --remote-debugging-port=${ports.debug} and a profile`);
    profileDir = profileArg.slice('--user-data-dir='.length);
  }, 360_000);

  afterAll(() => {
    if (launcher.exitCode === null && groupAlive(launcher.pid!)) process.kill(-launcher.pid!, 'SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('the browser it opened has the extension; from the error page it opened, a request lands in the backend it started', async () => {
    const browser = await connectChromium(`http://127.0.0.1:${ports.debug}`, 'fr', pinnedExtensionId());
    try {
      const tab = await waitFor('the invoice error page', () => browser.findTab('https://chorus-pro.gouv.fr/cpp/facture'));
      expect(await browser.findTab(`http://127.0.0.1:${ports.backend}/console`)).toBeDefined();
      const sidebar = await new PortalPage(tab).openSidebarFresh();
      const outcome = await sidebar.send('backend', validRequest({ pageUrl: tab.url(), invoiceNumbers: ['F2026-0042'] }), []);

      expect(outcome).toMatchObject({ status: 'delivered', reference: expect.stringMatching(/^CPH-\d{4}-\d{6}$/) });
      const database = new Database(join(dataDir, 'support.sqlite'), { readonly: true });
      try {
        expect(database.prepare('SELECT reference FROM requests').all()).toEqual([{ reference: (outcome as { reference: string }).reference }]);
      } finally {
        database.close();
      }
    } finally {
      await browser.close();
    }
  });

  test('killing npm start leaves no process behind', async () => {
    expect(processesWith(profileDir).length).toBeGreaterThan(0);
    process.kill(launcher.pid!, 'SIGTERM');

    await waitFor('every process npm start started to end', () => !groupAlive(launcher.pid!) && processesWith(profileDir).length === 0, { timeoutMs: 30_000 });
    expect(await listening(ports.backend)).toBe(false);
    expect(await listening(ports.portal)).toBe(false);
    expect(existsSync(profileDir)).toBe(false);
  });
});
