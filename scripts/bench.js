// npm run bench — the performance budgets, measured on the built extension in headless
// Chromium and Firefox ESR against the replica portal (bench/run.ts). Builds dist/chrome and
// dist/firefox first when missing or older than their sources. Prints a table, writes bench-results.json and the table of docs/bench.md; exits 0 whatever the
// budgets say (it reports, it does not gate), non-zero only when a measurement could not be taken.
//
//   npm run bench                       build if needed, 9 click runs, 15 page-load rounds
//   npm run bench -- --runs=12          more click runs per viewport (at least 7)
//   npm run bench -- --rounds=25        more page-load rounds (with ours, an empty script, none; at least 7)
//   npm run bench -- --no-build         measure dist/chrome and dist/firefox as they are
//   npm run bench -- --page-loads-only  only the page loads, with and without an error shown (docs/bench.md untouched)
//   npm run bench -- --output=FILE      JSON elsewhere than ./bench-results.json
//
// The measurement code is TypeScript and reuses the e2e harness (test/e2e/): Node 20 cannot
// run it directly, so it goes through Vite's module runner (runnerImport), as vite.config.ts does.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runnerImport } from 'vite';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
/** The builds measured, each with its npm script. */
const BUILDS = [
  { dir: 'dist/chrome', script: 'build:chrome' },
  { dir: 'dist/firefox', script: 'build:firefox' },
];
/** What each build is made from. */
const SOURCES = ['manifest.json', 'package.json', 'vite.config.ts', 'extension', 'src', 'public'];
const MIN_RUNS = 7;

/**
 * @param {string[]} argv
 * @returns {{ runs?: number, pageLoadRounds?: number, output?: string, build: boolean, pageLoadsOnly?: boolean }}
 */
function parseArgs(argv) {
  /** @type {{ runs?: number, pageLoadRounds?: number, output?: string, build: boolean, pageLoadsOnly?: boolean }} */
  const options = { build: true };
  for (const arg of argv) {
    const [name, raw] = arg.split('=', 2);
    const count = () => {
      const value = Number(raw);
      if (!Number.isInteger(value) || value < MIN_RUNS) throw new Error(`${name} wants an integer ≥ ${MIN_RUNS}, got "${raw}"`);
      return value;
    };
    if (name === '--runs') options.runs = count();
    else if (name === '--rounds') options.pageLoadRounds = count();
    else if (name === '--output' && raw) options.output = resolve(process.cwd(), raw);
    else if (arg === '--no-build') options.build = false;
    else if (arg === '--page-loads-only') options.pageLoadsOnly = true;
    else throw new Error(`unknown argument "${arg}" (see scripts/bench.js)`);
  }
  return options;
}

/**
 * Newest modification time under a file or folder, in ms.
 * @param {string} path
 * @returns {number}
 */
function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((newest, entry) => Math.max(newest, newestMtime(join(path, entry))), stat.mtimeMs);
}

/**
 * Why the build needs making again, or undefined when it is up to date.
 * @param {string} dir
 * @returns {string | undefined}
 */
function staleness(dir) {
  const manifest = join(ROOT, dir, 'manifest.json');
  if (!existsSync(manifest)) return `${dir} is missing`;
  const built = statSync(manifest).mtimeMs;
  const changed = SOURCES.filter((source) => newestMtime(join(ROOT, source)) > built);
  return changed.length > 0 ? `${dir} is older than ${changed.join(', ')}` : undefined;
}

let options;
try {
  options = parseArgs(process.argv.slice(2));
} catch (error) {
  console.error(`✖ ${error instanceof Error ? error.message : error}`);
  process.exit(2);
}

for (const { dir, script } of BUILDS) {
  const stale = staleness(dir);
  if (stale && options.build) {
    console.log(`▶ ${stale}: npm run ${script}`);
    const result = spawnSync('npm', ['run', script], { cwd: ROOT, stdio: 'inherit' });
    if (result.status !== 0) {
      console.error('✖ the build failed; nothing measured.');
      process.exit(result.status || 1);
    }
  } else if (stale) {
    console.warn(`⚠ ${stale}; measuring it anyway (--no-build).`);
  }
}

/** @type {{ module: typeof import('../bench/run.ts') }} */
const { module: bench } = await runnerImport(join(ROOT, 'bench/run.ts'), { root: ROOT, logLevel: 'error' });
const { build: _build, ...chosen } = options;
const report = await bench.runBench({ ...bench.DEFAULT_OPTIONS, ...chosen });
// Budgets never fail the command; a measurement that could not be taken does.
if (report.errors.length > 0) process.exitCode = 1;
