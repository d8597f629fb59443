// Both sides of the page → content script hand-over, on one document as in a portal tab.
import { describe, expect, it } from 'vitest';
import { createDiagnosticSender, DIAGNOSTIC_EVENT, listenToPageDiagnostics } from '../../../src/diagnostics/bridge';
import type { DiagnosticEntry } from '../../../src/diagnostics/entry';

const entry = (at: number): DiagnosticEntry => ({ kind: 'script-error', at, message: `TypeError ${at}` });

describe('page diagnostics bridge', () => {
  it('hands entries over, replaying those noted before the content script listened', () => {
    const doc = document.implementation.createHTMLDocument('');
    const send = createDiagnosticSender(doc);
    send(entry(1));
    send(entry(2));
    const received: DiagnosticEntry[] = [];
    const stop = listenToPageDiagnostics(doc, (found) => received.push(found));
    send(entry(3));
    expect(received).toEqual([entry(1), entry(2), entry(3)]);
    stop();
    send(entry(4));
    expect(received).toHaveLength(3);
  });

  it('takes only well-formed entries, and at most 60 per page, from whoever sends them', () => {
    const doc = document.implementation.createHTMLDocument('');
    const received: DiagnosticEntry[] = [];
    listenToPageDiagnostics(doc, (found) => received.push(found));
    const forge = (detail: unknown) => doc.dispatchEvent(new CustomEvent(DIAGNOSTIC_EVENT, { detail }));
    forge({ kind: 'script-error', at: 1, message: 'an object, not text' });
    forge('{not json');
    forge(JSON.stringify({ ...entry(1), message: '<img src=x onerror=alert(1)>', extra: 1 }));
    forge(JSON.stringify({ ...entry(1), message: 'x'.repeat(5000) }));
    expect(received).toEqual([]);
    for (let i = 0; i < 100; i++) forge(JSON.stringify(entry(i)));
    expect(received).toHaveLength(60);
  });
});
