import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { OfferActions } from '../../../src/offer/offer-button';
import { offerTexts } from '../../../src/offer/offer-texts';
import { translatorFor } from '../../support/i18n';

const texts = offerTexts(translatorFor('fr'));
const HOSTILE = 'Erreur : <img src=x onerror="alert(1)"> <b>refusé</b>';

// The closed root is out of the page's reach, and of this test's: attachShadow is watched
// before the module takes it.
const roots: ShadowRoot[] = [];
let showOfferButton: typeof import('../../../src/offer/offer-button').showOfferButton;
let OFFER_HOST_TAG: string;

beforeEach(async () => {
  roots.length = 0;
  const original = Element.prototype.attachShadow;
  vi.spyOn(Element.prototype, 'attachShadow').mockImplementation(function (this: Element, init: ShadowRootInit) {
    const root = original.call(this, init);
    roots.push(root);
    return root;
  });
  vi.resetModules();
  ({ showOfferButton, OFFER_HOST_TAG } = await import('../../../src/offer/offer-button'));
  document.body.innerHTML = `<main><div class="alert alert-danger" role="alert" id="erreur"></div><a href="#suite" id="suite">Suite</a></main>`;
  document.getElementById('erreur')!.textContent = HOSTILE;
});

afterEach(() => {
  document.body.innerHTML = '';
});

function show(actions: Partial<OfferActions> = {}) {
  const error = document.getElementById('erreur')!;
  const calls = { open: [] as string[], dismiss: [] as string[] };
  const offer = showOfferButton(document, { el: error, text: HOSTILE }, texts, {
    open: (text) => calls.open.push(text),
    dismiss: (scope) => calls.dismiss.push(scope),
    trusted: () => true,
    ...actions,
  });
  const host = document.querySelector(OFFER_HOST_TAG) as HTMLElement;
  const buttons = [...roots.at(-1)!.querySelectorAll('button')];
  return { error, offer, host, buttons, calls };
}

const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the in-page offer', () => {
  test('stands right after the error in the document, out of the flow, in a closed shadow root', () => {
    const { error, host } = show();
    expect(error.nextElementSibling).toBe(host);
    expect(host.shadowRoot).toBeNull();
    expect(roots.at(-1)!.mode).toBe('closed');
    expect(host.style.getPropertyValue('position')).toBe('absolute');
    expect(host.style.getPropertyPriority('position')).toBe('important');
  });

  test('names the error in its accessible name, as text: markup in the error stays text', () => {
    const { buttons } = show();
    expect(buttons.map((button) => button.textContent)).toEqual(["Besoin d'aide ?", 'Ne plus proposer sur cette page', 'Ne plus proposer']);
    expect(buttons[0]!.getAttribute('aria-label')).toBe(`Besoin d'aide ? Obtenir de l'aide sur l'erreur : ${HOSTILE}`);
    expect(roots.at(-1)!.querySelector('img, b')).toBeNull();
    expect(document.querySelectorAll('img')).toHaveLength(0);
  });

  test('pressed, asks help about that error; declined, goes away and says where', () => {
    const first = show();
    first.buttons[0]!.click();
    expect(first.calls.open).toEqual([HOSTILE]);
    first.buttons[1]!.click();
    expect(first.calls.dismiss).toEqual(['page']);
    expect(first.host.isConnected).toBe(false);
    const second = show();
    second.buttons[2]!.click();
    expect(second.calls.dismiss).toEqual(['everywhere']);
    expect(second.host.isConnected).toBe(false);
  });

  test("ignores clicks the page's scripts make", () => {
    const { buttons, calls } = show({ trusted: () => false });
    buttons[0]!.click();
    buttons[2]!.click();
    expect(calls).toEqual({ open: [], dismiss: [] });
  });

  test('put back when the page restyles or moves it, and gone with the error', async () => {
    const { error, host, offer } = show();
    const style = host.getAttribute('style');
    host.setAttribute('style', 'display:none');
    host.setAttribute('class', 'hidden');
    await settled();
    expect(host.getAttribute('style')).toBe(style);
    expect(host.hasAttribute('class')).toBe(false);
    document.body.append(host);
    await settled();
    expect(error.nextElementSibling).toBe(host);
    error.remove();
    await settled();
    expect(host.isConnected).toBe(false);
    offer.remove();
  });
});
