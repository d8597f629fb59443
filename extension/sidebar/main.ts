import { mount } from 'svelte';
import { t, uiLocale } from '../shared/i18n';
import App from './App.svelte';
import { sidebarTokenOf } from '../../src/protocol/sidebar-token';
import { createSidebarConnector } from './connector';
import { createSendGate } from '../../src/report/send-confirmation';
import { isSidebarShown } from '../../src/host/sidebar-host';
import { isPortalUrl } from '../../src/portal-hosts';

// Made first, so that no input is missed; the sidebar's moment counts from here, or from when
// its host says it put the frame in sight (a sidebar loaded out of sight, or back after a
// retake). A page can post that too: it only makes Send ask more often.
const sendGate = createSendGate({ target: window, now: () => performance.now() });
window.addEventListener('message', (event) => {
  if (event.source === window.parent && isPortalUrl(event.origin) && isSidebarShown(event.data)) sendGate.shown();
});

// Fetched while the sidebar first renders rather than at first use: the guards that check the
// background's first answers and the port's messages, and the code that makes the screenshot's
// file. None is needed to paint, and each was a wait of its own once the answer was there
// (Chromium took 30–50 ms to serve each extension file while the screenshot was being taken).
// Where used, the same import says why it failed.
void Promise.allSettled([import('../../src/protocol/background'), import('../../src/protocol/sidebar-port'), import('./attachment-files')]);
document.documentElement.lang = uiLocale();
document.title = t('extensionName');
mount(App, { target: document.getElementById('app') as HTMLElement, props: { connector: createSidebarConnector(sidebarTokenOf(location.href) ?? ''), sendGate } });
