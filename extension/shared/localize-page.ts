// Fills static extension pages from _locales: every element with data-i18n gets that message
// as text (never as HTML), and the page takes the UI language and the extension's name.
import { t, uiLocale } from './i18n';

export function localizePage(doc: Document): void {
  doc.documentElement.lang = uiLocale();
  doc.title = t('extensionName');
  for (const element of doc.querySelectorAll<HTMLElement>('[data-i18n]')) {
    element.textContent = t(element.dataset.i18n ?? '');
  }
}
