/**
 * Technical details of a portal page, recorded only when the user switches them on in the
 * options: script errors (uncaught exceptions and unhandled promise rejections) and requests
 * to the portal that failed (HTTP status ≥ 400, or no answer at all). Never a request or
 * response body, never a header, never a query string: method, address path, status, time.
 * They come from the page's own world, so every entry is checked strictly on the way in.
 */

export interface ScriptErrorEntry {
  kind: 'script-error';
  /** Epoch milliseconds. */
  at: number;
  /** "TypeError: x is undefined", as the browser words it. */
  message: string;
  /** Where it was thrown: script path (no query) and line, e.g. "/cpp/js/app.js:12:5". */
  source?: string;
}

export interface FailedRequestEntry {
  kind: 'request-failed';
  at: number;
  method: string;
  /** Origin and path only: the query string may carry search values and is never kept. */
  url: string;
  /** HTTP status, or 0 when no answer came (network error, blocked, timed out). */
  status: number;
}

export type DiagnosticEntry = ScriptErrorEntry | FailedRequestEntry;

export const DIAGNOSTIC_LIMITS = {
  message: 300,
  source: 300,
  method: 10,
  url: 500,
  /** Entries kept per tab, newest kept. */
  entries: 30,
  maxAgeMs: 2 * 60 * 60 * 1000,
  /** The same entry again within this window is the same problem repeating (polling). */
  repeatWindowMs: 60_000,
} as const;

function cap(text: string, max: number): string {
  if (text.length <= max) return text;
  return text.slice(0, max - 1).replace(/[\uD800-\uDBFF]$/, '').trimEnd() + '…';
}

/** One line: line breaks, tabs and other control characters become one space. */
function oneLine(text: string, max: number): string {
  return cap(text.replace(/[\s\p{Cc}]+/gu, ' ').trim(), max);
}

/** Origin and path of an absolute http(s) address; '' for anything else. */
export function addressWithoutQuery(url: string, base?: string): string {
  try {
    const parsed = new URL(url, base);
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return '';
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return '';
  }
}

export function scriptErrorEntry(at: number, message: string, source?: { url?: string; line?: number; column?: number }): ScriptErrorEntry | undefined {
  const text = oneLine(message, DIAGNOSTIC_LIMITS.message);
  if (!text) return undefined;
  const entry: ScriptErrorEntry = { kind: 'script-error', at, message: text };
  const path = source?.url ? addressWithoutQuery(source.url) : '';
  if (path) {
    const position = [source?.line, source?.column].filter((n): n is number => Number.isSafeInteger(n) && (n as number) > 0);
    entry.source = cap([path, ...position].join(':'), DIAGNOSTIC_LIMITS.source);
  }
  return entry;
}

export function failedRequestEntry(at: number, method: string, url: string, status: number): FailedRequestEntry | undefined {
  const address = addressWithoutQuery(url);
  const verb = method.toUpperCase();
  if (!address || !/^[A-Z]{1,10}$/.test(verb) || !Number.isSafeInteger(status) || status < 0 || status > 999) return undefined;
  return { kind: 'request-failed', at, method: verb, url: cap(address, DIAGNOSTIC_LIMITS.url), status };
}

const KEYS: Record<DiagnosticEntry['kind'], readonly string[]> = {
  'script-error': ['kind', 'at', 'message', 'source'],
  'request-failed': ['kind', 'at', 'method', 'url', 'status'],
};

function isLine(value: unknown, max: number): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= max && !/\p{Cc}/u.test(value);
}

/** Strict check of an entry from the page, a message or storage: known kind, no extra keys, bounded one-line texts. */
export function isDiagnosticEntry(value: unknown): value is DiagnosticEntry {
  if (typeof value !== 'object' || value === null || Object.prototype.toString.call(value) !== '[object Object]') return false;
  const entry = value as Record<string, unknown>;
  const kind = entry['kind'];
  if (kind !== 'script-error' && kind !== 'request-failed') return false;
  if (!Object.keys(entry).every((key) => KEYS[kind].includes(key))) return false;
  if (typeof entry['at'] !== 'number' || !Number.isSafeInteger(entry['at']) || entry['at'] < 0) return false;
  if (kind === 'script-error') {
    return isLine(entry['message'], DIAGNOSTIC_LIMITS.message) && (entry['source'] === undefined || isLine(entry['source'], DIAGNOSTIC_LIMITS.source));
  }
  const status = entry['status'];
  return (
    typeof entry['method'] === 'string' &&
    /^[A-Z]{1,10}$/.test(entry['method']) &&
    isLine(entry['url'], DIAGNOSTIC_LIMITS.url) &&
    /^https?:\/\/[^?#]*$/.test(entry['url']) &&
    typeof status === 'number' &&
    Number.isSafeInteger(status) &&
    status >= 0 &&
    status <= 999
  );
}

export function isDiagnosticList(value: unknown): value is DiagnosticEntry[] {
  return Array.isArray(value) && value.length <= DIAGNOSTIC_LIMITS.entries && value.every(isDiagnosticEntry);
}

function sameProblem(a: DiagnosticEntry, b: DiagnosticEntry): boolean {
  if (a.kind === 'script-error' && b.kind === 'script-error') return a.message === b.message && a.source === b.source;
  if (a.kind === 'request-failed' && b.kind === 'request-failed') return a.method === b.method && a.url === b.url && a.status === b.status;
  return false;
}

/**
 * Adds an entry to a tab's list and returns a new list: entries older than two hours go, a
 * problem already noted within the last minute is not noted again (a page polling a failing
 * address would otherwise push everything else out), and only the 30 newest are kept.
 */
export function appendDiagnostic(list: readonly DiagnosticEntry[], entry: DiagnosticEntry, now: number): DiagnosticEntry[] {
  const kept = list.filter((earlier) => earlier.at >= now - DIAGNOSTIC_LIMITS.maxAgeMs);
  if (entry.at < now - DIAGNOSTIC_LIMITS.maxAgeMs) return kept;
  if (kept.some((earlier) => sameProblem(earlier, entry) && Math.abs(entry.at - earlier.at) <= DIAGNOSTIC_LIMITS.repeatWindowMs)) return kept;
  kept.push(entry);
  return kept.slice(-DIAGNOSTIC_LIMITS.entries);
}
