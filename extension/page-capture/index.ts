// Injected into the portal tab's content-script world on request only (never always-on), like
// the page reader: scripting.executeScript({ files: [PAGE_CAPTURE_SCRIPT] }), then calls to
// globalThis.chorusProCapture through executeScript({ func }). Two services:
//   maskRects(options)  what to mask in a capture of the visible area (for captureVisibleTab)
//   start(options) → id; status(id); cancel(id)   the whole-page capture ("Page entière"):
//       the page copied into an SVG image (src/capture/page-svg.ts) that the browser paints on
//       canvases, sidebar excluded, masks burned in, encoded; a page too tall for one canvas
//       comes out as several parts at full scale (src/capture/tiles.ts); progress by polling
//       status, bounded in time, cancellable. Started from the sidebar (`handOver`), each part
//       goes to the sidebar's frame as soon as it is encoded, through the content script.
//       With `viewport: true`, the visible area only (when the browser refuses captureVisibleTab).
import { attachmentName, encodeForAttachment, targetBytesFor } from '../../src/capture/encode';
import type { CapturedPart, CapturePhase, CaptureStatus } from '../../src/capture/from-sidebar';
import { dataUrlOfBlob } from '../../src/data-url';
import type { Rect } from '../../src/capture/geometry';
import { burnMasks, collectMaskRects, maskSelectors, type MaskPlan } from '../../src/capture/mask';
import { pageToSvg } from '../../src/capture/page-svg';
import { afterFramesDrawn } from '../../src/frames-drawn';
import type { PagePart } from '../../src/capture/screenshot';
import { contentScriptGlobal } from '../shared/content-global';
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
  /** The sidebar's token: each part is posted to the sidebar's frame as soon as it is encoded (a PagePart), not kept for status(). */
  handOver?: string;
}

interface Job {
  status: CaptureStatus;
  started: number;
  abort(code: 'timeout' | 'cancelled', message: string): void;
}

const jobs = new Map<string, Job>();
let counter = 0;

class Stopped extends Error {}
class TooLarge extends Error {}

/**
 * Yields to the page's event loop (status and cancel calls are answered there). A message, not
 * a timer: browsers hold timers of a tab in the background to one a second, and the user may
 * look at another tab while the page is captured (Firefox: 7 s instead of 3 s for the 2,000 rows).
 */
function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/** A document's size, scrolled areas included (what the whole-page image covers). */
function documentSize(doc: Document) {
  const body = doc.body;
  const root = doc.documentElement;
  const width = Math.max(body?.scrollWidth ?? 0, root.scrollWidth, body?.offsetWidth ?? 0, root.offsetWidth, body?.clientWidth ?? 0, root.clientWidth);
  const height = Math.max(body?.scrollHeight ?? 0, root.scrollHeight, body?.offsetHeight ?? 0, root.offsetHeight, body?.clientHeight ?? 0, root.clientHeight);
  return { width: Math.ceil(width), height: Math.ceil(height) };
}

/**
 * Measured without the sidebar's margin (the image leaves it out): the margin is taken off and
 * put back within one task, so the page is never painted without it.
 */
function withoutSidebarMargin<T>(measure: () => T): T {
  const style = document.documentElement.style;
  const saved = { value: style.getPropertyValue('margin-right'), priority: style.getPropertyPriority('margin-right') };
  if (!saved.value) return measure();
  style.removeProperty('margin-right');
  try {
    return measure();
  } finally {
    style.setProperty('margin-right', saved.value, saved.priority);
  }
}

const tooLargeMessage = (parts: number, height: number) =>
  `The page is too long to capture whole (${parts} images would be needed, ${Math.round(height)} px); the visible capture is kept.`;

const newCanvas = (width: number, height: number) => {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  return canvas;
};

/**
 * Two canvases the parts are painted on in turn: a part is painted on one while the other's is
 * still being encoded, and a canvas is used again once its part is encoded. Firefox takes about
 * 250 ms to set up a new canvas of a part's size (1,280 × 16,384 px) on its first drawing.
 */
class CanvasPair {
  private readonly slots: ({ canvas: HTMLCanvasElement; encoded: Promise<unknown> } | undefined)[] = [undefined, undefined];

