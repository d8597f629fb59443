/**
 * The least sidebar this extension's click can open: no UI framework, no Help, no parts; it asks
 * the background for the state and the tab's port as the real one does (its connector), writes
 * the page's facts and shows the screenshot's thumbnail, leaving the same marks. The bench puts
 * it in place of the sidebar's page in a copy of the build (bench/bare-sidebar.ts): its click →
 * ready is what the click's data path costs (capture, masks, state and screenshot to the frame,
 * decode) before anything of the sidebar itself.
 */
import { describeBrowser } from '../../src/context/browser';
import type { Capture } from '../../src/capture/screenshot';
import type { SidebarState } from '../../src/context/sidebar-state';
import type { SidebarPortMessage } from '../../src/protocol/sidebar-port';
import { sidebarTokenOf } from '../../src/protocol/sidebar-token';
import { screenshotOfCapture } from '../../extension/sidebar/attachment-files';
import { createSidebarConnector } from '../../extension/sidebar/connector';
import { SIDEBAR_INTERACTIVE_MARK, THUMBNAIL_SHOWN_MARK } from '../../extension/sidebar/timing-marks';

const app = document.getElementById('app')!;
const element = (tag: string, testId?: string) => {
  const made = document.createElement(tag);
  if (testId) made.dataset['testid'] = testId;
  app.append(made);
  return made;
};
const heading = element('h1');
heading.tabIndex = -1;
heading.textContent = document.title;
heading.focus();
performance.mark(SIDEBAR_INTERACTIVE_MARK);
const [title, url, browserLine] = ['page-title', 'page-url', 'browser'].map((id) => element('p', id));
const thumbnail = element('div', 'screenshot-thumbnail');
let status: HTMLElement | undefined;

let state: SidebarState | null = null;
function show(capture: Capture | null) {
  if (!capture || !state) return;
  const image = document.createElement('img');
  image.addEventListener('load', () => void image.decode().then(() => performance.mark(THUMBNAIL_SHOWN_MARK)), { once: true });
  image.src = URL.createObjectURL(screenshotOfCapture(capture, state.environment.timeZone).file);
  thumbnail.replaceChildren(image);
  status ??= element('p', 'screenshot-status');
}

const connector = createSidebarConnector(sidebarTokenOf(location.href) ?? '');
const early: SidebarPortMessage[] = [];
const onChange = (change: SidebarPortMessage) => {
  if (!state) early.push(change);
  else if (change.type === 'capture/changed') show(change.capture);
};
connector.watchTab(onChange);
void connector.load().then((loaded) => {
  state = loaded;
  title!.textContent = loaded.page.title;
  url!.textContent = loaded.page.url;
  browserLine!.textContent = describeBrowser(loaded.browser);
  show(loaded.capture);
  early.splice(0).forEach(onChange);
});
