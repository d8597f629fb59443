/**
 * The screenshot editor's model: a list of operations over the original image (highlight,
 * arrow, text, pixelate, black-out, crop), undo/redo, keyboard moves, and rendering onto a 2D
 * context. Pixelate and black-out are burned into the pixels of the output; nothing of what
 * they cover survives in it. The original is kept apart by the caller and is never the output
 * unless the user chooses it. Coordinates are in the ORIGINAL image's pixels.
 */
import { clip, fromPoints, isEmpty, type Rect, type Size } from './geometry';

export interface Point {
  x: number;
  y: number;
}

export type Operation =
  | { kind: 'highlight'; rect: Rect; colour: string; width: number }
  | { kind: 'arrow'; from: Point; to: Point; colour: string; width: number }
  | { kind: 'text'; at: Point; text: string; colour: string; size: number }
  | { kind: 'pixelate'; rect: Rect; block: number }
  | { kind: 'blackout'; rect: Rect }
  | { kind: 'crop'; rect: Rect };

export type Tool = Operation['kind'];
export const TOOLS: readonly Tool[] = ['highlight', 'arrow', 'text', 'pixelate', 'blackout', 'crop'];

export const DEFAULTS = { colour: '#e1000f', width: 4, textSize: 24, block: 12 } as const;

export interface EditorState {
  readonly ops: readonly Operation[];
  /** Undone operations, most recent last: redo takes them back. */
  readonly undone: readonly Operation[];
}

export const emptyState: EditorState = { ops: [], undone: [] };

/** Adds an operation; a new operation clears what could be redone. Empty shapes are ignored. */
export function commit(state: EditorState, op: Operation): EditorState {
  if (isEmptyOp(op)) return state;
  return { ops: [...state.ops, op], undone: [] };
}

export function undo(state: EditorState): EditorState {
  const last = state.ops[state.ops.length - 1];
  return last ? { ops: state.ops.slice(0, -1), undone: [...state.undone, last] } : state;
}

export function redo(state: EditorState): EditorState {
  const next = state.undone[state.undone.length - 1];
  return next ? { ops: [...state.ops, next], undone: state.undone.slice(0, -1) } : state;
}

export const canUndo = (state: EditorState) => state.ops.length > 0;
export const canRedo = (state: EditorState) => state.undone.length > 0;

export function isEmptyOp(op: Operation): boolean {
  switch (op.kind) {
    case 'arrow':
      return op.from.x === op.to.x && op.from.y === op.to.y;
    case 'text':
      return op.text.trim() === '';
    default:
      return isEmpty(op.rect);
  }
}

/** A shape from a drag between two points, for the rectangle tools and the arrow. */
export function shapeFromDrag(tool: Exclude<Tool, 'text'>, a: Point, b: Point): Operation {
  const rect = fromPoints(a.x, a.y, b.x, b.y);
  switch (tool) {
    case 'arrow':
      return { kind: 'arrow', from: a, to: b, colour: DEFAULTS.colour, width: DEFAULTS.width };
    case 'highlight':
      return { kind: 'highlight', rect, colour: DEFAULTS.colour, width: DEFAULTS.width };
    case 'pixelate':
      return { kind: 'pixelate', rect, block: DEFAULTS.block };
    case 'blackout':
      return { kind: 'blackout', rect };
    case 'crop':
      return { kind: 'crop', rect };
  }
}

/** Keyboard: arrow keys move the current shape (Shift: resize it). */
export function moveOp(op: Operation, dx: number, dy: number): Operation {
  switch (op.kind) {
    case 'arrow':
      return { ...op, from: { x: op.from.x + dx, y: op.from.y + dy }, to: { x: op.to.x + dx, y: op.to.y + dy } };
    case 'text':
      return { ...op, at: { x: op.at.x + dx, y: op.at.y + dy } };
    default:
      return { ...op, rect: { ...op.rect, x: op.rect.x + dx, y: op.rect.y + dy } };
  }
}

export function resizeOp(op: Operation, dw: number, dh: number): Operation {
  switch (op.kind) {
    case 'arrow':
      return { ...op, to: { x: op.to.x + dw, y: op.to.y + dh } };
    case 'text':
      return { ...op, size: Math.max(8, op.size + dh) };
    default:
      return { ...op, rect: { ...op.rect, width: Math.max(1, op.rect.width + dw), height: Math.max(1, op.rect.height + dh) } };
  }
}

/** The output's area in the original: the last crop, clipped to the image; the whole image without one. */
export function cropOf(ops: readonly Operation[], image: Size): Rect {
  const whole = { x: 0, y: 0, width: image.width, height: image.height };
  for (let i = ops.length - 1; i >= 0; i--) {
    const op = ops[i]!;
    if (op.kind === 'crop') {
      const r = op.rect;
      return clip({ x: Math.round(r.x), y: Math.round(r.y), width: Math.round(r.width), height: Math.round(r.height) }, image) ?? whole;
    }
  }
  return whole;
}

