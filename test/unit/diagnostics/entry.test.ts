// @vitest-environment node
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addressWithoutQuery,
  appendDiagnostic,
  DIAGNOSTIC_LIMITS,
  failedRequestEntry,
  isDiagnosticEntry,
  scriptErrorEntry,
  type DiagnosticEntry,
} from '../../../src/diagnostics/entry';

const T0 = Date.UTC(2026, 10, 27, 13, 30);

describe('building entries', () => {
  it('keeps a script error on one line, capped, with its script path and position but no query', () => {
    expect(scriptErrorEntry(T0, 'TypeError:\n  x is\tundefined', { url: 'https://chorus-pro.gouv.fr/cpp/js/app.js?v=123&jeton=abc', line: 12, column: 5 })).toEqual({
      kind: 'script-error',
      at: T0,
      message: 'TypeError: x is undefined',
      source: 'https://chorus-pro.gouv.fr/cpp/js/app.js:12:5',
    });
    const long = scriptErrorEntry(T0, 'é'.repeat(1000));
    expect(long?.message).toHaveLength(DIAGNOSTIC_LIMITS.message);
    expect(long?.message.endsWith('…')).toBe(true);
    expect(scriptErrorEntry(T0, '  \n ')).toBeUndefined();
    // Inline scripts and eval have no address worth keeping.
    expect(scriptErrorEntry(T0, 'x', { url: 'about:srcdoc', line: 1 })).toEqual({ kind: 'script-error', at: T0, message: 'x' });
  });

  it('keeps method, address without query or fragment, and status of a failed request', () => {
    expect(failedRequestEntry(T0, 'post', 'https://chorus-pro.gouv.fr/cpp/api/factures?siret=73282932000074#x', 500)).toEqual({
      kind: 'request-failed',
      at: T0,
      method: 'POST',
      url: 'https://chorus-pro.gouv.fr/cpp/api/factures',
      status: 500,
    });
    expect(failedRequestEntry(T0, 'GET', 'not a url', 404)).toBeUndefined();
    expect(failedRequestEntry(T0, 'GET', 'data:text/plain,x', 404)).toBeUndefined();
    expect(failedRequestEntry(T0, 'G E T', 'https://chorus-pro.gouv.fr/', 404)).toBeUndefined();
    expect(failedRequestEntry(T0, 'GET', 'https://chorus-pro.gouv.fr/', 1000)).toBeUndefined();
  });

  it('resolves relative addresses against the page', () => {
    expect(addressWithoutQuery('../api/x?y=1', 'https://chorus-pro.gouv.fr/cpp/page/facture')).toBe('https://chorus-pro.gouv.fr/cpp/api/x');
    expect(addressWithoutQuery('javascript:alert(1)')).toBe('');
  });
});

describe('isDiagnosticEntry', () => {
  const valid: DiagnosticEntry[] = [
    { kind: 'script-error', at: T0, message: 'TypeError: x' },
    { kind: 'script-error', at: T0, message: 'TypeError: x', source: 'https://chorus-pro.gouv.fr/a.js:1:2' },
    { kind: 'request-failed', at: T0, method: 'GET', url: 'https://chorus-pro.gouv.fr/cpp/api', status: 0 },
  ];

  it('accepts what the builders make', () => {
    for (const entry of valid) expect(isDiagnosticEntry(structuredClone(entry))).toBe(true);
  });

  it.each([
    ['an extra key', { ...valid[0], html: '<img>' }],
    ['an unknown kind', { ...valid[0], kind: 'console' }],
    ['a line break', { ...valid[0], message: 'a\nb' }],
    ['an empty message', { ...valid[0], message: '' }],
    ['a message too long', { ...valid[0], message: 'x'.repeat(301) }],
    ['a negative time', { ...valid[0], at: -1 }],
    ['a query string', { ...valid[2], url: 'https://chorus-pro.gouv.fr/cpp/api?siret=1' }],
    ['a non-http address', { ...valid[2], url: 'javascript:alert(1)' }],
    ['a lowercase method', { ...valid[2], method: 'get' }],
    ['a fractional status', { ...valid[2], status: 4.5 }],
    ['an array', [valid[0]]],
    ['null', null],
  ])('refuses %s', (_, value) => {
    expect(isDiagnosticEntry(value)).toBe(false);
  });

  it('never throws, whatever it is given', () => {
    fc.assert(fc.property(fc.anything(), (value) => typeof isDiagnosticEntry(value) === 'boolean'));
  });
});

describe('appendDiagnostic', () => {
  const failure = (at: number, status = 500): DiagnosticEntry => ({ kind: 'request-failed', at, method: 'GET', url: 'https://chorus-pro.gouv.fr/cpp/api/etat', status });

  it('notes a problem repeating within a minute once (a page polling a failing address)', () => {
    let list: DiagnosticEntry[] = [];
    for (let i = 0; i < 40; i++) list = appendDiagnostic(list, failure(T0 + i * 2000), T0 + i * 2000);
    expect(list).toEqual([failure(T0), failure(T0 + 62_000)]);
    expect(appendDiagnostic(list, failure(T0 + 80_000, 503), T0 + 80_000)).toHaveLength(3);
  });

  it('keeps the 30 newest of two hours, without changing its input', () => {
    const list = Array.from({ length: 40 }, (_, i) => failure(T0 + i * 1000, 400 + i));
    const frozen = Object.freeze(list.slice(0, 30));
    const next = appendDiagnostic(frozen, list[30]!, T0 + 30_000);
    expect(next).toHaveLength(30);
    expect(next[0]).toEqual(list[1]);
    expect(frozen).toHaveLength(30);
    expect(appendDiagnostic(frozen, failure(T0 + 3 * 3_600_000), T0 + 3 * 3_600_000)).toEqual([failure(T0 + 3 * 3_600_000)]);
    expect(appendDiagnostic([], failure(T0), T0 + 3 * 3_600_000)).toEqual([]);
  });
});
