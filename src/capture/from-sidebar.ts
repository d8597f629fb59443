/**
 * The screenshot buttons of the sidebar, as the background runs them for the sidebar's tab:
 * "Page entière" (the whole page, rendered in the page by the capture engine, polled for
 * progress, cancellable, bounded in time; the engine hands the images to the sidebar itself)
 * and "Reprendre" (the visible area again, the sidebar hidden meanwhile; captureVisibleTab when
 * the browser allows it, the engine otherwise).
 * Nothing unmasked leaves: the engine burns the masks in; a visible capture is masked before it
 * is returned, and not taken at all when the page could not be measured.
 */
import type { ImageFormat } from './encode';
import type { EngineName, EngineRequest, FallbackReason, NotDrawn } from './engine-choice';
import type { MaskPlan } from './mask';
import { captureWhileMasksHold, MASKS_MOVED, type SteadyCapture } from './steady';
import type { Capture, ScreenshotFailure, ScreenshotImage, ScreenshotOutcome, ScreenshotProgress, WholePageOutcome } from './screenshot';

/** One image the engine made: the whole page, one of its parts, or the visible area. */
export interface CapturedPart {
  /** null when the engine handed the image to the sidebar itself (EngineStartOptions.handOver). */
  dataUrl: string | null;
  name: string;
  format: ImageFormat;
  quality: number | null;
  bytes: number;
  width: number;
  height: number;
  /** Where it starts in the whole-page image (image px). */
  y: number;
  withinLimit: boolean;
}

export type CapturePhase = ScreenshotProgress['phase'];

/** What the engine's status(id) answers (page-engine.ts). */
export type CaptureStatus =
  | { state: 'running'; phase: CapturePhase; progress: number; elapsedMs: number }
  | {
      state: 'done';
      parts: CapturedPart[];
      /** Image px per CSS px, and the page's size in CSS px. */
      scale: number;
      page: { width: number; height: number };
      masked: number;
      withinLimit: boolean;
      elapsedMs: number;
      /**
       * Of which: copying the page (with its style and images), painting the parts (masks in), and
       * waiting for their encoding (started as each part is painted; a canvas is painted again
       * once its part is encoded, and that wait counts as encoding).
       */
      steps: { copyMs: number; paintMs: number; encodeMs: number };
      /** The page's pictures, fonts and style sheets read again to be drawn, and those that could not be. */
      resources: { inlined: number; missed: number };
      /** Which engine drew it, why html2canvas was chosen (null: the default route), and what the image may lack. */
      engine: EngineName;
      fallback: FallbackReason | null;
      notDrawn: NotDrawn[];
    }
  | { state: 'error'; code: 'timeout' | 'cancelled' | 'failed' | 'too-large' | 'unknown-job'; message: string };

export interface EngineStartOptions {
  timeoutMs: number;
  viewport?: boolean;
  now: number;
  /** The sidebar's token: each part is posted to the sidebar's frame as it is encoded (PagePart), not returned. */
  handOver?: string;
  engine?: EngineRequest;
}

/** The engine in a tab, through scripting.executeScript. */
export interface EnginePorts {
  inject(tabId: number): Promise<void>;
  start(tabId: number, options: EngineStartOptions): Promise<string>;
  status(tabId: number, id: string): Promise<CaptureStatus>;
  cancel(tabId: number, id: string): Promise<boolean>;
  sleep(ms: number): Promise<void>;
  now(): number;
}

/** "Page entière" is given up after this long (a 2,000-row list takes a few seconds; a loaded small machine, many more); the sidebar keeps what it shows. */
export const WHOLE_PAGE_TIMEOUT_MS = 60_000;
/** A viewport rendered by the engine (when captureVisibleTab is refused). */
export const VIEWPORT_TIMEOUT_MS = 15_000;
/** The page's thread may be held while a part is painted: a status call can wait this long past the bound. */
const GRACE_MS = 5_000;
const POLL_MS = 200;

const failed = (reason: ScreenshotFailure['reason'], message: string): ScreenshotFailure => ({ status: 'failed', reason, message });

const REASONS = { timeout: 'timeout', cancelled: 'cancelled', 'too-large': 'too-large', failed: 'failed', 'unknown-job': 'failed' } as const;

/** Within `ms`, or rejects: a page whose thread is held must not hold the caller forever. */
function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([promise, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('no answer from the page')), Math.max(0, ms))))]).finally(() => clearTimeout(timer));
}

