import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig, type Plugin, type Rolldown } from 'vite';
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

// What the sidebar loads to show the click's screenshot (the guards of the background's answers
// and of the tab's port, the screenshot's file and part) goes in one file rather than the dozen
// the bundler would make: Chromium serves an extension's files slowly while it takes a screenshot,
// which is just when the sidebar asks for them. Measured (A/B, 27 clicks a line): click → ready
// 136 → 127 ms in Chromium; Firefox's change was within its noise. The modules the sidebar's entry
// loads up front stay out (its entry would otherwise import the whole file up front), and so do
// those modules' own imports: only what the pattern names goes in.
const SIDEBAR_ANSWERS = /\/(src\/(protocol|capture|context|trail|diagnostics|offer)\/|src\/store\/errors\.ts|src\/channels\/fill-report\.ts|src\/data-url\.ts|src\/report\/(draft|attachments|request-limits)\.ts|extension\/sidebar\/(attachment-files\.ts|parts\/Screenshots\.svelte|ScreenshotPreview\.svelte))/;
const SIDEBAR_UP_FRONT = /\/src\/(context\/browser|protocol\/sidebar-token)\.ts$/;
const posixPath = (id: string) => id.replaceAll('\\', '/');
const inSidebarAnswers = (id: string) => {
  const path = posixPath(id);
  return SIDEBAR_ANSWERS.test(path) && !SIDEBAR_UP_FRONT.test(path);
};
// What the sidebar's entry loads up front and shares with other pages (Svelte's runtime, the
// messages, the browser line, the token…) goes in one file too, rather than the four the bundler
// would make, for the same reason. Measured (A/B, Chromium, 36–54 clicks a line, a slow hour):
// click → ready 219 → 196 ms. Without a file of their own, the other pages that use these modules
// would import the sidebar's entry, and run it; they load this file instead (the about page then
// reads Svelte's runtime, which it does not use, from the package).
const SIDEBAR_SHARED = /(\/node_modules\/(svelte|esm-env|clsx)\/|\/extension\/shared\/(i18n|native-runtime)\.ts|\/src\/(i18n|portal-hosts|report\/profile|context\/browser|protocol\/sidebar-token)\.ts|\/extension\/sidebar\/timing-marks\.ts|vite\/preload-helper)/;
const inSidebarShared = (id: string) => SIDEBAR_SHARED.test(posixPath(id));
const SIDEBAR_ENTRY = 'extension/sidebar/index.js';
const SIDEBAR_SHARED_GROUP = 'sidebar-shared';
const SIDEBAR_SHARED_FILE = `${SIDEBAR_SHARED_GROUP}.js`;

/** The scripts a page's script loads, itself included: through static imports, and dynamic ones when asked. */
function scriptsLoaded(bundle: Rolldown.OutputBundle, script: string, withDynamic: boolean): Set<string> {
  const loaded = new Set<string>();
  const pending = [script];
  while (pending.length > 0) {
    const name = pending.pop()!;
    if (loaded.has(name)) continue;
    loaded.add(name);
    const chunk = bundle[name];
    if (chunk?.type === 'chunk') pending.push(...chunk.imports, ...(withDynamic ? chunk.dynamicImports : []));
  }
  return loaded;
}

/** Fails the build when the sidebar's page would load up front a script other than its entry and the shared file. */
function sidebarLoadsTwoScripts(): Plugin {
  return {
    name: 'sidebar-loads-two-scripts',
    // Once written: a stylesheet's empty script is still in the bundle at generateBundle.
    writeBundle(_options, bundle) {
      if (bundle[SIDEBAR_ENTRY]?.type !== 'chunk') return this.error(`${SIDEBAR_ENTRY} is not in the build`);
      const more = [...scriptsLoaded(bundle, SIDEBAR_ENTRY, false)].filter((name) => name !== SIDEBAR_ENTRY && name !== SIDEBAR_SHARED_FILE);
      if (more.length > 0) this.error(`the sidebar loads ${more.join(', ')} up front: name their modules in SIDEBAR_SHARED (vite.config.ts)`);
    },
  };
}

/** Fails the build when a page would load another page's script, which would run that page's code in it. */
function noPageLoadsAnother(): Plugin {
  return {
    name: 'no-page-loads-another',
    generateBundle(_options, bundle) {
      const pageScripts = Object.values(bundle).flatMap((file) => (file.type === 'chunk' && file.isEntry ? [file.fileName] : []));
      for (const page of pageScripts) {
        const loaded = scriptsLoaded(bundle, page, true);
        const other = pageScripts.find((script) => script !== page && loaded.has(script));
        if (other) this.error(`${page} loads ${other}, another page's script: its code would run in that page`);
      }
    },
  };
}

// One manifest for both browsers: `vite build --mode chrome|firefox` writes dist/<browser>.
// The plugin keeps the `{{chrome}}.` / `{{firefox}}.` keys of manifest.json for that browser only.
export default defineConfig(({ command, mode }) => {
  // A build is a production build whatever the shell's NODE_ENV (a test runner sets "test"): under
  // any other value Vite builds Svelte with its development checks, which took the sidebar's
  // up-front code from 28.6 to 35.5 KiB gzipped.
  if (command === 'build') process.env['NODE_ENV'] = 'production';
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
        // The extension pages' build only (the scripts are single files). Nothing imports an
        // HTML page's entry, so its exports need not be kept as they are.
        htmlViteConfig: {
          plugins: [noPageLoadsAnother(), sidebarLoadsTwoScripts()],
          build: {
            rolldownOptions: {
              preserveEntrySignatures: 'allow-extension',
              output: {
                codeSplitting: {
                  includeDependenciesRecursively: false,
                  groups: [
                    { name: 'sidebar-answers', test: inSidebarAnswers },
                    { name: SIDEBAR_SHARED_GROUP, test: inSidebarShared },
                  ],
                },
              },
            },
          },
        },
        printSummary: false,
      }),
    ],
  };
});
