import { describe, expect, test } from 'vitest';
import { burnMasks, collectMaskRects, maskSelectors, sameMasks } from '../../../src/capture/mask';

/** A page whose elements report fixed client rects (happy-dom has no layout). */
function pageWith(html: string, rects: Record<string, DOMRect[]>, view: { scrollX?: number; scrollY?: number; dpr?: number } = {}) {
  document.body.innerHTML = html;
  for (const [id, list] of Object.entries(rects)) {
    const element = document.getElementById(id)!;
    element.getClientRects = () => list as unknown as DOMRectList;
  }
  const win = {
    innerWidth: 1280,
    innerHeight: 800,
    scrollX: view.scrollX ?? 0,
    scrollY: view.scrollY ?? 0,
    devicePixelRatio: view.dpr ?? 1,
    location: { href: 'https://chorus-pro.gouv.fr/cpp/utilisateur' },
  } as unknown as Window;
  return win;
}

const box = (x: number, y: number, width: number, height: number) => new DOMRect(x, y, width, height);

describe('mask rectangles measured in the page', () => {
  test('password fields and profile-sensitive fields, × devicePixelRatio, padded', () => {
    const win = pageWith(
      '<input id="p" type="password"><input id="iban" name="iban"><input id="t" type="tel"><input id="n" type="text">',
      { p: [box(100, 100, 200, 30)], iban: [box(100, 300, 200, 30)], t: [box(100, 400, 200, 30)], n: [box(100, 500, 200, 30)] },
      { dpr: 2 },
    );
    const plan = collectMaskRects(document, win);
    expect(plan.image).toEqual({ width: 2560, height: 1600 });
    expect(plan.matched).toBe(3);
    expect(plan.rects).toEqual([
      { x: 196, y: 196, width: 408, height: 68 },
      { x: 196, y: 596, width: 408, height: 68 },
      { x: 196, y: 796, width: 408, height: 68 },
    ]);
  });

  test('fields out of view are not in a visible capture; in a whole-page one they are', () => {
    const win = pageWith('<input id="p" type="password">', { p: [box(10, 900, 100, 20)] }, { scrollY: 0 });
    Object.defineProperty(document.documentElement, 'scrollHeight', { value: 2000, configurable: true });
    Object.defineProperty(document.documentElement, 'scrollWidth', { value: 1280, configurable: true });
    expect(collectMaskRects(document, win).rects).toEqual([]);
    const page = collectMaskRects(document, win, { origin: 'page', scale: 0.5 });
    expect(page.rects).toEqual([{ x: 4, y: 449, width: 52, height: 12 }]);
  });

  test('user-marked areas (page coordinates) follow the scroll', () => {
    const win = pageWith('<p>rien</p>', {}, { scrollY: 1000 });
    const plan = collectMaskRects(document, win, { userAreas: [{ x: 50, y: 1100, width: 100, height: 50 }] });
    expect(plan.rects).toEqual([{ x: 48, y: 98, width: 104, height: 54 }]);
  });

  test('adjacent fields merge into one mask; a bad selector does not stop the others', () => {
    const win = pageWith('<input id="a" type="password"><input id="b" type="password">', { a: [box(0, 0, 100, 20)], b: [box(0, 22, 100, 20)] });
    const plan = collectMaskRects(document, win, { selectors: ['input[type=password]', '[[broken'] });
    expect(plan.rects).toEqual([{ x: 0, y: 0, width: 102, height: 44 }]);
  });

  test('selectors: always passwords and data-chorus-pro-mask, plus the profile', () => {
    const selectors = maskSelectors('https://chorus-pro.gouv.fr/cpp/utilisateur');
    expect(selectors).toContain('input[type=password]');
    expect(selectors).toContain('[data-chorus-pro-mask]');
    expect(selectors).toContain('[name*="iban" i]');
  });
});

describe('masks inside shadow roots and frames, and masks that held', () => {
  test('a password field in an open shadow root and one in a same-origin frame are masked where they show', () => {
    const win = pageWith('<x-login id="host"></x-login><iframe id="frame"></iframe>', {});
    const field = document.createElement('input');
    field.type = 'password';
    field.getClientRects = () => [box(100, 100, 200, 30)] as unknown as DOMRectList;
    document.getElementById('host')!.attachShadow({ mode: 'open' }).append(field);
    const frame = document.getElementById('frame') as HTMLIFrameElement;
    frame.getBoundingClientRect = () => box(50, 400, 600, 300);
    const inner = document.implementation.createHTMLDocument('cadre');
    inner.body.innerHTML = '<input type="password" id="inner">';
    inner.getElementById('inner')!.getClientRects = () => [box(10, 20, 200, 30)] as unknown as DOMRectList;
    Object.defineProperty(frame, 'contentDocument', { value: inner, configurable: true });
    const plan = collectMaskRects(document, win, { scale: 1 });
    expect(plan.matched).toBe(2);
    // The frame's field moved by where the frame sits (its border is 0 here), both padded by 2 px.
    expect(plan.rects).toEqual([
      { x: 98, y: 98, width: 204, height: 34 },
      { x: 58, y: 418, width: 204, height: 34 },
    ]);
  });

  test('two measures mask the same places within a pixel, or not', () => {
    const plan = { rects: [{ x: 10, y: 10, width: 100, height: 20 }], image: { width: 1280, height: 800 }, matched: 1 };
    expect(sameMasks(plan, { ...plan, rects: [{ x: 11, y: 9, width: 100, height: 21 }] })).toBe(true);
    expect(sameMasks(plan, { ...plan, rects: [{ x: 10, y: 50, width: 100, height: 20 }] })).toBe(false);
    expect(sameMasks(plan, { ...plan, rects: [] })).toBe(false);
    expect(sameMasks(plan, { ...plan, image: { width: 1280, height: 700 } })).toBe(false);
  });
});

describe('burnMasks', () => {
  function fakeContext(width: number, height: number) {
    const calls: string[] = [];
    const context = {
      canvas: { width, height },
      save: () => calls.push('save'),
      restore: () => calls.push('restore'),
      setTransform: () => calls.push('setTransform'),
      fillRect: (x: number, y: number, w: number, h: number) => calls.push(`fillRect ${x},${y},${w},${h}`),
      set fillStyle(value: string) {
        calls.push(`fillStyle ${value}`);
      },
      set globalAlpha(value: number) {
        calls.push(`alpha ${value}`);
      },
      globalCompositeOperation: '',
      filter: '',
    };
    return { context: context as unknown as CanvasRenderingContext2D, calls };
  }

  test('paints opaque black rectangles, rescaled to the canvas', () => {
    const { context, calls } = fakeContext(2560, 1600);
    const count = burnMasks(context, [{ x: 10, y: 10, width: 20, height: 20 }], { width: 1280, height: 800 });
    expect(count).toBe(1);
    expect(calls).toContain('fillStyle #000000');
    expect(calls).toContain('alpha 1');
    expect(calls).toContain('fillRect 20,20,40,40');
    expect(calls.indexOf('setTransform')).toBeLessThan(calls.indexOf('fillRect 20,20,40,40'));
  });
});
