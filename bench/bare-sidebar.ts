/**
 * A copy of a build whose sidebar page runs bench/bare-sidebar/main.ts instead of the sidebar:
 * the same background, content script and page (its stylesheet kept, so that the empty-frame
 * baseline loads the same page), built into one file beside it.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'vite';
import { writeBuildCopies, type BuildCopies, type Builds } from './build-copies';
import { SIDEBAR_HTML } from './static-sizes';

const BARE_SCRIPT = 'extension/sidebar/bare.js';

/** Module scripts and their preloads: the sidebar's own code. */
const SIDEBAR_SCRIPTS = /\s*<(?:script type="module"[^>]*><\/script|link rel="modulepreload"[^>]*)>/g;

/** The built sidebar page with the bare sidebar's script instead of the sidebar's own; the rest (its stylesheet) as it is. */
export function bareSidebarPage(html: string): string {
  if (!/<script type="module"[^>]*><\/script>[\s\S]*<\/head>/.test(html)) throw new Error('the sidebar page has no module script in its head to replace');
  return html.replace(SIDEBAR_SCRIPTS, '').replace('</head>', `  <script type="module" src="/${BARE_SCRIPT}"></script>\n  </head>`);
}

/** `root`: the repository, where the bare sidebar's source is. */
export function writeBareSidebarBuilds(root: string, builds: Builds): Promise<BuildCopies> {
  return writeBuildCopies('chorus-bench-bare-sidebar-', builds, async (copies, folder) => {
    await build({
      configFile: false,
      root,
      logLevel: 'warn',
      build: {
        outDir: folder,
        emptyOutDir: false,
        target: 'es2022',
        minify: true,
        lib: { entry: join(root, 'bench/bare-sidebar/main.ts'), formats: ['es'], fileName: () => 'bare.js' },
        rolldownOptions: { output: { codeSplitting: false } },
      },
    });
    for (const browser of ['chrome', 'firefox'] as const) {
      cpSync(join(folder, 'bare.js'), join(copies[browser], BARE_SCRIPT));
      const page = join(copies[browser], SIDEBAR_HTML);
      writeFileSync(page, bareSidebarPage(readFileSync(page, 'utf8')));
    }
  });
}
