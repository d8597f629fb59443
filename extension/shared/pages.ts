// Paths of the extension's own pages and injected scripts, as built (vite keeps the source layout).
export const SIDEBAR_PAGE = 'extension/sidebar/index.html';
export const ABOUT_PAGE = 'extension/about/index.html';
export const PAGE_READER_SCRIPT = 'extension/page-reader/index.js';
export const FORM_FILLER_SCRIPT = 'extension/form-filler/index.js';
