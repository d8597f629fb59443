import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Locale, Translate } from '../../src/i18n';

interface MessageEntry {
  message: string;
  placeholders?: Record<string, { content: string }>;
}

/** A Translate over the real _locales files, with the substitution rules of browser.i18n. */
export function translatorFor(locale: Locale): Translate {
  // A path, not `new URL(…, import.meta.url)`: Vite rewrites that pattern into an asset URL.
  const file = join(dirname(fileURLToPath(import.meta.url)), '../../public/_locales', locale, 'messages.json');
  const messages = JSON.parse(readFileSync(file, 'utf8')) as Record<string, MessageEntry>;
  return (key, substitutions = []) => {
    const entry = messages[key];
    if (!entry) throw new Error(`missing message "${key}" in ${locale}`);
    const substitute = (text: string) => text.replace(/\$(\d)/g, (_, n: string) => substitutions[Number(n) - 1] ?? '');
    let text = entry.message.replace(/\$([A-Za-z0-9_]+)\$/g, (_, name: string) => {
      const placeholder = entry.placeholders?.[name.toLowerCase()];
      return placeholder ? substitute(placeholder.content) : '';
    });
    text = substitute(text);
    return text.replace(/\$\$/g, '$');
  };
}
