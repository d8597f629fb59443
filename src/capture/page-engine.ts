/**
 * The capture engine as it runs in the portal tab, injected on request only (never always-on).
 * Two services:
 *   maskRects(options)  what to mask in a capture of the visible area (for captureVisibleTab)
 *   start(options) → id; status(id); cancel(id)   the whole-page capture ("Page entière"): the
 *       page copied into an SVG image (page-svg.ts) that the browser paints on canvases, sidebar
 *       excluded, masks burned in, encoded; a page too tall for one canvas comes out as several
 *       parts at full scale (tiles.ts); progress by polling status, bounded in time,
 *       cancellable. Started from the sidebar (`handOver`), each part goes to the sidebar's
 *       frame as soon as it is encoded. With `viewport: true`, the visible area only (when the
 *       browser refuses captureVisibleTab).
 * What touches the browser (the page's window, the sidebar's frame, the event loop, timers,
 * decoding and encoding images) comes in as ports: page-engine-ports.ts has the page's own.
 */
import { attachmentName, context2d, targetBytesFor, type AnyCanvas, type Drawable, type EncodedImage } from './encode';
import { findUndrawable, looksBlank, showsText, type EngineName, type EngineRequest, type FallbackReason, type NotDrawn } from './engine-choice';
import type { CapturedPart, CapturePhase, CaptureStatus } from './from-sidebar';
import type { Rect, Size } from './geometry';
import { burnMasks, collectMaskRects, maskSelectors, type MaskPlan } from './mask';
import type { CompatRequest } from './page-compat';
import type { PageSvg, PageSvgOptions } from './page-svg';
import type { PagePart } from './screenshot';
import { planTiles, rectsInTile, viewportTile, type Tile } from './tiles';

/** The sidebar's host element: never in a screenshot. */
export const SIDEBAR_HOST = 'chorus-pro-aide';
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
  /** 'auto' (default): the SVG route, html2canvas when the page or the result calls for it. */
  engine?: EngineRequest;
}

/** The copy of the page once decoded: what the canvases draw; emptying `src` lets the browser free it. */
export type PageImage = CanvasImageSource & { src: string };

export interface PageEnginePorts {
  /** The page: measured, copied, and masked by what its address says. */
  window: Window;
  /** Posts a part to the sidebar's frame (false once the frame is gone); undefined when the page has no sidebar. */
  findSidebar(): ((part: PagePart) => boolean) | undefined;
  /** Lets the page's event loop run: status and cancel calls are answered there. */
  nextTask(): Promise<void>;
  now(): number;
  /** Calls `callback` after `ms`; the function returned stops it. */
  after(ms: number, callback: () => void): () => void;
  /** The page copied into an SVG image of `size` (CSS px), laid out `layoutWidth` wide. */
  copyPage(size: Size, layoutWidth: number, options: Pick<PageSvgOptions, 'exclude' | 'masked'>): Promise<PageSvg>;
  /** The copy decoded, with the pictures and fonts inside it loaded: ready to be drawn. */
  loadCopy(page: PageSvg): Promise<PageImage>;
  createCanvas(width: number, height: number): AnyCanvas;
  /** A part's file, aiming at `target` bytes: the canvas is read when this is called. */
  encode(canvas: AnyCanvas, target: number): Promise<EncodedImage>;
  dataUrlOf(blob: Blob): Promise<string>;
  /** html2canvas's drawing of a band of the page (page-compat.ts), decoded, of the size asked for. */
  renderCompat(request: Omit<CompatRequest, 'type' | 'token'>): Promise<Drawable & { close?(): void }>;
  /** The colour under the page. */
  background(): string;
  /** What neither engine can be sure to draw on this page (another site's frames and pictures). */
  notDrawable(): NotDrawn[];
}

/** Paints a band of the page onto a canvas of the band's size. */
interface Painter {
  paint(canvas: AnyCanvas, tile: Tile): Promise<void>;
  release(): void;
}

/** The SVG route's image cannot be used; html2canvas draws the page instead when the choice is automatic. */
class SwitchEngine extends Error {
  constructor(readonly reason: FallbackReason) {
    super(`the page could not be drawn by the fast engine (${reason})`);
  }
}

/** Side of the downscaled copy of a part checked for a blank render. */
const PROBE_SIDE = 128;

