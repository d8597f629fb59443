// Injected into the portal tab's content-script world on request only (never always-on), like
// the page reader: scripting.executeScript({ files: [PAGE_CAPTURE_SCRIPT] }), then calls to
// globalThis.chorusProCapture through executeScript({ func }). It brings html2canvas into the
// page only when asked. Two services:
//   maskRects(options)  what to mask in a capture of the visible area (for captureVisibleTab)
//   start(options) → id; status(id); cancel(id)   the whole-page capture ("Page entière"),
//       html2canvas rendering the page's clone, sidebar excluded, masks burned in, encoded;
//       progress by polling status, bounded in time, cancellable. The result is a data URL.
import html2canvas from 'html2canvas';
import { attachmentName, encodeForAttachment, type ImageFormat } from '../../src/capture/encode';
import { dataUrlOfBlob } from '../../src/data-url';
import { fitScale, type Rect } from '../../src/capture/geometry';
import { burnMasks, collectMaskRects, maskSelectors, type MaskPlan } from '../../src/capture/mask';

/** The sidebar's host element: never in a screenshot. */
const SIDEBAR_HOST = 'chorus-pro-aide';
export const DEFAULT_TIMEOUT_MS = 30_000;

export interface PageCaptureOptions {
  /** Give up after this long (ms): the caller keeps the visible capture. */
  timeoutMs?: number;
  /** Areas the user marked, in document CSS px. */
  userAreas?: Rect[];
  /** Extra selectors to mask (the profile's come from the page's address). */
  selectors?: string[];
  /** Image pixels per CSS px wanted; devicePixelRatio by default (reduced when the page is too large for a canvas). */
  scale?: number;
  /** Local time for the file name, as epoch ms (default: now). */
  now?: number;
}

export type CapturePhase = 'cloning' | 'rendering' | 'masking' | 'encoding';

export type CaptureStatus =
  | { state: 'running'; phase: CapturePhase; progress: number; elapsedMs: number }
  | {
      state: 'done';
      dataUrl: string;
      name: string;
      format: ImageFormat;
      quality: number | null;
      bytes: number;
      width: number;
      height: number;
      /** Image px per CSS px actually used, and the page's size in CSS px. */
      scale: number;
      page: { width: number; height: number };
      masked: number;
      withinLimit: boolean;
      elapsedMs: number;
    }
  | { state: 'error'; code: 'timeout' | 'cancelled' | 'failed' | 'unknown-job'; message: string };

interface Job {
  status: CaptureStatus;
  started: number;
  words: number;
  drawn: number;
  abort(code: 'timeout' | 'cancelled', message: string): void;
}

const jobs = new Map<string, Job>();
let counter = 0;

class Stopped extends Error {}

/** Yields to the page's event loop (status and cancel calls are answered there). */
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Words in the clone's text: html2canvas draws roughly one fillText per word (progress estimate). */
function countWords(doc: Document): number {
  const walker = doc.createTreeWalker(doc.body ?? doc.documentElement, NodeFilter.SHOW_TEXT);
  let words = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) words += (node.textContent ?? '').split(/\s+/).filter(Boolean).length;
  return Math.max(1, words);
}

/** The clone's size as html2canvas measures a document (the canvas must be sized alike). */
function documentSize(doc: Document) {
  const body = doc.body;
  const root = doc.documentElement;
  const width = Math.max(body?.scrollWidth ?? 0, root.scrollWidth, body?.offsetWidth ?? 0, root.offsetWidth, body?.clientWidth ?? 0, root.clientWidth);
  const height = Math.max(body?.scrollHeight ?? 0, root.scrollHeight, body?.offsetHeight ?? 0, root.offsetHeight, body?.clientHeight ?? 0, root.clientHeight);
  return { width: Math.ceil(width), height: Math.ceil(height) };
}

const DRAWING = ['fillText', 'fillRect', 'drawImage', 'fill', 'stroke', 'clip', 'save', 'restore', 'beginPath', 'translate'] as const;

