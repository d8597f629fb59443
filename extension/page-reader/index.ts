// Injected into the portal tab's content-script world at the toolbar click only (never
// always-on), so the always-on script stays tiny: leaves the page reader there, and
// read-now.js, injected right after it in the same call, calls it. It reads the page's facts
// and measures what the screenshot must mask (password fields, the profile's sensitive
// fields). See readPageInTab in the background.
import { collectMaskRects } from '../../src/capture/mask';
import { readPage } from '../../src/context/page-reading';

(globalThis as typeof globalThis & { chorusProReadPage?: () => unknown }).chorusProReadPage = () => ({
  reading: readPage(document, window),
  mask: collectMaskRects(document, window),
});
