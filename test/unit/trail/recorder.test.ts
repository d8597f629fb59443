import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { pathListsOf, profileFor } from '../../../src/context/profiles/index';
import { accessibleLabel, MAX_ERROR_STEPS_PER_PAGE, startTrailRecorder, type TrailRecording } from '../../../src/trail/recorder';
import type { TrailStep } from '../../../src/trail/step';
import { setDocumentUrl } from '../support/document-url';

const URL_OF_PAGE = 'https://chorus-pro.gouv.fr/cpp/facture?numero=F2026-0042&token=abc';

let steps: TrailStep[];
let recording: TrailRecording | undefined;

function start() {
  recording = startTrailRecorder(document, pathListsOf(profileFor(URL_OF_PAGE)), { record: (step) => steps.push(step), now: () => 1000, trusted: () => true });
}

beforeEach(() => {
  vi.useFakeTimers();
  steps = [];
  setDocumentUrl(URL_OF_PAGE);
  document.title = 'Facture F2026-0042 - Chorus Pro';
  document.body.innerHTML = `
    <nav aria-label="Fil d'Ariane"><ol><li>Accueil</li><li>Factures émises</li><li>Facture F2026-0042</li></ol></nav>
    <h1>Facture F2026-0042</h1>
    <div class="alert alert-danger" role="alert">Erreur : dépôt impossible.</div>
    <div class="alert alert-danger" style="display:none">Erreur modèle caché</div>
    <div class="alert alert-success" role="alert">Brouillon enregistré.</div>
    <form aria-label="Dépôt de la facture" id="depot">
      <label for="commentaire">Commentaire</label><input id="commentaire" value="">
      <input type="password" id="secret" value="motdepasse">
      <button type="submit" id="deposer"><span>Déposer</span></button>
      <button type="button" id="icone" aria-label="Imprimer la facture"><img alt=""></button>
    </form>
    <a href="/cpp/accueil" id="lien">Retour à l'accueil</a>
    <div id="messages"></div>`;
});

afterEach(() => {
  recording?.stop();
  recording = undefined;
  vi.useRealTimers();
});

