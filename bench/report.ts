/**
 * The bench's result model and its two renderings: a plain-text table on stdout and JSON.
 * Every line is either measured (a single value, or median/min/max over runs) or explicitly
 * "not measured yet" with the reason; budgets are judged here and only here.
 */
import type { PageLoads } from './page-load';
import type { Stats } from './stats';

export type Unit = 'bytes' | 'ms' | 'ratio' | 'KiB' | 'text' | 'req/s';

/** A budget: the measured value (median for a series) must be at most `max`. */
export interface Budget {
  max: number;
  /** How the budget reads in the table, e.g. "≤ 6 KB". */
  label: string;
  /**
   * What the line is compared with, as measured in the same run (e.g. "empty script 31.2 ms"),
   * or why there is nothing to compare with: a budget read without its floor says little.
   */
  floor: string;
}

export type Verdict = 'PASS' | 'FAIL' | 'NOT MEASURED';

interface LineBase {
  id: string;
  label: string;
  unit: Unit;
  budget?: Budget;
  note?: string;
}

export interface SeriesLine extends LineBase {
  kind: 'series';
  stats: Stats;
  samples: number[];
}

export interface ValueLine extends LineBase {
  kind: 'value';
  value: number | string;
}

export interface PendingLine extends LineBase {
  kind: 'pending';
  /** Why it is not measured, e.g. "feature not built". */
  reason: string;
}

export type Line = SeriesLine | ValueLine | PendingLine;

export interface Section {
  id: string;
  title: string;
  lines: Line[];
}

/** One budget line's median against the same line in an earlier run. */
export interface StabilityLine {
  id: string;
  label: string;
  unit: Unit;
  previous: number;
  current: number;
  /** current / previous − 1. */
  change: number;
  within: boolean;
}

export interface Stability {
  /** When the run compared with started. */
  previousStartedAt: string;
  /** The largest change, either way, that counts as stable (0.15: ±15 %). */
  tolerance: number;
  lines: StabilityLine[];
}

export interface BenchReport {
  startedAt: string;
  durationMs: number;
  machine: { nproc: number; cpu: string; node: string; platform: string; browsers: Record<string, string> };
  settings: Record<string, number | string>;
  sections: Section[];
  /** Measurements that could not be taken (their lines say "measurement failed"). */
  errors: string[];
  /** This run's budget medians against the previous run's (absent when there was none to read). */
  stability?: Stability;
  /** Each page load's figures, per browser and page (absent in runs from before they were kept). */
  pageLoadSamples?: Record<'chromium' | 'firefox', Record<'error' | 'noError', PageLoads<{ taskMs: number }>>>;
}

/** The median of a measured line, or its single value; undefined when it has no number. */
function measuredValue(line: Line): number | undefined {
  if (line.kind === 'series') return line.stats.median;
  if (line.kind === 'value' && typeof line.value === 'number') return line.value;
  return undefined;
}

/**
 * Each budget line of `current` measured in both runs, its median against `previous`'s: within
 * `tolerance` (a share, either way) or not. Lines measured in one run only are left out.
 */
export function compareRuns(current: BenchReport, previous: BenchReport, tolerance = 0.15): Stability {
  const before = new Map(previous.sections.flatMap((section) => section.lines).map((line) => [line.id, measuredValue(line)]));
  const lines: StabilityLine[] = [];
  for (const line of current.sections.flatMap((section) => section.lines)) {
    const currentValue = measuredValue(line);
    const previousValue = before.get(line.id);
    if (!line.budget || currentValue === undefined || previousValue === undefined || previousValue === 0) continue;
    const change = currentValue / previousValue - 1;
    lines.push({ id: line.id, label: line.label.trim(), unit: line.unit, previous: previousValue, current: currentValue, change, within: Math.abs(change) <= tolerance });
  }
  return { previousStartedAt: previous.startedAt, tolerance, lines };
}

/** The stability block under the table: one summary line, then each line compared. */
export function renderStability(stability: Stability): string[] {
  const stable = stability.lines.filter((line) => line.within).length;
  const percent = Math.round(stability.tolerance * 100);
  const sign = (change: number) => `${change >= 0 ? '+' : '−'}${Math.abs(change * 100).toFixed(1)} %`;
  return [
    `stability: ${stable} of ${stability.lines.length} budget medians within ±${percent} % of the run of ${stability.previousStartedAt}${stable === stability.lines.length ? ' — STABLE' : ' — NOT STABLE'}`,
    ...stability.lines.map(
      (line) => `  ${line.within ? 'within ' : 'OUTSIDE'}  ${line.label}: ${formatNumber(line.previous, line.unit)} → ${formatNumber(line.current, line.unit)} (${sign(line.change)})`,
    ),
  ];
}

