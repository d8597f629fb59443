/**
 * `npm run bench` (scripts/bench.js builds if needed, then imports this file through Vite's
 * module runner and calls runBench). Measures the built extension (dist/chrome, dist/firefox) in
 * headless Chromium and Firefox ESR against the replica portal, prints the table, writes
 * bench-results.json and puts the table in docs/bench.md.
 * It reports; it never fails on a budget (a FAIL line is a finding, not an error).
 *
 * Sections: 1 content script, 2 click → ready, 3 screenshots, 4 outbox,
 * 5 sidebar.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname } from 'node:path';
import { ROOT, CHROME_BUILD, FIREFOX_BUILD, requireBuild } from '../test/e2e/support/paths';
import { startPortalServer } from '../test/support/portal-server';
import type { BrowserUnderTest } from '../test/e2e/pages/drivers';
import { launchFirefoxSession } from '../test/e2e/support/firefox';
import { launchBenchChromium, type ChromiumSession } from './chromium-session';
import { writeBareSidebarBuilds } from './bare-sidebar';
import type { BuildCopies } from './build-copies';
import { BLANK_PAGE, writeBuildsWithBlankPage } from './blank-page';
import { CaptureSpacer, SIDEBAR_MARKS_SCRIPT, bareCaptureInFirefox, measureClicks, measureClicksByMark, type IterationSample, type MarkedIterationSample, type Screenshot } from './click-to-ready';
import { LONG_TASK_MS, measureClicksUnderLoad, UNDER_LOAD_ROWS, type UnderLoadSample } from './click-under-load';
import { EMPTY_SCRIPT_HOST, MESSAGING_SCRIPT_HOST, WATCHING_SCRIPT_HOST, writeEmptyExtension } from './empty-extension';
import { loadOnceInFirefox, type FirefoxLoadSample } from './firefox-page-load';
import { loadOnce, measurePageLoads, noPageLoads, type PageLoadResult, type PageLoads, type PageLoadUrls } from './page-load';
import { measureBackendBatches, measureOutboxDelivery, type BackendBatch } from './outbox';
import { measureServerStorage } from './server-storage';
import { measureWholePage, type WholePageSample } from './whole-page';
import { measureWholePageFromSidebar } from './whole-page-from-sidebar';
import { measureSnapdom, type SnapdomSample } from './whole-page-snapdom';
import { budgetSummary, compareRuns, formatNumber, renderTable, withBenchTable, type BenchReport, type Line, type PendingLine, type Section, type SeriesLine, type Unit, type ValueLine } from './report';
import { p95, pairwiseDifferences, pairwiseRatios, summarise } from './stats';
import { measureHelpAccuracy } from '../test/fixtures/help/accuracy';
import { SIDEBAR_HTML, contentScriptSizes, pageBundle, total, type FileSize, type PageBundle } from './static-sizes';

/** What a run may be limited to (`npm run bench -- --only=…`); the sizes are always read. */
export const PHASES = ['page-load', 'click', 'under-load', 'whole-page', 'outbox', 'server'] as const;
export type Phase = (typeof PHASES)[number];
export const BROWSERS = ['chromium', 'firefox'] as const;
/** The pages the page-load phase loads: one showing an error, one without. */
export const PAGES = ['error', 'no-error'] as const;
export type PageShown = (typeof PAGES)[number];

export interface BenchOptions {
  /** The phases measured; all by default. A run of some only does not rewrite docs/bench.md. */
  only?: Phase[];
  /** The browsers measured; both by default. */
  browsers?: (typeof BROWSERS)[number][];
  /** The pages the page-load phase loads; both by default. A run of one only does not rewrite docs/bench.md. */
  pages?: PageShown[];
  /** Click → ready iterations per viewport (≥ 7). */
  runs: number;
  /** Page-load rounds: one load with our content script, one with an empty one, one with none. */
  pageLoadRounds: number;
  /** Whole-page captures per page size. */
  wholePageRuns: number;
  /** Runs of 100 queued requests delivered. */
  outboxRuns: number;
  /** Where the JSON goes. */
  output: string;
}

/** The largest change of a budget's median from the previous run that counts as stable. */
const STABILITY_TOLERANCE = 0.15;

export const DEFAULT_OPTIONS: BenchOptions = { runs: 9, pageLoadRounds: 15, wholePageRuns: 7, outboxRuns: 7, output: `${ROOT}bench-results.json` };

// It shows an error at load: its loads include the help offered at an error (badge, launcher).
const PORTAL_PAGE = '/cpp/facture?numero=F2026-0042';
/** The same portal generation's page without any error: what every other page load pays. */
const PAGE_WITHOUT_ERROR = '/cpp/accueil';
/** Where the table of each run goes, for the README's readers. */
const BENCH_DOC = `${ROOT}docs/bench.md`;

/** The commit measured, and whether the tree had changes on top of it. */
function commitMeasured(): string {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: ROOT, encoding: 'utf8' }).trim() !== '';
    return dirty ? `${commit} with local changes` : commit;
  } catch {
    return 'unknown (not a git checkout)';
  }
}
const VIEWPORTS = { small: { width: 1280, height: 800 }, large: { width: 1920, height: 1080 } } as const;
const KB = 1024;

/** A measured line; a line whose runs all failed says so instead (see BenchReport.errors). */
function series(id: string, label: string, unit: Unit, samples: number[], extra: Partial<SeriesLine> = {}): SeriesLine | PendingLine {
  if (!samples.some((sample) => Number.isFinite(sample))) {
    const { budget, note } = extra;
    return { kind: 'pending', id, label, unit, reason: 'measurement failed, see errors', ...(budget ? { budget } : {}), ...(note ? { note } : {}) };
  }
  return { kind: 'series', id, label, unit, samples: samples.map((value) => Math.round(value * 1000) / 1000), stats: summarise(samples), ...extra };
}

function value(id: string, label: string, unit: Unit, measured: number | string, extra: Partial<ValueLine> = {}): ValueLine {
  return { kind: 'value', id, label, unit, value: measured, ...extra };
}

/** The median of samples as the table shows it (for a floor). */
function formatMedian(samples: number[], unit: Unit): string {
  return samples.some(Number.isFinite) ? formatNumber(summarise(samples).median, unit) : 'not measured';
}

/** For budgets judged on their own: there is nothing of any extension's to compare with. */
const ABSOLUTE = 'none (an absolute budget)';

/**
 * Main-thread time of page loads with our content script, an empty one, one that only messages,
 * one that also watches for errors (and shows a button beside one) and none, in one browser: the
 * budgeted ratio, its two factors, what talking to the background costs any content script, and
 * what seeing the page's errors, and offering help beside one, costs any.
 */
