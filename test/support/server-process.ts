/**
 * The server as it runs in production, in processes of its own: built once with the project's
 * server config (dist/server/main.js, as `npm run server` does), then started with PORT=0 and
 * the given environment; its address is read from the line it prints once listening.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { build } from 'vite';
import { ROOT } from '../e2e/support/paths';

const ENTRY = join(ROOT, 'dist/server/main.js');
const LISTENING = /Support backend API: (http:\/\/\S+)\/api\/v1/;

let built: Promise<void> | undefined;

/** Builds dist/server once per process. */
export function buildServer(): Promise<void> {
  built ??= build({ root: ROOT, configFile: join(ROOT, 'server/vite.config.ts'), logLevel: 'error' }).then(() => undefined);
  return built;
}

export interface ServerProcess {
  baseUrl: string;
  dataDir: string;
  stop(): Promise<void>;
}

export async function startServerProcess(env: Record<string, string> = {}): Promise<ServerProcess> {
  await buildServer();
  const dataDir = mkdtempSync(join(tmpdir(), 'chorus-help-instance-'));
  const child: ChildProcess = spawn(process.execPath, [ENTRY], {
    cwd: ROOT,
    env: { PATH: process.env['PATH'] ?? '', PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const baseUrl = await new Promise<string>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        output += chunk.toString('utf8');
        const match = LISTENING.exec(output);
        if (match?.[1]) resolve(match[1]);
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
      child.once('exit', (code) => reject(new Error(`the server exited (${code}) before listening:\n${output}`)));
    });
    // The request log is not needed once listening; reading it keeps the pipe from filling.
    child.stdout?.resume();
    return { baseUrl, dataDir, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
