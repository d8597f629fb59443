import { afterEach, describe, expect, test, vi } from 'vitest';
import { findOtherSite, findUndrawable, looksBlank, parseColour, showsText } from '../../../src/capture/engine-choice';

/** Gives an element a box on screen (happy-dom lays nothing out). */
const laidOut = (element: Element) => vi.spyOn(element, 'getBoundingClientRect').mockReturnValue(new DOMRect(0, 0, 400, 300));

afterEach(() => {
  vi.restoreAllMocks();
  document.body.innerHTML = '';
});

describe('what the SVG copy cannot draw', () => {
  test('a plain page: nothing', () => {
    document.body.innerHTML = '<main><table><tr><td>F2026-0042</td></tr></table></main>';
    expect(findUndrawable(document, window)).toEqual([]);
  });

  test('a pane scrolled inside the page, shown: found; hidden or at its top: not', () => {
    document.body.innerHTML = '<div id="shown"></div><div id="top"></div><div id="hidden"></div>';
    const [shown, top, hidden] = ['shown', 'top', 'hidden'].map((id) => document.getElementById(id)!);
    laidOut(shown!);
    laidOut(top!);
    hidden!.scrollTop = 200;
    expect(findUndrawable(document, window)).toEqual([]);
    shown!.scrollTop = 200;
    expect(findUndrawable(document, window)).toEqual(['scrolled-pane']);
  });

  test('an open shadow root with content, also nested in another; an empty one is not', () => {
    document.body.innerHTML = '<x-outer id="outer"></x-outer><x-empty id="empty"></x-empty>';
    const outer = document.getElementById('outer')!;
    laidOut(outer);
    const empty = document.getElementById('empty')!;
    laidOut(empty);
    empty.attachShadow({ mode: 'open' });
    expect(findUndrawable(document, window)).toEqual([]);
    const inner = document.createElement('div');
    outer.attachShadow({ mode: 'open' }).append(inner);
    expect(findUndrawable(document, window)).toEqual(['shadow-root']);
    // A pane scrolled inside the shadow root is found as well.
    laidOut(inner);
    inner.scrollTop = 40;
    expect(findUndrawable(document, window)).toEqual(['scrolled-pane', 'shadow-root']);
  });

  test('a same-origin frame with content: found; an empty one or another site’s (unreadable): not', () => {
    document.body.innerHTML = '<iframe id="full"></iframe><iframe id="blank"></iframe>';
    const full = document.getElementById('full')!;
    const blank = document.getElementById('blank')!;
    laidOut(full);
    laidOut(blank);
    const readable = document.implementation.createHTMLDocument('cadre');
    readable.body.innerHTML = '<p>Détail</p>';
    Object.defineProperty(blank, 'contentDocument', { value: document.implementation.createHTMLDocument(''), configurable: true });
    Object.defineProperty(full, 'contentDocument', {
      get: () => {
        throw new DOMException('cross-origin', 'SecurityError');
      },
      configurable: true,
    });
    expect(findUndrawable(document, window)).toEqual([]);
    Object.defineProperty(full, 'contentDocument', { value: readable, configurable: true });
    expect(findUndrawable(document, window)).toEqual(['frame']);
  });

  test('fixed and sticky elements, only for the visible area of a scrolled page', () => {
    document.body.innerHTML = '<header id="bar" style="position: fixed; top: 0">En-tête</header>';
    laidOut(document.getElementById('bar')!);
    expect(findUndrawable(document, window, { viewport: true })).toEqual([]);
    vi.spyOn(window, 'scrollY', 'get').mockReturnValue(500);
    expect(findUndrawable(document, window)).toEqual([]);
    expect(findUndrawable(document, window, { viewport: true })).toEqual(['fixed-position']);
  });

  test('another site’s frames and pictures, shown, are said; the page’s own and data: pictures are not', () => {
    const other = 'https://autre-site.test';
    document.body.innerHTML = `<img id="own" src="/assets/logo.svg"><img id="inline" src="data:image/png;base64,AAAA"><img id="foreign" src="${other}/x.png"><iframe id="frame" src="${other}/"></iframe>`;
    for (const id of ['own', 'inline']) laidOut(document.getElementById(id)!);
    Object.defineProperty(document.getElementById('frame')!, 'contentDocument', { value: null, configurable: true });
    expect(findOtherSite(document, window)).toEqual([]);
    laidOut(document.getElementById('foreign')!);
    laidOut(document.getElementById('frame')!);
    expect(findOtherSite(document, window)).toEqual(['other-site-frames', 'other-site-pictures']);
  });
});

describe('a blank render', () => {
  const pixels = (...colours: number[][]) => Uint8ClampedArray.from(colours.flatMap((colour) => [...colour, 255]));

  test('only the background colour (within a little): blank; any text-like pixel: not', () => {
    expect(looksBlank(pixels([250, 250, 250], [255, 252, 248]), 'rgb(250, 250, 250)')).toBe(true);
    expect(looksBlank(pixels([250, 250, 250], [40, 40, 40]), 'rgb(250, 250, 250)')).toBe(false);
    expect(looksBlank(pixels([255, 255, 255]), '#ffffff')).toBe(true);
  });

  test('colours as browsers write them', () => {
    expect(parseColour('rgba(12, 34, 56, 0.5)')).toEqual([12, 34, 56]);
    expect(parseColour('rgb(12 34 56)')).toEqual([12, 34, 56]);
    expect(parseColour('#0a0b0c')).toEqual([10, 11, 12]);
    expect(parseColour('canvas')).toEqual([255, 255, 255]);
  });

  test('text shown in a band of the page, not above or below it', () => {
    document.body.innerHTML = '<p>Facture rejetée</p><p>   </p>';
    vi.spyOn(Range.prototype, 'getClientRects').mockReturnValue([new DOMRect(10, 900, 120, 18)] as unknown as DOMRectList);
    expect(showsText(document, window, 0, 800)).toBe(false);
    expect(showsText(document, window, 800, 1600)).toBe(true);
  });
});
