/**
 * One drawing surface made of several canvases: html2canvas draws the whole page once, and every
 * call reaches each part's canvas, shifted up by the part's top, so each part receives its band
 * of the page at full scale. (html2canvas 1.4.1 takes `options.canvas`, calls its
 * getContext('2d') and draws with relative transforms only — scale, translate, save/restore,
 * never setTransform — so the shift set here holds for the whole render.)
 * Also where a render is stopped (cancel, time bound): every drawing call then throws.
 */
import type { Tile } from './tiles';

type Context2D = CanvasRenderingContext2D;

/** Text drawn this far (device px) above or below a part may still reach into it (tall glyphs, big fonts). */
const TEXT_REACH = 256;

/** Calls answered by the first part only: they create or measure, they do not draw. */
const FIRST_ONLY = new Set(['createPattern', 'createLinearGradient', 'createRadialGradient', 'createConicGradient', 'measureText', 'getImageData', 'isPointInPath', 'isPointInStroke', 'getLineDash', 'getTransform', 'getContextAttributes']);

export interface TiledPart<C> {
  tile: Tile;
  canvas: C;
  context: Context2D;
}

export interface TiledSurface<C> {
  /** What to pass as html2canvas's `canvas` option. */
  canvas: { width: number; height: number; ownerDocument: Document | undefined; getContext(kind: '2d'): Context2D };
  parts: TiledPart<C>[];
  /** From now on every drawing call throws `reason`, which ends the render at once. */
  stop(reason: Error): void;
}

export function createTiledSurface<C extends { getContext(kind: '2d'): unknown }>(
  tiles: readonly Tile[],
  size: { width: number; height: number },
  newCanvas: (width: number, height: number) => C,
  hooks: { onText?: () => void; ownerDocument?: Document } = {},
): TiledSurface<C> {
  const parts = tiles.map((tile) => {
    const canvas = newCanvas(size.width, tile.height);
    const context = canvas.getContext('2d') as Context2D | null;
    if (!context) throw new Error(`no 2D context for a ${size.width}×${tile.height} canvas`);
    context.translate(0, -tile.y);
    return { tile, canvas, context };
  });
  const first = parts[0]!.context;
  let stopped: Error | null = null;
  const forward = new Map<string, (...args: unknown[]) => unknown>();
  const firstTop = parts[0]!.tile.y;

  /**
   * Text is most of a page's drawing, and a browser shapes it even where it falls outside the
   * canvas: it goes only to the parts it can reach (by its baseline, in whole-image px), unless
   * the drawing is rotated or skewed.
   */
  function reached(y: number): TiledPart<C>[] {
    if (parts.length === 1) return parts;
    const m = first.getTransform();
    if (m.b !== 0 || m.c !== 0) return parts;
    const at = m.f + firstTop + m.d * y;
    const reach = TEXT_REACH * Math.max(1, Math.abs(m.d));
    return parts.filter((part) => at >= part.tile.y - reach && at <= part.tile.y + part.tile.height + reach);
  }

  const context = new Proxy(first, {
    get(target, key) {
      if (typeof key !== 'string') return Reflect.get(target, key) as unknown;
      if (key === 'canvas') return surface.canvas;
      const value = Reflect.get(target, key) as unknown;
      if (typeof value !== 'function') return value;
      let call = forward.get(key);
      if (!call) {
        call = FIRST_ONLY.has(key)
          ? (...args: unknown[]) => (first[key as keyof Context2D] as (...a: unknown[]) => unknown).apply(first, args)
          : (...args: unknown[]) => {
              if (stopped) throw stopped;
              const text = key === 'fillText' || key === 'strokeText';
              if (key === 'fillText') hooks.onText?.();
              let result: unknown;
              for (const part of text ? reached(args[2] as number) : parts) result = (part.context[key as keyof Context2D] as (...a: unknown[]) => unknown).apply(part.context, args);
              return result;
            };
        forward.set(key, call);
      }
      return call;
    },
    set(_target, key, value) {
      for (const part of parts) Reflect.set(part.context, key, value);
      return true;
    },
  });

  const surface: TiledSurface<C> = {
    canvas: { width: size.width, height: size.height, ownerDocument: hooks.ownerDocument, getContext: () => context },
    parts,
    stop(reason) {
      stopped = reason;
    },
  };
  return surface;
}
