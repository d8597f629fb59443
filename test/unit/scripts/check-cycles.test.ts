// @vitest-environment node
import { spawnSync } from 'node:child_process';
import { describe, expect, test } from 'vitest';

/** The cycle check exactly as npm run lint runs it, on one folder. */
function checkCycles(...folders: string[]) {
  const result = spawnSync(process.execPath, ['scripts/check-cycles.js', ...folders], { encoding: 'utf8' });
  return { status: result.status, output: result.stdout + result.stderr };
}

describe('the import cycle check of npm run lint', () => {
  test('fails on a cycle closed by a type-only import, and names its files', () => {
    const { status, output } = checkCycles('test/fixtures/import-cycles/cyclic');
    expect(status).toBe(1);
    expect(output).toMatch(/import cycle: .*shapes\.ts → .*square\.ts → .*shapes\.ts|import cycle: .*square\.ts → .*shapes\.ts → .*square\.ts/);
  });

  test('passes once the type lives in a file of its own', () => {
    const { status, output } = checkCycles('test/fixtures/import-cycles/acyclic');
    expect(output).not.toContain('import cycle:');
    expect(status).toBe(0);
  });

  test('passes on the project itself, the fixtures with cycles left out', () => {
    const { status, output } = checkCycles();
    expect(output).not.toContain('import cycle:');
    expect(status).toBe(0);
  });
});