function pageLoadRatioLines(browser: keyof typeof BROWSER_NAMES, loads: PageLoads<{ taskMs: number }>, source: string, page?: { id: string; label: string }): Line[] {
  const task = (samples: { taskMs: number }[]) => samples.map((sample) => sample.taskMs);
  const [base, browserLabel] = browser === 'chromium' ? ['pageLoad', ''] : [`pageLoad.${browser}`, `${BROWSER_NAMES[browser]}: `];
  const [id, label] = page ? [`${base}.${page.id}`, `${browserLabel}${page.label}`] : [base, browserLabel];
  const w = task(loads.withExtension);
  const empty = task(loads.emptyScript);
  const messaging = task(loads.messagingScript);
  const watching = task(loads.watchingScript);
  const wo = task(loads.without);
  const emptyFloor = `empty content script ${formatMedian(empty, 'ms')}`;
  return [
    series(`${id}.task.with`, `${label}page load main-thread time, with extension`, 'ms', w),
    series(`${id}.task.empty`, `${label}page load main-thread time, an empty content script only`, 'ms', empty),
    series(`${id}.task.without`, `${label}page load main-thread time, without`, 'ms', wo),
    series(`${id}.task.ratio`, `${label}page load main-thread ratio with/without`, 'ratio', pairwiseRatios(w, wo), {
      note: `${source} over the navigation, per round; median of the per-round ratios`,
    }),
    series(`${id}.task.emptyRatio`, '  of which any content script: an empty one / none', 'ratio', pairwiseRatios(empty, wo), {
      note: 'a throwaway extension whose content script is an empty file, same injection settings: the floor no content script goes under',
    }),
    series(`${id}.task.oursOverEmpty`, `${label}ours / an empty content script`, 'ratio', pairwiseRatios(w, empty), { budget: { max: 1.05, label: '≤ 1.05', floor: emptyFloor } }),
    series(`${id}.task.added`, `${label}main-thread time ours adds over an empty content script`, 'ms', pairwiseDifferences(w, empty), {
      budget: { max: 2, label: '≤ 2 ms', floor: emptyFloor },
      note: 'per round, with ours minus with an empty one',
    }),
    series(`${id}.task.messaging`, `${label}page load main-thread time, a content script that only messages`, 'ms', messaging),
    series(`${id}.task.messagingAdded`, '  of which talking to the background: that one over an empty one', 'ms', pairwiseDifferences(messaging, empty), {
      note: 'a content script that listens for messages and sends one at idle, answered by its background: what any content script that talks to its background adds, before reading the page',
    }),
    series(`${id}.task.oursOverMessaging`, `${label}main-thread time ours adds over a content script that only messages`, 'ms', pairwiseDifferences(w, messaging), {
      note: "per round, with ours minus with that one: our own work (the recorder; where an error shows, the page's first step and the offer)",
    }),
    series(`${id}.task.watching`, `${label}page load main-thread time, a content script that messages and watches for errors`, 'ms', watching),
    series(`${id}.task.watchingRatio`, '  of which seeing errors (and offering help beside one): that one / an empty one', 'ratio', pairwiseRatios(watching, empty)),
    series(`${id}.task.watchingAdded`, '  of which seeing errors (and offering help beside one): that one over an empty one', 'ms', pairwiseDifferences(watching, empty), {
      note: "the messaging script that, once answered, looks for an error once (the selectors ours uses) and watches the page's body for the changes ours watches; beside an error it shows one button in a closed shadow root, placed from one measurement: what any content script that sees the errors a page shows costs its load, and on a page showing one, what any help offered beside it adds (the page laid out again, painted with the button)",
    }),
    series(`${id}.task.oursOverWatching`, `${label}main-thread time ours adds over a content script that messages and watches for errors`, 'ms', pairwiseDifferences(w, watching), {
      note: "per round, with ours minus with that one: our own work over the least (the path's listeners; where an error shows, the page's first step and our offer over the least one)",
    }),
  ];
}

function contentScriptSection(raw: RawResults): Section {
  const { contentScript: files, pageLoad, firefoxPageLoad, pageLoadWithoutError, firefoxPageLoadWithoutError } = raw;
  const withoutError = { id: 'noError', label: 'no error shown: ' };
  const names = files.map((file) => file.path).join(', ');
  const w = pageLoad.withExtension;
  const wo = pageLoad.without;
  return {
    id: 'content-script',
    title: '1. Always-on content script (every portal page)',
    lines: [
      value('content.bytes', 'content script size', 'bytes', total(files, 'bytes'), { note: names }),
      value('content.gzip', 'content script size, gzipped', 'bytes', total(files, 'gzipBytes'), { budget: { max: 6 * KB, label: '≤ 6 KB', floor: 'an empty script, 0 B' } }),
      value('content.gzip.firefox', 'Firefox: content script size, gzipped (its build)', 'bytes', total(raw.firefoxContentScript, 'gzipBytes'), { budget: { max: 6 * KB, label: '≤ 6 KB', floor: 'an empty script, 0 B' } }),
      ...pageLoadRatioLines('chromium', pageLoad, 'CDP TaskDuration (renderer main thread, thread CPU time)'),
      ...(pageLoadWithoutError ? pageLoadRatioLines('chromium', pageLoadWithoutError, `CDP TaskDuration, ${PAGE_WITHOUT_ERROR} (no error: the help offer loads nothing)`, withoutError) : []),
      series('pageLoad.script.added', 'script time added by the extension', 'ms', pairwiseDifferences(w.map((s) => s.scriptMs), wo.map((s) => s.scriptMs))),
      series('pageLoad.loadEventEnd.ratio', 'loadEventEnd ratio with/without', 'ratio', pairwiseRatios(w.map((s) => s.loadEventEndMs), wo.map((s) => s.loadEventEndMs)), {
        note: 'document_idle scripts usually run after the load event, so this mostly shows noise',
      }),
      series('memory.added', 'JS heap added (after GC)', 'KiB', pairwiseDifferences(w.map((s) => s.heapUsedBytes), wo.map((s) => s.heapUsedBytes)).map((bytes) => bytes / KB), {
        note: 'CDP JSHeapUsedSize of the page isolate (content script world included), with minus without',
      }),
      ...(firefoxPageLoad
        ? [
            ...pageLoadRatioLines('firefox', firefoxPageLoad, "the content process main thread's CPU time (Linux scheduler statistics)"),
            ...(firefoxPageLoadWithoutError
              ? pageLoadRatioLines('firefox', firefoxPageLoadWithoutError, `content process CPU time, ${PAGE_WITHOUT_ERROR} (no error: the help offer loads nothing)`, withoutError)
              : []),
            series(
              'memory.firefox.added',
              'Firefox: content-process memory added',
              'KiB',
              pairwiseDifferences(firefoxPageLoad.withExtension.map((s) => s.processUniqueBytes), firefoxPageLoad.without.map((s) => s.processUniqueBytes)).map((bytes) => bytes / KB),
              { note: "unique set size of the tab's content process (one per tab) after the load, with minus without; no GC forced" },
            ),
          ]
        : []),
    ],
  };
}

type BrowserKey = keyof typeof BROWSER_NAMES;

/** A line's id and label in one browser: Chromium's as they always were, Firefox's marked. */
function inBrowser(browser: BrowserKey, id: string, label: string): [string, string] {
  return browser === 'chromium' ? [id, label] : [`${id}.${browser}`, `${BROWSER_NAMES[browser]}: ${label.trimStart()}`];
}

/** What both browsers' click measurements give. */
export type ClickIteration = { click: { readyMs: number; insertedMs: number; shownMs: number; screenshot: Screenshot }; captureMs: number; iframeMs: number; blankMs: number };

/** The click → ready ratio's budget in each browser: Firefox's baselines are far cheaper (see docs/bench.md). */
const CLICK_RATIO_BUDGET: Record<BrowserKey, number> = { chromium: 1.3, firefox: 2.0 };

/**
 * The click's floor: the bare capture plus a blank page of the extension in the sidebar's frame,
 * what any extension that shows a page beside the portal's pays. The sidebar's own page loaded
 * without its scripts is timed too, but it still fetches what that page links to, so it moves
 * with our own build and is no floor.
 */
const clickFloor = (blankBaseline: number[]) => `bare capture + blank frame ${formatMedian(blankBaseline, 'ms')}`;

/** Each click's two baselines: bare capture + the sidebar's page without its scripts, and bare capture + the blank page. */
const clickBaselines = (samples: ClickIteration[]) => ({
  baseline: samples.map((s) => s.captureMs + s.iframeMs),
  blankBaseline: samples.map((s) => s.captureMs + s.blankMs),
});

