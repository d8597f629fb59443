// @vitest-environment node
import { describe, expect, test } from 'vitest';
import { BENCH_DOC_END, BENCH_DOC_START, withBenchTable, type BenchReport } from '../../../bench/report';

const REPORT: BenchReport = {
  startedAt: '2026-12-04T08:00:00.000Z',
  durationMs: 1000,
  machine: { nproc: 2, cpu: 'test cpu', node: 'v20', platform: 'linux', browsers: { Chromium: '156' } },
  settings: { runs: 9 },
  sections: [{ id: 'content', title: '1. Always-on content script', lines: [{ kind: 'value', id: 'content.gz', label: 'content script size, gzipped', unit: 'bytes', value: 5701, budget: { max: 6144, label: '≤ 6 KB' } }] }],
  errors: [],
};

describe('docs/bench.md', () => {
  test('the table between the markers is this run’s, with its commit; the text around it stays', () => {
    const doc = `# Performance\n\nIntro.\n\n${BENCH_DOC_START}\nold table\n${BENCH_DOC_END}\n\nAnalysis written by hand.\n`;
    const written = withBenchTable(doc, REPORT, 'abc1234')!;
    expect(written.startsWith('# Performance\n\nIntro.\n\n')).toBe(true);
    expect(written.endsWith(`${BENCH_DOC_END}\n\nAnalysis written by hand.\n`)).toBe(true);
    expect(written).not.toContain('old table');
    expect(written).toContain('Commit abc1234.');
    expect(written).toMatch(/content script size, gzipped\s+5701 B.*≤ 6 KB\s+PASS/);
  });

  test('a document without its markers is left alone', () => {
    expect(withBenchTable('# Performance\n', REPORT, 'abc1234')).toBeNull();
  });
});
