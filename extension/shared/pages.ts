// Paths of the extension's own pages, as built (vite keeps the source layout).
export const SIDEBAR_PAGE = 'extension/sidebar/index.html';
export const ABOUT_PAGE = 'extension/about/index.html';