/**
 * Pixelates `rect` of RGBA pixels in place: each block becomes its average colour. Pure (works on
 * ImageData.data or any RGBA array), so the burned-in result is unit-tested without a canvas.
 */
export function pixelate(data: Uint8ClampedArray, size: Size, rect: Rect, block: number): void {
  const area = clip({ x: Math.floor(rect.x), y: Math.floor(rect.y), width: Math.ceil(rect.width), height: Math.ceil(rect.height) }, size);
  if (!area) return;
  const step = Math.max(2, Math.floor(block));
  for (let by = area.y; by < area.y + area.height; by += step) {
    for (let bx = area.x; bx < area.x + area.width; bx += step) {
      const right = Math.min(bx + step, area.x + area.width);
      const bottom = Math.min(by + step, area.y + area.height);
      const sum = [0, 0, 0, 0];
      let count = 0;
      for (let y = by; y < bottom; y++)
        for (let x = bx; x < right; x++) {
          const i = (y * size.width + x) * 4;
          for (let c = 0; c < 4; c++) sum[c]! += data[i + c]!;
          count++;
        }
      const mean = sum.map((value) => Math.round(value / count));
      for (let y = by; y < bottom; y++)
        for (let x = bx; x < right; x++) {
          const i = (y * size.width + x) * 4;
          for (let c = 0; c < 4; c++) data[i + c] = mean[c]!;
        }
    }
  }
}

type Context2D = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

/** Draws one operation onto a context holding the original-size image (crop is applied by `renderOutput`). */
export function drawOp(context: Context2D, op: Operation): void {
  context.save();
  switch (op.kind) {
    case 'highlight':
      context.strokeStyle = op.colour;
      context.lineWidth = op.width;
      context.strokeRect(op.rect.x, op.rect.y, op.rect.width, op.rect.height);
      break;
    case 'arrow': {
      const angle = Math.atan2(op.to.y - op.from.y, op.to.x - op.from.x);
      const head = Math.max(10, op.width * 4);
      context.strokeStyle = op.colour;
      context.fillStyle = op.colour;
      context.lineWidth = op.width;
      context.lineCap = 'round';
      context.beginPath();
      context.moveTo(op.from.x, op.from.y);
      context.lineTo(op.to.x - Math.cos(angle) * head * 0.8, op.to.y - Math.sin(angle) * head * 0.8);
      context.stroke();
      context.beginPath();
      context.moveTo(op.to.x, op.to.y);
      context.lineTo(op.to.x - head * Math.cos(angle - Math.PI / 7), op.to.y - head * Math.sin(angle - Math.PI / 7));
      context.lineTo(op.to.x - head * Math.cos(angle + Math.PI / 7), op.to.y - head * Math.sin(angle + Math.PI / 7));
      context.closePath();
      context.fill();
      break;
    }
    case 'text':
      context.font = `bold ${op.size}px Arial, Helvetica, sans-serif`;
      context.textBaseline = 'top';
      context.lineWidth = Math.max(2, op.size / 6);
      context.strokeStyle = '#ffffff';
      context.strokeText(op.text, op.at.x, op.at.y);
      context.fillStyle = op.colour;
      context.fillText(op.text, op.at.x, op.at.y);
      break;
    case 'blackout':
      context.globalAlpha = 1;
      context.fillStyle = '#000000';
      context.fillRect(Math.floor(op.rect.x), Math.floor(op.rect.y), Math.ceil(op.rect.width), Math.ceil(op.rect.height));
      break;
    case 'pixelate': {
      const area = clip(
        { x: Math.floor(op.rect.x), y: Math.floor(op.rect.y), width: Math.ceil(op.rect.width), height: Math.ceil(op.rect.height) },
        { width: context.canvas.width, height: context.canvas.height },
      );
      if (area) {
        const pixels = context.getImageData(area.x, area.y, area.width, area.height);
        pixelate(pixels.data, { width: area.width, height: area.height }, { x: 0, y: 0, width: area.width, height: area.height }, op.block);
        context.putImageData(pixels, area.x, area.y);
      }
      break;
    }
    case 'crop':
      break;
  }
  context.restore();
}

/**
 * Renders the edited image: `work` (original size) gets the original then every operation in
 * order; `output` (sized by `outputSize`) receives the cropped area of it.
 */
export function renderOutput(work: Context2D, output: Context2D, original: CanvasImageSource, state: EditorState, image: Size): void {
  work.setTransform(1, 0, 0, 1, 0, 0);
  work.clearRect(0, 0, image.width, image.height);
  work.drawImage(original, 0, 0);
  for (const op of state.ops) drawOp(work, op);
  const crop = cropOf(state.ops, image);
  output.setTransform(1, 0, 0, 1, 0, 0);
  output.drawImage(work.canvas, crop.x, crop.y, crop.width, crop.height, 0, 0, crop.width, crop.height);
}

export function outputSize(state: EditorState, image: Size): Size {
  const crop = cropOf(state.ops, image);
  return { width: crop.width, height: crop.height };
}
