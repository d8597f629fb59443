// The page-world part, on a stand-in window: what it notes, and that the page's own calls
// go through unchanged.
import { describe, expect, it } from 'vitest';
import type { DiagnosticEntry } from '../../../src/diagnostics/entry';
import { installPageDiagnostics } from '../../../src/diagnostics/page-hooks';

const NOW = Date.UTC(2026, 10, 27, 13, 30);

class FakeXhr extends EventTarget {
  status = 0;
  readonly calls: unknown[][] = [];
  open(...args: unknown[]) {
    this.calls.push(['open', ...args]);
  }
  send(body?: unknown) {
    this.calls.push(['send', body]);
  }
  finish(status: number, aborted = false) {
    this.status = status;
    if (aborted) this.dispatchEvent(new Event('abort'));
    this.dispatchEvent(new Event('loadend'));
  }
}

function pageWindow(fetch: (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>) {
  const win = Object.assign(new EventTarget(), {
    location: { href: 'https://chorus-pro.gouv.fr/cpp/facture?numero=F1' },
    fetch,
    Request: window.Request,
    ErrorEvent: window.ErrorEvent,
    DOMException: window.DOMException,
    XMLHttpRequest: FakeXhr,
  });
  const noted: DiagnosticEntry[] = [];
  installPageDiagnostics(win as unknown as Window & typeof globalThis, (entry) => noted.push(entry), () => NOW);
  return { win: win as typeof win & { fetch: typeof fetch }, noted };
}

const answer = (status: number) => Promise.resolve(new Response(null, { status }));

describe('installPageDiagnostics', () => {
  it('notes uncaught errors with their script, and unhandled rejections, but not broken images', () => {
    const { win, noted } = pageWindow(() => answer(200));
    win.dispatchEvent(new window.ErrorEvent('error', { message: 'Uncaught TypeError: x is undefined', filename: 'https://chorus-pro.gouv.fr/cpp/app.js?v=2', lineno: 3, colno: 9 }));
    win.dispatchEvent(new Event('error'));
    const rejection = Object.assign(new Event('unhandledrejection'), { reason: new RangeError('too far') });
    win.dispatchEvent(rejection);
    win.dispatchEvent(Object.assign(new Event('unhandledrejection'), { reason: { siret: '73282932000074' } }));
    expect(noted).toEqual([
      { kind: 'script-error', at: NOW, message: 'Uncaught TypeError: x is undefined', source: 'https://chorus-pro.gouv.fr/cpp/app.js:3:9' },
      { kind: 'script-error', at: NOW, message: 'Uncaught (in promise) RangeError: too far' },
      // An object's content is never serialised: it may be the page's data.
      { kind: 'script-error', at: NOW, message: 'Uncaught (in promise) [object Object]' },
    ]);
  });

  it('notes fetches to the portal that fail or answer ≥ 400, and returns the page its own answer', async () => {
    const answers: Record<string, () => Promise<Response>> = {
      '/cpp/api/ok': () => answer(200),
      '/cpp/api/missing': () => answer(404),
      '/cpp/api/down': () => Promise.reject(new TypeError('Failed to fetch')),
      '/cpp/api/cancelled': () => Promise.reject(new DOMException('aborted', 'AbortError')),
    };
    const { win, noted } = pageWindow((input) => {
      const url = new URL(input instanceof Request ? input.url : String(input), 'https://chorus-pro.gouv.fr');
      return (answers[url.pathname] ?? (() => answer(500)))();
    });
    const missing = await win.fetch('/cpp/api/missing?siret=73282932000074');
    expect(missing.status).toBe(404);
    await expect(win.fetch('/cpp/api/down', { method: 'post' })).rejects.toThrow('Failed to fetch');
    await expect(win.fetch('/cpp/api/cancelled')).rejects.toThrow('aborted');
    await win.fetch(new Request('https://chorus-pro.gouv.fr/cpp/api/ok'));
    await win.fetch(new Request('https://chorus-pro.gouv.fr/cpp/api/other', { method: 'PUT' }));
    await win.fetch('https://analytics.example.net/collect');
    await Promise.resolve();
    expect(noted).toEqual([
      { kind: 'request-failed', at: NOW, method: 'GET', url: 'https://chorus-pro.gouv.fr/cpp/api/missing', status: 404 },
      { kind: 'request-failed', at: NOW, method: 'POST', url: 'https://chorus-pro.gouv.fr/cpp/api/down', status: 0 },
      { kind: 'request-failed', at: NOW, method: 'PUT', url: 'https://chorus-pro.gouv.fr/cpp/api/other', status: 500 },
    ]);
  });

  it('notes XMLHttpRequests that fail, not those the page aborts, and passes every argument on', () => {
    const { win, noted } = pageWindow(() => answer(200));
    const make = (method: string, url: string) => {
      const xhr = new win.XMLHttpRequest();
      xhr.open(method, url, true);
      xhr.send('body stays untouched');
      return xhr;
    };
    const failed = make('post', '/cpp/api/deposer?jeton=abc');
    failed.finish(500);
    make('GET', '/cpp/api/lost').finish(0);
    make('GET', '/cpp/api/stopped').finish(0, true);
    make('GET', '/cpp/api/fine').finish(200);
    expect(failed.calls).toEqual([
      ['open', 'post', '/cpp/api/deposer?jeton=abc', true],
      ['send', 'body stays untouched'],
    ]);
    expect(noted).toEqual([
      { kind: 'request-failed', at: NOW, method: 'POST', url: 'https://chorus-pro.gouv.fr/cpp/api/deposer', status: 500 },
      { kind: 'request-failed', at: NOW, method: 'GET', url: 'https://chorus-pro.gouv.fr/cpp/api/lost', status: 0 },
    ]);
  });
});
