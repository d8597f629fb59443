// Where the real browsers are: Debian's chromium and firefox-esr, or the paths in
// CHROMIUM_PATH / FIREFOX_PATH. Shared by the tests, the benchmark and the tools.
import { existsSync } from 'node:fs';

const CANDIDATES = {
  chromium: [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'],
  firefox: [process.env.FIREFOX_PATH, '/usr/bin/firefox-esr', '/usr/bin/firefox'],
};

/**
 * The executable, or undefined when this machine has none.
 * @param {'chromium' | 'firefox'} name
 * @returns {string | undefined}
 */
export function findBrowser(name) {
  return CANDIDATES[name].find((path) => path && existsSync(path));
}

/** @returns {string} */
export function chromiumPath() {
  const path = findBrowser('chromium');
  if (!path) throw new Error('Chromium not found: install Debian\'s "chromium" package or set CHROMIUM_PATH.');
  return path;
}

/** @returns {string} */
export function firefoxPath() {
  const path = findBrowser('firefox');
  if (!path) throw new Error('Firefox ESR not found: install Debian\'s "firefox-esr" package or set FIREFOX_PATH.');
  return path;
}