  /** The canvas for part `index`: its slot's canvas once that one's part is encoded, else a new one. */
  async take(index: number, width: number, height: number): Promise<HTMLCanvasElement> {
    const slot = this.slots[index % 2];
    if (slot) {
      await slot.encoded.catch(() => undefined);
      if (slot.canvas.width === width && slot.canvas.height === height) return slot.canvas;
      slot.canvas.width = 0;
    }
    return newCanvas(width, height);
  }

  /** Part `index` is on `canvas`, which is read until `encoded` settles. */
  hold(index: number, canvas: HTMLCanvasElement, encoded: Promise<unknown>): void {
    this.slots[index % 2] = { canvas, encoded };
  }

  /** The parts are encoded: lets the browser free the pixels now. */
  release(): void {
    for (const slot of this.slots) if (slot) slot.canvas.width = 0;
  }
}

/**
 * Firefox loads the pictures and fonts inside an SVG image (data: URLs) only once it is first
 * drawn, and paints them from the next frame on: a part drawn at once lacked every picture (the
 * e2e comparing with the browser's screenshot saw them missing). One small draw starts those
 * loads; two frames later (a tab in the background draws none: then a short delay) they are in.
 */
async function startInnerLoads(image: HTMLImageElement): Promise<void> {
  newCanvas(1, 1).getContext('2d')?.drawImage(image, 0, 0);
  await afterFramesDrawn(window);
}

/** The SVG image, decoded: drawing it is where the browser lays out and paints the copy. */
async function loadImage(svg: string): Promise<HTMLImageElement> {
  const image = new Image();
  image.decoding = 'async';
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  try {
    await image.decode();
  } catch {
    throw new Error('the browser could not draw the copy of the page');
  }
  return image;
}

/** Hands each part to the sidebar's frame through the content script, which holds the frame. */
function partsToSidebar(token: string): (part: Omit<PagePart, 'type' | 'token'>) => void {
  const content = contentScriptGlobal();
  if (!content) throw new Error('the sidebar is not in this page');
  return ({ index, name, width, height, image }) => {
    const message: PagePart = { type: 'page-part', token, index, name, width, height, image };
    if (!content.postToSidebar(message)) throw new Error('the sidebar is no longer in this page');
  };
}

