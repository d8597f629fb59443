import { describe, expect, it, vi } from 'vitest';
import { hasLayout, isVisible } from '../../../src/context/visibility';

function byId(id: string): Element {
  const el = document.getElementById(id);
  if (!el) throw new Error(`no #${id}`);
  return el;
}

describe('isVisible', () => {
  it('sees ordinary elements', () => {
    document.body.innerHTML = '<div><p id="shown">Erreur</p></div>';
    expect(isVisible(byId('shown'))).toBe(true);
  });

  it('hides what is hidden by attribute, on the element or an ancestor', () => {
    document.body.innerHTML = `
      <p id="hidden" hidden>a</p>
      <div hidden><p id="under-hidden">b</p></div>
      <div aria-hidden="true"><p id="under-aria-hidden">c</p></div>
      <div aria-hidden="false"><p id="aria-shown">d</p></div>`;
    expect(isVisible(byId('hidden'))).toBe(false);
    expect(isVisible(byId('under-hidden'))).toBe(false);
    expect(isVisible(byId('under-aria-hidden'))).toBe(false);
    expect(isVisible(byId('aria-shown'))).toBe(true);
  });

  it('hides what styles hide: display, visibility, content-visibility', () => {
    document.body.innerHTML = `
      <style>.none { display: none } .invisible { visibility: hidden } .collapsed { content-visibility: hidden }</style>
      <div class="none"><p id="display-none">a</p></div>
      <p id="inline-none" style="display:none">b</p>
      <div class="invisible"><p id="visibility-hidden">c</p><p id="visible-again" style="visibility: visible">d</p></div>
      <div class="collapsed"><p id="content-hidden">e</p></div>`;
    expect(isVisible(byId('display-none'))).toBe(false);
    expect(isVisible(byId('inline-none'))).toBe(false);
    expect(isVisible(byId('visibility-hidden'))).toBe(false);
    expect(isVisible(byId('visible-again'))).toBe(true);
    expect(isVisible(byId('content-hidden'))).toBe(false);
  });

  it('never sees template content or detached elements', () => {
    document.body.innerHTML = '<template id="t"><p class="inside">Erreur</p></template>';
    const inside = (byId('t') as HTMLTemplateElement).content.querySelector('.inside');
    expect(inside).not.toBeNull();
    expect(isVisible(inside as Element)).toBe(false);
    expect(isVisible(document.createElement('p'))).toBe(false);
  });

  it('uses sizes only where the engine lays the page out', () => {
    document.body.innerHTML = '<p id="empty"></p><p id="sized">x</p>';
    expect(hasLayout(document)).toBe(false);
    // Without layout every box is 0×0: size must not count.
    expect(isVisible(byId('empty'))).toBe(true);

    const box = (width: number) => ({ width, height: width, x: 0, y: 0, top: 0, left: 0, right: width, bottom: width, toJSON: () => ({}) });
    vi.spyOn(document.documentElement, 'getBoundingClientRect').mockReturnValue(box(1024));
    vi.spyOn(byId('sized'), 'getBoundingClientRect').mockReturnValue(box(20));
    expect(hasLayout(document)).toBe(true);
    expect(isVisible(byId('empty'))).toBe(false);
    expect(isVisible(byId('sized'))).toBe(true);

    vi.spyOn(byId('sized'), 'checkVisibility').mockReturnValue(false);
    expect(isVisible(byId('sized'))).toBe(false);
  });

  it('where the page is laid out, asks the engine once instead of reading every ancestor\'s styles', () => {
    document.body.innerHTML = '<div><div><p id="deep">Erreur</p></div></div><p id="attr-hidden" hidden style="display:block">x</p>';
    const box = (width: number) => ({ width, height: width, x: 0, y: 0, top: 0, left: 0, right: width, bottom: width, toJSON: () => ({}) });
    vi.spyOn(document.documentElement, 'getBoundingClientRect').mockReturnValue(box(1024));
    vi.spyOn(byId('deep'), 'getBoundingClientRect').mockReturnValue(box(20));
    const engine = vi.spyOn(byId('deep'), 'checkVisibility').mockReturnValue(true);
    const styles = vi.spyOn(window, 'getComputedStyle');
    expect(isVisible(byId('deep'))).toBe(true);
    expect(engine).toHaveBeenCalledWith(expect.objectContaining({ visibilityProperty: true }));
    expect(styles).not.toHaveBeenCalled();
    engine.mockReturnValue(false);
    expect(isVisible(byId('deep'))).toBe(false);
    // The hidden attribute hides even where an author style displays the element.
    vi.spyOn(byId('attr-hidden'), 'getBoundingClientRect').mockReturnValue(box(20));
    expect(isVisible(byId('attr-hidden'))).toBe(false);
  });
});
