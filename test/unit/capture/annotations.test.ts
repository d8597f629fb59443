import { describe, expect, test } from 'vitest';
import {
  canRedo,
  canUndo,
  commit,
  cropOf,
  drawOp,
  emptyState,
  moveOp,
  outputSize,
  pixelate,
  redo,
  resizeOp,
  shapeFromDrag,
  undo,
  type Operation,
} from '../../../src/capture/annotations';

const image = { width: 200, height: 100 };
const black: Operation = { kind: 'blackout', rect: { x: 10, y: 10, width: 20, height: 20 } };
const arrow = shapeFromDrag('arrow', { x: 0, y: 0 }, { x: 50, y: 50 });

describe('operations, undo and redo', () => {
  test('commit, undo, redo', () => {
    let state = commit(commit(emptyState, black), arrow);
    expect(state.ops).toEqual([black, arrow]);
    state = undo(state);
    expect(state.ops).toEqual([black]);
    expect(canRedo(state)).toBe(true);
    state = redo(state);
    expect(state.ops).toEqual([black, arrow]);
    expect(canRedo(state)).toBe(false);
  });

  test('a new operation after undo drops the redo stack; empty shapes are ignored', () => {
    let state = undo(commit(commit(emptyState, black), arrow));
    state = commit(state, shapeFromDrag('highlight', { x: 0, y: 0 }, { x: 5, y: 5 }));
    expect(canRedo(state)).toBe(false);
    expect(commit(state, shapeFromDrag('blackout', { x: 3, y: 3 }, { x: 3, y: 9 }))).toBe(state);
    expect(commit(state, { kind: 'text', at: { x: 0, y: 0 }, text: '  ', colour: '#000', size: 12 })).toBe(state);
    expect(undo(undo(undo(state)))).toEqual({ ops: [], undone: expect.any(Array) });
    expect(canUndo(emptyState)).toBe(false);
    expect(undo(emptyState)).toBe(emptyState);
  });

  test('keyboard moves and resizes the current shape', () => {
    expect(moveOp(black, 5, -2)).toEqual({ kind: 'blackout', rect: { x: 15, y: 8, width: 20, height: 20 } });
    expect(resizeOp(black, -30, 4)).toEqual({ kind: 'blackout', rect: { x: 10, y: 10, width: 1, height: 24 } });
    expect(moveOp(arrow, 1, 1)).toMatchObject({ from: { x: 1, y: 1 }, to: { x: 51, y: 51 } });
    expect(resizeOp(arrow, 10, 0)).toMatchObject({ from: { x: 0, y: 0 }, to: { x: 60, y: 50 } });
  });

  test('crop: the last one wins, clipped to the image; none = whole image', () => {
    expect(cropOf([], image)).toEqual({ x: 0, y: 0, width: 200, height: 100 });
    const state = commit(commit(emptyState, { kind: 'crop', rect: { x: 10, y: 10, width: 50, height: 50 } }), { kind: 'crop', rect: { x: 150, y: 50, width: 100, height: 100 } });
    expect(outputSize(state, image)).toEqual({ width: 50, height: 50 });
    expect(cropOf(state.ops, image)).toEqual({ x: 150, y: 50, width: 50, height: 50 });
    expect(outputSize(undo(state), image)).toEqual({ width: 50, height: 50 });
  });
});

describe('burned-in pixels', () => {
  test('pixelate replaces each block by its average: the detail is gone', () => {
    const size = { width: 4, height: 2 };
    const data = new Uint8ClampedArray(4 * 2 * 4);
    // A 1-pixel "text" stroke: white background, one black pixel.
    data.fill(255);
    data.set([0, 0, 0, 255], 0);
    pixelate(data, size, { x: 0, y: 0, width: 2, height: 2 }, 2);
    const pixel = (x: number, y: number) => Array.from(data.slice((y * 4 + x) * 4, (y * 4 + x) * 4 + 4));
    expect(pixel(0, 0)).toEqual([191, 191, 191, 255]);
    expect(pixel(1, 1)).toEqual([191, 191, 191, 255]);
    expect(pixel(2, 0)).toEqual([255, 255, 255, 255]);
  });

  test('black-out draws an opaque black rectangle', () => {
    const calls: string[] = [];
    const context = {
      save: () => undefined,
      restore: () => undefined,
      set fillStyle(value: string) {
        calls.push(`fill ${value}`);
      },
      set globalAlpha(value: number) {
        calls.push(`alpha ${value}`);
      },
      fillRect: (...args: number[]) => calls.push(`rect ${args.join(',')}`),
    } as unknown as CanvasRenderingContext2D;
    drawOp(context, { kind: 'blackout', rect: { x: 1.5, y: 2.5, width: 10.2, height: 3 } });
    expect(calls).toEqual(['alpha 1', 'fill #000000', 'rect 1,2,11,3']);
  });
});
