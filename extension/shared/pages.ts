// Paths of the extension's own pages and injected scripts, as built (vite keeps the source layout).
export const SIDEBAR_PAGE = 'extension/sidebar/index.html';
export const ABOUT_PAGE = 'extension/about/index.html';
export const PAGE_READER_SCRIPT = 'extension/page-reader/index.js';
// Injected with the page reader, last: its value is what the screenshot must mask (see the file).
export const PAGE_MEASURE_NOW_SCRIPT = 'extension/page-reader/measure-now.js';
// The compatibility check, injected when the user asks for it, from the options page too
// (hence the leading slash, see PAGE_CAPTURE_SCRIPT).
export const PAGE_CHECK_SCRIPT = '/extension/page-check/index.js';
export const FORM_FILLER_SCRIPT = 'extension/form-filler/index.js';
// Leading slash: Firefox resolves scripting.executeScript files relative to the calling page.
export const PAGE_CAPTURE_SCRIPT = '/extension/page-capture/index.js';
// Injected next to it into the page's own world: html2canvas, the compatibility engine.
export const PAGE_COMPAT_SCRIPT = '/extension/page-compat/index.js';
// Injected when a portal page shows an error (and the offer is wanted there): the in-page
// "Besoin d'aide ?" button. Leading slash: see PAGE_CAPTURE_SCRIPT.
export const OFFER_LAUNCHER_SCRIPT = '/extension/offer-launcher/index.js';
export const EDITOR_PAGE = 'extension/editor/index.html';
// Registered (not injected) in the page's own world while technical details are switched on.
export const PAGE_DIAGNOSTICS_SCRIPT = '/extension/page-diagnostics/index.js';
