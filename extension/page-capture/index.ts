// Injected into the portal tab's content-script world on request only (never always-on), like
// the page reader: scripting.executeScript({ files: [PAGE_CAPTURE_SCRIPT] }), then calls to
// globalThis.chorusProCapture through executeScript({ func }). The engine and its services are
// src/capture/page-engine.ts; here its ports are those of this page, and the sidebar's frame is
// reached through the content script, which holds it.
import { createPageEngine, type PageCaptureApi } from '../../src/capture/page-engine';
import { pagePorts } from '../../src/capture/page-engine-ports';
import { contentScriptGlobal } from '../shared/content-global';

const engine = createPageEngine({
  ...pagePorts(window),
  findSidebar() {
    const content = contentScriptGlobal();
    return content && ((part) => content.postToSidebar(part));
  },
});

(globalThis as typeof globalThis & { chorusProCapture?: PageCaptureApi }).chorusProCapture = engine;
