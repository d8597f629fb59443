/**
 * Between the page's world (page-hooks.ts, registered only when the user switched technical
 * details on) and the content script: each entry crosses as a DOM event carrying JSON text
 * (strings cross between worlds in both browsers; objects do not). The page can send these
 * events too, so the content script trusts nothing: each one is parsed and checked strictly,
 * and only so many are taken per page.
 */
import { isDiagnosticEntry, type DiagnosticEntry } from './entry';

export const DIAGNOSTIC_EVENT = 'chorus-pro-help:diagnostic';
/** Sent by the content script once it listens: the page's side replays what came before. */
export const LISTENING_EVENT = 'chorus-pro-help:diagnostics-listening';

const MAX_DETAIL_LENGTH = 4_000;
const MAX_ENTRIES_PER_PAGE = 60;

/** Page side: hands an entry over, and replays the ones noted before the content script listened. */
export function createDiagnosticSender(doc: Document, keep = 30) {
  const noted: string[] = [];
  const dispatch = (detail: string) => doc.dispatchEvent(new CustomEvent(DIAGNOSTIC_EVENT, { detail }));
  doc.addEventListener(LISTENING_EVENT, () => noted.forEach(dispatch));
  return (entry: DiagnosticEntry) => {
    const detail = JSON.stringify(entry);
    noted.push(detail);
    if (noted.length > keep) noted.shift();
    dispatch(detail);
  };
}

/** Content-script side: checked entries only, at most 60 per page. Returns how to stop listening. */
export function listenToPageDiagnostics(doc: Document, onEntry: (entry: DiagnosticEntry) => void): () => void {
  let taken = 0;
  const listener = (event: Event) => {
    const detail: unknown = (event as CustomEvent).detail;
    if (taken >= MAX_ENTRIES_PER_PAGE || typeof detail !== 'string' || detail.length > MAX_DETAIL_LENGTH) return;
    let entry: unknown;
    try {
      entry = JSON.parse(detail);
    } catch {
      return;
    }
    if (!isDiagnosticEntry(entry)) return;
    taken++;
    onEntry(entry);
  };
  doc.addEventListener(DIAGNOSTIC_EVENT, listener);
  doc.dispatchEvent(new CustomEvent(LISTENING_EVENT));
  return () => doc.removeEventListener(DIAGNOSTIC_EVENT, listener);
}