/** Click → ready, its phases, the baselines and the budgeted ratio, in one browser. */
export function clickLines(browser: BrowserKey, samples: ClickIteration[], more: { phases: Line[]; readyLabel: string; readyNote?: string; insertedNote: string; captureLabel: string }): Line[] {
  const ready = samples.map((s) => s.click.readyMs);
  const capture = samples.map((s) => s.captureMs);
  const iframe = samples.map((s) => s.iframeMs);
  const { baseline, blankBaseline } = clickBaselines(samples);
  const floor = clickFloor(blankBaseline);
  const ratioMax = CLICK_RATIO_BUDGET[browser];
  const line = (id: string, label: string, unit: Unit, values: number[], extra: Partial<SeriesLine> = {}) => series(...inBrowser(browser, id, label), unit, values, extra);
  return [
    line('click.ready', more.readyLabel, 'ms', ready, { budget: { max: 120, label: '≤ 120 ms', floor }, ...(more.readyNote ? { note: more.readyNote } : {}) }),
    line('click.phase.inserted', '  click → sidebar iframe inserted (out of sight)', 'ms', samples.map((s) => s.click.insertedMs), { note: more.insertedNote }),
    line('click.phase.shown', '  click → sidebar shown (after the screenshot)', 'ms', samples.map((s) => s.click.shownMs)),
    ...more.phases,
    line('baseline.capture', more.captureLabel, 'ms', capture),
    line('baseline.blank', 'blank extension-page iframe load', 'ms', samples.map((s) => s.blankMs), {
      note: 'a blank page of the extension in the frame the sidebar uses, inserted into the portal page, insertion → load event',
    }),
    line('click.ratio.blank', 'click → ready / (bare capture + blank iframe)', 'ratio', pairwiseRatios(ready, blankBaseline), { budget: { max: ratioMax, label: `≤ ${ratioMax.toFixed(1)}×`, floor } }),
    line('baseline.iframe', '  the sidebar page without its scripts: iframe load', 'ms', iframe, {
      note: "the sidebar page sandboxed without scripts in the same frame: it still fetches what the page links to (its stylesheet; in Chromium its preloaded modules too)",
    }),
    line('click.ratio', '  click → ready / (bare capture + that iframe)', 'ratio', pairwiseRatios(ready, baseline), {
      note: `the same clicks against the sidebar's page without its scripts (bare capture + that frame ${formatMedian(baseline, 'ms')}), the floor earlier runs gave the budget`,
    }),
  ];
}

/** The click on a busy page, in one browser. */
function underLoadLines(browser: BrowserKey, samples: UnderLoadSample[]): Line[] {
  const [id, label] = inBrowser(browser, 'click.underLoad', `busy page (${LONG_TASK_MS} ms task at the click, ${UNDER_LOAD_ROWS.toLocaleString('en')} rows): task end → sidebar shown`);
  return [
    series(id, label, 'ms', samples.map((s) => s.shownAfterTaskMs), {
      budget: { max: 300, label: '≤ 300 ms', floor: "the page's task end, 0 ms" },
      note: `the page's own task held its main thread ${formatMedian(samples.map((s) => s.taskMs), 'ms')} (median); the click is sent while it runs`,
    }),
    series(...inBrowser(browser, 'click.underLoad.inserted', '  task end → sidebar frame inserted (out of sight)'), 'ms', samples.map((s) => s.insertedAfterTaskMs), {
      note: 'the content script answering again; from there to shown: the masks measured, the screenshot taken (the page read meanwhile), the first frame with the sidebar in sight drawn',
    }),
  ];
}

/**
 * The same click with the bench's bare sidebar in place of ours (bench/bare-sidebar/main.ts), in a
 * session of its own with its own floor: the least this extension's data path reaches.
 */
function bareSidebarLines(browser: BrowserKey, samples: ClickIteration[]): Line[] {
  const ready = samples.map((s) => s.click.readyMs);
  const { baseline, blankBaseline } = clickBaselines(samples);
  return [
    series(...inBrowser(browser, 'click.bare.ready', '  a sidebar that only shows the facts and the screenshot: click → ready'), 'ms', ready, {
      note: `the same extension, its sidebar page replaced by one that only asks for the state and the port, writes the page's facts and shows the thumbnail (no UI framework, no Help), in a browser session of its own`,
    }),
    series(...inBrowser(browser, 'click.bare.ratio.blank', '  that sidebar: click → ready / (bare capture + blank iframe)'), 'ratio', pairwiseRatios(ready, blankBaseline), {
      note: `what the click's data path (capture, masks, state and screenshot to the frame, decode) costs against the budget's floor (${clickFloor(blankBaseline)}), before any of the sidebar's own work`,
    }),
    series(...inBrowser(browser, 'click.bare.ratio', '  that sidebar: click → ready / (bare capture + its page without scripts)'), 'ratio', pairwiseRatios(ready, baseline), {
      note: `the same clicks against its own page without its scripts (bare capture + that frame ${formatMedian(baseline, 'ms')})`,
    }),
  ];
}

/** A click timed from the page, whichever way the sidebar's progress was read. */
type ColdClick = { readyMs: number; insertedMs: number; shownMs: number };

/**
 * The click that starts the extension's stopped background again: what a user waits who read the
 * page for a while before clicking.
 */
function coldClickLines(browser: BrowserKey, samples: ColdClick[]): Line[] {
  return [
    series(...inBrowser(browser, 'click.cold.ready', 'first click after the background stopped: click → ready'), 'ms', samples.map((s) => s.readyMs), {
      note: "browsers stop an extension's background after 30 s without an event (Chromium its service worker, Firefox its event page); the bench stops it before each of these clicks, so that the click starts it again. The clicks above find it running, as one within 30 s of the page's load does",
    }),
    series(...inBrowser(browser, 'click.cold.inserted', '  click → sidebar iframe inserted (out of sight)'), 'ms', samples.map((s) => s.insertedMs), {
      note: 'the background started, then its message to the page',
    }),
  ];
}

function clickSection(
  samples: IterationSample[],
  firefox: MarkedIterationSample[] | undefined,
  underLoad: RawResults['underLoad'],
  bare: RawResults['bareSidebarClicks'] = {},
  cold: RawResults['coldClicks'] = {},
): Section {
  return {
    id: 'click',
    title: `2. Toolbar click → sidebar ready (${VIEWPORTS.small.width}×${VIEWPORTS.small.height})`,
    lines: [
      ...clickLines('chromium', samples, {
        readyLabel: 'click → sidebar filled + thumbnail decoded',
        insertedNote: 'includes the harness clickToolbar() steps before triggerAction (bringToFront, Target.getTargets) and the messages',
        phases: [series('click.phase.filled', '  iframe inserted → fields filled', 'ms', samples.map((s) => s.click.filledMs))],
        captureLabel: 'bare captureVisibleTab (service worker)',
      }),
      ...(bare.chromium ? bareSidebarLines('chromium', bare.chromium) : []),
      ...(cold.chromium ? coldClickLines('chromium', cold.chromium) : []),
      ...(firefox
        ? clickLines('firefox', firefox, {
            readyLabel: 'click → sidebar filled + thumbnail shown',
            readyNote: "read from the sidebar's own mark when its thumbnail is decoded (BiDi runs no init script in a moz-extension: frame)",
            insertedNote: "includes the harness clickToolbar() steps before triggerAction (bringToFront, the browser window's context found over BiDi)",
            phases: [],
            captureLabel: 'bare capture (tabs API capture, main process)',
          })
        : []),
      ...(bare.firefox ? bareSidebarLines('firefox', bare.firefox) : []),
      ...(cold.firefox ? coldClickLines('firefox', cold.firefox) : []),
      ...BROWSERS.flatMap((browser) => {
        const samples = underLoad[browser];
        return samples ? underLoadLines(browser, samples) : [];
      }),
    ],
  };
}

