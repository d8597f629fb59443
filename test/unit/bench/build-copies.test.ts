// @vitest-environment node
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeBuildCopies } from '../../../bench/build-copies';

const made: string[] = [];
afterEach(() => made.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function builds() {
  const root = mkdtempSync(join(tmpdir(), 'build-copies-test-'));
  made.push(root);
  for (const browser of ['chrome', 'firefox']) {
    mkdirSync(join(root, browser, 'extension'), { recursive: true });
    writeFileSync(join(root, browser, 'extension', 'page.html'), `<p>${browser}</p>`);
  }
  return { chrome: join(root, 'chrome'), firefox: join(root, 'firefox') };
}

describe('writeBuildCopies', () => {
  it('copies each build whole, lets the change edit the copies only, and removes them', async () => {
    const originals = builds();
    const copies = await writeBuildCopies('build-copies-test-', originals, (copied) => writeFileSync(join(copied.chrome, 'extension', 'page.html'), '<p>changed</p>'));
    expect(readFileSync(join(copies.chrome, 'extension', 'page.html'), 'utf8')).toBe('<p>changed</p>');
    expect(readFileSync(join(copies.firefox, 'extension', 'page.html'), 'utf8')).toBe('<p>firefox</p>');
    expect(readFileSync(join(originals.chrome, 'extension', 'page.html'), 'utf8')).toBe('<p>chrome</p>');
    copies.remove();
    expect(existsSync(dirname(copies.chrome))).toBe(false);
  });

  it('leaves nothing behind when the change fails', async () => {
    let folder = '';
    const failing = writeBuildCopies('build-copies-test-', builds(), (_copies, holder) => {
      folder = holder;
      throw new Error('no such page');
    });
    await expect(failing).rejects.toThrow('no such page');
    expect(folder).not.toBe('');
    expect(existsSync(folder)).toBe(false);
  });
});
