import { runInNewContext } from 'node:vm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { watchingScript } from '../../../bench/empty-extension';

const WATCH = { candidates: '.alert-danger, .erreur,[role=alert]', watch: { childList: true, subtree: true }, scanDelayMs: 10 };

/**
 * Runs the floor's content script in a world of its own, with the page's document and an extension
 * API whose background answers at once; its timers wait in `looksDue` until the test runs them.
 */
async function runWatching() {
  const sendMessage = vi.fn(() => Promise.resolve({ ok: true }));
  const world: Record<string, unknown> = {
    document,
    MutationObserver,
    setTimeout: (callback: () => void) => looksDue.push(callback),
    chrome: { runtime: { onMessage: { addListener: vi.fn() }, sendMessage } },
    requestIdleCallback: (callback: () => void) => setTimeout(callback, 0),
  };
  runInNewContext(watchingScript(WATCH), world);
  await vi.waitFor(() => expect(sendMessage).toHaveBeenCalledOnce());
  // The answer's handler has run once it holds its observer.
  await vi.waitFor(() => expect(world.errorWatch).toBeInstanceOf(MutationObserver));
  watching = world.errorWatch as MutationObserver;
}

let looksDue: (() => void)[] = [];
let watching: MutationObserver | undefined;

/** Runs the look scheduled after the page changed, once the change has been seen. */
async function lookAgain() {
  await vi.waitFor(() => expect(looksDue).toHaveLength(1));
  looksDue.shift()!();
}

const offers = () => document.querySelectorAll('bench-offer');

afterEach(() => {
  watching?.disconnect();
  document.body.replaceChildren();
  looksDue = [];
});

describe('watchingScript', () => {
  it('messages its background, then shows one button right after the first error, out of the flow', async () => {
    document.body.innerHTML = '<p>Facture</p><div class="erreur">Le SIRET est invalide.</div><div class="erreur">Autre</div>';
    await runWatching();
    expect(offers()).toHaveLength(1);
    expect(offers()[0]!.previousElementSibling?.textContent).toBe('Le SIRET est invalide.');
    expect(offers()[0]!.getAttribute('style')).toMatch(/position: absolute !important.*left: -?\d+px !important; top: -?\d+px !important$/);
  });

  it('shows nothing on a page without an error, and one button once an error appears', async () => {
    document.body.innerHTML = '<p>Accueil</p>';
    await runWatching();
    expect(offers()).toHaveLength(0);
    document.body.insertAdjacentHTML('beforeend', '<div role="alert">Session expirée</div>');
    expect(offers()).toHaveLength(0);
    await lookAgain();
    expect(offers()).toHaveLength(1);
    expect(offers()[0]!.previousElementSibling?.textContent).toBe('Session expirée');
  });

  it('shows one button only, however often the page changes', async () => {
    document.body.innerHTML = '<div class="alert-danger">Erreur</div>';
    await runWatching();
    document.body.insertAdjacentHTML('beforeend', '<div class="erreur">Autre erreur</div>');
    // Its own button and the new error made the page change: one look, after they settle.
    await lookAgain();
    expect(offers()).toHaveLength(1);
    expect(looksDue).toHaveLength(0);
  });
});