const WHOLE_PAGE_ROWS = [200, 2000, 10_000] as const;
/** The sizes html2canvas, the fallback engine, is also measured on when asked for by name: the automatic choice takes the SVG route on the list. */
const COMPAT_ROWS = [200, 2000] as const;
/** 10,000 rows is refused before any engine runs (too many parts), whatever the engine. */
const SNAPDOM_ROWS = [200, 2000] as const;

const BROWSER_NAMES = { chromium: 'Chromium', firefox: 'Firefox' } as const;
const FROM_SIDEBAR_ROWS = 2000;

/**
 * Per browser and page size: the image made (copy + paint: the work html2canvas did, where the
 * budget applies) and, beside it, with the parts encoded as PNG (what the engine hands over).
 */
function wholePageLines(wholePage: RawResults['wholePage'], compat: RawResults['wholePageCompat'] = {}): Line[] {
  const lines: Line[] = [];
  for (const browser of ['chromium', 'firefox'] as const) {
    const runs = [
      ...WHOLE_PAGE_ROWS.map((rows) => ({ rows, samples: wholePage[browser]?.[rows], id: `screenshot.wholePage.${browser}.rows${rows}`, engine: 'automatic choice' })),
      ...COMPAT_ROWS.map((rows) => ({ rows, samples: compat[browser]?.[rows], id: `screenshot.wholePage.${browser}.html2canvas.rows${rows}`, engine: 'html2canvas asked for' })),
    ];
    for (const { rows, samples, id, engine } of runs) {
      if (!samples) continue;
      const drawnBy = [...new Set(samples.map((sample) => sample.engine).filter(Boolean))].join(', ');
      const label = `whole page, ${rows.toLocaleString('en')} rows, ${BROWSER_NAMES[browser]}, ${engine}${drawnBy ? ` (${drawnBy})` : ''}`;
      const budget = rows === 2000 && engine === 'automatic choice' ? { budget: { max: 2000, label: '≤ 2 s', floor: ABSOLUTE } } : {};
      const refused = samples.length > 0 && samples.every((sample) => sample.code === 'too-large');
      if (refused) {
        lines.push(series(id, `${label}: refused (too long)`, 'ms', samples.map((sample) => sample.elapsedMs), { note: 'more parts than the engine makes: refused before the page is copied, the visible capture kept' }));
        continue;
      }
      const parts = [...new Set(samples.map((sample) => sample.parts))].join(', ');
      const largest = Math.max(0, ...samples.map((sample) => sample.bytes));
      lines.push(
        series(`${id}.render`, `${label}: image made (copy + paint)`, 'ms', samples.map((sample) => sample.renderMs), {
          ...budget,
          note: `${parts} image(s) at full scale; PNG encoding apart (waits for a canvas whose part is being encoded count as encoding)`,
        }),
        series(`${id}.total`, `${label}: with the parts encoded (engine start to end)`, 'ms', samples.map((sample) => sample.elapsedMs), {
          note: `largest part ${(largest / KB / KB).toFixed(1)} MiB PNG; encoding ${Math.round(summarise(samples.map((sample) => sample.encodeMs)).median)} ms (median)`,
        }),
      );
    }
  }
  return lines;
}

/** An alternative engine (a library doing what page-svg does, more generally): its time, and what of it is PNG encoding. */
function snapdomLines(browser: BrowserKey, snapdom: NonNullable<RawResults['snapdom'][BrowserKey]>): Line[] {
  return SNAPDOM_ROWS.map((rows) => {
    const samples = snapdom[rows] ?? [];
    const [id, label] = inBrowser(browser, `screenshot.snapdom.rows${rows}`, `SnapDOM whole page, ${rows.toLocaleString('en')} rows (not shipped)`);
    const failed = samples.find((sample) => sample.state === 'error');
    if (failed || samples.length === 0) return { kind: 'pending', id, label, unit: 'ms', reason: failed?.message ?? 'not measured' } satisfies PendingLine;
    const blank = samples.some((sample) => sample.colours <= 1);
    const encoding = summarise(samples.map((sample) => sample.encodeMs)).median;
    return series(id, label, 'ms', samples.map((sample) => sample.elapsedMs), {
      note: `${samples[0]!.parts} image(s) at full scale, each run on a freshly loaded page; of which PNG encoding ${Math.round(encoding)} ms (median)${blank ? '; WARNING: a blank image' : ''}`,
    });
  });
}

function outboxSection(outbox: RawResults['outbox'], backend: BackendBatch[]): Section {
  return {
    id: 'outbox',
    title: '4. Outbox and support backend',
    lines: [
      ...(['chromium', 'firefox'] as const)
        .filter((browser) => outbox[browser] !== undefined)
        .map((browser) =>
          series(...inBrowser(browser, 'outbox.deliver100', 'outbox: deliver 100 queued requests (~300 KB screenshots)'), 'ms', outbox[browser] ?? [], {
            budget: { max: 10_000, label: '≤ 10 s', floor: ABSOLUTE },
            note: 'queued while the backend was down, then "Retry now" with the backend back; time until none waits',
          }),
        ),
      series('backend.throughput', 'backend throughput, 50 concurrent submissions', 'req/s', backend.map((batch) => batch.throughput)),
      series('backend.p95', 'backend p95 latency, 50 concurrent submissions', 'ms', backend.map((batch) => p95(batch.latenciesMs)), {
        note: 'multipart, ~300 KB screenshot each, over HTTP on this machine',
      }),
    ],
  };
}

/** The visible capture and its image at each size, in one browser; and the click at the larger size. */
function visibleCaptureLines(browser: BrowserKey, clicks: Record<keyof typeof VIEWPORTS, ClickIteration[]>): Line[] {
  const lines: Line[] = [];
  for (const [key, budgeted] of [
    ['small', true],
    ['large', false],
  ] as const) {
    const samples = clicks[key];
    const size = VIEWPORTS[key];
    const tag = `${size.width}x${size.height}`;
    const shots = samples.map((s) => s.click.screenshot);
    const formats = [...new Set(shots.map((shot) => shot.format))].join(', ');
    const dims = [...new Set(shots.map((shot) => `${shot.width}×${shot.height}`))].join(', ');
    lines.push(
      series(...inBrowser(browser, `screenshot.capture.${tag}`, `visible capture time, ${size.width}×${size.height}`), 'ms', samples.map((s) => s.captureMs)),
      series(...inBrowser(browser, `screenshot.bytes.${tag}`, `screenshot size, ${size.width}×${size.height} (${formats})`), 'bytes', shots.map((shot) => shot.bytes), {
        ...(budgeted ? { budget: { max: 300 * KB, label: '≤ 300 KB', floor: ABSOLUTE } } : {}),
        note: `${formats}, ${dims} px, read from the file the sidebar shows`,
      }),
    );
    if (!budgeted) lines.push(series(...inBrowser(browser, `click.ready.${tag}`, `click → ready at ${size.width}×${size.height}`), 'ms', samples.map((s) => s.click.readyMs)));
  }
  return lines;
}

