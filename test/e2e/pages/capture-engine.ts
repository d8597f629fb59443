import type { ExtensionGlobal, FrameDriver } from './drivers';

/** Built path of the in-page capture engine (extension/page-capture/index.ts). */
// Leading slash: Firefox resolves `files` relative to the calling page otherwise.
export const PAGE_CAPTURE_SCRIPT = '/extension/page-capture/index.js';
/** Built path of the page-world html2canvas runner (extension/page-compat/index.ts). */
export const PAGE_COMPAT_SCRIPT = '/extension/page-compat/index.js';

export interface WholePageResult {
  state: 'done' | 'error';
  code?: string;
  message?: string;
  name?: string;
  format?: string;
  bytes?: number;
  width?: number;
  height?: number;
  scale?: number;
  page?: { width: number; height: number };
  masked?: number;
  /** Images the page came out in (a page taller than a canvas is split), and their heights. */
  partCount?: number;
  partHeights?: number[];
  /** Progress values seen while polling (phases and fractions). */
  progress: string[];
  /** The engine's own time, start to end (done or refused). */
  elapsedMs?: number;
  /** The engine that drew it (done). */
  engine?: string;
  /** Of which (done): copying the page, painting the parts, encoding them. */
  steps?: { copyMs: number; paintMs: number; encodeMs: number };
  /** Decoded image checks, done in the extension page. */
  pixels?: {
    naturalHeight: number;
    /** Distinct colours along a pixel row near the bottom of the table / page. */
    rowColours: number;
    /** Distinct colours inside the given rectangle of the image (1 = uniform). */
    areaColours: number;
    areaSample: number[];
  };
}

/**
 * Drives the in-page capture engine from an extension tab with the full API (the about page):
 * scripting.executeScript on the portal tab (host permission), as the background will.
 */
export class CaptureEngine {
  constructor(private readonly extensionPage: FrameDriver) {}

  /** The id of the tab whose URL starts with `urlPrefix`; injects the engine there. */
  async inject(urlPrefix: string): Promise<number> {
    return this.extensionPage.evaluate(
      async ({ prefix, script, compat }) => {
        const { browser, chrome } = globalThis as ExtensionGlobal;
        const api = (browser ?? chrome)!;
        const tab = (await api.tabs.query({})).find((candidate) => (candidate.url ?? '').startsWith(prefix));
        if (!tab) throw new Error(`no tab at ${prefix}`);
        await api.scripting.executeScript({ target: { tabId: tab.id!, frameIds: [0] }, files: [script] });
        // As the background injects it: html2canvas in the page's own world.
        await api.scripting.executeScript({ target: { tabId: tab.id!, frameIds: [0] }, files: [compat], world: 'MAIN' } as Parameters<typeof api.scripting.executeScript>[0]);
        return tab.id!;
      },
      { prefix: urlPrefix, script: PAGE_CAPTURE_SCRIPT, compat: PAGE_COMPAT_SCRIPT },
    );
  }

  /** The element's box in CSS px of the document (page coordinates), read in the portal tab. */
  async elementBox(tabId: number, selector: string): Promise<{ x: number; y: number; width: number; height: number }> {
    return this.extensionPage.evaluate(
      async (target) => {
        const { browser, chrome } = globalThis as ExtensionGlobal;
        const [injection] = await (browser ?? chrome)!.scripting.executeScript({
          target: { tabId: target.tabId, frameIds: [0] },
          args: [target.selector],
          func: (selector: string) => {
            const box = document.querySelector(selector)!.getBoundingClientRect();
            return { x: box.left + scrollX, y: box.top + scrollY, width: box.width, height: box.height };
          },
        });
        return injection!.result as { x: number; y: number; width: number; height: number };
      },
      { tabId, selector },
    );
  }

