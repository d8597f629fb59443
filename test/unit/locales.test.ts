// @vitest-environment node
// French first, English complete: both locales have the same keys, none empty, and every key the
// code names literally exists.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';

const ROOT = join(__dirname, '..', '..');
const messages = (locale: string) => JSON.parse(readFileSync(join(ROOT, 'public', '_locales', locale, 'messages.json'), 'utf8')) as Record<string, { message: string }>;

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(ts|svelte)$/.test(entry.name))
    .map((entry) => readFileSync(join(entry.parentPath, entry.name), 'utf8'));
}

/** Keys passed literally to the translator: t('key') or t("key", …). */
export function literalKeys(code: string): string[] {
  return [...code.matchAll(/\bt\(\s*['"]([A-Za-z][A-Za-z0-9_]*)['"]/g)].map((match) => match[1]!);
}

describe('locales', () => {
  const fr = messages('fr');
  const en = messages('en');

  test('French and English have the same keys, each with a message', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(fr).sort());
    const empty = Object.entries({ ...fr, ...en }).filter(([, entry]) => !entry.message.trim());
    expect(empty).toEqual([]);
  });

  test('every key the code names literally exists', () => {
    const used = new Set([...sources('src'), ...sources('extension')].flatMap(literalKeys));
    expect(used.size).toBeGreaterThan(100);
    expect([...used].filter((key) => !(key in fr))).toEqual([]);
  });

  test('the key reader finds literal keys only', () => {
    expect(literalKeys("t('requestHeading') + t(\"draftDiscard\", [x]) + t(`draftSaveFailed_${reason}`) + format('x')")).toEqual(['requestHeading', 'draftDiscard']);
  });
});