function screenshotSection(raw: RawResults): Section {
  const lines: Line[] = [
    ...visibleCaptureLines('chromium', raw.clicks),
    ...(raw.firefoxClicks ? visibleCaptureLines('firefox', raw.firefoxClicks) : []),
    ...wholePageLines(raw.wholePage, raw.wholePageCompat),
    ...fromSidebarLines(raw.fromSidebar),
    ...(['chromium', 'firefox'] as const).flatMap((browser) => {
      const samples = raw.snapdom[browser];
      return samples ? snapdomLines(browser, samples) : [];
    }),
  ];
  return { id: 'screenshots', title: '3. Screenshots', lines };
}

/** "Page entière" from the sidebar's button to its message: what the user waits, every step in it. */
function fromSidebarLines(fromSidebar: RawResults['fromSidebar']): Line[] {
  return (['chromium', 'firefox'] as const)
    .filter((browser) => fromSidebar[browser] !== undefined)
    .map((browser) =>
      series(`screenshot.wholePage.${browser}.fromSidebar`, `whole page, ${FROM_SIDEBAR_ROWS.toLocaleString('en')} rows, ${BROWSER_NAMES[browser]}: from the sidebar, button → attached`, 'ms', fromSidebar[browser] ?? [], {
        note: 'what the user waits: the engine, the parts handed to the sidebar, their files and thumbnails; the harness polls the status line every 50 ms',
      }),
    );
}

function bundleLines(browser: BrowserKey, bundle: PageBundle): Line[] {
  const lazy = bundle.lazy.length > 0 ? `; loaded later on demand: ${bundle.lazy.map((f) => f.path).join(', ')} (${total(bundle.lazy, 'gzipBytes')} B gz)` : '';
  const build = browser === 'chromium' ? '' : ', its build';
  return [
    value(...inBrowser(browser, 'sidebar.bundle.gzip', `sidebar bundle, gzipped (HTML + JS + CSS loaded up front${build})`), 'bytes', total(bundle.upfront, 'gzipBytes'), {
      budget: { max: 30 * KB, label: '≤ 30 KB', floor: ABSOLUTE },
      note: `${bundle.upfront.map((f) => `${f.path} ${f.gzipBytes} B`).join(', ')}${lazy}`,
    }),
    value(...inBrowser(browser, 'sidebar.bundle.bytes', 'sidebar bundle, raw'), 'bytes', total(bundle.upfront, 'bytes')),
  ];
}

/** The help and the suggestion on the labelled situations: computed here, no browser needed. */
function helpAccuracyLine(): ValueLine {
  const accuracy = measureHelpAccuracy();
  const percent = (share: number) => `${(share * 100).toFixed(1)} %`;
  return value('sidebar.help.accuracy', `help on ${accuracy.situations} labelled situations: first article / sub-category`, 'text', `${percent(accuracy.firstArticle)} / ${percent(accuracy.subCategory)}`, {
    note: `route ${percent(accuracy.route)}; misses: ${accuracy.misses.map(({ situation }) => situation.text).join(' | ') || 'none'}`,
  });
}

function sidebarSection(raw: RawResults): Section {
  const samples = raw.clicks.small;
  const firefox = raw.firefoxClicks?.small;
  return {
    id: 'sidebar',
    title: '5. Sidebar',
    lines: [
      ...bundleLines('chromium', raw.sidebarBundle),
      series('sidebar.domContentLoaded', 'iframe inserted → sidebar DOMContentLoaded', 'ms', samples.map((s) => s.click.domContentLoadedMs)),
      series('sidebar.interactive', 'iframe inserted → sidebar heading rendered (interactive)', 'ms', samples.map((s) => s.click.headingMs), {
        note: 'the heading is the focus target and the Close button beside it works from then on',
      }),
      helpAccuracyLine(),
      ...bundleLines('firefox', raw.firefoxSidebarBundle),
      ...(firefox
        ? [
            series('sidebar.domContentLoaded.firefox', 'Firefox: iframe inserted → sidebar DOMContentLoaded', 'ms', firefox.map((s) => s.click.domContentLoadedMs)),
            series('sidebar.interactive.firefox', 'Firefox: iframe inserted → sidebar heading rendered (interactive)', 'ms', firefox.map((s) => s.click.interactiveMs), {
              note: "the sidebar's own mark at its first render, read after the click (no init script runs in that frame to see the heading arrive)",
            }),
          ]
        : []),
    ],
  };
}

/** What the browser runs produce; the report is computed from it alone. */
export interface RawResults {
  /** Read from the builds before the browsers start, so that both describe the same builds. */
  contentScript: FileSize[];
  firefoxContentScript: FileSize[];
  sidebarBundle: PageBundle;
  firefoxSidebarBundle: PageBundle;
  pageLoad: PageLoadResult;
  /** Firefox page loads (undefined when Firefox could not be launched). */
  firefoxPageLoad?: PageLoads<FirefoxLoadSample>;
  /** Loads of a page without any error (undefined in results from before they were measured). */
  pageLoadWithoutError?: PageLoadResult;
  firefoxPageLoadWithoutError?: PageLoads<FirefoxLoadSample>;
  clicks: Record<keyof typeof VIEWPORTS, IterationSample[]>;
  /** Firefox: the clicks at each size, read after the fact (undefined when Firefox could not be launched). */
  firefoxClicks?: Record<keyof typeof VIEWPORTS, MarkedIterationSample[]>;
  /** The click at 1280×800 with the bench's bare sidebar, per browser (absent in results from before it was measured). */
  bareSidebarClicks?: Partial<Record<BrowserKey, ClickIteration[]>>;
  /** The click at 1280×800 with the extension's background stopped before it, per browser (absent in results from before it was measured). */
  coldClicks?: Partial<Record<BrowserKey, ColdClick[]>>;
  wholePage: Partial<Record<keyof typeof BROWSER_NAMES, Partial<Record<(typeof WHOLE_PAGE_ROWS)[number], WholePageSample[]>>>>;
  /** The same with html2canvas asked for (undefined in results from before it was measured). */
  wholePageCompat?: Partial<Record<keyof typeof BROWSER_NAMES, Partial<Record<(typeof COMPAT_ROWS)[number], WholePageSample[]>>>>;
  /** "Page entière" from the sidebar, button → attached, ms. */
  fromSidebar: Partial<Record<keyof typeof BROWSER_NAMES, number[]>>;
  snapdom: Partial<Record<BrowserKey, Partial<Record<(typeof SNAPDOM_ROWS)[number], SnapdomSample[]>>>>;
  /** The click on a busy page, per browser. */
  underLoad: Partial<Record<BrowserKey, UnderLoadSample[]>>;
  /** Delivery of 100 queued requests, ms, per browser. */
  outbox: Partial<Record<BrowserKey, number[]>>;
  backend: BackendBatch[];
  serverStorage?: Section;
}

/**
 * The phase a line belongs to, from its id; undefined for what is read from the builds (sizes,
 * the help's accuracy), which every run reports.
 */
function phaseOfLine(id: string): Phase | undefined {
  if (id.startsWith('pageLoad') || id.startsWith('memory')) return 'page-load';
  if (id.startsWith('click.underLoad')) return 'under-load';
  if (/^(click|baseline|screenshot\.capture|screenshot\.bytes|sidebar\.domContentLoaded|sidebar\.interactive)/.test(id)) return 'click';
  if (id.startsWith('screenshot.wholePage') || id.startsWith('screenshot.snapdom')) return 'whole-page';
  if (id.startsWith('outbox') || id.startsWith('backend')) return 'outbox';
  return undefined;
}