describe('trail recorder', () => {
  test("by default, the page's own scripts cannot add clicks or forms to the path", () => {
    recording = startTrailRecorder(document, pathListsOf(profileFor(URL_OF_PAGE)), { record: (step) => steps.push(step), now: () => 1000 });
    document.getElementById('lien')!.click();
    document.getElementById('depot')!.dispatchEvent(new SubmitEvent('submit', { bubbles: true }));
    expect(steps.map((step) => step.kind)).not.toContain('click');
    expect(steps.map((step) => step.kind)).not.toContain('submit');
  });

  test('a page that keeps adding error messages cannot push the user’s steps out of the path', async () => {
    start();
    const before = steps.filter((step) => step.kind === 'error').length;
    const messages = document.getElementById('messages')!;
    for (let i = 0; i < 100; i++) messages.insertAdjacentHTML('beforeend', `<div class="alert alert-danger" role="alert">Erreur forgée ${i}</div>`);
    await vi.advanceTimersByTimeAsync(1000);
    expect(steps.filter((step) => step.kind === 'error').length).toBe(MAX_ERROR_STEPS_PER_PAGE);
    expect(before).toBeGreaterThan(0);
  });

  test('records the page: title, heading, breadcrumb section, path without identifying values', () => {
    start();
    expect(steps[0]).toEqual({
      kind: 'page',
      at: 1000,
      title: 'Facture F2026-0042 - Chorus Pro',
      heading: 'Facture F2026-0042',
      section: ['Factures émises', 'Facture F2026-0042'],
      path: 'https://chorus-pro.gouv.fr/cpp/facture?numero=…&token=…',
    });
  });

  describe('a page without an error', () => {
    let clock: number;
    const startWithoutError = () => {
      document.querySelector('[role=alert].alert-danger')!.remove();
      clock = 1000;
      recording = startTrailRecorder(document, pathListsOf(profileFor(URL_OF_PAGE)), { record: (step) => steps.push(step), now: () => clock, trusted: () => true });
      clock = 5000;
    };
    const pages = () => steps.filter((step) => step.kind === 'page');

    test('is read when the recorder starts, once, with the time it was shown', () => {
      startWithoutError();
      expect(steps).toEqual([expect.objectContaining({ kind: 'page', at: 1000, heading: 'Facture F2026-0042', section: ['Factures émises', 'Facture F2026-0042'] })]);
      document.getElementById('lien')!.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
      document.getElementById('icone')!.dispatchEvent(new MouseEvent('click', { bubbles: true }));
      expect(steps.map((step) => [step.kind, step.at])).toEqual([['page', 1000], ['click', 5000], ['click', 5000]]);
    });

    test('comes before a form sent', () => {
      startWithoutError();
      document.getElementById('depot')!.dispatchEvent(new SubmitEvent('submit', { bubbles: true, cancelable: true }));
      expect(steps.map((step) => step.kind)).toEqual(['page', 'submit']);
    });

    test('comes before an error that appears later', async () => {
      startWithoutError();
      document.getElementById('messages')!.innerHTML = '<div class="alert alert-danger">Erreur technique lors du dépôt.</div>';
      await vi.advanceTimersByTimeAsync(500);
      expect(steps.map((step) => step.kind)).toEqual(['page', 'error']);
    });

    test('is not read again when the page is hidden or left', () => {
      startWithoutError();
      const visibility = vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden');
      document.dispatchEvent(new Event('visibilitychange'));
      visibility.mockRestore();
      window.dispatchEvent(new Event('pagehide'));
      expect(pages()).toHaveLength(1);
    });

    test('nothing more is recorded once recording is switched off', async () => {
      startWithoutError();
      recording!.stop();
      document.getElementById('lien')!.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
      document.getElementById('depot')!.dispatchEvent(new SubmitEvent('submit', { bubbles: true, cancelable: true }));
      document.getElementById('messages')!.innerHTML = '<div class="alert alert-danger">Erreur technique lors du dépôt.</div>';
      await vi.advanceTimersByTimeAsync(1000);
      expect(steps.map((step) => step.kind)).toEqual(['page']);
    });
  });

  describe('a single-page portal (an address changed without loading a page)', () => {
    const HOME = 'https://portail.chorus-pro.gouv.fr/?id=cpp_accueil';
    let clock: number;
    const startOnServicesHome = () => {
      setDocumentUrl(HOME);
      document.title = 'Accueil - Portail Chorus Pro';
      document.body.innerHTML = '<main><h1>Bienvenue sur le portail</h1><div class="alert alert-danger">Erreur : service indisponible.</div></main>';
      clock = 1000;
      recording = startTrailRecorder(document, pathListsOf(profileFor(HOME)), { record: (step) => steps.push(step), now: () => clock, trusted: () => true });
    };
    /** What the portal's router does: a new address, then the new view drawn in place. */
    const showView = (address: string, title: string, html: string) => {
      history.pushState({}, '', address);
      document.title = title;
      document.querySelector('main')!.innerHTML = html;
    };
    const pages = () => steps.filter((step) => step.kind === 'page');

    test('a new view is a new page step once its changes settle, timed when they began, its errors recorded again', async () => {
      startOnServicesHome();
      clock = 5000;
      showView('/?id=cpp_support&sys_id=42', 'Support - Portail Chorus Pro', '<h1>Support</h1><div class="alert alert-danger">Erreur : service indisponible.</div>');
      // The page's changes are seen at the end of its task.
      await Promise.resolve();
      clock = 5300;
      await vi.advanceTimersByTimeAsync(500);
      expect(steps).toEqual([
        expect.objectContaining({ kind: 'page', at: 1000, heading: 'Bienvenue sur le portail', path: HOME }),
        { kind: 'error', at: 1000, text: 'Erreur : service indisponible.' },
        expect.objectContaining({ kind: 'page', at: 5000, title: 'Support - Portail Chorus Pro', heading: 'Support', path: 'https://portail.chorus-pro.gouv.fr/?id=cpp_support&sys_id=…' }),
        { kind: 'error', at: 5300, text: 'Erreur : service indisponible.' },
      ]);
    });

    test('a view whose heading is drawn after it was read is read again, under the same time', async () => {
      startOnServicesHome();
      clock = 5000;
      showView('/?id=cpp_tickets', 'Portail Chorus Pro', '<p>Chargement…</p>');
      await vi.advanceTimersByTimeAsync(500);
      expect(pages().at(-1)).toEqual(expect.objectContaining({ at: 5000, title: 'Portail Chorus Pro' }));
      expect(pages().at(-1)).not.toHaveProperty('heading');
      clock = 6000;
      document.title = 'Mes tickets - Portail Chorus Pro';
      document.querySelector('main')!.innerHTML = '<h1>Mes tickets</h1>';
      await vi.advanceTimersByTimeAsync(500);
      expect(pages().at(-1)).toEqual(expect.objectContaining({ at: 5000, title: 'Mes tickets - Portail Chorus Pro', heading: 'Mes tickets' }));
      // Read once more only: with its heading, the view is not read at each change.
      document.querySelector('main')!.insertAdjacentHTML('beforeend', '<p>Aucun ticket.</p>');
      await vi.advanceTimersByTimeAsync(500);
      expect(pages()).toHaveLength(3);
    });

    test('a change of the fragment alone, or changes on the same view, add no page', async () => {
      startOnServicesHome();
      history.pushState({}, '', '#contenu');
      document.querySelector('main')!.insertAdjacentHTML('beforeend', '<p>Actualités</p>');
      await vi.advanceTimersByTimeAsync(500);
      expect(pages()).toHaveLength(1);
    });
  });

  test('records the errors shown at load, visible ones only, and not success messages', () => {
    start();
    expect(steps.filter((step) => step.kind === 'error')).toEqual([{ kind: 'error', at: 1000, text: 'Erreur : dépôt impossible.' }]);
  });

  test('records clicks on buttons and links by their label, never what was typed', () => {
    start();
    const input = document.getElementById('commentaire') as HTMLInputElement;
    input.value = 'MARQUEUR-SECRET';
    input.click();
    document.querySelector('#deposer span')!.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    document.getElementById('icone')!.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    document.getElementById('lien')!.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
    const clicks = steps.filter((step) => step.kind === 'click');
    expect(clicks.map((step) => step.kind === 'click' && step.label)).toEqual(['Déposer', 'Imprimer la facture', "Retour à l'accueil"]);
    expect(JSON.stringify(steps)).not.toContain('MARQUEUR-SECRET');
    expect(JSON.stringify(steps)).not.toContain('motdepasse');
  });

  test('records a submitted form by its name, not its content', () => {
    start();
    (document.getElementById('commentaire') as HTMLInputElement).value = 'MARQUEUR-SECRET';
    const form = document.getElementById('depot') as HTMLFormElement;
    form.dispatchEvent(new SubmitEvent('submit', { bubbles: true, cancelable: true }));
    expect(steps.filter((step) => step.kind === 'submit')).toEqual([{ kind: 'submit', at: 1000, form: 'Dépôt de la facture' }]);
    expect(JSON.stringify(steps)).not.toContain('MARQUEUR-SECRET');
  });

  test('catches error messages that appear later, once each', async () => {
    start();
    const messages = document.getElementById('messages')!;
    messages.innerHTML = '<div class="alert alert-danger">Erreur technique lors du dépôt.</div>';
    await vi.advanceTimersByTimeAsync(500);
    messages.insertAdjacentHTML('beforeend', '<p>autre chose</p>');
    await vi.advanceTimersByTimeAsync(500);
    expect(steps.filter((step) => step.kind === 'error').map((step) => step.kind === 'error' && step.text)).toEqual([
      'Erreur : dépôt impossible.',
      'Erreur technique lors du dépôt.',
    ]);
  });

  test('tells when the page starts and stops showing an error, once per change', async () => {
    document.querySelector('[role=alert].alert-danger')!.remove();
    const shown: boolean[] = [];
    recording = startTrailRecorder(document, pathListsOf(profileFor(URL_OF_PAGE)), { record: (step) => steps.push(step), now: () => 1000, trusted: () => true, errorsShown: (value) => shown.push(value) });
    expect(shown).toEqual([]);
    const messages = document.getElementById('messages')!;
    messages.innerHTML = '<div class="alert alert-danger">Erreur technique lors du dépôt.</div>';
    await vi.advanceTimersByTimeAsync(500);
    messages.insertAdjacentHTML('beforeend', '<div class="alert alert-danger">Erreur : autre.</div>');
    await vi.advanceTimersByTimeAsync(500);
    expect(shown).toEqual([true]);
    (messages.firstElementChild as HTMLElement).style.display = 'none';
    await vi.advanceTimersByTimeAsync(500);
    expect(shown).toEqual([true]);
    messages.innerHTML = '';
    await vi.advanceTimersByTimeAsync(500);
    expect(shown).toEqual([true, false]);
  });

  test('stops when asked', async () => {
    start();
    recording!.stop();
    document.getElementById('deposer')!.click();
    document.getElementById('messages')!.innerHTML = '<div class="alert alert-danger">Plus tard</div>';
    await vi.advanceTimersByTimeAsync(500);
    expect(steps.map((step) => step.kind)).toEqual(['page', 'error']);
  });
});

describe('accessible label', () => {
  test('aria-labelledby, aria-label, button caption, text, image alt, title', () => {
    document.body.innerHTML = `
      <span id="name">Rechercher les factures</span><button id="a" aria-labelledby="name">?</button>
      <input type="submit" id="b" value="Valider et envoyer">
      <a id="c" href="#"><img alt="Aide"></a>
      <a id="d" href="#" title="Plan du site"></a>`;
    expect(accessibleLabel(document.getElementById('a')!)).toBe('Rechercher les factures');
    expect(accessibleLabel(document.getElementById('b')!)).toBe('Valider et envoyer');
    expect(accessibleLabel(document.getElementById('c')!)).toBe('Aide');
    expect(accessibleLabel(document.getElementById('d')!)).toBe('Plan du site');
  });
});
