// @vitest-environment node
// docs/architecture.md is the newcomer's map: every folder of extension/ and src/ has its paragraph there.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, test } from 'vitest';

const ROOT = join(__dirname, '..', '..');

function foldersUnder(top: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const path = join(dir, entry.name);
      found.push(`${relative(ROOT, path)}/`);
      walk(path);
    }
  };
  walk(join(ROOT, top));
  return found;
}

/** The folders the map describes: every `extension/…/` or `src/…/` written in code style. */
function foldersNamedIn(markdown: string): Set<string> {
  return new Set([...markdown.matchAll(/`((?:extension|src)\/[\w./-]*\/)`/g)].map((match) => match[1]!));
}

describe('docs/architecture.md', () => {
  const named = foldersNamedIn(readFileSync(join(ROOT, 'docs', 'architecture.md'), 'utf8'));

  test('names every folder under extension/ and src/', () => {
    const folders = [...foldersUnder('extension'), ...foldersUnder('src')];
    expect(folders.length).toBeGreaterThan(10);
    expect(folders.filter((folder) => !named.has(folder))).toEqual([]);
  });

  test('names no folder that does not exist', () => {
    const folders = new Set([...foldersUnder('extension'), ...foldersUnder('src')]);
    expect([...named].filter((folder) => !folders.has(folder))).toEqual([]);
  });

  test('the check reads code-style folder names only', () => {
    expect([...foldersNamedIn('see `src/help/kb/` and `extension/sidebar/` but not src/trail/ or `src/report/prefill.ts`')]).toEqual(['src/help/kb/', 'extension/sidebar/']);
  });
});