/** Whether a measured line was asked for: its phase, its browser and its page chosen (Firefox's lines name it in their id, the page without an error's lines too). */
export function lineChosen(id: string, options: Pick<BenchOptions, 'only' | 'browsers' | 'pages'>): boolean {
  const phase = phaseOfLine(id);
  if (phase === undefined) return true;
  const browser = id.includes('firefox') ? 'firefox' : 'chromium';
  const page: PageShown = id.includes('noError') ? 'no-error' : 'error';
  return (options.only ?? PHASES).includes(phase) && (options.browsers ?? BROWSERS).includes(browser) && (phase !== 'page-load' || (options.pages ?? PAGES).includes(page));
}

export function buildReport(
  raw: RawResults,
  meta: { started: number; finished: number; browsers: Record<string, string>; settings: Record<string, number | string>; errors: string[] },
  chosen: Pick<BenchOptions, 'only' | 'browsers' | 'pages'> = {},
): BenchReport {
  const sections = [
    contentScriptSection(raw),
    clickSection(raw.clicks.small, raw.firefoxClicks?.small, raw.underLoad, raw.bareSidebarClicks, raw.coldClicks),
    screenshotSection(raw),
    outboxSection(raw.outbox, raw.backend),
    sidebarSection(raw),
    ...(raw.serverStorage ? [raw.serverStorage] : []),
  ].map((section) => ({ ...section, lines: section.lines.filter((line) => lineChosen(line.id, chosen)) }));
  return {
    errors: meta.errors,
    startedAt: new Date(meta.started).toISOString(),
    durationMs: meta.finished - meta.started,
    machine: {
      nproc: os.availableParallelism(),
      cpu: os.cpus()[0]?.model.trim() ?? 'unknown',
      node: process.version,
      platform: `${os.type()} ${os.release()}`,
      browsers: meta.browsers,
    },
    settings: { ...meta.settings, page: PORTAL_PAGE, build: 'dist/chrome, dist/firefox' },
    sections: sections.filter((section) => section.lines.length > 0),
    // Every load's figures, for analyses the table does not make (pooling runs, other statistics).
    pageLoadSamples: {
      chromium: { error: raw.pageLoad, noError: raw.pageLoadWithoutError ?? noPageLoads() },
      firefox: { error: raw.firefoxPageLoad ?? noPageLoads(), noError: raw.firefoxPageLoadWithoutError ?? noPageLoads() },
    },
  };
}

/**
 * The same replica page where our content script runs, where only the empty one, the messaging
 * one or the one watching for errors runs, and where none does.
 */
function pageLoadUrls(browser: BrowserUnderTest, page: typeof PORTAL_PAGE | typeof PAGE_WITHOUT_ERROR): PageLoadUrls {
  const url = (host: string) => `${browser.origin(host)}${page}`;
  return {
    withExtension: url('chorus-pro.gouv.fr'),
    emptyScript: url(EMPTY_SCRIPT_HOST),
    messagingScript: url(MESSAGING_SCRIPT_HOST),
    watchingScript: url(WATCHING_SCRIPT_HOST),
    without: url('chorus-pro.gouv.fr.evil.test'),
  };
}

/** One measurement phase: a failure is reported (and the others still run), never hidden. */
type Attempt = <T>(what: string, fallback: T, task: () => Promise<T>) => Promise<T>;

/** The whole page at every size, in one browser (a failed size is reported, the others still run). */
async function measureWholePages(browser: BrowserUnderTest, runs: number, attempt: Attempt) {
  const samples: NonNullable<RawResults['wholePage']['chromium']> = {};
  for (const rows of WHOLE_PAGE_ROWS) {
    console.log(`whole page in ${BROWSER_NAMES[browser.name]}, ${rows} rows: ${runs} runs…`);
    samples[rows] = await attempt(`whole page in ${BROWSER_NAMES[browser.name]}, ${rows} rows`, [], () => measureWholePage(browser, rows, runs));
  }
  return samples;
}

/** The whole page drawn by html2canvas, asked for by name, in one browser. */
async function measureCompatWholePages(browser: BrowserUnderTest, runs: number, attempt: Attempt) {
  const samples: NonNullable<NonNullable<RawResults['wholePageCompat']>['chromium']> = {};
  for (const rows of COMPAT_ROWS) {
    console.log(`whole page with html2canvas in ${BROWSER_NAMES[browser.name]}, ${rows} rows: ${runs} runs…`);
    samples[rows] = await attempt(`whole page with html2canvas in ${BROWSER_NAMES[browser.name]}, ${rows} rows`, [], () => measureWholePage(browser, rows, runs, 'html2canvas'));
  }
  return samples;
}

/** SnapDOM at every size, in one browser. */
async function measureSnapdoms(browser: BrowserUnderTest, runs: number, attempt: Attempt) {
  const samples: NonNullable<RawResults['snapdom'][BrowserKey]> = {};
  for (const rows of SNAPDOM_ROWS) {
    console.log(`whole page with SnapDOM in ${BROWSER_NAMES[browser.name]}, ${rows} rows: ${runs} runs…`);
    samples[rows] = await attempt(`SnapDOM in ${BROWSER_NAMES[browser.name]}, ${rows} rows`, [], () => measureSnapdom(browser, rows, runs));
  }
  return samples;
}

function measureFromSidebar(browser: BrowserUnderTest, runs: number, attempt: Attempt) {
  console.log(`whole page from the sidebar in ${BROWSER_NAMES[browser.name]}, ${FROM_SIDEBAR_ROWS} rows: ${runs} runs…`);
  return attempt(`whole page from the sidebar in ${BROWSER_NAMES[browser.name]}`, [], () => measureWholePageFromSidebar(browser, FROM_SIDEBAR_ROWS, runs));
}

/** The previous run's report at `path`, if one is there and readable. */
function previousReport(path: string): BenchReport | undefined {
  if (!existsSync(path)) return undefined;
  try {
    const report = JSON.parse(readFileSync(path, 'utf8')) as BenchReport;
    return Array.isArray(report.sections) && typeof report.startedAt === 'string' ? report : undefined;
  } catch {
    return undefined;
  }
}

