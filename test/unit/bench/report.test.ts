// @vitest-environment node
import { describe, expect, test } from 'vitest';
import { BENCH_DOC_END, BENCH_DOC_START, compareRuns, renderTable, withBenchTable, type BenchReport, type SeriesLine } from '../../../bench/report';
import { summarise } from '../../../bench/stats';

const REPORT: BenchReport = {
  startedAt: '2026-12-04T08:00:00.000Z',
  durationMs: 1000,
  machine: { nproc: 2, cpu: 'test cpu', node: 'v20', platform: 'linux', browsers: { Chromium: '156' } },
  settings: { runs: 9 },
  sections: [{ id: 'content', title: '1. Always-on content script', lines: [{ kind: 'value', id: 'content.gz', label: 'content script size, gzipped', unit: 'bytes', value: 5701, budget: { max: 6144, label: '≤ 6 KB', floor: 'an empty script, 0 B' } }] }],
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
    expect(written).toMatch(/content script size, gzipped\s+5701 B.*≤ 6 KB\s+PASS\s+an empty script, 0 B/);
  });

  test('a document without its markers is left alone', () => {
    expect(withBenchTable('# Performance\n', REPORT, 'abc1234')).toBeNull();
  });
});

/** A report with one click line of these samples (ms) and one line without a budget. */
function clickReport(startedAt: string, samples: number[]): BenchReport {
  const line = (id: string, budgeted: boolean): SeriesLine => ({
    kind: 'series',
    id,
    label: id,
    unit: 'ms',
    samples,
    stats: summarise(samples),
    ...(budgeted ? { budget: { max: 120, label: '≤ 120 ms', floor: 'bare capture + empty frame 60 ms' } } : {}),
  });
  return { ...REPORT, startedAt, sections: [{ id: 'click', title: '2. Click', lines: [line('click.ready', true), line('click.phase.shown', false)] }] };
}

describe('the stability of two runs', () => {
  test("each budget line's median against the previous run's, within ±15 % or not", () => {
    const first = clickReport('2026-12-04T08:00:00.000Z', [90, 100, 110]);
    const stable = compareRuns(clickReport('2026-12-04T09:00:00.000Z', [95, 114, 130]), first);
    expect(stable.lines).toEqual([expect.objectContaining({ id: 'click.ready', previous: 100, current: 114, within: true })]);
    const drifted = compareRuns(clickReport('2026-12-04T09:00:00.000Z', [95, 116, 130]), first);
    expect(drifted.lines[0]).toMatchObject({ current: 116, within: false });
    expect(compareRuns(clickReport('2026-12-04T09:00:00.000Z', [70, 84, 90]), first).lines[0]).toMatchObject({ within: false });
  });

  test('printed under the table: the summary line, then each line with both medians', () => {
    const report = clickReport('2026-12-04T09:00:00.000Z', [95, 116, 130]);
    report.stability = compareRuns(report, clickReport('2026-12-04T08:00:00.000Z', [90, 100, 110]));
    const table = renderTable(report);
    expect(table).toContain('stability: 0 of 1 budget medians within ±15 % of the run of 2026-12-04T08:00:00.000Z — NOT STABLE');
    expect(table).toContain('OUTSIDE  click.ready: 100 ms → 116 ms (+16.0 %)');
    expect(table).toMatch(/click\.ready\s+116 ms.*≤ 120 ms\s+PASS\s+bare capture \+ empty frame 60 ms/);
  });
});
