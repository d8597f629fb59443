import { afterEach, describe, expect, test, vi } from 'vitest';
import { COMPAT_ANSWER, COMPAT_REQUEST, installCompatRunner, isCompatRequest, requestBand, showAsServed, type Html2Canvas, type Html2CanvasOptions } from '../../../src/capture/page-compat';

const BAND = { region: { x: 0, y: 400, width: 1280, height: 800 }, scale: 1, layoutWidth: 1280, exclude: ['chorus-pro-aide'], masked: ['input[type=password]'] };
const png = () => new Blob([new Uint8Array(8)], { type: 'image/png' });
/** A message from this window, as the page's world would post it. */
const fromPage = (data: unknown) => window.dispatchEvent(new MessageEvent('message', { data, source: window }));

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  document.body.innerHTML = '';
});

describe('fields as the page served them, in html2canvas’s copy', () => {
  test('typed values, ticks, choices and contenteditable text go back to the markup’s; masked fields are emptied', () => {
    document.body.innerHTML = `
      <input id="siret" value="11000201100044"><input id="typed"><input id="tick" type="checkbox">
      <textarea id="message">servi</textarea><select id="choix"><option selected>Déposée</option><option>Rejetée</option></select>
      <div id="note" contenteditable="true">mon brouillon</div><input id="secret" type="password" value="served-secret">`;
    const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
    byId<HTMLInputElement>('siret').value = 'tapé par l’utilisateur';
    byId<HTMLInputElement>('typed').value = 'tapé';
    byId<HTMLInputElement>('tick').checked = true;
    byId<HTMLTextAreaElement>('message').value = 'texte tapé';
    byId<HTMLSelectElement>('choix').selectedIndex = 1;
    byId<HTMLInputElement>('secret').value = 'motdepasse';
    showAsServed(document, ['input[type=password]']);
    expect(byId<HTMLInputElement>('siret').value).toBe('11000201100044');
    expect(byId<HTMLInputElement>('typed').value).toBe('');
    expect(byId<HTMLInputElement>('tick').checked).toBe(false);
    expect(byId<HTMLTextAreaElement>('message').value).toBe('servi');
    expect(byId<HTMLSelectElement>('choix').selectedIndex).toBe(0);
    expect(byId('note').textContent).toBe('');
    expect(byId<HTMLInputElement>('secret').value).toBe('');
    expect(byId('secret').hasAttribute('value')).toBe(false);
  });

  test('masked elements are hidden, wherever the page has moved them since the masks were measured', () => {
    document.body.innerHTML = `<input id="secret" type="password"><div data-chorus-pro-mask id="zone">IBAN</div><input id="shown">`;
    showAsServed(document, ['input[type=password]', '[data-chorus-pro-mask]']);
    const visibility = (id: string) => document.getElementById(id)!.style.getPropertyValue('visibility');
    const priority = (id: string) => document.getElementById(id)!.style.getPropertyPriority('visibility');
    expect(['secret', 'zone'].map(visibility)).toEqual(['hidden', 'hidden']);
    expect(['secret', 'zone'].map(priority)).toEqual(['important', 'important']);
    expect(visibility('shown')).toBe('');
  });
});

describe('the page-world runner and the engine’s request', () => {
  test('a request’s shape is checked: exact types, a positive scale', () => {
    expect(isCompatRequest({ type: COMPAT_REQUEST, token: 't', ...BAND })).toBe(true);
    expect(isCompatRequest({ type: COMPAT_REQUEST, token: 't', ...BAND, scale: 0 })).toBe(false);
    expect(isCompatRequest({ type: COMPAT_REQUEST, token: 't', ...BAND, masked: [1] })).toBe(false);
    expect(isCompatRequest({ type: COMPAT_REQUEST, ...BAND })).toBe(false);
  });

  test('round trip: the runner draws the band asked for with html2canvas and the engine gets the PNG under its token', async () => {
    const blob = png();
    const calls: Partial<Html2CanvasOptions>[] = [];
    const html2canvas: Html2Canvas = async (_element, options) => {
      calls.push(options);
      return { toBlob: (done: (blob: Blob | null) => void) => done(blob) } as unknown as HTMLCanvasElement;
    };
    // Both worlds share the page's window: each message is delivered to it, from it (happy-dom's postMessage sets no source).
    vi.spyOn(window, 'postMessage').mockImplementation((data: unknown) => void setTimeout(() => fromPage(data)));
    installCompatRunner(window, html2canvas);
    // Installed once: a second injection adds no second answer.
    installCompatRunner(window, html2canvas);
    const image = await requestBand(window, BAND, 5_000);
    expect(image).toBe(blob);
    expect(calls).toEqual([expect.objectContaining({ x: 0, y: 400, width: 1280, height: 800, scale: 1, windowWidth: 1280, useCORS: true, allowTaint: false })]);
    // The sidebar's host is left out of the drawing.
    const host = document.createElement('chorus-pro-aide');
    expect(calls[0]!.ignoreElements!(host)).toBe(true);
    expect(calls[0]!.ignoreElements!(document.body)).toBe(false);
  });

  test('answers under another token, or that are not a PNG Blob, are not taken; an error is reported; silence times out', async () => {
    vi.spyOn(window, 'postMessage').mockImplementation(() => undefined);
    const asked = requestBand(window, BAND, 5_000, 'jeton-1');
    fromPage({ type: COMPAT_ANSWER, token: 'jeton-2', image: png() });
    fromPage({ type: COMPAT_ANSWER, token: 'jeton-1', image: 'data:image/png;base64,AAAA' });
    await expect(asked).rejects.toThrow('the compatibility engine answered something else than an image');

    const failing = requestBand(window, BAND, 5_000, 'jeton-3');
    fromPage({ type: COMPAT_ANSWER, token: 'jeton-3', error: 'boom' });
    await expect(failing).rejects.toThrow('the compatibility engine failed: boom');

    vi.useFakeTimers();
    const silent = requestBand(window, BAND, 1_000, 'jeton-4');
    const outcome = expect(silent).rejects.toThrow('the compatibility engine did not answer');
    vi.advanceTimersByTime(1_000);
    await outcome;
  });

  test('a message from another window is not an answer', async () => {
    vi.spyOn(window, 'postMessage').mockImplementation(() => undefined);
    vi.useFakeTimers();
    const asked = requestBand(window, BAND, 1_000, 'jeton-5');
    window.dispatchEvent(new MessageEvent('message', { data: { type: COMPAT_ANSWER, token: 'jeton-5', image: png() }, source: null }));
    const outcome = expect(asked).rejects.toThrow('did not answer');
    vi.advanceTimersByTime(1_000);
    await outcome;
  });
});