export function createEngineRunner(ports: EnginePorts) {
  const running = new Map<number, { id?: string; cancelled: boolean; progress: ScreenshotProgress }>();

  /** Runs the engine in the tab until it ends; one run per tab at a time. */
  async function run(
    tabId: number,
    options: { viewport?: boolean; timeoutMs: number; handOver?: string; engine?: EngineRequest },
  ): Promise<{ status: 'done'; capturedAt: number; parts: CapturedPart[]; engine: EngineName; notDrawn: NotDrawn[] } | ScreenshotFailure> {
    if (running.has(tabId)) return failed('busy', 'a capture is already running in this tab');
    const started = ports.now();
    const job: { id?: string; cancelled: boolean; progress: ScreenshotProgress } = { cancelled: false, progress: { phase: 'cloning', progress: 0, elapsedMs: 0 } };
    running.set(tabId, job);
    const deadline = started + options.timeoutMs + GRACE_MS;
    try {
      await ports.inject(tabId);
      if (job.cancelled) return failed('cancelled', 'cancelled');
      const id = await ports.start(tabId, {
        timeoutMs: options.timeoutMs,
        now: started,
        ...(options.viewport ? { viewport: true } : {}),
        ...(options.handOver === undefined ? {} : { handOver: options.handOver }),
        ...(options.engine === undefined ? {} : { engine: options.engine }),
      });
      job.id = id;
      // Cancelled while the engine was starting: stopped now that it can be named.
      if (job.cancelled) await ports.cancel(tabId, id);
      for (;;) {
        let status: CaptureStatus;
        try {
          status = await within(ports.status(tabId, id), deadline - ports.now());
        } catch (error) {
          if (ports.now() < deadline) throw error;
          void ports.cancel(tabId, id).catch(() => undefined);
          return failed('timeout', `no result within ${Math.round(options.timeoutMs / 1000)} s`);
        }
        if (status.state === 'running') {
          job.progress = { phase: status.phase, progress: status.progress, elapsedMs: status.elapsedMs };
          await ports.sleep(POLL_MS);
          continue;
        }
        if (status.state === 'error') return failed(REASONS[status.code], status.message);
        if (!status.withinLimit) return failed('too-large', 'an image would be 10 MB or more');
        return { status: 'done', capturedAt: started, parts: status.parts, engine: status.engine, notDrawn: status.notDrawn };
      }
    } catch (error) {
      return failed('failed', error instanceof Error ? error.message : String(error));
    } finally {
      running.delete(tabId);
    }
  }

  return {
    /** The parts go to the sidebar straight from the page, with its token; `engine` 'html2canvas' for "Recapturer (mode compatibilité)". */
    async wholePage(tabId: number, handOver: string, engine: EngineRequest = 'auto'): Promise<WholePageOutcome> {
      const outcome = await run(tabId, { timeoutMs: WHOLE_PAGE_TIMEOUT_MS, handOver, engine });
      return outcome.status === 'done'
        ? { status: 'done', capturedAt: outcome.capturedAt, parts: outcome.parts.length, engine: outcome.engine, notDrawn: outcome.notDrawn }
        : outcome;
    },
    async viewport(tabId: number): Promise<ScreenshotOutcome> {
      const outcome = await run(tabId, { viewport: true, timeoutMs: VIEWPORT_TIMEOUT_MS });
      if (outcome.status !== 'done') return outcome;
      const images: ScreenshotImage[] = [];
      for (const { dataUrl, name, width, height } of outcome.parts) {
        if (dataUrl === null) return failed('failed', 'the engine kept no image');
        images.push({ dataUrl, name, width, height });
      }
      return { status: 'done', capturedAt: outcome.capturedAt, images };
    },
    progress: (tabId: number): ScreenshotProgress | null => running.get(tabId)?.progress ?? null,
    async cancel(tabId: number): Promise<boolean> {
      const job = running.get(tabId);
      if (!job) return false;
      job.cancelled = true;
      return job.id === undefined ? true : ports.cancel(tabId, job.id);
    },
  };
}

export type EngineRunner = ReturnType<typeof createEngineRunner>;

export interface RetakePorts {
  hideSidebar(tabId: number): Promise<void>;
  showSidebar(tabId: number): Promise<void>;
  /** What the visible area's screenshot must mask, measured now (the page reader). */
  readMask(tabId: number): Promise<MaskPlan>;
  captureVisibleTab(windowId: number): Promise<string>;
  /** Burns the masks in and encodes: the image that may be kept. */
  maskCapture(dataUrl: string, mask: MaskPlan, capturedAt: number): Promise<ScreenshotImage>;
  /** The engine's rendering of the visible area, when the browser refuses captureVisibleTab. */
  renderViewport(tabId: number): Promise<ScreenshotOutcome>;
  /** Keeps the new visible capture for the tab (shown again if the sidebar reloads). */
  keep(tabId: number, capture: Capture): Promise<void>;
  now(): number;
}

/** "Reprendre": the sidebar hidden, the visible area captured and masked, the sidebar shown again. */
export async function retakeVisible(tab: { id: number; windowId: number }, ports: RetakePorts): Promise<ScreenshotOutcome> {
  await ports.hideSidebar(tab.id);
  try {
    let mask: MaskPlan;
    try {
      mask = await ports.readMask(tab.id);
    } catch (error) {
      // Unmeasured, it could not be masked: better no new screenshot than a leaking one.
      return failed('failed', `the page could not be measured: ${error instanceof Error ? error.message : String(error)}`);
    }
    let held: SteadyCapture | null = null;
    try {
      held = await captureWhileMasksHold(mask, { capture: () => ports.captureVisibleTab(tab.windowId), measure: () => ports.readMask(tab.id), now: ports.now });
    } catch (error) {
      if (error instanceof Error && error.message === MASKS_MOVED) return failed('failed', MASKS_MOVED);
      // activeTab has expired (a new page in the tab since the toolbar click): the engine renders it.
    }
    if (held === null) return await ports.renderViewport(tab.id);
    const { dataUrl: raw, capturedAt } = held;
    const image = await ports.maskCapture(raw, held.mask, capturedAt);
    await ports.keep(tab.id, { dataUrl: image.dataUrl, capturedAt });
    return { status: 'done', capturedAt, images: [image] };
  } catch (error) {
    return failed('failed', error instanceof Error ? error.message : String(error));
  } finally {
    await ports.showSidebar(tab.id).catch(() => undefined);
  }
}
