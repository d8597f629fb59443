import { afterEach, describe, expect, test, vi } from 'vitest';
import type { AnyCanvas, EncodedImage } from '../../../src/capture/encode';
import type { CaptureStatus } from '../../../src/capture/from-sidebar';
import { createPageEngine, DEFAULT_TIMEOUT_MS, SIDEBAR_HOST, type PageCaptureApi, type PageEnginePorts } from '../../../src/capture/page-engine';
import type { PageSvg } from '../../../src/capture/page-svg';
import type { PagePart } from '../../../src/capture/screenshot';

const PORTAL = 'https://chorus-pro.gouv.fr/cpp/utilisateur';
const BACKGROUND = 'rgb(250, 250, 250)';
/** 27 November 2026, 14:30 local time: the file names' stamp. */
const CAPTURED_AT = new Date(2026, 10, 27, 14, 30).getTime();

interface Fill {
  colour: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** What reading a canvas gives: its pixels as painted, only the background colour, or a refusal (another site's pixels). */
type Probe = 'drawn' | 'blank' | 'tainted';
let probe: Probe = 'drawn';

/** A canvas whose 2D context records what is painted on it (happy-dom has no canvas). */
function fakeCanvas(width: number, height: number) {
  const canvas = {
    width,
    height,
    getContext: () => context,
    toDataURL() {
      if (probe === 'tainted') throw new DOMException('The operation is insecure.', 'SecurityError');
      return 'data:image/png;base64,';
    },
  };
  const context = {
    canvas,
    fillStyle: '',
    globalAlpha: 1,
    globalCompositeOperation: 'source-over',
    filter: 'none',
    fills: [] as Fill[],
    draws: [] as number[][],
    fillRect(x: number, y: number, w: number, h: number) {
      this.fills.push({ colour: this.fillStyle, x, y, width: w, height: h });
    },
    drawImage(_image: unknown, ...box: number[]) {
      this.draws.push(box);
    },
    getImageData(_x: number, _y: number, w: number, h: number) {
      if (probe === 'tainted') throw new DOMException('The canvas has been tainted by cross-origin data.', 'SecurityError');
      // 250, 250, 250 is BACKGROUND; 0, 0, 0 a page's text.
      const channel = probe === 'blank' ? 250 : 0;
      return { data: new Uint8ClampedArray(w * h * 4).fill(channel) };
    },
    save: () => undefined,
    restore: () => undefined,
    setTransform: () => undefined,
  };
  return { canvas, context };
}

type FakeCanvas = ReturnType<typeof fakeCanvas>;

/** What was painted on a canvas when its part was encoded (the canvas is painted again after). */
interface Encoded {
  canvas: FakeCanvas['canvas'];
  fills: Fill[];
  draws: number[][];
  target: number;
}

/** The event loop, held at each step until the test lets the engine go on. */
function heldLoop() {
  const waiting: (() => void)[] = [];
  return {
    nextTask: () => new Promise<void>((resolve) => waiting.push(resolve)),
    /** Waits for the engine to yield, then lets it take its next step. */
    async step() {
      await vi.waitFor(() => expect(waiting.length).toBe(1), { timeout: 10_000 });
      waiting.shift()!();
    },
  };
}

/**
 * The portal page (happy-dom's document, with the sizes a browser would lay it out at) and the
 * engine's ports as fakes that record what the engine asks of them.
 */
function setUp(page: { width?: number; height?: number; scrollY?: number; dpr?: number; html?: string; boxes?: Record<string, DOMRect[]> } = {}) {
  document.body.innerHTML = page.html ?? '<main>Factures</main>';
  for (const [id, boxes] of Object.entries(page.boxes ?? {})) document.getElementById(id)!.getClientRects = () => boxes as unknown as DOMRectList;
  const root = document.documentElement;
  for (const [name, value] of Object.entries({ scrollWidth: page.width ?? 1280, clientWidth: page.width ?? 1280, scrollHeight: page.height ?? 2000 })) {
    Object.defineProperty(root, name, { value, configurable: true });
  }
  const view = {
    document,
    devicePixelRatio: page.dpr ?? 1,
    innerWidth: page.width ?? 1280,
    innerHeight: 800,
    scrollX: 0,
    scrollY: page.scrollY ?? 0,
    location: { href: PORTAL, origin: new URL(PORTAL).origin },
    getComputedStyle: (element: Element) => window.getComputedStyle(element),
  } as unknown as Window;

  const clock = { now: CAPTURED_AT };
  const posted: PagePart[] = [];
  const canvases: FakeCanvas[] = [];
  const encoded: Encoded[] = [];
  const copies: Parameters<PageEnginePorts['copyPage']>[] = [];
  const bands: Parameters<PageEnginePorts['renderCompat']>[0][] = [];
  const timers: { ms: number; fire: () => void; stopped: boolean }[] = [];
  const copy: PageSvg = { svg: '<svg xmlns="http://www.w3.org/2000/svg"/>', background: BACKGROUND, inlined: 3, missed: 1 };
  const image = { src: 'data:image/svg+xml,copy' };
  const ports: PageEnginePorts = {
    window: view,
    findSidebar: () => (part) => (posted.push(part), true),
    nextTask: () => Promise.resolve(),
    now: () => clock.now,
    after(ms, fire) {
      const timer = { ms, fire, stopped: false };
      timers.push(timer);
      return () => void (timer.stopped = true);
    },
    async copyPage(...args) {
      copies.push(args);
      clock.now += 300;
      return copy;
    },
    loadCopy: async () => image as unknown as HTMLImageElement,
    createCanvas(width, height) {
      const made = fakeCanvas(width, height);
      canvases.push(made);
      return made.canvas as unknown as AnyCanvas;
    },
    async encode(canvas, target) {
      const { context } = canvases.find((made) => (made.canvas as unknown) === canvas)!;
      // The SVG route's copy (drawn with a source box) holding another site's pixels cannot be encoded.
      if (probe === 'tainted' && context.draws.some((box) => box.length === 8)) throw new DOMException('The operation is insecure.', 'SecurityError');
      encoded.push({ canvas: context.canvas, fills: context.fills, draws: context.draws, target });
      context.fills = [];
      context.draws = [];
      const blob = new Blob([new Uint8Array(1000)], { type: 'image/png' });
      return { blob, format: 'png', mime: 'image/png', width: canvas.width, height: canvas.height, bytes: blob.size, trials: [], withinLimit: true } satisfies EncodedImage;
    },
    dataUrlOf: async (blob) => `data:${blob.type};base64,${blob.size}`,
    async renderCompat(request) {
      bands.push(request);
      return { width: request.region.width * request.scale, height: request.region.height * request.scale, close: () => undefined } as unknown as ImageBitmap;
    },
    background: () => BACKGROUND,
    notDrawable: () => [],
  };
  return { ports, clock, posted, canvases, encoded, copies, bands, timers, image };
}

/** Polls status(id) as the background does, until the capture ends. */
async function ended(engine: PageCaptureApi, id: string): Promise<CaptureStatus> {
  let status: CaptureStatus | undefined;
  await vi.waitFor(
    () => {
      status = engine.status(id);
      expect(status.state).not.toBe('running');
    },
    { timeout: 10_000 },
  );
  return status!;
}

const black = (fills: Fill[]) => fills.filter((fill) => fill.colour === '#000000').map(({ colour: _, ...rect }) => rect);

afterEach(() => {
  probe = 'drawn';
  vi.restoreAllMocks();
  document.documentElement.removeAttribute('style');
});

describe('whole-page capture in the page', () => {
  test('start → status while running → each part to the sidebar → done, handed over once', async () => {
    const { ports, clock, posted, encoded, copies, timers, image } = setUp();
    const loop = heldLoop();
    const engine = createPageEngine({ ...ports, nextTask: loop.nextTask });

    const id = engine.start({ handOver: 'token-1', now: CAPTURED_AT });
    expect(id).toMatch(/^capture-[0-9a-z]+-1$/);
    expect(timers).toEqual([expect.objectContaining({ ms: DEFAULT_TIMEOUT_MS, stopped: false })]);
    clock.now += 40;
    expect(engine.status(id)).toEqual({ state: 'running', phase: 'cloning', progress: 0.05, elapsedMs: 40 });

    await loop.step();
    await vi.waitFor(() => expect(engine.status(id)).toMatchObject({ state: 'running', phase: 'rendering', progress: 0.2 }));
    expect(copies).toEqual([[{ width: 1280, height: 2000 }, 1280, { exclude: [SIDEBAR_HOST], masked: expect.arrayContaining(['input[type=password]']) }]]);
    expect(posted).toEqual([]);

    await loop.step();
    await vi.waitFor(() => expect(engine.status(id)).toMatchObject({ state: 'running', phase: 'rendering', progress: expect.closeTo(0.85) }));
    await vi.waitFor(() => expect(posted).toHaveLength(1));
    const name = 'capture-page-2026-11-27-1430.png';
    expect(posted[0]).toMatchObject({ type: 'page-part', token: 'token-1', index: 0, name, width: 1280, height: 2000 });
    expect(posted[0]!.image.size).toBe(1000);
    // The page's background under the copy, then the copy's band of the page at scale 1.
    expect(encoded[0]!.fills[0]).toEqual({ colour: BACKGROUND, x: 0, y: 0, width: 1280, height: 2000 });
    expect(encoded[0]!.draws).toEqual([[0, 0, 1280, 2000, 0, 0, 1280, 2000]]);

    await loop.step();
    await vi.waitFor(() => expect(engine.status(id)).toMatchObject({ state: 'running', phase: 'encoding', progress: 0.85 }));
    await loop.step();
    const status = await ended(engine, id);
    expect(status).toMatchObject({
      state: 'done',
      scale: 1,
      page: { width: 1280, height: 2000 },
      masked: 0,
      withinLimit: true,
      elapsedMs: 340,
      steps: { copyMs: 300, paintMs: 0, encodeMs: 0 },
      resources: { inlined: 3, missed: 1 },
    });
    // Handed to the sidebar: the page keeps no copy to answer with.
    expect(status.state === 'done' && status.parts).toEqual([{ dataUrl: null, name, format: 'png', quality: null, bytes: 1000, width: 1280, height: 2000, y: 0, withinLimit: true }]);
    expect(image.src).toBe('');
    expect(timers[0]!.stopped).toBe(true);
    expect(engine.status(id)).toEqual({ state: 'error', code: 'unknown-job', message: `no capture ${id} in this page` });
  });

  test('without a sidebar token the parts come back as data: URLs with status()', async () => {
    const { ports } = setUp();
    const engine = createPageEngine(ports);
    const status = await ended(engine, engine.start({ now: CAPTURED_AT }));
    expect(status.state === 'done' && status.parts.map((part) => part.dataUrl)).toEqual(['data:image/png;base64,1000']);
  });

  test('a page taller than a canvas: parts at full scale, overlapping, named -1, -2, -3, on two canvases in turn', async () => {
    const { ports, canvases, encoded } = setUp({ height: 40_000 });
    const engine = createPageEngine(ports);
    const status = await ended(engine, engine.start({ now: CAPTURED_AT }));
    expect(status.state).toBe('done');
    if (status.state !== 'done') return;
    expect(status.parts.map(({ name, y, height }) => ({ name, y, height }))).toEqual([
      { name: 'capture-page-2026-11-27-1430-1.png', y: 0, height: 13_366 },
      { name: 'capture-page-2026-11-27-1430-2.png', y: 13_318, height: 13_366 },
      { name: 'capture-page-2026-11-27-1430-3.png', y: 26_634, height: 13_366 },
    ]);
    // The first part is also read back on a small copy (the blank-render check): not a part's canvas.
    const probes = canvases.filter((made) => made.canvas.height === 128);
    expect(probes).toHaveLength(1);
    canvases.splice(canvases.indexOf(probes[0]!), 1);
    expect(canvases).toHaveLength(2);
    expect(encoded.map((part) => part.canvas)).toEqual([canvases[0]!.canvas, canvases[1]!.canvas, canvases[0]!.canvas]);
    // Each part's band of the page, in CSS px.
    expect(encoded.map((part) => part.draws[0]!.slice(0, 4))).toEqual([
      [0, 0, 1280, 13_366],
      [0, 13_318, 1280, 13_366],
      [0, 26_634, 1280, 13_366],
    ]);
    // Freed once every part is encoded.
    expect(canvases.map((made) => made.canvas.width)).toEqual([0, 0]);
  });

  test('a page that would need more than 6 images is refused before it is copied', async () => {
    const { ports, copies, timers } = setUp({ height: 200_000 });
    const engine = createPageEngine(ports);
    const status = await ended(engine, engine.start());
    expect(status).toEqual({
      state: 'error',
      code: 'too-large',
      message: 'The page is too long to capture whole (13 images would be needed, 200000 px); the visible capture is kept.',
    });
    expect(copies).toEqual([]);
    expect(timers[0]!.stopped).toBe(true);
  });

  test('the visible area only: at devicePixelRatio, the band in view, no "page" in the name', async () => {
    const { ports, encoded } = setUp({ height: 3000, scrollY: 500, dpr: 2 });
    const engine = createPageEngine(ports);
    const status = await ended(engine, engine.start({ viewport: true, now: CAPTURED_AT }));
    expect(status).toMatchObject({ state: 'done', scale: 2 });
    expect(status.state === 'done' && status.parts.map(({ name, width, height, y }) => ({ name, width, height, y }))).toEqual([
      { name: 'capture-2026-11-27-1430.png', width: 2560, height: 1600, y: 1000 },
    ]);
    expect(encoded[0]!.draws).toEqual([[0, 500, 1280, 800, 0, 0, 2560, 1600]]);
  });

  test('a sidebar token without a sidebar in the page, or a sidebar gone meanwhile: failed, nothing kept', async () => {
    const absent = setUp();
    const withoutSidebar = createPageEngine({ ...absent.ports, findSidebar: () => undefined });
    expect(await ended(withoutSidebar, withoutSidebar.start({ handOver: 'token-1' }))).toEqual({ state: 'error', code: 'failed', message: 'the sidebar is not in this page' });
    expect(absent.copies).toEqual([]);

    const gone = setUp();
    const sidebarGone = createPageEngine({ ...gone.ports, findSidebar: () => () => false });
    expect(await ended(sidebarGone, sidebarGone.start({ handOver: 'token-1' }))).toEqual({ state: 'error', code: 'failed', message: 'the sidebar is no longer in this page' });
  });

  test('a copy the browser cannot draw, with the SVG route asked for: failed, with its reason', async () => {
    const { ports } = setUp();
    const engine = createPageEngine({ ...ports, loadCopy: () => Promise.reject(new Error('the browser could not draw the copy of the page')) });
    expect(await ended(engine, engine.start({ engine: 'svg' }))).toEqual({ state: 'error', code: 'failed', message: 'the page could not be drawn by the fast engine (decode)' });
  });
});

describe('cancel and the time bound', () => {
  test('cancelled while running: status says so at once, the page is not copied, the job ends', async () => {
    const { ports, copies, timers } = setUp();
    const loop = heldLoop();
    const engine = createPageEngine({ ...ports, nextTask: loop.nextTask });
    const id = engine.start();
    expect(engine.cancel(id)).toBe(true);
    expect(engine.cancel(id)).toBe(false);
    await loop.step();
    await vi.waitFor(() => expect(timers[0]!.stopped).toBe(true));
    expect(copies).toEqual([]);
    expect(engine.status(id)).toEqual({ state: 'error', code: 'cancelled', message: 'Whole-page capture cancelled.' });
    expect(engine.status(id)).toMatchObject({ code: 'unknown-job' });
  });

  test('cancelled while the parts are encoded: cancelled, no parts handed back', async () => {
    const { ports } = setUp();
    const loop = heldLoop();
    const engine = createPageEngine({ ...ports, nextTask: loop.nextTask });
    const id = engine.start();
    await loop.step();
    await loop.step();
    await loop.step();
    await vi.waitFor(() => expect(engine.status(id)).toMatchObject({ phase: 'encoding' }));
    expect(engine.cancel(id)).toBe(true);
    await loop.step();
    expect(await ended(engine, id)).toEqual({ state: 'error', code: 'cancelled', message: 'Whole-page capture cancelled.' });
  });

  test('an unknown job cannot be cancelled', () => {
    const engine = createPageEngine(setUp().ports);
    expect(engine.cancel('capture-x-1')).toBe(false);
  });

  test('past its time bound the capture ends as timed out, whatever comes after', async () => {
    const { ports, timers } = setUp();
    const loop = heldLoop();
    const engine = createPageEngine({ ...ports, nextTask: loop.nextTask });
    const id = engine.start({ timeoutMs: 5_000 });
    expect(timers[0]!.ms).toBe(5_000);
    await loop.step();
    timers[0]!.fire();
    const message = 'The whole page could not be captured within 5 s; the visible capture is kept.';
    expect(engine.status(id)).toEqual({ state: 'error', code: 'timeout', message });
    expect(engine.cancel(id)).toBe(false);
    await loop.step();
    await vi.waitFor(() => expect(timers[0]!.stopped).toBe(true));
  });
});

describe('the automatic choice of engine', () => {
  /** Gives an element of the page a box on screen (happy-dom lays nothing out). */
  const laidOut = (element: Element) => vi.spyOn(element, 'getBoundingClientRect').mockReturnValue(new DOMRect(0, 0, 400, 300));

  test('a plain page is drawn by the SVG route: no html2canvas band asked for, the engine named', async () => {
    const { ports, bands } = setUp();
    const engine = createPageEngine(ports);
    // The copy missed one resource (setUp): said, not hidden.
    expect(await ended(engine, engine.start({ handOver: 'token-1' }))).toMatchObject({ state: 'done', engine: 'svg', fallback: null, notDrawn: ['other-site-pictures'] });
    expect(bands).toEqual([]);
  });

  test.each([
    ['a pane scrolled inside the page', '<main><div id="pane" style="overflow:auto">Lignes</div></main>', 'scrolled-pane'],
    ['an open shadow root', '<main><x-widget id="pane"></x-widget></main>', 'shadow-root'],
  ] as const)('%s: html2canvas at once, the SVG copy never made', async (_name, html, reason) => {
    const { ports, bands, copies, encoded } = setUp({ html });
    const pane = document.getElementById('pane')!;
    laidOut(pane);
    if (reason === 'scrolled-pane') pane.scrollTop = 120;
    else pane.attachShadow({ mode: 'open' }).append(document.createElement('p'));
    const engine = createPageEngine(ports);
    const status = await ended(engine, engine.start({ handOver: 'token-1' }));
    expect(status).toMatchObject({ state: 'done', engine: 'html2canvas', fallback: reason, notDrawn: [] });
    expect(copies).toEqual([]);
    expect(bands).toEqual([{ region: { x: 0, y: 0, width: 1280, height: 2000 }, scale: 1, layoutWidth: 1280, exclude: [SIDEBAR_HOST], masked: expect.arrayContaining(['input[type=password]']) }]);
    // The band drawn over the page's background, at the part's size.
    expect(encoded[0]!.fills[0]).toEqual({ colour: BACKGROUND, x: 0, y: 0, width: 1280, height: 2000 });
    expect(encoded[0]!.draws).toEqual([[0, 0, 1280, 2000]]);
  });

  test('a same-origin frame with content: html2canvas', async () => {
    const { ports, bands } = setUp({ html: '<main><iframe id="frame"></iframe></main>' });
    const frame = document.getElementById('frame') as HTMLIFrameElement;
    laidOut(frame);
    const inner = document.implementation.createHTMLDocument('cadre');
    inner.body.innerHTML = '<table><tr><td>1</td></tr></table>';
    Object.defineProperty(frame, 'contentDocument', { value: inner, configurable: true });
    const engine = createPageEngine(ports);
    // What html2canvas draws of a frame is not quite the browser's: said.
    expect(await ended(engine, engine.start({ handOver: 'token-1' }))).toMatchObject({ state: 'done', engine: 'html2canvas', fallback: 'frame', notDrawn: ['frame'] });
    expect(bands).toHaveLength(1);
  });

  test('a copy the browser cannot decode: html2canvas instead, nothing handed over twice', async () => {
    const { ports, bands, posted } = setUp();
    const engine = createPageEngine({ ...ports, loadCopy: () => Promise.reject(new Error('the browser could not draw the copy of the page')) });
    expect(await ended(engine, engine.start({ handOver: 'token-1' }))).toMatchObject({ state: 'done', engine: 'html2canvas', fallback: 'decode' });
    expect(bands).toHaveLength(1);
    expect(posted).toHaveLength(1);
  });

  test('a tainted canvas: html2canvas instead, before any part is encoded', async () => {
    const { ports, bands, encoded } = setUp();
    probe = 'tainted';
    const engine = createPageEngine(ports);
    expect(await ended(engine, engine.start({ handOver: 'token-1' }))).toMatchObject({ state: 'done', engine: 'html2canvas', fallback: 'tainted' });
    expect(bands).toHaveLength(1);
    // Only html2canvas's band was encoded: the SVG route's part was dropped unread.
    expect(encoded.map((part) => part.draws)).toEqual([[[0, 0, 1280, 2000]]]);
  });

  test('a blank render while the page shows text: html2canvas instead', async () => {
    const { ports, bands } = setUp();
    probe = 'blank';
    vi.spyOn(Range.prototype, 'getClientRects').mockReturnValue([new DOMRect(10, 10, 80, 16)] as unknown as DOMRectList);
    const engine = createPageEngine(ports);
    expect(await ended(engine, engine.start({ handOver: 'token-1' }))).toMatchObject({ state: 'done', engine: 'html2canvas', fallback: 'blank' });
    expect(bands).toHaveLength(1);
  });

  test('a page with no text that comes out as its background is not a blank render', async () => {
    const { ports, bands } = setUp();
    probe = 'blank';
    const engine = createPageEngine(ports);
    expect(await ended(engine, engine.start({ handOver: 'token-1' }))).toMatchObject({ state: 'done', engine: 'svg' });
    expect(bands).toEqual([]);
  });

  test('asked for ("compatibility" recapture): html2canvas, each part of a long page its own band', async () => {
    const { ports, bands, copies } = setUp({ height: 40_000 });
    const engine = createPageEngine(ports);
    const status = await ended(engine, engine.start({ handOver: 'token-1', engine: 'html2canvas' }));
    expect(status).toMatchObject({ state: 'done', engine: 'html2canvas', fallback: 'asked' });
    expect(copies).toEqual([]);
    expect(bands.map((band) => band.region.y)).toEqual([0, 13_318, 26_634]);
  });

  test('the SVG route asked for on a page it cannot draw whole: done, and the image says what it lacks', async () => {
    const { ports } = setUp({ html: '<main><div id="pane">Lignes</div></main>' });
    const pane = document.getElementById('pane')!;
    laidOut(pane);
    pane.scrollTop = 50;
    const engine = createPageEngine({ ...ports, notDrawable: () => ['other-site-frames'] });
    expect(await ended(engine, engine.start({ handOver: 'token-1', engine: 'svg' }))).toMatchObject({
      state: 'done',
      engine: 'svg',
      notDrawn: ['other-site-frames', 'scrolled-pane', 'other-site-pictures'],
    });
  });
});

describe('masks', () => {
  test('password fields and profile-sensitive fields are burned into the part holding them, in every part that holds them', async () => {
    const { ports, encoded } = setUp({
      height: 40_000,
      html: '<input id="p" type="password"><input id="iban" name="iban"><input id="n" type="text">',
      boxes: { p: [new DOMRect(100, 13_330, 200, 30)], iban: [new DOMRect(100, 30_000, 200, 30)], n: [new DOMRect(100, 500, 200, 30)] },
    });
    const engine = createPageEngine(ports);
    const status = await ended(engine, engine.start({ userAreas: [{ x: 10, y: 20, width: 50, height: 10 }] }));
    expect(status).toMatchObject({ state: 'done', masked: 4 });
    expect(encoded.map((part) => black(part.fills))).toEqual([
      [
        { x: 8, y: 18, width: 54, height: 14 },
        { x: 98, y: 13_328, width: 204, height: 34 },
      ],
      [{ x: 98, y: 10, width: 204, height: 34 }],
      [{ x: 98, y: 3364, width: 204, height: 34 }],
    ]);
  });

  test('the sidebar is measured out: its margin is off while measuring and back, as it was, after', async () => {
    const { ports } = setUp();
    document.documentElement.style.setProperty('margin-right', '360px', 'important');
    const seen: string[] = [];
    Object.defineProperty(document.documentElement, 'scrollWidth', {
      configurable: true,
      get: () => (seen.push(document.documentElement.style.getPropertyValue('margin-right')), 1280),
    });
    const engine = createPageEngine(ports);
    const id = engine.start();
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((margin) => margin === '')).toBe(true);
    expect(document.documentElement.style.getPropertyValue('margin-right')).toBe('360px');
    expect(document.documentElement.style.getPropertyPriority('margin-right')).toBe('important');
    expect(await ended(engine, id)).toMatchObject({ state: 'done', page: { width: 1280 } });
  });

  test('maskRects: the visible area, at devicePixelRatio, for the browser screenshot taken with it', () => {
    const { ports } = setUp({ dpr: 2, html: '<input id="p" type="password">', boxes: { p: [new DOMRect(100, 100, 200, 30)] } });
    const plan = createPageEngine(ports).maskRects({ userAreas: [{ x: 0, y: 700, width: 20, height: 20 }] });
    expect(plan).toEqual({
      rects: [
        { x: 196, y: 196, width: 408, height: 68 },
        { x: 0, y: 1396, width: 44, height: 48 },
      ],
      image: { width: 2560, height: 1600 },
      matched: 1,
    });
  });
});
