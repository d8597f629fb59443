import { afterEach, describe, expect, test, vi } from 'vitest';
import { fixViewportUnits, pageToSvg } from '../../../src/capture/page-svg';

const SIZE = { width: 1280, height: 3000 };
const OPTIONS = { exclude: ['chorus-pro-aide'], masked: ['input[type=password]', '[data-chorus-pro-mask]'] };

/** A page's head and body; happy-dom parses its <style> sheets (no layout: boxes are 0 × 0). */
function page(head: string, body: string) {
  document.head.innerHTML = head;
  document.body.innerHTML = body;
}

const blobOf = (text: string, type: string) => new Blob([text], { type });

afterEach(() => {
  document.head.innerHTML = '';
  document.body.innerHTML = '';
});

describe('the page as an SVG image', () => {
  test('an SVG of the page size holding the document in a foreignObject', async () => {
    page('', '<h1>Factures émises</h1>');
    const result = await pageToSvg(document, window, SIZE, 1265, { ...OPTIONS, fetchResource: vi.fn() });
    expect(result.svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="1280" height="3000" viewBox="0 0 1280 3000"><foreignObject x="0" y="0" width="1280" height="3000"><html xmlns="http:\/\/www\.w3\.org\/1999\/xhtml"/);
    expect(result.svg).toContain('<h1>Factures émises</h1>');
    expect(result.svg).toMatch(/<\/foreignObject><\/svg>$/);
    // The page lays out in its own width, without the sidebar's margin.
    expect(result.svg).toMatch(/<html [^>]*style="[^"]*width: 1265px/);
  });

  test('scripts, noscript, templates, the sidebar and the style elements are left out; their rules are in one sheet', async () => {
    page(
      '<style>.montant { color: rgb(1, 2, 3); }</style><script>window.evil = 1</script>',
      '<chorus-pro-aide><b>sidebar text</b></chorus-pro-aide><noscript>activez JavaScript</noscript><template><i>t</i></template><p class="montant">42,00 €</p><script type="module">import "/x.js";</script>',
    );
    const { svg } = await pageToSvg(document, window, SIZE, 1280, { ...OPTIONS, fetchResource: vi.fn() });
    expect(svg).not.toMatch(/<script|window\.evil|x\.js|sidebar text|chorus-pro-aide|activez JavaScript|<template/);
    expect(svg.match(/<style>/g)).toHaveLength(1);
    expect(svg).toMatch(/\.montant\s*\{\s*color: rgb\(1, 2, 3\);?\s*\}/);
    expect(svg).toContain('<p class="montant">42,00 €</p>');
  });

  test('text that looks like markup stays text (escaped), attributes too', async () => {
    page('', '<p id="t"></p><p id="a"></p>');
    document.getElementById('t')!.textContent = '<img src=x onerror="alert(1)">&amp;';
    document.getElementById('a')!.setAttribute('title', '"><script>alert(2)</script>');
    const { svg } = await pageToSvg(document, window, SIZE, 1280, { ...OPTIONS, fetchResource: vi.fn() });
    expect(svg).toContain('&lt;img src=x onerror="alert(1)"&gt;&amp;amp;');
    expect(svg).toContain('title="&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;"');
    expect(svg).not.toContain('<img src=x');
    expect(svg).not.toContain('<script>');
  });

  test('fields as the markup has them: nothing typed or chosen, a password never, masked fields emptied and hidden', async () => {
    page(
      '',
      `<input id="search" type="text" value="initial"><input id="pw" type="password" value="from-server">
       <input id="box" type="checkbox"><select id="pick"><option>A</option><option>B</option></select>
       <textarea id="notes">initial</textarea><textarea id="secret" data-chorus-pro-mask>RIB</textarea><input id="iban" data-chorus-pro-mask value="FR76 3000">`,
    );
    (document.getElementById('search') as HTMLInputElement).value = 'typed-search';
    (document.getElementById('pw') as HTMLInputElement).value = 'typed-secret';
    (document.getElementById('box') as HTMLInputElement).checked = true;
    (document.getElementById('pick') as HTMLSelectElement).selectedIndex = 1;
    (document.getElementById('notes') as HTMLTextAreaElement).value = 'typed-notes';
    const { svg } = await pageToSvg(document, window, SIZE, 1280, { ...OPTIONS, fetchResource: vi.fn() });
    expect(svg).not.toMatch(/typed-|from-server|FR76|RIB/);
    expect(svg).toMatch(/<input id="search" type="text" value="initial"/);
    expect(svg).toMatch(/<input id="box" type="checkbox" ?\/>/);
    expect(svg).toMatch(/<option>A<\/option><option>B<\/option>/);
    expect(svg).toContain('<textarea id="notes">initial</textarea>');
    expect(svg).toMatch(/<textarea id="secret" data-chorus-pro-mask="" data-chorus-pro-masked=""><\/textarea>/);
    expect(svg).toMatch(/<input id="iban" data-chorus-pro-mask="" data-chorus-pro-masked=""/);
    expect(svg).toMatch(/<input id="pw" type="password" data-chorus-pro-masked=""/);
    expect(svg).toContain('[data-chorus-pro-masked], [data-chorus-pro-masked] * { visibility: hidden !important; }');
  });

  test('images and url() of the style are inlined as data: URLs, resolved from where they are written', async () => {
    page(
      `<style>@font-face { font-family: Marianne; src: url("/fonts/marianne.woff2") format("woff2"); }
       .logo { background-image: url('img/logo.png'); } .same { background-image: url(img/logo.png); } .inline { background: url(data:image/png;base64,AAAA); }</style>`,
      '<img id="photo" src="/images/photo.png" srcset="/images/photo@2x.png 2x" loading="lazy" alt="Logo"><div id="banner" style="background: url(&quot;/images/banner.png&quot;) no-repeat"></div>',
    );
    const fetchResource = vi.fn(async (url: string) => blobOf(`bytes of ${url}`, url.endsWith('.woff2') ? 'font/woff2' : 'image/png'));
    const result = await pageToSvg(document, window, SIZE, 1280, { ...OPTIONS, fetchResource });
    const base = new URL(document.baseURI);
    const fetched = fetchResource.mock.calls.map(([url]) => url).sort();
    // Each address once (two rules share one); data: URLs are left as they are.
    expect(fetched).toEqual([new URL('/fonts/marianne.woff2', base).href, new URL('/images/photo.png', base).href, new URL('/images/banner.png', base).href, new URL('img/logo.png', base).href].sort());
    expect(result.svg).toContain('url("data:font/woff2;base64,');
    expect(result.svg.match(/url\("data:image\/png;base64,(?!AAAA)/g)).toHaveLength(2);
    expect(result.svg).toMatch(/url\("?data:image\/png;base64,AAAA"?\)/);
    expect(result.svg).toMatch(/<img id="photo" src="data:image\/png;base64,[^"]+" alt="Logo" width="0" height="0"/);
    expect(result.svg).not.toMatch(/srcset|loading=/);
    expect(result.svg).toMatch(/<div id="banner" style="background: url\(&quot;data:image\/png;base64,[^&]+&quot;\) no-repeat"/);
    expect(result).toMatchObject({ inlined: 4, missed: 0 });
  });

  test('a resource that cannot be had is left out, and counted; the capture goes on', async () => {
    page('<style>.logo { background: url(/img/missing.png) no-repeat; }</style>', '<img src="https://autre-site.test/x.png" alt="">');
    const fetchResource = vi.fn(async () => {
      throw new TypeError('Failed to fetch');
    });
    const result = await pageToSvg(document, window, SIZE, 1280, { ...OPTIONS, fetchResource });
    expect(result.svg).toMatch(/\.logo\s*\{\s*background: none no-repeat;?\s*\}/);
    expect(result.svg).toMatch(/<img src="data:image\/gif;base64,[^"]+"/);
    expect(result).toMatchObject({ inlined: 0, missed: 2 });
  });

  test('another site’s sheet, unreadable here, is fetched again; a sheet for print stays for print', async () => {
    page('', '<p class="x">x</p>');
    const unreadable = {
      href: 'https://cdn.example/dsfr.css',
      media: { mediaText: '' },
      disabled: false,
      get cssRules(): CSSRuleList {
        throw new DOMException('Cannot access rules', 'SecurityError');
      },
    };
    const forPrint = { href: null, media: { mediaText: 'print' }, disabled: false, cssRules: [{ cssText: '.x { display: none; }' }] };
    const sheets = vi.spyOn(document, 'styleSheets', 'get').mockReturnValue([unreadable, forPrint] as unknown as StyleSheetList);
    const fetchResource = vi.fn(async (url: string) =>
      url.endsWith('.css') ? blobOf('@font-face { font-family: Marianne; src: url(fonts/m.woff2); } .x { color: red; }', 'text/css') : blobOf('font', 'font/woff2'),
    );
    try {
      const { svg } = await pageToSvg(document, window, SIZE, 1280, { ...OPTIONS, fetchResource });
      expect(fetchResource.mock.calls.map(([url]) => url)).toEqual(['https://cdn.example/dsfr.css', 'https://cdn.example/fonts/m.woff2']);
      expect(svg).toMatch(/src: url\("data:font\/woff2;base64,[^"]+"\); \} \.x \{ color: red; \}/);
      expect(svg).toMatch(/@media print \{\s*\.x \{ display: none; \}\s*\}/);
    } finally {
      sheets.mockRestore();
    }
  });

  test('the colour under the page: the page’s own, white when it has none', async () => {
    page('', '<p>x</p>');
    expect((await pageToSvg(document, window, SIZE, 1280, { ...OPTIONS, fetchResource: vi.fn() })).background).toBe('#ffffff');
    document.body.style.backgroundColor = 'rgb(246, 246, 246)';
    expect((await pageToSvg(document, window, SIZE, 1280, { ...OPTIONS, fetchResource: vi.fn() })).background).toBe('rgb(246, 246, 246)');
    document.body.style.removeProperty('background-color');
  });

  test('contenteditable text is left out of the copy (the user may have typed it); text of elements not editable stays', async () => {
    page('', '<div contenteditable="true" id="note">mon message privé</div><div contenteditable="false">Statut : Rejetée</div>');
    const { svg } = await pageToSvg(document, window, SIZE, 1280, { ...OPTIONS, fetchResource: vi.fn() });
    expect(svg).not.toContain('mon message privé');
    expect(svg).toContain('Statut : Rejetée');
  });

  test('viewport units become px of the window: inside an SVG image they would be of the whole page', async () => {
    expect(fixViewportUnits('.bloc { height: 45vh; width: 50vw; margin: .5vmin 2vmax; min-height: 10dvh; }', { width: 1000, height: 800 })).toBe(
      '.bloc { height: 360px; width: 500px; margin: 4px 20px; min-height: 80px; }',
    );
    page('<style>.bloc { height: 45vh; }</style>', '<div class="bloc" style="min-height: 10vh">Bloc</div>');
    const { svg } = await pageToSvg(document, window, SIZE, 1280, { ...OPTIONS, fetchResource: vi.fn() });
    expect(svg).toContain(`height: ${(45 * window.innerHeight) / 100}px`);
    expect(svg).toContain(`min-height: ${(10 * window.innerHeight) / 100}px`);
    expect(svg).not.toMatch(/\d+vh/);
  });
});