async function run(job: Job, options: PageCaptureOptions): Promise<CaptureStatus> {
  const phase = (next: CapturePhase, progress: number) => {
    if (job.status.state === 'running') job.status = { state: 'running', phase: next, progress, elapsedMs: Date.now() - job.started };
  };
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no 2D canvas in this page');
  // Cancel / timeout: every drawing call then throws, which ends html2canvas's render at once.
  let stopped: Stopped | null = null;
  const fillText = context.fillText.bind(context);
  context.fillText = (...args: Parameters<CanvasRenderingContext2D['fillText']>) => {
    job.drawn++;
    if (job.status.state === 'running' && job.status.phase === 'rendering') job.status.progress = Math.min(0.9, 0.2 + (0.7 * job.drawn) / job.words);
    fillText(...args);
  };
  job.abort = (code, message) => {
    stopped = new Stopped(message);
    job.status = { state: 'error', code, message };
    for (const method of DRAWING) {
      Object.defineProperty(context, method, {
        configurable: true,
        value: () => {
          throw stopped;
        },
      });
    }
  };

  const wanted = options.scale ?? (window.devicePixelRatio || 1);
  const renderOptions = {
    canvas,
    scale: wanted,
    logging: false,
    useCORS: true,
    imageTimeout: 5000,
    backgroundColor: '#ffffff',
    scrollX: 0,
    scrollY: 0,
    // The clone frame has no scrollbar (scrolling="no"): give it the width the page lays out in
    // (without the scrollbar), so the image and the page agree to the pixel.
    windowWidth: document.documentElement.clientWidth || window.innerWidth,
    windowHeight: window.innerHeight,
    ignoreElements: (element: Element) => element.localName === SIDEBAR_HOST,
    // Runs on the laid-out clone, before html2canvas reads `scale` and sizes its render: the page
    // without the sidebar's margin, measured as html2canvas will measure it (1.4.1, pinned).
    onclone: async (clone: Document) => {
      if (stopped) throw stopped;
      clone.documentElement.style.removeProperty('margin-right');
      const view = clone.defaultView;
      if (!view) throw new Error('the page clone has no window');
      const size = documentSize(clone);
      const scale = fitScale(size, wanted);
      renderOptions.scale = scale;
      canvas.width = Math.floor(size.width * scale);
      canvas.height = Math.floor(size.height * scale);
      page = size;
      plan = collectMaskRects(clone, view, {
        origin: 'page',
        scale,
        selectors: maskSelectors(location.href, options.selectors ?? []),
        userAreas: options.userAreas ?? [],
      });
      job.words = countWords(clone);
      phase('rendering', 0.2);
      // html2canvas then holds the page's thread until it has drawn: let a status call see this phase.
      await nextTask();
    },
  };
  let plan: MaskPlan | undefined;
  let page = { width: 0, height: 0 };
  phase('cloning', 0.05);
  await html2canvas(document.documentElement, renderOptions);
  if (stopped) throw stopped;
  if (!plan) throw new Error('the page clone was never measured');
  phase('masking', 0.9);
  await nextTask();
  const masked = burnMasks(context, plan.rects, plan.image);
  phase('encoding', 0.93);
  const encoded = await encodeForAttachment(canvas);
  if (stopped) throw stopped;
  const dataUrl = await dataUrlOfBlob(encoded.blob);
  return {
    state: 'done',
    dataUrl,
    name: attachmentName(new Date(options.now ?? Date.now()), encoded.format, { label: 'page' }),
    format: encoded.format,
    quality: encoded.quality ?? null,
    bytes: encoded.bytes,
    width: encoded.width,
    height: encoded.height,
    scale: renderOptions.scale,
    page,
    masked,
    withinLimit: encoded.withinLimit,
    elapsedMs: Date.now() - job.started,
  };
}

/** Removes html2canvas's clone frames left by a stopped render (they hold a copy of the page). */
function removeClones() {
  for (const frame of document.querySelectorAll('iframe.html2canvas-container')) frame.remove();
}

function start(options: PageCaptureOptions = {}): string {
  const id = `capture-${Date.now().toString(36)}-${++counter}`;
  const job: Job = {
    status: { state: 'running', phase: 'cloning', progress: 0, elapsedMs: 0 },
    started: Date.now(),
    words: 1,
    drawn: 0,
    abort: () => undefined,
  };
  jobs.set(id, job);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const timer = setTimeout(() => {
    job.abort('timeout', `The whole page could not be captured within ${Math.round(timeoutMs / 1000)} s; the visible capture is kept.`);
    removeClones();
  }, timeoutMs);
  run(job, options)
    .then((status) => {
      if (job.status.state === 'running') job.status = status;
    })
    .catch((error: unknown) => {
      if (job.status.state === 'running') job.status = { state: 'error', code: 'failed', message: error instanceof Error ? error.message : String(error) };
      removeClones();
    })
    .finally(() => clearTimeout(timer));
  return id;
}

function status(id: string): CaptureStatus {
  const job = jobs.get(id);
  if (!job) return { state: 'error', code: 'unknown-job', message: `no capture ${id} in this page` };
  if (job.status.state === 'running') job.status.elapsedMs = Date.now() - job.started;
  // A finished job is handed over once: the page keeps no copy of the image.
  if (job.status.state !== 'running') jobs.delete(id);
  return job.status;
}

function cancel(id: string): boolean {
  const job = jobs.get(id);
  if (!job || job.status.state !== 'running') return false;
  job.abort('cancelled', 'Whole-page capture cancelled.');
  removeClones();
  return true;
}

/** The visible area's mask plan, for the captureVisibleTab image taken at the same moment. */
function maskRects(options: { userAreas?: Rect[]; selectors?: string[] } = {}): MaskPlan {
  return collectMaskRects(document, window, {
    origin: 'viewport',
    selectors: maskSelectors(location.href, options.selectors ?? []),
    userAreas: options.userAreas ?? [],
  });
}

export interface PageCaptureApi {
  maskRects: typeof maskRects;
  start: typeof start;
  status: typeof status;
  cancel: typeof cancel;
}

(globalThis as typeof globalThis & { chorusProCapture?: PageCaptureApi }).chorusProCapture = { maskRects, start, status, cancel };
