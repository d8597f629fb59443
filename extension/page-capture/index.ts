// Injected into the portal tab's content-script world on request only (never always-on), like
// the page reader: scripting.executeScript({ files: [PAGE_CAPTURE_SCRIPT] }), then calls to
// globalThis.chorusProCapture through executeScript({ func }). It brings html2canvas into the
// page only when asked. Two services:
//   maskRects(options)  what to mask in a capture of the visible area (for captureVisibleTab)
//   start(options) → id; status(id); cancel(id)   the whole-page capture ("Page entière"),
//       html2canvas rendering the page's clone, sidebar excluded, masks burned in, encoded;
//       a page too tall for one canvas comes out as several parts at full scale
//       (src/capture/tiles.ts); progress by polling status, bounded in time, cancellable.
//       With `viewport: true`, the visible area only (when the browser refuses captureVisibleTab).
import html2canvas from 'html2canvas';
import { attachmentName, encodeForAttachment, targetBytesFor } from '../../src/capture/encode';
import type { CapturedPart, CapturePhase, CaptureStatus } from '../../src/capture/from-sidebar';
import { dataUrlOfBlob } from '../../src/data-url';
import type { Rect } from '../../src/capture/geometry';
import { burnMasks, collectMaskRects, maskSelectors, type MaskPlan } from '../../src/capture/mask';
import { createTiledSurface, type TiledSurface } from '../../src/capture/tiled-canvas';
import { planTiles, rectsInTile, viewportTile, type Tile } from '../../src/capture/tiles';

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
  /** Image pixels per CSS px: 1 for the whole page (text at its size on screen), devicePixelRatio for the viewport. */
  scale?: number;
  /** The visible area only, as captureVisibleTab would take it. */
  viewport?: boolean;
  /** Local time for the file names, as epoch ms (default: now). */
  now?: number;
}

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
class TooLarge extends Error {}

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

/**
 * The page's size without the sidebar's margin (the clone drops it): the margin is taken off and
 * put back within one task, so the page is never painted without it.
 */
function sizeWithoutSidebar() {
  const style = document.documentElement.style;
  const saved = { value: style.getPropertyValue('margin-right'), priority: style.getPropertyPriority('margin-right') };
  if (!saved.value) return documentSize(document);
  style.removeProperty('margin-right');
  const size = documentSize(document);
  style.setProperty('margin-right', saved.value, saved.priority);
  return size;
}

const tooLargeMessage = (parts: number, height: number) =>
  `The page is too long to capture whole (${parts} images would be needed, ${Math.round(height)} px); the visible capture is kept.`;

const newCanvas = (width: number, height: number) => {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  return canvas;
};

async function run(job: Job, options: PageCaptureOptions): Promise<CaptureStatus> {
  const phase = (next: CapturePhase, progress: number) => {
    if (job.status.state === 'running') job.status = { state: 'running', phase: next, progress, elapsedMs: Date.now() - job.started };
  };
  // Cancel / timeout: every drawing call then throws, which ends html2canvas's render at once.
  let stopped: Stopped | null = null;
  let surface: TiledSurface<HTMLCanvasElement> | undefined;
  job.abort = (code, message) => {
    stopped = new Stopped(message);
    job.status = { state: 'error', code, message };
    surface?.stop(stopped);
  };
  const onText = () => {
    job.drawn++;
    if (job.status.state === 'running' && job.status.phase === 'rendering') job.status.progress = Math.min(0.85, 0.2 + (0.65 * job.drawn) / job.words);
  };

  const wanted = options.scale ?? (options.viewport ? window.devicePixelRatio || 1 : 1);
  const viewportWidth = document.documentElement.clientWidth || window.innerWidth;
  const { scrollY, innerHeight } = window;
  let plan: MaskPlan | undefined;
  let page = { width: 0, height: 0 };
  let scale = wanted;
  const renderOptions = {
    // Replaced in onclone by the parts' surface, once the page's size is known.
    canvas: undefined as unknown as HTMLCanvasElement,
    scale: wanted,
    logging: false,
    useCORS: true,
    imageTimeout: 5000,
    backgroundColor: '#ffffff',
    scrollX: 0,
    scrollY: 0,
    // The clone frame has no scrollbar (scrolling="no"): give it the width the page lays out in
    // (without the scrollbar), so the image and the page agree to the pixel.
    windowWidth: viewportWidth,
    windowHeight: innerHeight,
    ignoreElements: (element: Element) => element.localName === SIDEBAR_HOST,
    // Runs on the laid-out clone, before html2canvas reads `scale` and `canvas` and renders: the
    // page without the sidebar's margin, measured as html2canvas will measure it (1.4.1, pinned).
    onclone: async (clone: Document) => {
      if (stopped) throw stopped;
      clone.documentElement.style.removeProperty('margin-right');
      const view = clone.defaultView;
      if (!view) throw new Error('the page clone has no window');
      const size = documentSize(clone);
      const tiling = planTiles(size, wanted);
      if (!tiling.fits) {
        throw new TooLarge(tooLargeMessage(tiling.parts, size.height));
      }
      scale = tiling.scale;
      renderOptions.scale = scale;
      const tiles: Tile[] = options.viewport ? [viewportTile(scrollY, innerHeight, scale, tiling.height)] : tiling.tiles;
      surface = createTiledSurface(tiles, { width: tiling.width, height: tiling.height }, newCanvas, { onText, ownerDocument: document });
      renderOptions.canvas = surface.canvas as unknown as HTMLCanvasElement;
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
  // A page too long is refused before the (costly) clone, measured as the clone will be laid out.
  const live = planTiles(sizeWithoutSidebar(), wanted);
  if (!options.viewport && !live.fits) throw new TooLarge(tooLargeMessage(live.parts, live.height));
  phase('cloning', 0.05);
  await html2canvas(document.documentElement, renderOptions);
  if (stopped) throw stopped;
  if (!plan || !surface) throw new Error('the page clone was never measured');
  phase('masking', 0.85);
  await nextTask();
  let masked = 0;
  for (const part of surface.parts) masked += burnMasks(part.context, rectsInTile(plan.rects, part.tile, part.canvas.width));
  const now = new Date(options.now ?? Date.now());
  const parts: CapturedPart[] = [];
  for (const [index, part] of surface.parts.entries()) {
    phase('encoding', 0.87 + (0.13 * index) / surface.parts.length);
    await nextTask();
    const encoded = await encodeForAttachment(part.canvas, { target: targetBytesFor(part.canvas) });
    if (stopped) throw stopped;
    // The part's pixels are no longer needed: let the browser free them now.
    part.canvas.width = 0;
    parts.push({
      dataUrl: await dataUrlOfBlob(encoded.blob),
      name: attachmentName(now, encoded.format, options.viewport ? {} : { label: 'page', part: part.tile.part }),
      format: encoded.format,
      quality: encoded.quality ?? null,
      bytes: encoded.bytes,
      width: encoded.width,
      height: encoded.height,
      y: part.tile.y,
      withinLimit: encoded.withinLimit,
    });
  }
  return {
    state: 'done',
    parts,
    scale,
    page,
    masked,
    withinLimit: parts.every((part) => part.withinLimit),
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
      if (job.status.state === 'running') {
        job.status = { state: 'error', code: error instanceof TooLarge ? 'too-large' : 'failed', message: error instanceof Error ? error.message : String(error) };
      }
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
