// npm run package — store-ready zips of both builds in web-ext-artifacts/.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

/** @param {string[]} args */
function run(args) {
  const result = spawnSync('npx', args, { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status || 1);
}

run(['npm', 'run', 'build']);
for (const target of ['chrome', 'firefox']) {
  run([
    'web-ext',
    'build',
    '--source-dir',
    `dist/${target}`,
    '--artifacts-dir',
    'web-ext-artifacts',
    '--filename',
    `chorus-pro-help-assistant-${target}-${version}.zip`,
    '--overwrite-dest',
  ]);
}
