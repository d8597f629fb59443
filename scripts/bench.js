// npm run bench — the performance budgets, measured on the built extension in headless
// Chromium and Firefox ESR against the replica portal (bench/run.ts). Builds dist/chrome and
// dist/firefox first when missing or older than their sources. Prints a table, writes bench-results.json and the table of docs/bench.md; exits 0 whatever the
// budgets say (it reports, it does not gate), non-zero only when a measurement could not be taken.
//
//   npm run bench                       build if needed, 9 click runs, 15 page-load rounds
//   npm run bench -- --runs=12          more click runs per viewport (at least 7)
//   npm run bench -- --rounds=25        more page-load rounds (with ours, an empty script, none; at least 7)
//   npm run bench -- --no-build         measure dist/chrome and dist/firefox as they are
//   npm run bench -- --output=FILE      JSON elsewhere than ./bench-results.json
//   npm run bench -- --only=click,under-load   only these phases: page-load, click, under-load,
//                                       whole-page, outbox, server (sizes are always read); such a run
//                                       does not rewrite docs/bench.md; --only=server alone needs
//                                       no browser and no build (the backend's storage engines)
//   npm run bench -- --browsers=firefox only this browser (chromium, firefox)
//   npm run bench -- --pages=no-error   page loads of this page only (error, no-error); with
//                                       --only=page-load, longer runs of one page (the JSON keeps
//                                       every load's figures, for pooling runs)
//
// Each run compares its budget medians with the previous run's JSON (same --output) and prints
// whether they are within ±15 % (the stability line).
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
/** What --only, --browsers and --pages accept (bench/run.ts PHASES, BROWSERS and PAGES). */
const PHASES = /** @type {const} */ (['page-load', 'click', 'under-load', 'whole-page', 'outbox', 'server']);
const BROWSER_NAMES = /** @type {const} */ (['chromium', 'firefox']);
const PAGES = /** @type {const} */ (['error', 'no-error']);

/**
 * @typedef {{ runs?: number, pageLoadRounds?: number, output?: string, only?: (typeof PHASES)[number][], browsers?: (typeof BROWSER_NAMES)[number][], pages?: (typeof PAGES)[number][], build: boolean }} BenchArgs
 */

/**
 * @param {string[]} argv
 * @returns {BenchArgs}
 */
function parseArgs(argv) {
  /** @type {BenchArgs} */
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
    else if (name === '--only') options.only = listOf(name, raw, PHASES);
    else if (name === '--browsers') options.browsers = listOf(name, raw, BROWSER_NAMES);
    else if (name === '--pages') options.pages = listOf(name, raw, PAGES);
    else if (arg === '--no-build') options.build = false;
    else throw new Error(`unknown argument "${arg}" (see scripts/bench.js)`);
  }
  return options;
}

/**
 * A comma-separated choice among `allowed`.
 * @template {string} T
 * @param {string} name
 * @param {string | undefined} raw
 * @param {readonly T[]} allowed
 * @returns {T[]}
 */
function listOf(name, raw, allowed) {
  const chosen = (raw ?? '').split(',').filter(Boolean);
  const known = chosen.filter(/** @returns {item is T} */ (item) => /** @type {readonly string[]} */ (allowed).includes(item));
  if (chosen.length === 0 || known.length < chosen.length) throw new Error(`${name} takes a comma-separated list of ${allowed.join(', ')}; got "${raw ?? ''}"`);
  return known;
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

const onlyServer = options.only?.length === 1 && options.only[0] === 'server';
for (const { dir, script } of onlyServer ? [] : BUILDS) {
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
const report = await (onlyServer ? bench.runServerBench : bench.runBench)({ ...bench.DEFAULT_OPTIONS, ...chosen });
// Budgets never fail the command; a measurement that could not be taken does.
if (report.errors.length > 0) process.exitCode = 1;