export function verdictOf(line: Line): Verdict | undefined {
  if (!line.budget) return undefined;
  if (line.kind === 'pending') return 'NOT MEASURED';
  const value = line.kind === 'series' ? line.stats.median : line.value;
  if (typeof value !== 'number') return undefined;
  return value <= line.budget.max ? 'PASS' : 'FAIL';
}

export function formatNumber(value: number, unit: Unit): string {
  switch (unit) {
    case 'bytes':
      return value >= 10_000 ? `${(value / 1024).toFixed(1)} KiB` : `${Math.round(value)} B`;
    case 'KiB':
      return `${value.toFixed(0)} KiB`;
    case 'ms':
      return value >= 100 ? `${value.toFixed(0)} ms` : `${value.toFixed(1)} ms`;
    case 'ratio':
      return value.toFixed(3);
    case 'req/s':
      return `${value.toFixed(0)} req/s`;
    case 'text':
      return String(value);
  }
}

function cells(line: Line): string[] {
  const verdict = verdictOf(line) ?? '';
  const budget = line.budget?.label ?? '';
  const floor = line.budget?.floor ?? '';
  switch (line.kind) {
    case 'series':
      return [
        line.label,
        formatNumber(line.stats.median, line.unit),
        formatNumber(line.stats.min, line.unit),
        formatNumber(line.stats.max, line.unit),
        String(line.stats.n),
        budget,
        verdict,
        floor,
      ];
    case 'value':
      return [line.label, typeof line.value === 'number' ? formatNumber(line.value, line.unit) : line.value, '', '', '1', budget, verdict, floor];
    case 'pending':
      return [line.label, `not measured yet (${line.reason})`, '', '', '', budget, verdict, floor];
  }
}

/** The table printed on stdout: one block per section, columns aligned. */
export function renderTable(report: BenchReport): string {
  const header = ['line', 'median / value', 'min', 'max', 'n', 'budget', 'result', 'floor (compared with)'];
  const rows: (string[] | string)[] = [];
  for (const section of report.sections) {
    rows.push(section.title);
    for (const line of section.lines) rows.push(cells(line));
  }
  const tableRows = rows.filter((row): row is string[] => Array.isArray(row));
  const widths = header.map((title, column) => Math.max(title.length, ...tableRows.map((row) => row[column]!.length)));
  // The "median / value" column may hold a long "not measured yet (…)": let it overflow
  // rather than widen every other row.
  widths[1] = Math.min(widths[1]!, 16);
  const format = (row: string[]) =>
    row
      .map((cell, column) => (column === 0 || column === 1 || column === 7 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!)))
      .join('  ')
      .trimEnd();
  const rule = '-'.repeat(widths.reduce((sum, width) => sum + width + 2, -2));
  const out = [format(header), rule];
  for (const row of rows) out.push(Array.isArray(row) ? format(row) : `\n${row}`);
  const notes = report.sections.flatMap((section) => section.lines.filter((line) => line.note).map((line) => `  - ${line.label.trim()}: ${line.note}`));
  const { machine } = report;
  return [
    `Chorus Pro help assistant — bench (${report.startedAt}, ${(report.durationMs / 1000).toFixed(0)} s)`,
    `machine: ${machine.nproc} × ${machine.cpu}; Node ${machine.node}; ${Object.entries(machine.browsers)
      .map(([name, version]) => `${name} ${version}`)
      .join(', ')}`,
    `settings: ${Object.entries(report.settings)
      .map(([key, value]) => `${key}=${value}`)
      .join(', ')}`,
    '',
    ...out,
    '',
    'notes:',
    ...notes,
    ...(report.stability ? ['', ...renderStability(report.stability)] : []),
    ...(report.errors.length > 0 ? ['', 'errors:', ...report.errors.map((error) => `  - ${error}`)] : []),
  ].join('\n');
}

export const BENCH_DOC_START = '<!-- bench:start -->';
export const BENCH_DOC_END = '<!-- bench:end -->';

/**
 * docs/bench.md with the table of this run between its markers, and the commit measured; the
 * hand-written analysis around them is kept. Null when the markers are missing.
 */
export function withBenchTable(doc: string, report: BenchReport, commit: string): string | null {
  const start = doc.indexOf(BENCH_DOC_START);
  const end = doc.indexOf(BENCH_DOC_END);
  if (start < 0 || end < start) return null;
  const block = [BENCH_DOC_START, `Commit ${commit}.`, '', '```', renderTable(report), '```', ''].join('\n');
  return doc.slice(0, start) + block + doc.slice(end);
}

/** Budget lines only, for the summary at the end. */
export function budgetSummary(report: BenchReport): string {
  const lines = report.sections.flatMap((section) => section.lines).filter((line) => line.budget);
  return lines.map((line) => `${(verdictOf(line) ?? '').padEnd(12)} ${line.label} (${line.budget!.label}; floor: ${line.budget!.floor})`).join('\n');
}
