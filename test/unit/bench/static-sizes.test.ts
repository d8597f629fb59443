// @vitest-environment node
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { pageBundle } from '../../../bench/static-sizes';

const made: string[] = [];
afterEach(() => made.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function build(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'static-sizes-test-'));
  made.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const paths = (files: { path: string }[]) => files.map((file) => file.path).sort();

describe('pageBundle', () => {
  const files = {
    'page/index.html': [
      '<script type="module" crossorigin src="/page/index.js"></script>',
      '<link rel="modulepreload" crossorigin href="/shared.js">',
      '<link rel="stylesheet" crossorigin href="/theme.css">',
      '<script src="https://example.org/remote.js"></script>',
    ].join('\n'),
    'page/index.js': 'import{a}from"../shared.js";import(`../later.js`);import("../shared.js");',
    'shared.js': 'export const a=1;',
    'theme.css': 'body{}',
    'later.js': 'import{a}from"./shared.js";import"./later-part.js";',
    'later-part.js': 'import("./much-later.js");',
    'much-later.js': 'import("./later.js");',
  };

  it('counts the page, its scripts and stylesheets and their static imports as loaded up front', () => {
    expect(paths(pageBundle(build(files), 'page/index.html').upfront)).toEqual(['page/index.html', 'page/index.js', 'shared.js', 'theme.css']);
  });

  it('counts as loaded later what dynamic imports reach, with their own imports, once, and nothing loaded up front', () => {
    expect(paths(pageBundle(build(files), 'page/index.html').lazy)).toEqual(['later-part.js', 'later.js', 'much-later.js']);
  });
});
