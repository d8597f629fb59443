import { describe, expect, test } from 'vitest';
import { createTiledSurface } from '../../../src/capture/tiled-canvas';

/** A recording stand-in for a 2D context: the calls it got, and its properties. */
class FakeContext {
  calls: string[] = [];
  fillStyle = '#000';
  private shiftY = 0;
  translate(x: number, y: number) {
    this.shiftY += y;
    this.calls.push(`translate ${x} ${y}`);
  }
  getTransform() {
    return { b: 0, c: 0, d: 1, f: this.shiftY };
  }
  fillText(text: string, x: number, y: number) {
    this.calls.push(`fillText ${text} ${x} ${y}`);
  }
  measureText(text: string) {
    this.calls.push(`measureText ${text}`);
    return { width: text.length };
  }
  createLinearGradient() {
    this.calls.push('createLinearGradient');
    return { gradient: true };
  }
}

const fakeCanvas = () => {
  const context = new FakeContext();
  return { context, getContext: () => context };
};

describe('tiled drawing surface', () => {
  const tiles = [
    { part: 1, y: 0, height: 100 },
    { part: 2, y: 90, height: 100 },
  ];

  test('each part is shifted up by its top, then gets every drawing call and property', () => {
    let texts = 0;
    const surface = createTiledSurface(tiles, { width: 50, height: 190 }, fakeCanvas, { onText: () => texts++ });
    const context = surface.canvas.getContext('2d');
    context.fillStyle = '#123456';
    context.fillText('Facture', 3, 95);
    const [one, two] = surface.parts.map((part) => (part.canvas as unknown as ReturnType<typeof fakeCanvas>).context);
    expect(one!.calls).toEqual(['translate 0 0', 'fillText Facture 3 95']);
    expect(two!.calls).toEqual(['translate 0 -90', 'fillText Facture 3 95']);
    expect(one!.fillStyle).toBe('#123456');
    expect(two!.fillStyle).toBe('#123456');
    expect(texts).toBe(1);
    expect(surface.canvas).toMatchObject({ width: 50, height: 190 });
    expect(context.canvas).toBe(surface.canvas);
  });

  test('text goes only to the parts it can reach', () => {
    const tall = [
      { part: 1, y: 0, height: 1_000 },
      { part: 2, y: 1_000, height: 1_000 },
      { part: 3, y: 2_000, height: 1_000 },
    ];
    const surface = createTiledSurface(tall, { width: 50, height: 3_000 }, fakeCanvas);
    const context = surface.canvas.getContext('2d');
    const texts = () => surface.parts.map((part) => (part.canvas as unknown as ReturnType<typeof fakeCanvas>).context.calls.filter((call) => call.startsWith('fillText')).length);
    context.fillText('top', 0, 100);
    expect(texts()).toEqual([1, 0, 0]);
    // Near the edge between parts 2 and 3: both.
    context.fillText('edge', 0, 1_990);
    expect(texts()).toEqual([1, 1, 1]);
    // html2canvas's own translations count.
    context.translate(0, 2_000);
    context.fillText('moved', 0, 500);
    expect(texts()).toEqual([1, 1, 2]);
  });

  test('measuring and creating gradients happen once, on the first part', () => {
    const surface = createTiledSurface(tiles, { width: 50, height: 190 }, fakeCanvas);
    const context = surface.canvas.getContext('2d');
    expect(context.measureText('abc').width).toBe(3);
    context.createLinearGradient(0, 0, 1, 1);
    const [one, two] = surface.parts.map((part) => (part.canvas as unknown as ReturnType<typeof fakeCanvas>).context);
    expect(one!.calls.slice(1)).toEqual(['measureText abc', 'createLinearGradient']);
    expect(two!.calls.slice(1)).toEqual([]);
  });

  test('once stopped, every drawing call throws the reason', () => {
    const surface = createTiledSurface(tiles, { width: 50, height: 190 }, fakeCanvas);
    const context = surface.canvas.getContext('2d');
    const reason = new Error('cancelled');
    surface.stop(reason);
    expect(() => context.fillText('x', 0, 0)).toThrow(reason);
    expect(() => context.translate(0, 1)).toThrow(reason);
  });
});
