import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig, type Plugin } from 'vite';
import webExtension, { readJsonFile } from 'vite-plugin-web-extension';

const FIREFOX_SETTINGS = '{{firefox}}.browser_specific_settings';

function withUpdateUrl(manifest: Record<string, unknown>, updateUrl: string | undefined): Record<string, unknown> {
  if (!updateUrl) return manifest;
  const settings = manifest[FIREFOX_SETTINGS] as { gecko: Record<string, unknown> };
  return { ...manifest, [FIREFOX_SETTINGS]: { ...settings, gecko: { ...settings.gecko, update_url: updateUrl } } };
}

// html2canvas measures text once with a fixed string written through innerHTML ("&#128104;" ×10).
// The same characters set as text measure the same, and nothing in the extension then goes
// through an HTML parser (web-ext lint and store reviewers flag any innerHTML). Fails the build
// when an html2canvas update changes that line, so the change is seen.
const HTML2CANVAS_PROBE = "testElement.innerHTML = typeof ''.repeat === 'function' ? '&#128104;'.repeat(10) : '';";
function html2canvasTextProbe(): Plugin {
  return {
    name: 'html2canvas-text-probe',
    transform(code, id) {
      if (!/[\\/]html2canvas[\\/]dist[\\/]/.test(id)) return null;
      if (!code.includes(HTML2CANVAS_PROBE)) throw new Error(`html2canvas changed: "${HTML2CANVAS_PROBE}" not found in ${id}`);
      return { code: code.replace(HTML2CANVAS_PROBE, "testElement.textContent = '\\u{1F468}'.repeat(10);"), map: null };
    },
  };
}

// One manifest for both browsers: `vite build --mode chrome|firefox` writes dist/<browser>.
// The plugin keeps the `{{chrome}}.` / `{{firefox}}.` keys of manifest.json for that browser only.
export default defineConfig(({ mode }) => {
  const target = mode === 'firefox' ? 'firefox' : 'chrome';
  const pkg = readJsonFile('package.json') as { version: string };
  // Only a self-distributed Firefox build says where its updates are: AMO refuses listed add-ons that do.
  const updateUrl = target === 'firefox' ? process.env['FIREFOX_UPDATE_URL'] : undefined;
  return {
    build: {
      outDir: `dist/${target}`,
      emptyOutDir: true,
      target: 'es2022',
      // Extension code is reviewed as built: keep names readable, no inline source maps.
      minify: true,
      sourcemap: false,
      // Both browsers preload modules natively (Chrome 66, Firefox 115): the polyfill would
      // only add bytes to every page's first load.
      modulePreload: { polyfill: false },
    },
    plugins: [
      // 'tree' builds DOM nodes one by one instead of parsing HTML strings through innerHTML:
      // nothing in the extension goes through an HTML parser (and web-ext lint has nothing to flag).
      svelte({ compilerOptions: { fragments: 'tree' } }),
      html2canvasTextProbe(),
      webExtension({
        browser: target,
        manifest: () => withUpdateUrl({ ...readJsonFile('manifest.json'), version: pkg.version }, updateUrl),
        // Entries not named in the manifest: the sidebar (reached through web_accessible_resources),
        // the page shown when the toolbar is clicked outside the portal, and the scripts the
        // background injects on demand (page reader, compatibility check, form filler, whole-page capture and its page-world
        // html2canvas runner), the screenshot editor (a tab of its own), the page-world script of technical details,
        // registered only while the user has them switched on, and the in-page help offer, injected only when a portal
        // page shows an error.
        additionalInputs: ['extension/sidebar/index.html', 'extension/about/index.html', 'extension/page-reader/index.ts', 'extension/page-check/index.ts', 'extension/form-filler/index.ts', 'extension/page-capture/index.ts', 'extension/page-compat/index.ts', 'extension/editor/index.html', 'extension/page-diagnostics/index.ts', 'extension/offer-launcher/index.ts'],
        // Offline machines cannot download the manifest schema; web-ext lint checks the result.
        skipManifestValidation: true,
        disableAutoLaunch: true,
        printSummary: false,
      }),
    ],
  };
});