  /**
   * Runs a whole-page capture and polls its status until it ends (or cancels it once progress is
   * seen), then decodes the image(s) here and checks pixels: a row at `rowFromBottom` CSS px above
   * the page's bottom, and the area `area` (page CSS px) scaled to the image; `width`, `height`
   * and `name` describe the parts as one image (the first part's name).
   */
  async wholePage(
    tabId: number,
    options: {
      timeoutMs?: number;
      cancel?: boolean;
      rowFromBottom?: number;
      area?: { x: number; y: number; width: number; height: number };
      inset?: number;
      /** The engine asked for, as "Recapturer (mode compatibilité)" asks for html2canvas; the automatic choice when not given. */
      engine?: 'auto' | 'svg' | 'html2canvas';
    } = {},
  ): Promise<WholePageResult> {
    return this.extensionPage.evaluate(
      async (run) => {
        const { browser, chrome } = globalThis as ExtensionGlobal;
        const api = (browser ?? chrome)!;
        // The engine's globals as the page-capture script leaves them in the portal tab.
        type Engine = { start(options: object): string; status(id: string): EngineStatus; cancel(id: string): void };
        type EnginePart = { name: string; format: string; bytes: number; width: number; height: number; y: number; dataUrl: string };
        type EngineStatus = Omit<WholePageResult, 'progress' | 'state'> & { state: string; phase: string; progress: number; elapsedMs: number; scale: number; parts: EnginePart[] };
        const call = async <T>(func: (arg: never) => T, arg: unknown): Promise<T> =>
          (await api.scripting.executeScript({ target: { tabId: run.tabId, frameIds: [0] }, func, args: [arg] }))[0]!.result as T;
        // Each function passed to executeScript is sent to the portal tab alone: it names the engine itself.
        type EngineGlobal = typeof globalThis & { chorusProCapture: Engine };
        const id = await call((options: object) => (globalThis as EngineGlobal).chorusProCapture.start(options), { timeoutMs: run.timeoutMs, engine: run.engine });
        const progress: string[] = [];
        let status: EngineStatus;
        for (;;) {
          status = await call((id: string) => (globalThis as EngineGlobal).chorusProCapture.status(id), id);
          if (status.state !== 'running') break;
          progress.push(`${status.phase}:${status.progress.toFixed(2)}@${status.elapsedMs}`);
          if (run.cancel) await call((id: string) => (globalThis as EngineGlobal).chorusProCapture.cancel(id), id);
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        const { parts, ...rest } = status;
        const result: WholePageResult = { ...rest, state: status.state as WholePageResult['state'], progress };
        if (status.state === 'done') {
          // The parts, top to bottom, as one image: a point (image px of the whole page) is read in the part holding it.
          const first = parts[0]!;
          const last = parts[parts.length - 1]!;
          const height = last.y + last.height;
          Object.assign(result, {
            name: first.name,
            format: first.format,
            bytes: Math.max(...parts.map((p) => p.bytes)),
            width: first.width,
            height,
            partCount: parts.length,
            partHeights: parts.map((p) => p.height),
          });
          // Decoded only when read (a part is tens of millions of pixels).
          const images = parts.map((part) => ({ dataUrl: part.dataUrl, y: part.y, height: part.height, img: null as HTMLImageElement | null }));
          const decoded = async (part: (typeof images)[number]) => {
            if (!part.img) {
              part.img = new Image();
              part.img.src = part.dataUrl;
              await part.img.decode();
            }
            return part.img;
          };
          const probe = document.createElement('canvas');
          const colours = async (x: number, y: number, w: number, h: number) => {
            const holder =
              images.find((part) => y >= part.y && y + h <= part.y + part.height) ?? images.find((part) => y >= part.y && y < part.y + part.height) ?? images[images.length - 1]!;
            probe.width = Math.max(1, w);
            probe.height = Math.max(1, h);
            const context = probe.getContext('2d')!;
            context.drawImage(await decoded(holder), x, y - holder.y, w, h, 0, 0, w, h);
            const data = context.getImageData(0, 0, w, h).data;
            const seen = new Set<string>();
            for (let i = 0; i < data.length; i += 4) seen.add(`${data[i]},${data[i + 1]},${data[i + 2]}`);
            return { count: seen.size, sample: Array.from(data.slice(0, 3)) };
          };
          const scale = status.scale;
          const rowY = Math.floor((status.page!.height - run.rowFromBottom) * scale);
          const row = await colours(0, Math.min(height - 1, rowY), first.width, 1);
          const { area, inset } = run;
          const box = area && {
            x: Math.ceil((area.x + inset) * scale),
            y: Math.ceil((area.y + inset) * scale),
            w: Math.floor((area.width - 2 * inset) * scale),
            h: Math.floor((area.height - 2 * inset) * scale),
          };
          const inside = box ? await colours(box.x, box.y, box.w, box.h) : { count: 0, sample: [] };
          result.pixels = {
            naturalHeight: last.y + (await decoded(images[images.length - 1]!)).naturalHeight,
            rowColours: row.count,
            areaColours: inside.count,
            areaSample: inside.sample,
          };
        }
        return result;
      },
      { tabId, timeoutMs: options.timeoutMs, engine: options.engine ?? 'auto', cancel: options.cancel === true, rowFromBottom: options.rowFromBottom ?? 0, area: options.area ?? null, inset: options.inset ?? 0 },
    );
  }

  /**
   * Renders the visible area with the engine (`viewport: true`, as when the browser refuses
   * captureVisibleTab) and compares it here, pixel by pixel on a 2-px grid, with `screenshot`
   * (the browser's own picture of the same area): the share of pixels whose channels all differ
   * by at most `tolerance`, over the area both images cover.
   */
  async compareViewport(
    tabId: number,
    screenshot: string,
    tolerance = 32,
    engineAsked: 'auto' | 'svg' | 'html2canvas' = 'auto',
  ): Promise<{
    state: string;
    message?: string;
    size?: [number, number];
    shot?: [number, number];
    compared?: number;
    matching?: number;
    resources?: { inlined: number; missed: number };
    /** Which engine drew it, why html2canvas was chosen, and what the image may lack. */
    engine?: string;
    fallback?: string | null;
    notDrawn?: string[];
  }> {
    return this.extensionPage.evaluate(
      async (run) => {
        const { browser, chrome } = globalThis as ExtensionGlobal;
        const api = (browser ?? chrome)!;
        type Engine = { start(options: object): string; status(id: string): EngineStatus };
        type EngineStatus = {
          state: string;
          message?: string;
          parts: { dataUrl: string }[];
          resources?: { inlined: number; missed: number };
          engine?: string;
          fallback?: string | null;
          notDrawn?: string[];
        };
        const call = async <T>(func: (arg: never) => T, arg: unknown): Promise<T> =>
          (await api.scripting.executeScript({ target: { tabId: run.tabId, frameIds: [0] }, func, args: [arg] }))[0]!.result as T;
        type EngineGlobal = typeof globalThis & { chorusProCapture: Engine };
        const id = await call((options: object) => (globalThis as EngineGlobal).chorusProCapture.start(options), { viewport: true, timeoutMs: 30000, engine: run.engineAsked });
        let status: EngineStatus;
        for (;;) {
          status = await call((id: string) => (globalThis as EngineGlobal).chorusProCapture.status(id), id);
          if (status.state !== 'running') break;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        if (status.state !== 'done') return { state: status.state, message: status.message };
        const decode = async (src: string) => {
          const img = new Image();
          img.src = src;
          await img.decode();
          return img;
        };
        const [made, shot] = await Promise.all([decode(status.parts[0]!.dataUrl), decode(run.screenshot)]);
        const width = Math.min(made.naturalWidth, shot.naturalWidth);
        const height = Math.min(made.naturalHeight, shot.naturalHeight);
        const pixels = (img: HTMLImageElement) => {
          const canvas = document.createElement('canvas');
          canvas.width = width;
          canvas.height = height;
          const context = canvas.getContext('2d')!;
          context.drawImage(img, 0, 0);
          return context.getImageData(0, 0, width, height).data;
        };
        const a = pixels(made);
        const b = pixels(shot);
        const close = (i: number) => Math.abs(a[i]! - b[i]!) <= run.tolerance;
        let compared = 0;
        let matching = 0;
        for (let y = 0; y < height; y += 2)
          for (let x = 0; x < width; x += 2) {
            const i = (y * width + x) * 4;
            compared++;
            if (close(i) && close(i + 1) && close(i + 2)) matching++;
          }
        return {
          state: 'done',
          size: [made.naturalWidth, made.naturalHeight] as [number, number],
          shot: [shot.naturalWidth, shot.naturalHeight] as [number, number],
          compared,
          matching: matching / compared,
          resources: status.resources,
          engine: status.engine,
          fallback: status.fallback,
          notDrawn: status.notDrawn,
        };
      },
      { tabId, screenshot, tolerance, engineAsked },
    );
  }

  /** Whether the background keeps a visible-tab capture for the tab (storage.session). */
  hasStoredCapture(tabId: number): Promise<boolean> {
    return this.extensionPage.evaluate(async (key: string) => {
      const { browser, chrome } = globalThis as ExtensionGlobal;
      const stored = (await (browser ?? chrome)!.storage.session.get(key))[key] as { dataUrl?: unknown } | undefined;
      return typeof stored?.dataUrl === 'string';
    }, `capture:${tabId}`);
  }

  /** Opens the screenshot editor for a tab's stored capture, from this extension page. */
  async openEditor(tabId: number): Promise<void> {
    await this.extensionPage.evaluate(async (tab: number) => {
      const { browser, chrome } = globalThis as ExtensionGlobal;
      const api = (browser ?? chrome)!;
      await api.tabs.create({ url: api.runtime.getURL(`extension/editor/index.html?tab=${tab}`) });
    }, tabId);
  }
}

/** The screenshot editor tab (extension/editor/index.html). */
export class EditorPage {
  constructor(private readonly frame: FrameDriver) {}

  isReady(): Promise<boolean> {
    return this.frame.evaluate(() => {
      const canvas = document.querySelector<HTMLElement>('[data-testid="editor-canvas"]');
      return !!canvas && canvas.dataset.ready === 'true';
    });
  }

  /** Selects a tool, then places and commits a shape by keyboard on the image (Enter, arrows, Enter). */
  keyboardShape(tool: string, moves: string[]): Promise<void> {
    return this.frame.evaluate(
      (shape) => {
        document.querySelector<HTMLElement>(`[data-tool="${shape.tool}"]`)!.click();
        const canvas = document.querySelector<HTMLElement>('[data-testid="editor-canvas"]')!;
        canvas.focus();
        const key = (key: string) => canvas.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
        key('Enter');
        for (const move of shape.moves) key(move);
        key('Enter');
      },
      { tool, moves },
    );
  }

  /** Clicks "attach the annotated image" (in the sidebar, the editor then closes). */
  attachEdited(): Promise<void> {
    return this.frame.evaluate(() => document.querySelector<HTMLElement>('[data-testid="use-edited"]')!.click());
  }

  pressShortcut(key: string): Promise<void> {
    return this.frame.evaluate((pressed: string) => {
      window.dispatchEvent(new KeyboardEvent('keydown', { key: pressed, ctrlKey: true, bubbles: true }));
    }, key);
  }

  /** Clicks "attach the annotated image" and reads the result: name, size, and pixel colour at a point. */
  useEdited(at: { x: number; y: number }): Promise<{ name: string; bytes: number; width: number; height: number; sample: number[] } | null> {
    return this.frame.evaluate(async (point) => {
      document.querySelector<HTMLElement>('[data-testid="use-edited"]')!.click();
      for (let i = 0; i < 200 && !document.querySelector('[data-testid="result-image"]'); i++) await new Promise((r) => setTimeout(r, 50));
      const img = document.querySelector<HTMLImageElement>('[data-testid="result-image"]');
      if (!img) return null;
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = img.naturalWidth;
      canvas.height = img.naturalHeight;
      const context = canvas.getContext('2d')!;
      context.drawImage(img, 0, 0);
      return {
        name: document.querySelector('[data-testid="result-name"]')!.textContent!,
        bytes: Number(document.querySelector('[data-testid="result-bytes"]')!.textContent),
        width: img.naturalWidth,
        height: img.naturalHeight,
        sample: Array.from(context.getImageData(point.x, point.y, 1, 1).data.slice(0, 3)),
      };
    }, at);
  }
}
