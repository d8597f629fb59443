// Adds or updates messages in both locales at once, keeping the files sorted and the two
// locales in step. Usage: node scripts/i18n-add.js new-messages.json
// where the file maps key → { "fr": "…", "en": "…", "description": "…" }.
import { readFileSync, writeFileSync } from 'node:fs';

const source = process.argv[2];
if (!source) throw new Error('usage: node scripts/i18n-add.js new-messages.json');
const additions = JSON.parse(readFileSync(source, 'utf8'));
for (const locale of ['fr', 'en']) {
  const file = new URL(`../public/_locales/${locale}/messages.json`, import.meta.url);
  const messages = JSON.parse(readFileSync(file, 'utf8'));
  for (const [key, entry] of Object.entries(additions)) {
    if (!/^[A-Za-z0-9_]+$/.test(key)) throw new Error(`invalid message key ${key}`);
    if (typeof entry[locale] !== 'string') throw new Error(`${key} has no ${locale} text`);
    messages[key] = { message: entry[locale], ...(entry.description ? { description: entry.description } : {}) };
  }
  const sorted = Object.fromEntries(Object.entries(messages).sort(([a], [b]) => a.localeCompare(b)));
  writeFileSync(file, JSON.stringify(sorted, null, 2) + '\n');
}
