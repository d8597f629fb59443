/**
 * A copy of each build with a blank page beside the sidebar's, web-accessible as the sidebar's
 * page is: the click's floor frame as any extension pays it. The sidebar's own page loaded
 * without its scripts still fetches its stylesheet and, in Chromium, its preloaded modules
 * (39 ms of a 95–114 ms frame, docs/bench.md), which are ours rather than the floor's.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeBuildCopies, type BuildCopies, type Builds } from './build-copies';
import { SIDEBAR_HTML } from './static-sizes';

/** Beside the sidebar's page, where the harnesses look for the sidebar's frame. */
export const BLANK_PAGE = 'extension/sidebar/blank.html';

const BLANK_HTML = `<!doctype html>
<html lang="fr">
  <head>
    <meta charset="utf-8" />
    <title>Page vide</title>
  </head>
  <body></body>
</html>
`;

interface WebAccessibleResources {
  resources: string[];
  [key: string]: unknown;
}

/** The manifest with the blank page added to the entry that makes the sidebar's page web-accessible. */
export function withBlankPage(manifest: Record<string, unknown>): Record<string, unknown> {
  const entries = manifest['web_accessible_resources'] as WebAccessibleResources[] | undefined;
  const sidebarEntry = entries?.find((entry) => entry.resources.includes(SIDEBAR_HTML));
  if (!entries || !sidebarEntry) throw new Error(`the manifest makes no ${SIDEBAR_HTML} web-accessible`);
  return {
    ...manifest,
    web_accessible_resources: entries.map((entry) => (entry === sidebarEntry ? { ...entry, resources: [...entry.resources, BLANK_PAGE] } : entry)),
  };
}

export function writeBuildsWithBlankPage(builds: Builds): Promise<BuildCopies> {
  return writeBuildCopies('chorus-bench-blank-page-', builds, (copies) => {
    for (const browser of ['chrome', 'firefox'] as const) {
      const manifest = join(copies[browser], 'manifest.json');
      writeFileSync(manifest, JSON.stringify(withBlankPage(JSON.parse(readFileSync(manifest, 'utf8')) as Record<string, unknown>)));
      writeFileSync(join(copies[browser], BLANK_PAGE), BLANK_HTML);
    }
  });
}
