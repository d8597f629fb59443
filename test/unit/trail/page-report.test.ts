import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { pathListsOf, profileFor } from '../../../src/context/profiles/index';
import { MAX_STEPS_PER_REPORT, reportsInBatches, type PageReport } from '../../../src/trail/page-report';
import { startTrailRecorder, type TrailRecording } from '../../../src/trail/recorder';
import { setDocumentUrl } from '../support/document-url';

const URL_OF_PAGE = 'https://chorus-pro.gouv.fr/cpp/facture?numero=F2026-0042';

let sent: PageReport[];
let recording: TrailRecording | undefined;

beforeEach(() => {
  vi.useFakeTimers();
  sent = [];
  setDocumentUrl(URL_OF_PAGE);
  document.title = 'Facture F2026-0042 - Chorus Pro';
  document.body.innerHTML = `
    <h1>Facture F2026-0042</h1>
    <div class="alert alert-danger" role="alert">Erreur : dépôt impossible.</div>
    <div class="alert alert-danger" role="alert">Erreur : SIRET inconnu.</div>
    <a href="#haut" id="lien">Retour à l'accueil</a>
    <div id="messages"></div>`;
});

afterEach(() => {
  recording?.stop();
  recording = undefined;
  vi.useRealTimers();
});

function record() {
  recording = startTrailRecorder(document, pathListsOf(profileFor(URL_OF_PAGE)), {
    now: () => 1000,
    trusted: () => true,
    ...reportsInBatches((report) => sent.push(report)),
  });
}

describe('page reports', () => {
  test('an error page at load is one report: its page, its errors, the error shown', async () => {
    record();
    expect(sent).toEqual([]);
    await Promise.resolve();
    expect(sent).toHaveLength(1);
    expect(sent[0]!.steps.map((step) => step.kind)).toEqual(['page', 'error', 'error']);
    expect(sent[0]!.errorShown).toBe(true);
  });

  test('later, each thing the user does or the page shows is its own report, the error only when it changes', async () => {
    record();
    await Promise.resolve();
    document.getElementById('lien')!.click();
    await Promise.resolve();
    expect(sent[1]).toEqual({ steps: [{ kind: 'click', at: 1000, label: "Retour à l'accueil" }] });

    for (const alert of document.querySelectorAll('[role=alert]')) alert.remove();
    await vi.advanceTimersByTimeAsync(1000);
    expect(sent[2]).toEqual({ steps: [], errorShown: false });
    expect(sent).toHaveLength(3);
  });

  test('a page without an error sends its page alone at load, and no error state; nothing more once left', async () => {
    for (const alert of document.querySelectorAll('[role=alert]')) alert.remove();
    record();
    expect(sent).toEqual([]);
    await Promise.resolve();
    expect(sent).toEqual([{ steps: [expect.objectContaining({ kind: 'page', path: 'https://chorus-pro.gouv.fr/cpp/facture?numero=…' })] }]);
    window.dispatchEvent(new Event('pagehide'));
    await Promise.resolve();
    expect(sent).toHaveLength(1);
  });

  test('never more steps in one report than a report may carry', () => {
    const flushes: (() => void)[] = [];
    const batch = reportsInBatches((report) => sent.push(report), (flush) => flushes.push(flush));
    for (let i = 0; i < MAX_STEPS_PER_REPORT + 3; i++) batch.record({ kind: 'click', at: i, label: `Bouton ${i}` });
    batch.errorsShown!(true);
    for (const flush of flushes) flush();
    expect(sent.map((report) => report.steps.length)).toEqual([MAX_STEPS_PER_REPORT, 3]);
    expect(sent.map((report) => report.errorShown)).toEqual([undefined, true]);
    expect(sent.flatMap((report) => report.steps).map((step) => step.at)).toEqual(Array.from({ length: MAX_STEPS_PER_REPORT + 3 }, (_, i) => i));
  });
});
