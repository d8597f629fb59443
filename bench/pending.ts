/**
 * Lines of the budget table whose feature does not exist yet. They are printed as
 * "not measured yet (feature not built)" — never estimated, never faked.
 *
 * To measure one once its feature lands: write the measurement next to the others (e.g.
 * bench/html2canvas.ts, bench/outbox.ts), call it from run.ts inside the matching section, and
 * replace the pending line built here by its SeriesLine with the same id and budget. The ids
 * stay stable so that bench-results.json files can be compared across versions.
 */
import type { Budget, PendingLine } from './report';

const NOT_BUILT = 'feature not built';

function pending(id: string, label: string, unit: PendingLine['unit'], where: string, budget?: Budget): PendingLine {
  return { kind: 'pending', id, label, unit, reason: NOT_BUILT, note: `measure in ${where}`, ...(budget ? { budget } : {}) };
}

/** Section 3: whole-page capture inside the page (html2canvas; an alternative engine beside it). */
export const html2canvasLines = (): PendingLine[] => [
  pending('screenshot.html2canvas.rows200', 'html2canvas whole page, 200 rows', 'ms', 'bench/html2canvas.ts on /cpp/factures-emises/liste?lignes=200'),
  pending('screenshot.html2canvas.rows2000', 'html2canvas whole page, 2,000 rows', 'ms', 'bench/html2canvas.ts on /cpp/factures-emises/liste?lignes=2000', {
    max: 2000,
    label: '≤ 2 s',
  }),
  pending('screenshot.html2canvas.rows10000', 'html2canvas whole page, 10,000 rows', 'ms', 'bench/html2canvas.ts on /cpp/factures-emises/liste?lignes=10000'),
];

/** Section 4: the outbox and the reference support backend. */
export const outboxLines = (): PendingLine[] => [
  pending('outbox.deliver100', 'outbox: deliver 100 queued requests (~300 KB screenshots)', 'ms', 'bench/outbox.ts against the reference backend (server/)', {
    max: 10_000,
    label: '≤ 10 s',
  }),
  pending('backend.throughput', 'backend throughput, 50 concurrent submissions', 'req/s', 'bench/backend.ts against the reference backend (server/)'),
  pending('backend.p95', 'backend p95 latency, 50 concurrent submissions', 'ms', 'bench/backend.ts against the reference backend (server/)'),
];
