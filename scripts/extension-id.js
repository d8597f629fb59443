// The Chrome/Edge extension id that the public key in manifest.json ("{{chrome}}.key") pins:
// the first 128 bits of the SHA-256 of the key (DER), written with the letters a–p for the hex
// digits 0–f. Administrators name the extension by this id in their policies.
// Usage: node scripts/extension-id.js
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/** @param {string} publicKeyBase64 @returns {string} */
export function extensionIdOf(publicKeyBase64) {
  const hex = createHash('sha256').update(Buffer.from(publicKeyBase64, 'base64')).digest('hex').slice(0, 32);
  return [...hex].map((digit) => String.fromCharCode('a'.charCodeAt(0) + parseInt(digit, 16))).join('');
}

/** @returns {string} */
export function pinnedExtensionId() {
  const manifest = JSON.parse(readFileSync(new URL('../manifest.json', import.meta.url), 'utf8'));
  return extensionIdOf(manifest['{{chrome}}.key']);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) console.log(pinnedExtensionId());
