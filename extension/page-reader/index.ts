// Injected into the portal tab's content-script world at the toolbar click only (never
// always-on), so the always-on script stays tiny: leaves the page reader there, and
// read-now.js, injected right after it in the same call, calls it. It reads the page's facts
// and measures what the screenshot must mask (password fields, the profile's sensitive
// fields). With an administrator's portal data, the background calls it with that data
// instead of read-now.js. See readPageInTab in the background.
import { collectMaskRects, maskSelectors } from '../../src/capture/mask';
import { readPage } from '../../src/context/page-reading';
import { domSelectorCheck, parsePortalData } from '../../src/context/profiles/overrides';

type ReaderGlobal = typeof globalThis & { chorusProReadPage?: (portalData?: unknown) => unknown; chorusProMeasureMasks?: () => unknown };

(globalThis as ReaderGlobal).chorusProReadPage = (portalData) => {
  // Checked again here, against this page's own selector parser: the data crossed contexts.
  const { override } = parsePortalData(portalData, domSelectorCheck(document));
  // Masking only grows, and one list serves both generations, like the built-in one.
  const extraMasks = [...(override?.profiles.classic?.sensitiveFields ?? []), ...(override?.profiles.services?.sensitiveFields ?? [])];
  const selectors = maskSelectors(location.href, extraMasks);
  // The same masks measured again right after the screenshot: nothing may have moved meanwhile.
  (globalThis as ReaderGlobal).chorusProMeasureMasks = () => collectMaskRects(document, window, { selectors });
  return {
    reading: readPage(document, window, override),
    mask: collectMaskRects(document, window, { selectors }),
  };
};
