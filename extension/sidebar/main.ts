import { mount } from 'svelte';
import { t, uiLocale } from '../shared/i18n';
import App from './App.svelte';
import { sidebarTokenOf } from '../../src/protocol/sidebar-token';
import { createSidebarConnector } from './connector';
import { createSendGate } from '../../src/report/send-confirmation';

// Made first, so that no input is missed; the sidebar's age counts from its document's start
// (performance.now's zero) or, later, from when the frame comes into the page's viewport: an
// observer in a frame measures against the top page's viewport, which a sidebar loaded out of
// sight or taken out for a retake is not in.
const sendGate = createSendGate({ target: window, now: () => performance.now(), openedAt: 0 });
new IntersectionObserver((entries) => {
  for (const entry of entries) sendGate.seen(entry.isIntersecting);
}).observe(document.documentElement);

document.documentElement.lang = uiLocale();
document.title = t('extensionName');
mount(App, { target: document.getElementById('app') as HTMLElement, props: { connector: createSidebarConnector(sidebarTokenOf(location.href) ?? ''), sendGate } });
