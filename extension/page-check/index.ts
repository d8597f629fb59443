// Injected into a portal tab's content-script world when the user asks for the compatibility
// report (options page, or the sidebar's technical details), never always-on: leaves the
// check there for one executeScript call with the portal data in effect. Counts and selector
// names only: nothing of the page's text goes back.
import { checkCompatibility } from '../../src/context/compatibility';
import { domSelectorCheck, parsePortalData } from '../../src/context/profiles/overrides';

(globalThis as typeof globalThis & { chorusProCheckPage?: (portalData: unknown) => unknown }).chorusProCheckPage = (portalData) =>
  checkCompatibility(document, location.href, parsePortalData(portalData, domSelectorCheck(document)).override);
