import { describe, expect, test, vi } from 'vitest';
import { createEngineRunner, retakeVisible, VIEWPORT_TIMEOUT_MS, WHOLE_PAGE_TIMEOUT_MS, type CaptureStatus, type EnginePorts, type RetakePorts } from '../../../src/capture/from-sidebar';
import { MASKS_MOVED, MAX_CAPTURE_ATTEMPTS } from '../../../src/capture/steady';
import type { MaskPlan } from '../../../src/capture/mask';

const PNG = 'data:image/png;base64,iVBORw0KGgo=';
const part = (n: number) => ({ dataUrl: PNG, name: `capture-page-2026-11-27-1430-${n}.png`, format: 'png' as const, quality: null, bytes: 10, width: 1266, height: 13_739, y: (n - 1) * 13_691, withinLimit: true });
const handedOver = (n: number) => ({ ...part(n), dataUrl: null });
const TOKEN = '0b6f8a2c-4d1e-4f3a-9c5b-7e2d1a0f3b4c';
const done: CaptureStatus = { state: 'done', parts: [part(1), part(2)], scale: 1, page: { width: 1266, height: 27_430 }, masked: 0, withinLimit: true, elapsedMs: 900, steps: { copyMs: 100, paintMs: 500, encodeMs: 300 }, resources: { inlined: 0, missed: 0 }, engine: 'svg', fallback: null, notDrawn: [] };

/** An engine answering the given statuses in turn (the last one repeats); a clock that sleeping moves. */
function engine(statuses: (CaptureStatus | 'hang')[]): EnginePorts & { clock: { now: number } } {
  const clock = { now: 1_000 };
  let index = 0;
  return {
    clock,
    inject: vi.fn(async () => undefined),
    start: vi.fn(async () => 'job-1'),
    status: vi.fn(() => {
      const next = statuses[Math.min(index++, statuses.length - 1)]!;
      return next === 'hang' ? new Promise<CaptureStatus>(() => undefined) : Promise.resolve(next);
    }),
    cancel: vi.fn(async () => true),
    sleep: vi.fn(async (ms: number) => void (clock.now += ms)),
    now: () => clock.now,
  };
}

const running = (progress: number): CaptureStatus => ({ state: 'running', phase: 'rendering', progress, elapsedMs: 10 });

describe('whole page from the sidebar', () => {
  test('polls until done; the engine hands the images to the sidebar (its token), the answer counts them; progress meanwhile', async () => {
    const ports = engine([running(0.2), running(0.5), { ...done, parts: [handedOver(1), handedOver(2)] }]);
    const runner = createEngineRunner(ports);
    const outcome = runner.wholePage(7, TOKEN);
    expect(runner.progress(7)).toMatchObject({ phase: 'cloning', progress: 0 });
    expect(await outcome).toEqual({ status: 'done', capturedAt: 1_000, parts: 2, engine: 'svg', notDrawn: [] });
    expect(ports.start).toHaveBeenCalledWith(7, { timeoutMs: WHOLE_PAGE_TIMEOUT_MS, now: 1_000, handOver: TOKEN, engine: 'auto' });
    expect(runner.progress(7)).toBeNull();
  });

  test('the visible area rendered by the engine comes back as images (nothing handed over)', async () => {
    const ports = engine([done]);
    expect(await createEngineRunner(ports).viewport(7)).toEqual({ status: 'done', capturedAt: 1_000, images: [part(1), part(2)].map(({ dataUrl, name, width, height }) => ({ dataUrl, name, width, height })) });
    expect(ports.start).toHaveBeenCalledWith(7, { timeoutMs: VIEWPORT_TIMEOUT_MS, now: 1_000, viewport: true });
    expect(await createEngineRunner(engine([{ ...done, parts: [handedOver(1)] }])).viewport(7)).toMatchObject({ status: 'failed', reason: 'failed' });
  });

  test("the engine's errors become reasons the sidebar words: too large, time bound, cancelled", async () => {
    for (const [code, reason] of [['too-large', 'too-large'], ['timeout', 'timeout'], ['cancelled', 'cancelled'], ['unknown-job', 'failed']] as const) {
      const outcome = await createEngineRunner(engine([{ state: 'error', code, message: 'm' }])).wholePage(7, TOKEN);
      expect(outcome).toEqual({ status: 'failed', reason, message: 'm' });
    }
    const tooBig = await createEngineRunner(engine([{ ...done, withinLimit: false }])).wholePage(7, TOKEN);
    expect(tooBig).toMatchObject({ status: 'failed', reason: 'too-large' });
  });

  test('a page that stops answering is given up at the bound (plus grace), and its capture cancelled', async () => {
    vi.useFakeTimers();
    try {
      const ports = engine(['hang']);
      const outcome = createEngineRunner(ports).wholePage(7, TOKEN);
      await vi.advanceTimersByTimeAsync(0);
      ports.clock.now += WHOLE_PAGE_TIMEOUT_MS + 5_000;
      await vi.advanceTimersByTimeAsync(WHOLE_PAGE_TIMEOUT_MS + 5_000);
      expect(await outcome).toMatchObject({ status: 'failed', reason: 'timeout' });
      expect(ports.cancel).toHaveBeenCalledWith(7, 'job-1');
    } finally {
      vi.useRealTimers();
    }
  });

  test('cancelled while the engine is starting: stopped as soon as it has an id', async () => {
    let started!: (id: string) => void;
    const ports = engine([{ state: 'error', code: 'cancelled', message: 'cancelled' }]);
    ports.start = vi.fn(() => new Promise<string>((resolve) => (started = resolve)));
    const runner = createEngineRunner(ports);
    const outcome = runner.wholePage(7, TOKEN);
    await vi.waitFor(() => expect(ports.start).toHaveBeenCalled());
    expect(await runner.cancel(7)).toBe(true);
    expect(ports.cancel).not.toHaveBeenCalled();
    started('job-1');
    expect(await outcome).toMatchObject({ status: 'failed', reason: 'cancelled' });
    expect(ports.cancel).toHaveBeenCalledWith(7, 'job-1');
  });

  test('one at a time per tab; cancel reaches the running job', async () => {
    let finish!: (status: CaptureStatus) => void;
    const ports = engine([]);
    ports.status = vi.fn(() => new Promise<CaptureStatus>((resolve) => (finish = resolve)));
    const runner = createEngineRunner(ports);
    const first = runner.wholePage(7, TOKEN);
    expect(await runner.wholePage(7, TOKEN)).toMatchObject({ status: 'failed', reason: 'busy' });
    await vi.waitFor(() => expect(ports.status).toHaveBeenCalled());
    expect(await runner.cancel(7)).toBe(true);
    expect(ports.cancel).toHaveBeenCalledWith(7, 'job-1');
    finish({ state: 'error', code: 'cancelled', message: 'cancelled' });
    expect(await first).toMatchObject({ status: 'failed', reason: 'cancelled' });
    expect(await runner.cancel(7)).toBe(false);
  });
});

