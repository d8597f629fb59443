/** Puts the test's document at `url`, as a browser shows a page loaded from there (happy-dom's own control). */
export function setDocumentUrl(url: string): void {
  (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(url);
}
