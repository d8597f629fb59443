// @vitest-environment node
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const FACTS_FILE = readFileSync(join(ROOT, 'docs/portal-facts.md'), 'utf8');

interface Fact {
  id: string;
  body: string;
  status: 'verified' | 'assumed' | undefined;
}

function parseFacts(markdown: string): Fact[] {
  return markdown
    .split(/^### /m)
    .slice(1)
    .map((section) => {
      const [heading = '', ...rest] = section.split('\n');
      const body = rest.join('\n').split(/^## /m)[0] ?? '';
      const status = /^- Status: (verified|assumed)\b/m.exec(body)?.[1] as Fact['status'];
      return { id: heading.trim(), body, status };
    });
}

interface Reference {
  id: string;
  where: string;
  /** The line of a `fact:` marker, to check it says "assumed" for an assumed fact. */
  line?: string;
}

/** The fact ids a source file names, by the two markers docs/portal-facts.md describes. */
function referencesIn(source: string, where: string): Reference[] {
  const references: Reference[] = [];
  for (const match of source.matchAll(/\bfacts: \[([^\]]*)\]/g)) {
    for (const id of match[1]!.matchAll(/'([^']+)'/g)) references.push({ id: id[1]!, where });
  }
  for (const line of source.split('\n')) {
    for (const match of line.matchAll(/\bfact: ([a-z0-9][a-z0-9.-]*[a-z0-9])/g)) references.push({ id: match[1]!, where, line });
  }
  return references;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(path) : entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** The problems of a set of references against the facts: unknown ids, assumed facts not said so. */
function problems(facts: readonly Fact[], references: readonly Reference[]): string[] {
  const byId = new Map(facts.map((fact) => [fact.id, fact]));
  return references.flatMap(({ id, where, line }) => {
    const fact = byId.get(id);
    if (!fact) return [`${where}: unknown fact ${id}`];
    if (line !== undefined && fact.status === 'assumed' && !/\bassumed\b/.test(line)) return [`${where}: ${id} is assumed but the code does not say so`];
    return [];
  });
}

const FACTS = parseFacts(FACTS_FILE);
const REFERENCES = sourceFiles(join(ROOT, 'src')).flatMap((file) => referencesIn(readFileSync(file, 'utf8'), file.slice(ROOT.length + 1)));

describe('docs/portal-facts.md', () => {
  it('lists each fact once, with a statement, a source, the date read and its status', () => {
    expect(FACTS.length).toBeGreaterThanOrEqual(40);
    expect(new Set(FACTS.map(({ id }) => id)).size).toBe(FACTS.length);
    for (const fact of FACTS) {
      expect(fact.id).toMatch(/^[a-z0-9][a-z0-9.-]*[a-z0-9]$/);
      expect(fact.body, fact.id).toMatch(/^- Statement: \S/m);
      expect(fact.body, fact.id).toMatch(/^- Source: \S/m);
      expect(fact.body, fact.id).toMatch(/^- Read: \d{4}-\d{2}-\d{2}$/m);
      expect(fact.status, fact.id).toBeDefined();
      if (fact.status === 'verified') expect(fact.body, fact.id).toMatch(/^- Source: .*https:\/\//m);
      else expect(fact.body, fact.id).toMatch(/^- Status: assumed \(.+\)$/m);
    }
  });

  it('has every fact the source code names', () => {
    expect(REFERENCES.length).toBeGreaterThan(50);
    expect(problems(FACTS, REFERENCES)).toEqual([]);
  });

  it('catches an unknown id, and an assumed fact the code does not call assumed', () => {
    const code = [
      "const entry = { facts: ['ticket.routing', 'ticket.no-such-fact'] };",
      '// fact: structure.identifier-formats',
      '// fact: structure.identifier-formats, assumed',
    ].join('\n');
    expect(problems(FACTS, referencesIn(code, 'fixture.ts'))).toEqual([
      'fixture.ts: unknown fact ticket.no-such-fact',
      'fixture.ts: structure.identifier-formats is assumed but the code does not say so',
    ]);
  });
});
