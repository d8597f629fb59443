// npm test — the one command that proves the project works: builds both extensions, runs the
// unit tests, the end-to-end tests in real Chromium and Firefox ESR, and web-ext lint on the
// Firefox build. A missing browser is installed when this machine allows it (root + apt),
// otherwise the run stops and says exactly what to install: browser tests are never skipped.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { findBrowser } from './browsers.js';

/** @param {string} command @param {string[]} args */
function run(command, args) {
  console.log(`\n▶ ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`\n✖ ${command} ${args.join(' ')} failed (exit ${result.status ?? result.signal}).`);
    process.exit(result.status || 1);
  }
}

function missingDebianPackages() {
  const missing = [];
  const chromium = findBrowser('chromium');
  if (!chromium) missing.push('chromium');
  // Debian ships Chromium's UI languages apart; the French UI is tested, so it is needed.
  if (!chromium || (chromium === '/usr/bin/chromium' && !existsSync('/usr/lib/chromium/locales/fr.pak'))) missing.push('chromium-l10n');
  if (!findBrowser('firefox')) missing.push('firefox-esr');
  return missing;
}

const missing = missingDebianPackages();
if (missing.length > 0) {
  const canInstall = process.getuid?.() === 0 && existsSync('/usr/bin/apt-get') && process.env.CI !== 'true';
  if (!canInstall) {
    console.error(
      `\n✖ The end-to-end tests need real browsers, and this machine lacks: ${missing.join(', ')}.\n` +
        `  Install them with:  sudo apt-get update && sudo apt-get install -y ${missing.join(' ')}\n` +
        '  (or point CHROMIUM_PATH / FIREFOX_PATH at your own builds).',
    );
    process.exit(1);
  }
  run('apt-get', ['update']);
  run('apt-get', ['install', '-y', ...missing]);
}

run('npm', ['run', 'build']);
run('npm', ['run', 'test:unit']);
run('npm', ['run', 'test:e2e']);
run('npm', ['run', 'lint:firefox']);
console.log('\n✔ All checks passed: unit tests, end-to-end tests in Chromium and Firefox ESR, web-ext lint.');
