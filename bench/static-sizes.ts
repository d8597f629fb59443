/**
 * Sizes read from the build itself (dist/chrome): the always-on content script(s) named by the
 * built manifest, and everything the sidebar page loads up front (its HTML references and the
 * static imports of its modules, followed transitively). Dynamic imports, with what they import
 * in turn, are counted apart: they are what the sidebar loads later, on demand.
 */
import { readFileSync } from 'node:fs';
import { posix } from 'node:path';
import { gzipSync } from 'node:zlib';

/** The sidebar's page, as the build names it. */
export const SIDEBAR_HTML = 'extension/sidebar/index.html';

export interface FileSize {
  /** Path inside the extension, without leading slash. */
  path: string;
  bytes: number;
  gzipBytes: number;
}

/** gzip at level 9: a stable, reproducible figure for what the browser reads from the package. */
export function sizeOf(buildDir: string, path: string): FileSize {
  const content = readFileSync(`${buildDir}/${path}`);
  return { path, bytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length };
}

export function contentScriptSizes(buildDir: string): FileSize[] {
  const manifest = JSON.parse(readFileSync(`${buildDir}/manifest.json`, 'utf8')) as { content_scripts?: { js?: string[]; css?: string[] }[] };
  const files = new Set((manifest.content_scripts ?? []).flatMap((script) => [...(script.js ?? []), ...(script.css ?? [])]));
  if (files.size === 0) throw new Error(`${buildDir}/manifest.json declares no content script`);
  return [...files].map((file) => sizeOf(buildDir, file.replace(/^\//, '')));
}

// Minified ES modules: `import"x"`, `import{a}from"x"`, `export*from"x"`; and `import("x")`, which
// the bundler may write with backquotes.
const STATIC_IMPORT = /(?:\bimport|\bfrom)\s*["']([^"']+\.(?:js|mjs|css))["']/g;
const DYNAMIC_IMPORT = /\bimport\(\s*["'`]([^"'`]+\.(?:js|mjs))["'`]\s*\)/g;
// <script src>, <link href> (stylesheet, modulepreload) of the built HTML page.
const HTML_REFERENCE = /<(?:script|link)\b[^>]*?\b(?:src|href)\s*=\s*["']([^"']+)["']/g;

function resolveFrom(fromPath: string, specifier: string): string {
  if (specifier.startsWith('/')) return specifier.slice(1);
  return posix.normalize(posix.join(posix.dirname(fromPath), specifier));
}

export interface PageBundle {
  /** Loaded when the page opens: the HTML itself, its scripts and styles, their static imports. */
  upfront: FileSize[];
  /** Reachable only through dynamic import(), with what those modules import: loaded later, on demand. */
  lazy: FileSize[];
}

/** What a file of the package loads with it (its HTML references or static imports) and through dynamic import(). */
function referencesOf(buildDir: string, path: string): { loaded: string[]; dynamic: string[] } {
  if (!/\.(?:html|js|mjs)$/.test(path)) return { loaded: [], dynamic: [] };
  const text = readFileSync(`${buildDir}/${path}`, 'utf8');
  const html = path.endsWith('.html');
  const loaded = [...text.matchAll(html ? HTML_REFERENCE : STATIC_IMPORT)]
    .map((match) => match[1]!)
    .filter((specifier) => !/^[a-z][a-z0-9+.-]*:/i.test(specifier)) // absolute URL: not part of the package
    .map((specifier) => resolveFrom(path, specifier));
  const dynamic = html ? [] : [...text.matchAll(DYNAMIC_IMPORT)].map((match) => resolveFrom(path, match[1]!));
  return { loaded, dynamic };
}

export function pageBundle(buildDir: string, htmlPath: string): PageBundle {
  const upfront = new Map<string, FileSize>();
  const lazy: string[] = [];
  const pending = [htmlPath];
  while (pending.length > 0) {
    const path = pending.pop()!;
    if (upfront.has(path)) continue;
    upfront.set(path, sizeOf(buildDir, path));
    const { loaded, dynamic } = referencesOf(buildDir, path);
    pending.push(...loaded);
    lazy.push(...dynamic);
  }
  // What the dynamic imports load: each module with its own imports, static and dynamic, once.
  const later = new Map<string, FileSize>();
  while (lazy.length > 0) {
    const path = lazy.pop()!;
    if (upfront.has(path) || later.has(path)) continue;
    later.set(path, sizeOf(buildDir, path));
    const { loaded, dynamic } = referencesOf(buildDir, path);
    lazy.push(...loaded, ...dynamic);
  }
  return { upfront: [...upfront.values()], lazy: [...later.values()] };
}

export const total = (files: readonly FileSize[], key: 'bytes' | 'gzipBytes') => files.reduce((sum, file) => sum + file[key], 0);
