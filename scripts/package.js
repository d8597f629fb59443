// npm run package — what the stores take, in web-ext-artifacts/: the Chrome zip, the Firefox
// zip, and the sources zip that addons.mozilla.org asks for when the code is bundled (the files
// the build reads, with BUILD.md saying how to build the same Firefox zip from them).
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const ARTIFACTS = resolve('web-ext-artifacts');

/** The tracked files the extension's build reads: its sources, assets, manifest and build configuration. */
const SOURCE_PATHS = ['extension', 'src', 'public', 'manifest.json', 'package.json', 'package-lock.json', 'tsconfig.json', 'vite.config.ts', '.nvmrc', 'LICENSE', 'README.md'];

/** @param {string} command @param {string[]} args @param {{ cwd?: string }} [options] */
function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (result.status !== 0) process.exit(result.status || 1);
}

run('npm', ['run', 'build']);
for (const target of ['chrome', 'firefox']) {
  run('npx', ['web-ext', 'build', '--source-dir', `dist/${target}`, '--artifacts-dir', ARTIFACTS, '--filename', `chorus-pro-help-assistant-${target}-${version}.zip`, '--overwrite-dest']);
}

// Committed files only (as a reviewer would get them from the repository), copied as they are now.
const listed = spawnSync('git', ['ls-files', '-z', '--', ...SOURCE_PATHS], { encoding: 'utf8' });
if (listed.status !== 0) throw new Error(`git ls-files failed: ${listed.stderr}`);
const files = listed.stdout.split('\0').filter(Boolean);
const staging = mkdtempSync(join(tmpdir(), 'chorus-help-sources-'));
try {
  for (const file of files) {
    mkdirSync(dirname(join(staging, file)), { recursive: true });
    copyFileSync(file, join(staging, file));
  }
  copyFileSync('docs/store/build-from-sources.md', join(staging, 'BUILD.md'));
  const zipFile = join(ARTIFACTS, `chorus-pro-help-assistant-sources-${version}.zip`);
  rmSync(zipFile, { force: true });
  // -X: no extra file attributes, so the zip depends on the files only.
  run('zip', ['-q', '-X', '-r', zipFile, '.'], { cwd: staging });
  console.log(`Sources: ${zipFile} (${files.length + 1} files)`);
} finally {
  rmSync(staging, { recursive: true, force: true });
}
