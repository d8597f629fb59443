import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const CHROME_BUILD = `${ROOT}dist/chrome`;
export const FIREFOX_BUILD = `${ROOT}dist/firefox`;

/** The e2e suites test the built extension: fail loudly when it is missing. */
export function requireBuild(dir: string): string {
  if (!existsSync(`${dir}/manifest.json`)) throw new Error(`${dir} is not built: run "npm run build" first (npm test does).`);
  return dir;
}
