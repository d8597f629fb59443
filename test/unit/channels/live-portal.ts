import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runInThisContext } from 'node:vm';
import { setDocumentUrl } from '../support/document-url';

const PORTAL = join(dirname(fileURLToPath(import.meta.url)), '../../fixtures/portal');

/**
 * A replica portal page in the test's own document, at its portal address, with the page's
 * scripts running (the services portal's menus, windows and widgets), as a browser shows it.
 */
export function openLivePage(path: string, url: string): Document {
  const html = readFileSync(join(PORTAL, path), 'utf8').replace(/<link rel="stylesheet"[^>]*>/g, '');
  const parsed = new DOMParser().parseFromString(html, 'text/html');
  setDocumentUrl(url);
  const scripts = [...parsed.querySelectorAll('script[src]')].map((script) => script.getAttribute('src') ?? '');
  for (const script of parsed.querySelectorAll('script')) script.remove();
  document.body.replaceWith(document.importNode(parsed.body, true));
  // In the test's global scope, where `document` and `window` are the page's.
  for (const src of scripts) runInThisContext(readFileSync(join(PORTAL, src), 'utf8'), { filename: src });
  return document;
}
