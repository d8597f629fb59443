// Part of npm run lint: fails on any import cycle between the project's own files, type-only
// imports included (a type kept in the module that imports its parts ties them into one).
// ESLint's import-x/no-cycle skips type-only imports by design, hence this check.
//   node scripts/check-cycles.js [folder…]   (default: the whole project)
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const SOURCE_EXTENSIONS = ['.ts', '.js', '.svelte'];
const PROJECT_ROOTS = ['src', 'extension', 'server', 'scripts', 'bench', 'test'];
// Not the project's code, or cycles kept on purpose (the fixtures of this check's own test).
const SKIPPED = new Set(['node_modules', 'dist', 'data', 'coverage', '.tmp', 'web-ext-artifacts', path.join('test', 'fixtures', 'import-cycles')]);

/** @param {string} folder @param {string[]} found */
function collectSources(folder, found) {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    if (SKIPPED.has(entry.name) || SKIPPED.has(path.relative('.', full))) continue;
    if (entry.isDirectory()) collectSources(full, found);
    else if (SOURCE_EXTENSIONS.includes(path.extname(entry.name)) && !entry.name.endsWith('.d.ts')) found.push(full);
  }
  return found;
}

/** A relative specifier as the bundler resolves it: as written, with an extension, or a folder's index. */
function resolve(/** @type {string} */ from, /** @type {string} */ specifier) {
  if (!specifier.startsWith('.')) return null;
  const base = path.join(path.dirname(from), specifier.replace(/[?#].*$/, ''));
  const candidates = [base, ...SOURCE_EXTENSIONS.map((ext) => base + ext), ...SOURCE_EXTENSIONS.map((ext) => path.join(base, 'index' + ext))];
  return candidates.find((candidate) => existsSync(candidate) && statSync(candidate).isFile()) ?? null;
}

/** Every file `file` imports or re-exports, statically, dynamically or for types only. */
function importsOf(/** @type {string} */ file) {
  const text = readFileSync(file, 'utf8');
  const code = file.endsWith('.svelte') ? [...text.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].map((match) => match[1]).join('\n') : text;
  const { importedFiles } = ts.preProcessFile(code, true, true);
  return importedFiles.map(({ fileName }) => resolve(file, fileName)).filter((target) => target !== null);
}

/** The cycles of the import graph, one per strongly connected component (Tarjan), each as a path. */
export function findCycles(/** @type {string[]} */ folders) {
  const files = folders.flatMap((folder) => collectSources(folder, []));
  const edges = new Map(files.map((file) => [file, importsOf(file)]));
  /** @type {Map<string, { index: number, low: number }>} */
  const marks = new Map();
  /** @type {string[]} */
  const stack = [];
  /** @type {string[][]} */
  const cycles = [];
  const visit = (/** @type {string} */ file) => {
    const mark = { index: marks.size, low: marks.size };
    marks.set(file, mark);
    stack.push(file);
    for (const next of edges.get(file) ?? []) {
      if (!edges.has(next)) continue;
      const seen = marks.get(next);
      if (!seen) {
        visit(next);
        mark.low = Math.min(mark.low, /** @type {{ low: number }} */ (marks.get(next)).low);
      } else if (stack.includes(next)) mark.low = Math.min(mark.low, seen.index);
    }
    if (mark.low !== mark.index) return;
    const component = stack.splice(stack.indexOf(file));
    if (component.length > 1 || (edges.get(file) ?? []).includes(file)) cycles.push(cycleThrough(file, new Set(component), edges));
  };
  for (const file of files) if (!marks.has(file)) visit(file);
  return cycles;
}

/** One import path from `start` back to itself, inside its component. */
function cycleThrough(/** @type {string} */ start, /** @type {Set<string>} */ component, /** @type {Map<string, string[]>} */ edges) {
  /** @type {Map<string, string>} */
  const cameFrom = new Map();
  const queue = [start];
  while (queue.length > 0) {
    const file = /** @type {string} */ (queue.shift());
    for (const next of edges.get(file) ?? []) {
      if (next === start) {
        const route = [file];
        while (route[0] !== start) route.unshift(/** @type {string} */ (cameFrom.get(route[0] ?? '')));
        return [...route, start];
      }
      if (component.has(next) && !cameFrom.has(next)) {
        cameFrom.set(next, file);
        queue.push(next);
      }
    }
  }
  return [start, start];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const folders = process.argv.length > 2 ? process.argv.slice(2) : PROJECT_ROOTS;
  const cycles = findCycles(folders);
  for (const cycle of cycles) console.error(`import cycle: ${cycle.join(' → ')}`);
  if (cycles.length > 0) process.exit(1);
  console.log(`no import cycles (${folders.join(', ')})`);
}
