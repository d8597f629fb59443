// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { bareSidebarPage } from '../../../bench/bare-sidebar';

// The built sidebar page as the bundler writes it.
const BUILT = `<!doctype html>
<html lang="fr">
  <head>
    <meta charset="utf-8" />
    <title>Assistant d'aide Chorus Pro</title>
    <script type="module" crossorigin src="/extension/sidebar/index.js"></script>
    <link rel="modulepreload" crossorigin href="/i18n.js">
    <link rel="modulepreload" crossorigin href="/disclose-version.js">
    <link rel="stylesheet" crossorigin href="/i18n.css">
  </head>
  <body>
    <div id="app"></div>
  </body>
</html>`;

describe('bareSidebarPage', () => {
  it("puts the bare sidebar's script in place of the sidebar's scripts and their preloads", () => {
    const page = bareSidebarPage(BUILT);
    expect(page).not.toContain('/extension/sidebar/index.js');
    expect(page).not.toContain('modulepreload');
    expect(page.match(/<script\b/g)).toHaveLength(1);
    expect(page).toContain('<script type="module" src="/extension/sidebar/bare.js"></script>\n  </head>');
  });

  it('keeps the rest of the page: its stylesheet, title and mount point', () => {
    const page = bareSidebarPage(BUILT);
    expect(page).toContain('<link rel="stylesheet" crossorigin href="/i18n.css">');
    expect(page).toContain("<title>Assistant d'aide Chorus Pro</title>");
    expect(page).toContain('<div id="app"></div>');
  });

  it('refuses a page without a module script, rather than measure a page that runs nothing', () => {
    expect(() => bareSidebarPage(BUILT.replace(/\s*<script[^>]*><\/script>/, ''))).toThrow(/no module script/);
  });
});
