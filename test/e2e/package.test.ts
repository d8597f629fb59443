/**
 * `npm run package` as a release is made: the Chrome and Firefox zips open and carry the same
 * version as package.json, and the sources zip, unpacked on its own, builds the very files of
 * the Firefox zip (what addons.mozilla.org reviewers check).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
const zipOf = (kind: 'chrome' | 'firefox' | 'sources') => resolve('web-ext-artifacts', `chorus-pro-help-assistant-${kind}-${version}.zip`);

// A release made from a shell whose NODE_ENV says otherwise must still hold production builds
// (vite.config.ts forces it): the commands run with NODE_ENV=development. dist/, which later
// tests load, is rebuilt here too.
const releaseEnv = { ...process.env, NODE_ENV: 'development' };

function run(command: string, args: string[], cwd = process.cwd()): string {
  const result = spawnSync(command, args, { cwd, env: releaseEnv, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

const entriesOf = (zip: string) => run('unzip', ['-Z1', zip]).split('\n').filter((line) => line && !line.endsWith('/'));
const manifestIn = (zip: string) => JSON.parse(run('unzip', ['-p', zip, 'manifest.json'])) as Record<string, unknown> & { version: string };

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('npm run package', () => {
  let workDir: string;

  beforeAll(() => {
    run('npm', ['run', 'package']);
    workDir = mkdtempSync(join(tmpdir(), 'chorus-help-package-'));
  }, 600_000);

  afterAll(() => {
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  test('the Chrome and Firefox zips open and carry the version of package.json', () => {
    const chrome = manifestIn(zipOf('chrome'));
    const firefox = manifestIn(zipOf('firefox'));
    expect([chrome.version, firefox.version]).toEqual([version, version]);
    // The pinned key is Chrome's alone; the store build for Firefox names no update address.
    expect(typeof chrome['key']).toBe('string');
    expect(firefox['key']).toBeUndefined();
    expect(JSON.stringify(firefox)).not.toContain('update_url');
    for (const zip of [zipOf('chrome'), zipOf('firefox')]) expect(entriesOf(zip)).toContain('extension/sidebar/index.html');
  });

  test('the Chrome and Firefox zips hold production builds, without Svelte’s development checks', () => {
    for (const zip of [zipOf('chrome'), zipOf('firefox')]) {
      const scripts = run('unzip', ['-p', zip, '*.js']);
      expect(scripts.length).toBeGreaterThan(100_000);
      expect(scripts.includes('__svelte_meta'), `${zip}: Svelte's development build`).toBe(false);
    }
  });

  test('the sources zip holds the build instructions and no test, server or secret', () => {
    const entries = entriesOf(zipOf('sources'));
    expect(entries).toEqual(expect.arrayContaining(['BUILD.md', 'package.json', 'package-lock.json', 'manifest.json', 'vite.config.ts', 'LICENSE']));
    expect(entries.filter((entry) => /^(test|server|bench|node_modules|dist)\/|\.pem$/.test(entry))).toEqual([]);
  });

  test('the sources zip, unpacked alone, builds the files of the Firefox zip byte for byte', () => {
    const sources = join(workDir, 'sources');
    const published = join(workDir, 'published');
    run('unzip', ['-q', zipOf('sources'), '-d', sources]);
    run('unzip', ['-q', zipOf('firefox'), '-d', published]);
    // The packages the lock file pins, already installed here (npm ci would fetch the same).
    symlinkSync(resolve('node_modules'), join(sources, 'node_modules'), 'dir');
    run('npm', ['run', 'build:firefox'], sources);

    const built = join(sources, 'dist/firefox');
    const names = (dir: string) => filesUnder(dir).map((file) => relative(dir, file)).sort();
    expect(names(built)).toEqual(names(published));
    for (const name of names(published)) expect(readFileSync(join(built, name)).equals(readFileSync(join(published, name))), name).toBe(true);
  });
});
