// Always-on content script of portal pages. It stays tiny and idle: it only answers the
// background (open/close the help sidebar). Everything heavy loads in the sidebar frame.
import browser from 'webextension-polyfill';
import { createSidebarHost } from '../../src/host/sidebar-host';
import { isBackgroundSender, parseContentMessage, type ContentApi } from '../../src/messages';
import { SIDEBAR_PAGE } from '../shared/pages';

// The background may inject this file into a tab that already has it (see toolbar-click.ts).
const loadedFlag = '__chorusProHelpContentScript';
const scope = globalThis as typeof globalThis & { [loadedFlag]?: true };

if (!scope[loadedFlag]) {
  scope[loadedFlag] = true;
  const sidebar = createSidebarHost(document, {
    sidebarUrl: browser.runtime.getURL(SIDEBAR_PAGE),
    frameTitle: browser.i18n.getMessage('sidebarFrameTitle'),
  });

  browser.runtime.onMessage.addListener((raw: unknown, sender: browser.Runtime.MessageSender) => {
    const message = parseContentMessage(raw);
    if (!message || !isBackgroundSender(sender, browser.runtime.id)) return undefined;
    if (message.type === 'sidebar/open') sidebar.open();
    else if (message.type === 'sidebar/close') sidebar.close();
    const status: ContentApi[typeof message.type]['response'] = { open: sidebar.isOpen() };
    return Promise.resolve(status);
  });
}
