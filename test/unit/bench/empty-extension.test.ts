import { runInNewContext } from 'node:vm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { offeringScript } from '../../../bench/empty-extension';

/** Runs the floor's content script in a world of its own, with the page's document and an extension API whose background answers at once. */
async function runOffering(errorSelectors: string[]) {
  const sendMessage = vi.fn(() => Promise.resolve({ ok: true }));
  const world = {
    document,
    chrome: { runtime: { onMessage: { addListener: vi.fn() }, sendMessage } },
    requestIdleCallback: (callback: () => void) => setTimeout(callback, 0),
  };
  runInNewContext(offeringScript(errorSelectors), world);
  await vi.waitFor(() => expect(sendMessage).toHaveBeenCalledOnce());
  // The answer's handler has run once the message's promise and a task after it have settled.
  await new Promise((resolve) => setTimeout(resolve, 0));
}

afterEach(() => {
  document.body.replaceChildren();
});

describe('offeringScript', () => {
  it('messages its background, then shows one button right after the first error, out of the flow', async () => {
    document.body.innerHTML = '<p>Facture</p><div class="erreur">Le SIRET est invalide.</div><div class="erreur">Autre</div>';
    await runOffering(['.alert-danger', '.erreur']);
    const hosts = document.querySelectorAll('bench-offer');
    expect(hosts).toHaveLength(1);
    expect(hosts[0]!.previousElementSibling?.textContent).toBe('Le SIRET est invalide.');
    expect(hosts[0]!.getAttribute('style')).toMatch(/position: absolute !important.*left: -?\d+px !important; top: -?\d+px !important$/);
  });

  it('shows nothing on a page without an error', async () => {
    document.body.innerHTML = '<p>Accueil</p>';
    await runOffering(['.alert-danger', '.erreur']);
    expect(document.querySelector('bench-offer')).toBeNull();
  });
});