interface Job {
  status: CaptureStatus;
  started: number;
  abort(code: 'timeout' | 'cancelled', message: string): void;
}

class Stopped extends Error {}
class TooLarge extends Error {}

/** A document's size, scrolled areas included (what the whole-page image covers). */
function documentSize(doc: Document): Size {
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
function withoutSidebarMargin<T>(doc: Document, measure: () => T): T {
  const style = doc.documentElement.style;
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

/**
 * Two canvases the parts are painted on in turn: a part is painted on one while the other's is
 * still being encoded, and a canvas is used again once its part is encoded. Firefox takes about
 * 250 ms to set up a new canvas of a part's size (1,280 × 16,384 px) on its first drawing.
 */
class CanvasPair {
  private readonly slots: ({ canvas: AnyCanvas; encoded: Promise<unknown> } | undefined)[] = [undefined, undefined];

  constructor(private readonly create: (width: number, height: number) => AnyCanvas) {}

  /** The canvas for part `index`: its slot's canvas once that one's part is encoded, else a new one. */
  async take(index: number, width: number, height: number): Promise<AnyCanvas> {
    const slot = this.slots[index % 2];
    if (slot) {
      await slot.encoded.catch(() => undefined);
      if (slot.canvas.width === width && slot.canvas.height === height) return slot.canvas;
      slot.canvas.width = 0;
    }
    return this.create(width, height);
  }

  /** Part `index` is on `canvas`, which is read until `encoded` settles. */
  hold(index: number, canvas: AnyCanvas, encoded: Promise<unknown>): void {
    this.slots[index % 2] = { canvas, encoded };
  }

  /** The parts are encoded: lets the browser free the pixels now. */
  release(): void {
    for (const slot of this.slots) if (slot) slot.canvas.width = 0;
  }
}

export function createPageEngine(ports: PageEnginePorts) {
  const jobs = new Map<string, Job>();
  let counter = 0;
  const doc = ports.window.document;

  /** Hands each part to the sidebar's frame. */
  function partsToSidebar(token: string): (part: Omit<PagePart, 'type' | 'token'>) => void {
    const post = ports.findSidebar();
    if (!post) throw new Error('the sidebar is not in this page');
    return ({ index, name, width, height, image }) => {
      if (!post({ type: 'page-part', token, index, name, width, height, image })) throw new Error('the sidebar is no longer in this page');
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
      if (job.status.state === 'running') job.status = { state: 'running', phase, progress, elapsedMs: ports.now() - job.started };
      await ports.nextTask();
      if (stopped) throw stopped;
    };

    const view = ports.window;
    const wanted = options.scale ?? (options.viewport ? view.devicePixelRatio || 1 : 1);
    const layoutWidth = doc.documentElement.clientWidth || view.innerWidth;
    const { scrollY, innerHeight } = view;
    const selectors = maskSelectors(view.location.href, options.selectors ?? []);
    // The size and the masks measured in one go, laid out as the image lays the page out.
    const { size, tiling, plan } = withoutSidebarMargin(doc, () => {
      const measured = documentSize(doc);
      const planned = planTiles(measured, wanted);
      const masks: MaskPlan = collectMaskRects(doc, view, { origin: 'page', scale: planned.scale, selectors, userAreas: options.userAreas ?? [] });
      return { size: measured, tiling: planned, plan: masks };
    });
    // A page too long is refused before it is copied.
    if (!options.viewport && !tiling.fits) throw new TooLarge(tooLargeMessage(tiling.parts, tiling.height));
    const scale = tiling.scale;
    const tiles: Tile[] = options.viewport || !tiling.fits ? [viewportTile(scrollY, innerHeight, scale, tiling.height)] : tiling.tiles;

    const handOver = options.handOver === undefined ? null : partsToSidebar(options.handOver);
    const requested = options.engine ?? 'auto';
    const exclude = [SIDEBAR_HOST];
    const background = ports.background();
    let copyMs = 0;
    let resources = { inlined: 0, missed: 0 };

    /** The SVG route: the page copied once, its image drawn band by band; the first band checked. */
    async function svgPainter(): Promise<Painter> {
      await step('cloning', 0.05);
      const copying = ports.now();
      const page = await ports.copyPage(size, layoutWidth, { exclude, masked: selectors });
      copyMs = ports.now() - copying;
      resources = { inlined: page.inlined, missed: page.missed };
      await step('rendering', 0.2);
      let image: PageImage;
      try {
        image = await ports.loadCopy(page);
      } catch {
        throw new SwitchEngine('decode');
      }
      let checked = false;
      return {
        async paint(canvas, tile) {
          const context = context2d(canvas);
          context.fillStyle = page.background;
          context.fillRect(0, 0, canvas.width, canvas.height);
          // The image is vectors and text: its band of the page (CSS px) painted at the image's scale.
          context.drawImage(image, 0, tile.y / scale, tiling.width / scale, tile.height / scale, 0, 0, tiling.width, tile.height);
          if (!checked) {
            checked = true;
            const wrong = checkPainted(canvas, tile, page.background);
            if (wrong) throw new SwitchEngine(wrong);
          }
        },
        release: () => void (image.src = ''),
      };
    }

    /** html2canvas in the page's world, one band at a time. */
    async function compatPainter(): Promise<Painter> {
      await step('rendering', 0.2);
      return {
        async paint(canvas, tile) {
          const band = await ports.renderCompat({
            region: { x: 0, y: tile.y / scale, width: tiling.width / scale, height: tile.height / scale },
            scale,
            layoutWidth,
            exclude,
            masked: selectors,
          });
          const context = context2d(canvas);
          context.fillStyle = background;
          context.fillRect(0, 0, canvas.width, canvas.height);
          context.drawImage(band, 0, 0, tiling.width, tile.height);
          band.close?.();
        },
        release: () => undefined,
      };
    }

    /**
     * Whether the first band came out unusable: a canvas that cannot be read (tainted) or only
     * the page's background where the page shows text. Checked on a small copy before any part
     * is encoded or handed over.
     */
    function checkPainted(canvas: AnyCanvas, tile: Tile, colour: string): FallbackReason | null {
      const probe = ports.createCanvas(PROBE_SIDE, PROBE_SIDE);
      const context = context2d(probe);
      context.drawImage(canvas, 0, 0, canvas.width, tile.height, 0, 0, PROBE_SIDE, PROBE_SIDE);
      let pixels: ArrayLike<number>;
      try {
        pixels = context.getImageData(0, 0, PROBE_SIDE, PROBE_SIDE).data;
      } catch {
        // Firefox refuses to read back, from the content-script world, a canvas it still lets
        // encode: no blank check there; a canvas really tainted fails its encoding (below).
        return null;
      } finally {
        probe.width = 0;
      }
      return looksBlank(pixels, colour) && showsText(doc, view, tile.y / scale, (tile.y + tile.height) / scale) ? 'blank' : null;
    }

    const now = new Date(options.now ?? ports.now());
    /** A part's PNG (or JPEG): the canvas is read when this is called, and encoded meanwhile (off the page's thread where the browser can). */
    const encode = async (canvas: AnyCanvas, tile: Tile, index: number): Promise<CapturedPart> => {
      const encoded = await ports.encode(canvas, targetBytesFor(canvas)).catch((error: unknown) => {
        // Another site's pixels in the SVG route's canvas: html2canvas draws without them.
        throw error instanceof Error && error.name === 'SecurityError' && engine === 'svg' ? new SwitchEngine('tainted') : error;
      });
      const name = attachmentName(now, encoded.format, options.viewport ? {} : { label: 'page', part: tile.part });
      if (handOver) handOver({ index, name, width: encoded.width, height: encoded.height, image: encoded.blob });
      return {
        dataUrl: handOver ? null : await ports.dataUrlOf(encoded.blob),
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

    /** Every part painted, masked and encoded by one engine. */
    async function paintAll(painter: Painter) {
      const painting = ports.now();
      let masked = 0;
      const encoding: Promise<CapturedPart>[] = [];
      const canvases = new CanvasPair(ports.createCanvas);
      /** Time spent waiting for a part to be encoded before its canvas is painted again: encoding, not painting. */
      let waitedMs = 0;
      try {
        for (const [index, tile] of tiles.entries()) {
          const waitingForCanvas = ports.now();
          const canvas = await canvases.take(index, tiling.width, tile.height);
          waitedMs += ports.now() - waitingForCanvas;
          await painter.paint(canvas, tile);
          masked += burnMasks(context2d(canvas), rectsInTile(plan.rects, tile, tiling.width));
          const part = encode(canvas, tile, index);
          // Awaited below; a capture stopped before then leaves it unobserved, not unhandled.
          part.catch(() => undefined);
          canvases.hold(index, canvas, part);
          encoding.push(part);
          await step('rendering', 0.2 + (0.65 * (index + 1)) / tiles.length);
        }
      } catch (error) {
        canvases.release();
        throw error;
      } finally {
        painter.release();
      }
      const paintMs = ports.now() - painting - waitedMs;
      const waiting = ports.now();
      await step('encoding', 0.85);
      const parts = await Promise.all(encoding).finally(() => canvases.release());
      return { parts, masked, paintMs, encodeMs: waitedMs + ports.now() - waiting };
    }

    // The automatic choice: what the SVG copy would lose sends the page to html2canvas at once.
    let engine: EngineName = requested === 'html2canvas' ? 'html2canvas' : 'svg';
    let fallback: FallbackReason | null = requested === 'html2canvas' ? 'asked' : null;
    const undrawable = findUndrawable(doc, view, { viewport: options.viewport === true });
    if (requested === 'auto' && undrawable.length > 0) {
      engine = 'html2canvas';
      fallback = undrawable[0]!;
    }
    let painted;
    try {
      painted = await paintAll(engine === 'svg' ? await svgPainter() : await compatPainter());
    } catch (error) {
      if (!(error instanceof SwitchEngine) || requested !== 'auto') throw error;
      engine = 'html2canvas';
      fallback = error.reason;
      painted = await paintAll(await compatPainter());
    }
    if (stopped) throw stopped;
    const { parts, masked, paintMs, encodeMs } = painted;
    // html2canvas leaves a frame's box empty, and draws fixed headers over a scrolled page not
    // quite as the browser does (measured 95.9 % alike in Firefox): the image says so.
    const notDrawn: NotDrawn[] = [...ports.notDrawable(), ...(engine === 'svg' ? undrawable : undrawable.filter((kind) => kind === 'frame' || kind === 'fixed-position'))];
    if (engine === 'svg' && resources.missed > 0 && !notDrawn.includes('other-site-pictures')) notDrawn.push('other-site-pictures');
    return {
      state: 'done',
      parts,
      scale,
      page: size,
      masked,
      withinLimit: parts.every((part) => part.withinLimit),
      elapsedMs: ports.now() - job.started,
      steps: { copyMs, paintMs, encodeMs },
      resources,
      engine,
      fallback,
      notDrawn,
    };
  }

  function start(options: PageCaptureOptions = {}): string {
    const id = `capture-${ports.now().toString(36)}-${++counter}`;
    const job: Job = {
      status: { state: 'running', phase: 'cloning', progress: 0, elapsedMs: 0 },
      started: ports.now(),
      abort: () => undefined,
    };
    jobs.set(id, job);
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const stopTimer = ports.after(timeoutMs, () => {
      job.abort('timeout', `The whole page could not be captured within ${Math.round(timeoutMs / 1000)} s; the visible capture is kept.`);
    });
    run(job, options)
      .then((status) => {
        if (job.status.state === 'running') job.status = status;
      })
      .catch((error: unknown) => {
        if (job.status.state === 'running') {
          job.status = { state: 'error', code: error instanceof TooLarge ? 'too-large' : 'failed', message: error instanceof Error ? error.message : String(error) };
        }
      })
      .finally(stopTimer);
    return id;
  }

  function status(id: string): CaptureStatus {
    const job = jobs.get(id);
    if (!job) return { state: 'error', code: 'unknown-job', message: `no capture ${id} in this page` };
    if (job.status.state === 'running') job.status.elapsedMs = ports.now() - job.started;
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
    return collectMaskRects(doc, ports.window, {
      origin: 'viewport',
      selectors: maskSelectors(ports.window.location.href, options.selectors ?? []),
      userAreas: options.userAreas ?? [],
    });
  }

  return { maskRects, start, status, cancel };
}

/** What the engine's script leaves on the page's global, for scripting.executeScript calls. */
export type PageCaptureApi = ReturnType<typeof createPageEngine>;