export async function runBench(options: BenchOptions = DEFAULT_OPTIONS): Promise<BenchReport> {
  requireBuild(CHROME_BUILD);
  requireBuild(FIREFOX_BUILD);
  const started = Date.now();
  const phases = new Set<Phase>(options.only ?? PHASES);
  const browsers = new Set(options.browsers ?? BROWSERS);
  const pages = new Set<PageShown>(options.pages ?? PAGES);
  const complete = phases.size === PHASES.length && browsers.size === BROWSERS.length && pages.size === PAGES.length;
  const contentScript = contentScriptSizes(CHROME_BUILD);
  const firefoxContentScript = contentScriptSizes(FIREFOX_BUILD);
  const sidebarBundle = pageBundle(CHROME_BUILD, SIDEBAR_HTML);
  const firefoxSidebarBundle = pageBundle(FIREFOX_BUILD, SIDEBAR_HTML);
  const server = await startPortalServer();
  const emptyExtension = writeEmptyExtension();
  // Ours, run from copies of the builds that have the click's blank floor page.
  const ours = await writeBuildsWithBlankPage({ chrome: CHROME_BUILD, firefox: FIREFOX_BUILD });
  let session: ChromiumSession | undefined;
  let firefox: BrowserUnderTest | undefined;
  let bareBuilds: BuildCopies | undefined;
  const bareSidebar = async () => (bareBuilds ??= await writeBareSidebarBuilds(ROOT, ours));
  let report: BenchReport;
  const errors: string[] = [];
  const attempt: Attempt = async (what, fallback, task) => {
    try {
      return await task();
    } catch (error) {
      const message = `${what}: ${error instanceof Error ? error.message : String(error)}`;
      console.error(`✖ ${message}`);
      errors.push(message);
      return fallback;
    }
  };
  /** A phase's measurement when it was chosen, its empty result otherwise. */
  const when = async <T>(phase: Phase, skipped: T, task: () => Promise<T>): Promise<T> => (phases.has(phase) ? task() : skipped);
  /** A page's loads when the page-load phase and that page were chosen. */
  const whenPage = <T>(page: PageShown, skipped: T, task: () => Promise<T>): Promise<T> => when('page-load', skipped, () => (pages.has(page) ? task() : Promise.resolve(skipped)));
  try {
    const spacer = new CaptureSpacer();
    let pageLoad: PageLoadResult = noPageLoads();
    let pageLoadWithoutError: PageLoadResult = noPageLoads();
    const clicks: RawResults['clicks'] = { small: [], large: [] };
    const wholePage: RawResults['wholePage'] = {};
    const wholePageCompat: NonNullable<RawResults['wholePageCompat']> = {};
    const fromSidebar: RawResults['fromSidebar'] = {};
    const snapdom: RawResults['snapdom'] = {};
    const outbox: RawResults['outbox'] = {};
    const underLoad: RawResults['underLoad'] = {};
    const bareSidebarClicks: NonNullable<RawResults['bareSidebarClicks']> = {};
    const coldClicks: NonNullable<RawResults['coldClicks']> = {};
    let backend: BackendBatch[] = [];
    const versions: Record<string, string> = {};

    if (browsers.has('chromium')) {
      const chromiumSession = await launchBenchChromium(server.port, [emptyExtension.dir], ours.chrome);
      session = chromiumSession;
      await chromiumSession.context.addInitScript(SIDEBAR_MARKS_SCRIPT);
      const { browser } = chromiumSession;
      versions['Chromium'] = browser.version;
      const url = (host: string) => `${browser.origin(host)}${PORTAL_PAGE}`;

      pageLoad = await whenPage('error', pageLoad, () => {
        console.log(`page loads: ${options.pageLoadRounds} rounds with our content script, the floors, none…`);
        return attempt('page loads', noPageLoads(), () => measurePageLoads((address) => loadOnce(chromiumSession.context, address), pageLoadUrls(browser, PORTAL_PAGE), options.pageLoadRounds));
      });
      pageLoadWithoutError = await whenPage('no-error', pageLoadWithoutError, () => {
        console.log(`page loads without an error: ${options.pageLoadRounds} rounds with our content script, the floors, none…`);
        return attempt('page loads without an error', noPageLoads(), () =>
          measurePageLoads((address) => loadOnce(chromiumSession.context, address), pageLoadUrls(browser, PAGE_WITHOUT_ERROR), options.pageLoadRounds),
        );
      });

      if (phases.has('click')) {
        for (const key of ['small', 'large'] as const) {
          const size = VIEWPORTS[key];
          console.log(`toolbar clicks at ${size.width}×${size.height}: ${options.runs} runs…`);
          clicks[key] = await attempt(`toolbar clicks at ${size.width}×${size.height}`, [], async () => {
            const { tab, page } = await chromiumSession.newTab();
            await page.setViewportSize(size);
            const samples = await measureClicks({ ...chromiumSession, tab, page, url: url('chorus-pro.gouv.fr'), runs: options.runs, withBaselines: true, spacer });
            await page.close();
            return samples;
          });
        }
        console.log(`toolbar clicks after the background stopped: ${options.runs} runs…`);
        coldClicks.chromium = await attempt('toolbar clicks after the background stopped', undefined, async () => {
          const { tab, page } = await chromiumSession.newTab();
          await page.setViewportSize(VIEWPORTS.small);
          const samples = await measureClicks({ ...chromiumSession, tab, page, url: url('chorus-pro.gouv.fr'), runs: options.runs, withBaselines: false, spacer, beforeClick: () => browser.stopBackground() });
          await page.close();
          return samples.map(({ click }) => click);
        });
      }
      if (phases.has('under-load')) {
        console.log(`toolbar clicks on a busy page: ${options.runs} runs…`);
        underLoad.chromium = await attempt('toolbar clicks on a busy page', [], async () => {
          const { tab, page } = await chromiumSession.newTab();
          await page.setViewportSize(VIEWPORTS.small);
          const samples = await measureClicksUnderLoad(tab, browser.origin('chorus-pro.gouv.fr'), options.runs, spacer);
          await page.close();
          return samples;
        });
      }
      if (phases.has('whole-page')) {
        wholePage.chromium = await measureWholePages(browser, options.wholePageRuns, attempt);
        wholePageCompat.chromium = await measureCompatWholePages(browser, options.wholePageRuns, attempt);
        fromSidebar.chromium = await measureFromSidebar(browser, options.wholePageRuns, attempt);
        snapdom.chromium = await measureSnapdoms(browser, options.wholePageRuns, attempt);
      }
      if (phases.has('outbox')) {
        console.log(`outbox: ${options.outboxRuns} runs of 100 requests…`);
        outbox.chromium = await attempt('outbox', [], () => measureOutboxDelivery(browser, options.outboxRuns));
        console.log(`backend: ${options.runs} batches of 50 concurrent submissions…`);
        backend = await attempt('backend', [], () => measureBackendBatches(options.runs));
      }
      // One browser at a time.
      await chromiumSession.browser.close();
      session = undefined;
      if (phases.has('click')) {
        console.log(`toolbar clicks with a bare sidebar: ${options.runs} runs…`);
        bareSidebarClicks.chromium = await attempt('toolbar clicks with a bare sidebar', undefined, async () => {
          const bareSession = await launchBenchChromium(server.port, [], (await bareSidebar()).chrome);
          session = bareSession;
          try {
            await bareSession.context.addInitScript(SIDEBAR_MARKS_SCRIPT);
            const { tab, page } = await bareSession.newTab();
            await page.setViewportSize(VIEWPORTS.small);
            return await measureClicks({ ...bareSession, tab, page, url: `${bareSession.browser.origin('chorus-pro.gouv.fr')}${PORTAL_PAGE}`, runs: options.runs, withBaselines: true, spacer });
          } finally {
            await bareSession.browser.close();
            session = undefined;
          }
        });
      }
    }

    let firefoxClicks: RawResults['firefoxClicks'];
    let firefoxPageLoad: PageLoads<FirefoxLoadSample> | undefined;
    let firefoxPageLoadWithoutError: PageLoads<FirefoxLoadSample> | undefined;
    if (browsers.has('firefox')) {
      console.log('Firefox ESR…');
      const firefoxSession = await attempt('Firefox', undefined, () => launchFirefoxSession({ portalPort: server.port, alsoLoad: [emptyExtension.dir], extensionDir: ours.firefox }));
      firefox = firefoxSession?.browser;
      if (firefoxSession && firefox) {
        const inFirefox = firefox;
        versions['Firefox'] = inFirefox.version;
        // A page not chosen has no loads: its lines are left out of the report.
        firefoxPageLoad = await whenPage('error', noPageLoads(), () => {
          console.log(`page loads in Firefox: ${options.pageLoadRounds} rounds with our content script, the floors, none…`);
          return attempt('page loads in Firefox', noPageLoads(), () =>
            measurePageLoads((address) => loadOnceInFirefox(firefoxSession, address), pageLoadUrls(inFirefox, PORTAL_PAGE), options.pageLoadRounds),
          );
        });
        firefoxPageLoadWithoutError = await whenPage('no-error', noPageLoads(), () => {
          console.log(`page loads in Firefox without an error: ${options.pageLoadRounds} rounds…`);
          return attempt('page loads in Firefox without an error', noPageLoads(), () =>
            measurePageLoads((address) => loadOnceInFirefox(firefoxSession, address), pageLoadUrls(inFirefox, PAGE_WITHOUT_ERROR), options.pageLoadRounds),
          );
        });
        if (phases.has('click')) {
          firefoxClicks = { small: [], large: [] };
          for (const key of ['small', 'large'] as const) {
            const size = VIEWPORTS[key];
            console.log(`toolbar clicks in Firefox at ${size.width}×${size.height}: ${options.runs} runs…`);
            firefoxClicks[key] = await attempt(`toolbar clicks in Firefox at ${size.width}×${size.height}`, [], async () => {
              const tab = await firefoxSession.newTabOfSize(size);
              const samples = await measureClicksByMark({
                tab,
                url: `${inFirefox.origin('chorus-pro.gouv.fr')}${PORTAL_PAGE}`,
                runs: options.runs,
                spacer,
                baselines: { capture: () => bareCaptureInFirefox(firefoxSession, spacer), sidebarPage: `${firefoxSession.extensionBase}${SIDEBAR_HTML}`, blankPage: `${firefoxSession.extensionBase}${BLANK_PAGE}` },
              });
              await tab.close();
              return samples;
            });
          }
          console.log(`toolbar clicks in Firefox after the background stopped: ${options.runs} runs…`);
          coldClicks.firefox = await attempt('toolbar clicks in Firefox after the background stopped', undefined, async () => {
            const tab = await firefoxSession.newTabOfSize(VIEWPORTS.small);
            const samples = await measureClicksByMark({ tab, url: `${inFirefox.origin('chorus-pro.gouv.fr')}${PORTAL_PAGE}`, runs: options.runs, spacer, beforeClick: () => inFirefox.stopBackground() });
            await tab.close();
            return samples.map(({ click }) => click);
          });
        }
        if (phases.has('under-load')) {
          console.log(`toolbar clicks in Firefox on a busy page: ${options.runs} runs…`);
          underLoad.firefox = await attempt('toolbar clicks in Firefox on a busy page', [], async () => {
            const tab = await firefoxSession.newTabOfSize(VIEWPORTS.small);
            const samples = await measureClicksUnderLoad(tab, inFirefox.origin('chorus-pro.gouv.fr'), options.runs, spacer);
            await tab.close();
            return samples;
          });
        }
        if (phases.has('whole-page')) {
          wholePage.firefox = await measureWholePages(inFirefox, options.wholePageRuns, attempt);
          wholePageCompat.firefox = await measureCompatWholePages(inFirefox, options.wholePageRuns, attempt);
          fromSidebar.firefox = await measureFromSidebar(inFirefox, options.wholePageRuns, attempt);
          snapdom.firefox = await measureSnapdoms(inFirefox, options.wholePageRuns, attempt);
        }
        if (phases.has('outbox')) {
          console.log(`outbox in Firefox: ${options.outboxRuns} runs of 100 requests…`);
          outbox.firefox = await attempt('outbox in Firefox', [], () => measureOutboxDelivery(inFirefox, options.outboxRuns));
        }
        // One browser at a time.
        await inFirefox.close();
        firefox = undefined;
        if (phases.has('click')) {
          console.log(`toolbar clicks in Firefox with a bare sidebar: ${options.runs} runs…`);
          bareSidebarClicks.firefox = await attempt('toolbar clicks in Firefox with a bare sidebar', undefined, async () => {
            const bareSession = await launchFirefoxSession({ portalPort: server.port, extensionDir: (await bareSidebar()).firefox });
            firefox = bareSession.browser;
            try {
              const tab = await bareSession.newTabOfSize(VIEWPORTS.small);
              return await measureClicksByMark({
                tab,
                url: `${bareSession.browser.origin('chorus-pro.gouv.fr')}${PORTAL_PAGE}`,
                runs: options.runs,
                spacer,
                baselines: { capture: () => bareCaptureInFirefox(bareSession, spacer), sidebarPage: `${bareSession.extensionBase}${SIDEBAR_HTML}`, blankPage: `${bareSession.extensionBase}${BLANK_PAGE}` },
              });
            } finally {
              await bareSession.browser.close();
              firefox = undefined;
            }
          });
        }
      }
    }

    // The backend's storage engines need no browser.
    const serverStorage = phases.has('server') ? await attempt('server storage', undefined, () => measureServerStorage(options.runs)) : undefined;

    report = buildReport(
      { contentScript, firefoxContentScript, sidebarBundle, firefoxSidebarBundle, pageLoad, pageLoadWithoutError, ...(firefoxPageLoad ? { firefoxPageLoad } : {}), ...(firefoxPageLoadWithoutError ? { firefoxPageLoadWithoutError } : {}), clicks, ...(firefoxClicks ? { firefoxClicks } : {}), bareSidebarClicks, coldClicks, underLoad, wholePage, wholePageCompat, fromSidebar, snapdom, outbox, backend, ...(serverStorage ? { serverStorage } : {}) },
      {
        started,
        finished: Date.now(),
        browsers: versions,
        settings: {
          ...(complete ? {} : { only: [...phases].join(','), browsers: [...browsers].join(','), pages: [...pages].join(',') }),
          runs: options.runs,
          pageLoadRounds: options.pageLoadRounds,
          wholePageRuns: options.wholePageRuns,
          outboxRuns: options.outboxRuns,
        },
        errors,
      },
      options,
    );
  } finally {
    await session?.browser.close();
    await firefox?.close();
    await server.close();
    emptyExtension.remove();
    bareBuilds?.remove();
    ours.remove();
  }
  const previous = previousReport(options.output);
  if (previous) report.stability = compareRuns(report, previous, STABILITY_TOLERANCE);
  console.log(`\n${renderTable(report)}\n\nbudgets:\n${budgetSummary(report)}`);
  mkdirSync(dirname(options.output), { recursive: true });
  writeFileSync(options.output, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\nwritten: ${options.output}`);
  if (!complete) {
    console.log(`not written: ${BENCH_DOC} (it shows complete runs only)`);
    return report;
  }
  const doc = withBenchTable(readFileSync(BENCH_DOC, 'utf8'), report, commitMeasured());
  if (doc) {
    writeFileSync(BENCH_DOC, doc);
    console.log(`written: ${BENCH_DOC}`);
  } else console.log(`not written: ${BENCH_DOC} has no bench markers`);
  return report;
}

/**
 * `npm run bench -- --only=server`: the support backend's storage lines alone, no browser and
 * no build of the extension. Prints the section and writes the JSON; docs/bench.md keeps the
 * table of the last full run.
 */
export async function runServerBench(options: BenchOptions = DEFAULT_OPTIONS): Promise<BenchReport> {
  const started = Date.now();
  const errors: string[] = [];
  let sections: Section[] = [];
  try {
    sections = [await measureServerStorage(options.runs)];
  } catch (error) {
    errors.push(`server storage: ${error instanceof Error ? error.message : String(error)}`);
  }
  const report: BenchReport = {
    errors,
    startedAt: new Date(started).toISOString(),
    durationMs: Date.now() - started,
    machine: { nproc: os.availableParallelism(), cpu: os.cpus()[0]?.model.trim() ?? 'unknown', node: process.version, platform: `${os.type()} ${os.release()}`, browsers: {} },
    settings: { runs: options.runs, only: 'server' },
    sections,
  };
  console.log(`\n${renderTable(report)}`);
  mkdirSync(dirname(options.output), { recursive: true });
  writeFileSync(options.output, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\nwritten: ${options.output}`);
  return report;
}
