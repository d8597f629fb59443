// Injected into the portal tab's content-script world at the toolbar click only (never
// always-on), so the always-on script stays tiny: leaves the page reader there, and
// measure-now.js, injected right after it in the same call, calls it. It measures what the
// screenshot must mask (password fields, the profile's sensitive fields) and leaves what reads
// the page's facts and measures the masks again. With an administrator's portal data, the
// background calls it with that data instead of measure-now.js. See the background's page ports.
import { collectMaskRects, maskSelectors } from '../../src/capture/mask';
import { readPage } from '../../src/context/page-reading';
import { domSelectorCheck, parsePortalData } from '../../src/context/profiles/overrides';

type ReaderGlobal = typeof globalThis & {
  chorusProPrepareReader?: (portalData?: unknown) => unknown;
  chorusProReadPage?: () => unknown;
  chorusProMeasureMasks?: () => unknown;
};

const reader = globalThis as ReaderGlobal;

reader.chorusProPrepareReader = (portalData) => {
  // Checked again here, against this page's own selector parser: the data crossed contexts.
  const { override } = parsePortalData(portalData, domSelectorCheck(document));
  // Masking only grows, and one list serves both generations, like the built-in one.
  const extraMasks = [...(override?.profiles.classic?.sensitiveFields ?? []), ...(override?.profiles.services?.sensitiveFields ?? [])];
  const selectors = maskSelectors(location.href, extraMasks);
  // The same masks measured again right after the screenshot: nothing may have moved meanwhile.
  reader.chorusProMeasureMasks = () => collectMaskRects(document, window, { selectors });
  reader.chorusProReadPage = () => readPage(document, window, override);
  return reader.chorusProMeasureMasks();
};
