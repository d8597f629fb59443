// Options page. Today: how to use the extension and erasing what it keeps locally.
import browser from 'webextension-polyfill';
import { t } from '../shared/i18n';
import { localizePage } from '../shared/localize-page';

localizePage(document);

const status = document.getElementById('erase-status') as HTMLElement;
document.getElementById('erase-local-data')?.addEventListener('click', async () => {
  try {
    await Promise.all([browser.storage.local.clear(), browser.storage.session.clear()]);
    status.textContent = t('optionsErased');
  } catch {
    status.textContent = t('optionsEraseFailed');
  }
});