describe('retake from the sidebar', () => {
  const mask: MaskPlan = { rects: [{ x: 1, y: 2, width: 3, height: 4 }], image: { width: 1280, height: 800 }, matched: 1 };
  const image = { dataUrl: PNG, name: 'capture-2026-11-27-1430.png', width: 1280, height: 800 };

  function retakePorts(overrides: Partial<RetakePorts> = {}): RetakePorts & { calls: string[] } {
    const calls: string[] = [];
    return {
      calls,
      hideSidebar: async () => void calls.push('hide'),
      showSidebar: async () => void calls.push('show'),
      readMask: async () => (calls.push('mask'), mask),
      captureVisibleTab: async () => (calls.push('capture'), 'data:image/png;base64,raw'),
      maskCapture: async (dataUrl, plan) => (calls.push(`burn ${dataUrl === 'data:image/png;base64,raw' && plan === mask}`), image),
      renderViewport: async () => (calls.push('engine'), { status: 'done', capturedAt: 5, images: [image] }),
      keep: async () => void calls.push('keep'),
      now: () => 42,
      ...overrides,
    };
  }

  test('sidebar hidden, page measured, captured, masked, kept, sidebar shown again', async () => {
    const ports = retakePorts();
    expect(await retakeVisible({ id: 7, windowId: 1 }, ports)).toEqual({ status: 'done', capturedAt: 42, images: [image] });
    // Measured again right after the picture: the same masks, so it is kept.
    expect(ports.calls).toEqual(['hide', 'mask', 'capture', 'mask', 'burn true', 'keep', 'show']);
  });

  test('a page that keeps moving under its masks: captured three times at most, nothing kept, and why', async () => {
    let y = 0;
    const ports = retakePorts({ readMask: async () => (ports.calls.push('mask'), { ...mask, rects: [{ ...mask.rects[0]!, y: (y += 30) }] }) });
    expect(await retakeVisible({ id: 7, windowId: 1 }, ports)).toEqual({ status: 'failed', reason: 'failed', message: MASKS_MOVED });
    expect(ports.calls.filter((call) => call === 'capture')).toHaveLength(MAX_CAPTURE_ATTEMPTS);
    expect(ports.calls).not.toContain('keep');
    expect(ports.calls.at(-1)).toBe('show');
  });

  test('captureVisibleTab refused (activeTab expired): the engine renders the visible area', async () => {
    const ports = retakePorts({ captureVisibleTab: () => Promise.reject(new Error('Missing activeTab')) });
    expect(await retakeVisible({ id: 7, windowId: 1 }, ports)).toMatchObject({ status: 'done', images: [image] });
    expect(ports.calls).toEqual(['hide', 'mask', 'engine', 'show']);
  });

  test('a page that cannot be measured gives no new screenshot (it could not be masked), and the sidebar comes back', async () => {
    const ports = retakePorts({ readMask: () => Promise.reject(new Error('no access')) });
    expect(await retakeVisible({ id: 7, windowId: 1 }, ports)).toMatchObject({ status: 'failed', reason: 'failed' });
    expect(ports.calls).toEqual(['hide', 'show']);
  });
});