async function run(job: Job, options: PageCaptureOptions): Promise<CaptureStatus> {
  let stopped: Stopped | null = null;
  job.abort = (code, message) => {
    stopped = new Stopped(message);
    job.status = { state: 'error', code, message };
  };
  /** Between two steps that hold the page's thread: a status or cancel call is answered, a stopped capture ends. */
  const step = async (phase: CapturePhase, progress: number) => {
    if (job.status.state === 'running') job.status = { state: 'running', phase, progress, elapsedMs: Date.now() - job.started };
    await nextTask();
    if (stopped) throw stopped;
  };

  const wanted = options.scale ?? (options.viewport ? window.devicePixelRatio || 1 : 1);
  const layoutWidth = document.documentElement.clientWidth || window.innerWidth;
  const { scrollY, innerHeight } = window;
  const selectors = maskSelectors(location.href, options.selectors ?? []);
  // The size and the masks measured in one go, laid out as the image lays the page out.
  const { size, tiling, plan } = withoutSidebarMargin(() => {
    const measured = documentSize(document);
    const planned = planTiles(measured, wanted);
    const masks: MaskPlan = collectMaskRects(document, window, { origin: 'page', scale: planned.scale, selectors, userAreas: options.userAreas ?? [] });
    return { size: measured, tiling: planned, plan: masks };
  });
  // A page too long is refused before it is copied.
  if (!options.viewport && !tiling.fits) throw new TooLarge(tooLargeMessage(tiling.parts, tiling.height));
  const scale = tiling.scale;
  const tiles = options.viewport || !tiling.fits ? [viewportTile(scrollY, innerHeight, scale, tiling.height)] : tiling.tiles;

  const handOver = options.handOver === undefined ? null : partsToSidebar(options.handOver);
  const mark = () => Date.now();
  await step('cloning', 0.05);
  const copying = mark();
  const page = await pageToSvg(document, window, size, layoutWidth, { exclude: [SIDEBAR_HOST], masked: selectors });
  const copyMs = mark() - copying;
  await step('rendering', 0.2);
  const painting = mark();
  const image = await loadImage(page.svg);
  if (page.inlined > 0) await startInnerLoads(image);
  const now = new Date(options.now ?? Date.now());
  let masked = 0;
  /** A part's PNG (or JPEG): the canvas is read when this is called, and encoded meanwhile (off the page's thread where the browser can). */
  const encode = async (canvas: HTMLCanvasElement, tile: Tile, index: number): Promise<CapturedPart> => {
    const encoded = await encodeForAttachment(canvas, { target: targetBytesFor(canvas) });
    const name = attachmentName(now, encoded.format, options.viewport ? {} : { label: 'page', part: tile.part });
    if (handOver) handOver({ index, name, width: encoded.width, height: encoded.height, image: encoded.blob });
    return {
      dataUrl: handOver ? null : await dataUrlOfBlob(encoded.blob),
      name,
      format: encoded.format,
      quality: encoded.quality ?? null,
      bytes: encoded.bytes,
      width: encoded.width,
      height: encoded.height,
      y: tile.y,
      withinLimit: encoded.withinLimit,
    };
  };
  const encoding: Promise<CapturedPart>[] = [];
  const canvases = new CanvasPair();
  /** Time spent waiting for a part to be encoded before its canvas is painted again: encoding, not painting. */
  let waitedMs = 0;
  for (const [index, tile] of tiles.entries()) {
    const waitingForCanvas = mark();
    const canvas = await canvases.take(index, tiling.width, tile.height);
    waitedMs += mark() - waitingForCanvas;
    const context = canvas.getContext('2d');
    if (!context) throw new Error(`no 2D context for a ${tiling.width}×${tile.height} canvas`);
    context.fillStyle = page.background;
    context.fillRect(0, 0, canvas.width, canvas.height);
    // The image is vectors and text: its band of the page (CSS px) painted at the image's scale.
    context.drawImage(image, 0, tile.y / scale, tiling.width / scale, tile.height / scale, 0, 0, tiling.width, tile.height);
    masked += burnMasks(context, rectsInTile(plan.rects, tile, tiling.width));
    const part = encode(canvas, tile, index);
    // Awaited below; a capture stopped before then leaves it unobserved, not unhandled.
    part.catch(() => undefined);
    canvases.hold(index, canvas, part);
    encoding.push(part);
    await step('rendering', 0.2 + (0.65 * (index + 1)) / tiles.length);
  }
  image.src = '';
  const paintMs = mark() - painting - waitedMs;
  const waiting = mark();
  await step('encoding', 0.85);
  const parts = await Promise.all(encoding).finally(() => canvases.release());
  if (stopped) throw stopped;
  return {
    state: 'done',
    parts,
    scale,
    page: size,
    masked,
    withinLimit: parts.every((part) => part.withinLimit),
    elapsedMs: Date.now() - job.started,
    steps: { copyMs, paintMs, encodeMs: waitedMs + mark() - waiting },
    resources: { inlined: page.inlined, missed: page.missed },
  };
}

function start(options: PageCaptureOptions = {}): string {
  const id = `capture-${Date.now().toString(36)}-${++counter}`;
  const job: Job = {
    status: { state: 'running', phase: 'cloning', progress: 0, elapsedMs: 0 },
    started: Date.now(),
    abort: () => undefined,
  };
  jobs.set(id, job);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const timer = setTimeout(() => {
    job.abort('timeout', `The whole page could not be captured within ${Math.round(timeoutMs / 1000)} s; the visible capture is kept.`);
  }, timeoutMs);
  run(job, options)
    .then((status) => {
      if (job.status.state === 'running') job.status = status;
    })
    .catch((error: unknown) => {
      if (job.status.state === 'running') {
        job.status = { state: 'error', code: error instanceof TooLarge ? 'too-large' : 'failed', message: error instanceof Error ? error.message : String(error) };
      }
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
