/**
 * The part that runs in the portal page's own world (only when the user switched technical
 * details on): it notices uncaught script errors, unhandled promise rejections and failed
 * requests to the portal, and hands each one over as a checked entry. It reads no body and no
 * header, and keeps no query string; it never changes what the page's requests do or answer.
 */
import { isPortalUrl } from '../portal-hosts';
import { failedRequestEntry, scriptErrorEntry, type DiagnosticEntry } from './entry';

type PageWindow = Window & typeof globalThis;

/** A rejection reason as text, without serialising objects (they may hold the page's data). */
function reasonText(reason: unknown): string {
  if (reason instanceof Error) return `${reason.name}: ${reason.message}`;
  if (typeof reason === 'string') return reason;
  return Object.prototype.toString.call(reason);
}

export function installPageDiagnostics(win: PageWindow, emit: (entry: DiagnosticEntry) => void, now: () => number = Date.now): void {
  const note = (entry: DiagnosticEntry | undefined) => {
    if (entry) emit(entry);
  };
  const noteRequest = (method: string, url: string, status: number) => {
    if (isPortalUrl(url)) note(failedRequestEntry(now(), method, url, status));
  };
  const absolute = (url: string | URL) => {
    try {
      return new URL(String(url), win.location.href).href;
    } catch {
      return '';
    }
  };

  // Capture phase: errors of elements (a broken image) reach window here too, but they are
  // plain Events, not ErrorEvents, and carry no script error.
  win.addEventListener(
    'error',
    (event) => {
      if (!(event instanceof win.ErrorEvent)) return;
      const error: unknown = event.error;
      const message = event.message || (error === undefined ? '' : reasonText(error));
      note(scriptErrorEntry(now(), message, { url: event.filename, line: event.lineno, column: event.colno }));
    },
    true,
  );
  win.addEventListener('unhandledrejection', (event) => {
    note(scriptErrorEntry(now(), `Uncaught (in promise) ${reasonText(event.reason)}`));
  });

  const originalFetch = win.fetch;
  if (typeof originalFetch === 'function') {
    win.fetch = function fetch(this: unknown, input: RequestInfo | URL, init?: RequestInit) {
      const isRequest = input instanceof win.Request;
      const method = init?.method ?? (isRequest ? input.method : 'GET');
      const url = absolute(isRequest ? input.url : input);
      // eslint-disable-next-line prefer-rest-params -- the page's call goes through exactly as made
      const answer = Reflect.apply(originalFetch, this, arguments) as Promise<Response>;
      answer.then(
        (response) => {
          if (response.status >= 400) noteRequest(method, url, response.status);
        },
        (error: unknown) => {
          // A request the page cancelled itself is not a failure.
          if (!(error instanceof win.DOMException && error.name === 'AbortError')) noteRequest(method, url, 0);
        },
      );
      return answer;
    };
  }

  const xhr = win.XMLHttpRequest?.prototype;
  if (xhr) {
    const opened = new WeakMap<XMLHttpRequest, { method: string; url: string }>();
    const { open, send } = xhr;
    xhr.open = function (this: XMLHttpRequest, method: string, url: string | URL) {
      opened.set(this, { method: String(method), url: absolute(url) });
      // eslint-disable-next-line prefer-rest-params -- open has optional async/user/password arguments
      return Reflect.apply(open, this, arguments) as void;
    } as typeof xhr.open;
    xhr.send = function (this: XMLHttpRequest, body?: Document | XMLHttpRequestBodyInit | null) {
      const request = opened.get(this);
      if (request) {
        let aborted = false;
        this.addEventListener('abort', () => (aborted = true));
        this.addEventListener('loadend', () => {
          if (!aborted && (this.status === 0 || this.status >= 400)) noteRequest(request.method, request.url, this.status);
        });
      }
      return Reflect.apply(send, this, [body]) as void;
    };
  }
}
