// Always-on content script of portal pages. It stays tiny: it records the path sequence
// (pages, buttons and links, forms, error messages — never typed values), passes on the
// technical details when the user switched them on, and opens/closes the help sidebar when the
// background says so. Reading the page in full is injected at the click.
import { listenToPageDiagnostics } from '../../src/diagnostics/bridge';
import { afterFramesDrawn } from '../../src/frames-drawn';
import { createSidebarHost, extensionOrigin, type SidebarHost } from '../../src/host/sidebar-host';
import type { BackgroundMessage } from '../../src/protocol/background';
import { parseContentMessage, type ContentApi } from '../../src/protocol/content';
import { isBackgroundSender } from '../../src/protocol/senders';
import type { ContentStart } from '../../src/store/settings-switches';
import { reportsInBatches } from '../../src/trail/page-report';
import { startTrailRecorder, type TrailRecording } from '../../src/trail/recorder';
import { whenIdle } from '../../src/when-idle';
import { contentScriptGlobal, setContentScriptGlobal } from '../shared/content-global';
import { SIDEBAR_PAGE } from '../shared/pages';
import { extensionApi as browser } from '../shared/native-runtime';

// The background may inject this file into a tab that already has it (see toolbar-click.ts).
if (!contentScriptGlobal() && window === window.top) {
  // Made at the background's first message, not at load: in Chromium the first i18n call of a
  // page is a synchronous round trip to the browser process, which held every portal page's
  // main thread for 10–35 ms (measured at load, not visible in CPU time).
  let host: SidebarHost | undefined;
  let recording: TrailRecording | undefined;
  // Kept on the content-script global: Firefox may collect a MutationObserver that nothing
  // in the content script's world still references.
  setContentScriptGlobal({ stopRecording: () => recording?.stop(), postToSidebar: (message) => host?.post(message) ?? false });

  browser.runtime.onMessage.addListener((raw, sender, sendResponse) => {
    const message = parseContentMessage(raw);
    if (!message || !isBackgroundSender(sender, browser.runtime.id)) return;
    const sidebar = (host ??= createSidebarHost(document, {
      sidebarUrl: browser.runtime.getURL(SIDEBAR_PAGE),
      extensionOrigin: extensionOrigin(browser.runtime.getURL(SIDEBAR_PAGE), browser.runtime.id),
      frameTitle: browser.i18n.getMessage('sidebarFrameTitle'),
    }));
    if (message.type === 'sidebar/prepare') sidebar.prepare(message.token);
    else if (message.type === 'sidebar/open') sidebar.open(message.token);
    else if (message.type === 'sidebar/close') sidebar.close();
    else if (message.type === 'sidebar/hide') sidebar.hide();
    else if (message.type === 'sidebar/show') sidebar.show();
    const status: ContentApi[typeof message.type]['response'] = { open: sidebar.isOpen() };
    if (message.type !== 'sidebar/hide') {
      sendResponse(status);
      return;
    }
    // Answered once the page has been laid out and painted without the sidebar: the screenshot
    // taken next must not show it.
    void afterFramesDrawn(window).then(() => sendResponse(status));
    return true;
  });

  // Recording must never disturb the page: a failed send only loses that step.
  const toBackground = (message: BackgroundMessage) => browser.runtime.sendMessage(message).catch(() => undefined);

  // The user can switch path recording off, and technical details on, in the options (privacy).
  // Asked of the background once the page is idle, with the lists that tell the path where the
  // user is and what is an error (the portal data stays out of this script); the recorder starts
  // at the next idle moment: nothing of ours runs during the page's own loading.
  whenIdle(window, () => {
    void browser.runtime.sendMessage({ type: 'settings/switches' } satisfies BackgroundMessage).then((answer: unknown) => {
      const switches = answer as Partial<ContentStart> | null;
      if (switches?.technicalDetails === true) listenToPageDiagnostics(document, (entry) => toBackground({ type: 'diagnostics/record', entry }));
      const pathLists = switches?.pathLists;
      if (switches?.recordPath !== true || !pathLists) return;
      whenIdle(window, () => {
        recording = startTrailRecorder(document, pathLists, {
          now: Date.now,
          // The background decides what follows an error shown (badge, in-page offer): nothing more loads here.
          ...reportsInBatches((report) => toBackground({ type: 'page/report', ...report })),
        });
      });
    }, () => undefined);
  });
}
