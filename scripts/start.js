// npm start — builds both extensions and says how to load them.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const result = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
if (result.status !== 0) process.exit(result.status || 1);

console.log(`
Built. Load the extension in your browser:

  Chrome / Chromium / Edge
    1. Open chrome://extensions and switch on "Developer mode".
    2. "Load unpacked" → choose ${resolve('dist/chrome')}

  Firefox
    1. Open about:debugging#/runtime/this-firefox
    2. "Load Temporary Add-on…" → choose ${resolve('dist/firefox/manifest.json')}

Then open a Chorus Pro page (https://chorus-pro.gouv.fr/ or https://portail.chorus-pro.gouv.fr/)
and click the extension's icon, or press Alt+Shift+H.
`);
