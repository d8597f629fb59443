import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { afterEach, describe, expect, test, vi } from 'vitest';
import App from '../../../../extension/sidebar/App.svelte';
import type { SidebarConnector } from '../../../../extension/sidebar/connector';
import type { SidebarState } from '../../../../src/context/sidebar-state';
import type { SidebarPortMessage } from '../../../../src/protocol/sidebar-port';
import { SIDEBAR_INTERACTIVE_MARK } from '../../../../extension/sidebar/timing-marks';
import { EMPTY_PROFILE } from '../../../../src/report/prefill';
import { translatorFor } from '../../../support/i18n';
import { thumbnailImage, thumbnailLoads, userSendGate } from './fixtures';
// Loaded up front, as in fixtures.ts: no on-demand import left running after a test ends.
import '../../../../src/help/search';

vi.mock('../../../../extension/shared/native-runtime', async () => (await import('./mock-browser')).frenchBrowser());

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

/** The bytes an image element shows, through the object URL the sidebar made for it. */
function watchObjectUrls() {
  const made = new Map<string, Blob>();
  const create = URL.createObjectURL.bind(URL);
  vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
    const url = create(blob);
    made.set(url, blob as Blob);
    return url;
  });
  return async (image: Element | null | undefined) => {
    const blob = made.get(image?.getAttribute('src') ?? '');
    return blob ? `data:${blob.type};base64,${btoa(String.fromCharCode(...new Uint8Array(await blob.arrayBuffer())))}` : null;
  };
}

const t = translatorFor('fr');
const STATE: SidebarState = {
  tabId: 7,
  page: { url: 'https://chorus-pro.gouv.fr/cpp/facture?numero=F2026-0042', title: '<b>Facture</b> F2026-0042' },
  capture: { dataUrl: 'data:image/png;base64,iVBORw0KGgo=', capturedAt: Date.UTC(2026, 10, 27, 13, 30) },
  capturePending: false,
  reading: null,
  trail: [],
  diagnostics: [],
  browser: { name: 'Firefox', version: '153.8.0', os: 'Linux', architecture: 'x86-64' },
  environment: { uiLanguage: 'fr-FR', timeZone: 'Europe/Paris', extensionVersion: '0.1.0', zoomPercent: 100 },
};

function connector(state: Promise<SidebarState>): SidebarConnector & { close: ReturnType<typeof vi.fn> } {
  return {
    load: () => state,
    close: vi.fn(async () => undefined),
    watchTab: () => () => undefined,
    loadProfile: async () => EMPTY_PROFILE,
    history: async () => [],
    retryWaiting: async () => [],
    sendToPortal: () => Promise.reject(new Error('not configured')),
    sendToBackend: () => Promise.reject(new Error('not configured')),
    captureWholePage: () => Promise.reject(new Error('not in this test')),
    captureProgress: async () => null,
    cancelCapture: async () => false,
    retakeScreenshot: () => Promise.reject(new Error('not in this test')),
    refreshHistory: async () => [],
    exportHistory: async () => ({ fileName: 'export.json', json: '{}' }),
    eraseHistory: async () => [],
    saveDraft: async () => ({ status: 'saved', savedAt: 0, attachmentIds: [] }),
    latestDraft: async () => null,
    openDraft: async () => null,
    discardDraft: async () => undefined,
    drafts: async () => [],
    checkCompatibility: async () => null,
  };
}

/** Three frames drawn: longer than what the sidebar waits before its side parts, when they are not held back. */
async function framesDrawn() {
  for (let frame = 0; frame < 3; frame++) await new Promise((resolve) => requestAnimationFrame(resolve));
}

/** The sidebar rendered while the click's screenshot is still on its way; the returned function pushes what the background's port sends. */
function renderWithCaptureOnItsWay(): (change: SidebarPortMessage) => void {
  const fake = connector(Promise.resolve({ ...STATE, capture: null, capturePending: true }));
  let push: ((change: SidebarPortMessage) => void) | undefined;
  fake.watchTab = (onChange) => ((push = onChange), () => undefined);
  render(App, { sendGate: userSendGate(), connector: fake });
  return (change) => {
    if (!push) throw new Error('the sidebar is not watching its tab yet');
    push(change);
  };
}

describe('sidebar', () => {
  test('shows the page, the browser and the screenshot, with page text as text', async () => {
    const shown = watchObjectUrls();
    render(App, { sendGate: userSendGate(), connector: connector(Promise.resolve(STATE)) });
    expect((await screen.findAllByText('<b>Facture</b> F2026-0042')).length).toBeGreaterThan(0);
    expect(screen.getAllByText(STATE.page.url).length).toBeGreaterThan(0);
    expect(screen.getAllByText('Firefox 153.8.0 — Linux (x86-64)').length).toBeGreaterThan(0);
    // The screenshot part is a module of its own, shown once it has loaded.
    const thumbnail = (await screen.findByTestId('screenshot-thumbnail')).querySelector('img');
    expect(thumbnail?.getAttribute('src')).toMatch(/^blob:/);
    expect(await shown(thumbnail)).toBe(STATE.capture!.dataUrl);
    expect(thumbnail?.getAttribute('alt')).toMatch(/^Capture d'écran de la page Chorus Pro, prise le /);
    expect(document.querySelector('b')).toBeNull();
  });

  test('says so when the screenshot could not be taken', async () => {
    render(App, { sendGate: userSendGate(), connector: connector(Promise.resolve({ ...STATE, capture: null })) });
    expect(await screen.findByText(t('sidebarScreenshotMissing'))).toBeTruthy();
  });

  test('a screenshot still being masked: said so, then shown when it comes, and only the first one is taken', async () => {
    const shown = watchObjectUrls();
    const push = renderWithCaptureOnItsWay();
    expect(await screen.findByText(t('screenshotPending'))).toBeTruthy();
    expect(screen.queryByText(t('sidebarScreenshotMissing'))).toBeNull();
    expect((screen.getByTestId('screenshot-retake') as HTMLButtonElement).disabled).toBe(true);
    push({ type: 'capture/changed', capture: STATE.capture });
    const thumbnail = await thumbnailImage();
    expect(await shown(thumbnail)).toBe(STATE.capture!.dataUrl);
    const url = thumbnail.getAttribute('src');
    expect(screen.queryByText(t('screenshotPending'))).toBeNull();
    expect((screen.getByTestId('screenshot-retake') as HTMLButtonElement).disabled).toBe(false);
    // A late or repeated message does not replace what the sidebar shows.
    push({ type: 'capture/changed', capture: null });
    await Promise.resolve();
    expect(screen.getByTestId('screenshot-thumbnail').querySelector('img')?.getAttribute('src')).toBe(url);
  });

  test('the help answers, what was captured and the compatibility check come once the thumbnail is on screen, so as not to hold it back', async () => {
    const push = renderWithCaptureOnItsWay();
    expect(await screen.findByText(t('screenshotPending'))).toBeTruthy();
    const nothingYet = () => {
      expect(document.getElementById('help-count')?.textContent?.trim()).toBe('');
      expect(screen.queryAllByTestId('help-entry')).toHaveLength(0);
      expect(screen.queryByTestId('captured')).toBeNull();
      expect(screen.queryByTestId('compatibility')).toBeNull();
    };
    // Frames drawn: without the wait they would be on their way by now.
    await framesDrawn();
    nothingYet();
    push({ type: 'capture/changed', capture: STATE.capture });
    await screen.findByTestId('screenshot-thumbnail');
    await framesDrawn();
    nothingYet();
    await thumbnailLoads();
    expect((await screen.findAllByTestId('help-entry')).length).toBeGreaterThan(0);
    expect(await screen.findByTestId('captured')).toBeTruthy();
    expect(await screen.findByTestId('compatibility')).toBeTruthy();
  });

  test('a thumbnail that cannot be shown, or no screenshot at all, holds nothing back', async () => {
    render(App, { sendGate: userSendGate(), connector: connector(Promise.resolve({ ...STATE, capture: null })) });
    expect((await screen.findAllByTestId('help-entry')).length).toBeGreaterThan(0);
    expect(await screen.findByTestId('captured')).toBeTruthy();
    cleanup();
    const push = renderWithCaptureOnItsWay();
    expect(await screen.findByText(t('screenshotPending'))).toBeTruthy();
    push({ type: 'capture/changed', capture: null });
    expect(await screen.findByTestId('captured')).toBeTruthy();
    cleanup();
    render(App, { sendGate: userSendGate(), connector: connector(Promise.resolve(STATE)) });
    const image = await thumbnailImage();
    await framesDrawn();
    expect(screen.queryByTestId('captured')).toBeNull();
    await fireEvent.error(image);
    expect(await screen.findByTestId('captured')).toBeTruthy();
    expect((await screen.findAllByTestId('help-entry')).length).toBeGreaterThan(0);
  });

  test('a screenshot that could not be made after all: said so', async () => {
    const push = renderWithCaptureOnItsWay();
    expect(await screen.findByText(t('screenshotPending'))).toBeTruthy();
    push({ type: 'capture/changed', capture: null });
    expect(await screen.findByText(t('sidebarScreenshotMissing'))).toBeTruthy();
  });

  test('no screenshot kept because the page kept moving under its masks: said why', async () => {
    const push = renderWithCaptureOnItsWay();
    expect(await screen.findByText(t('screenshotPending'))).toBeTruthy();
    push({ type: 'capture/changed', capture: null, missing: 'page-moved' });
    expect(await screen.findByText(t('sidebarScreenshotPageMoved'))).toBeTruthy();
    expect(screen.queryByText(t('sidebarScreenshotMissing'))).toBeNull();
  });

  test('help asked from beside an error: Help first, with its article; a reconstructed capture says so and is replaced by the next browser capture', async () => {
    const reconstructed = { ...STATE.capture!, reconstructed: true as const };
    const fake = connector(Promise.resolve({ ...STATE, capture: reconstructed, helpFor: 'Identifiant ou mot de passe incorrect.' }));
    let push: ((change: SidebarPortMessage) => void) | undefined;
    fake.watchTab = (onChange) => ((push = onChange), () => undefined);
    render(App, { sendGate: userSendGate(), connector: fake });
    expect(await screen.findByTestId('screenshot-reconstructed')).toBeTruthy();
    expect(screen.getByTestId('tab-help').getAttribute('aria-selected')).toBe('true');
    await thumbnailLoads();
    await waitFor(() => expect(screen.getAllByTestId('help-entry')[0]?.dataset['entry']).toBe('login'));
    const retake = screen.getByTestId('screenshot-retake-with-icon');
    expect(retake.getAttribute('aria-expanded')).toBe('false');
    retake.click();
    await waitFor(() => expect(retake.getAttribute('aria-expanded')).toBe('true'));
    expect(document.getElementById('screenshot-icon-hint')?.hidden).toBe(false);
    push!({ type: 'capture/changed', capture: { dataUrl: STATE.capture!.dataUrl, capturedAt: STATE.capture!.capturedAt + 1 } });
    await waitFor(() => expect(screen.queryByTestId('screenshot-reconstructed')).toBeNull());
    push!({ type: 'help/for', error: "Erreur : le destinataire n'est pas actif pour le SIRET 11000201100044. Dépôt impossible." });
    await waitFor(() => expect(screen.getAllByTestId('help-entry')[0]?.dataset['entry']).toBe('recipient-not-active'));
  });

  test('says so when the page facts cannot be loaded', async () => {
    render(App, { sendGate: userSendGate(), connector: connector(Promise.reject(new Error('no background'))) });
    expect((await screen.findByRole('alert')).textContent).toBe(t('sidebarLoadFailed'));
  });

  test('focuses its heading; the close button and Escape close it', async () => {
    const fake = connector(Promise.resolve(STATE));
    performance.clearMarks(SIDEBAR_INTERACTIVE_MARK);
    render(App, { sendGate: userSendGate(), connector: fake });
    const heading = screen.getByRole('heading', { level: 1 });
    expect(document.activeElement).toBe(heading);
    // Left on the frame's own timeline for the benchmark, once the heading is there and focused.
    expect(performance.getEntriesByName(SIDEBAR_INTERACTIVE_MARK)).toHaveLength(1);
    await fireEvent.click(screen.getByRole('button', { name: t('sidebarClose') }));
    // Once the click has been handled to the end (frames drawn), not within it.
    expect(fake.close).not.toHaveBeenCalled();
    await waitFor(() => expect(fake.close).toHaveBeenCalledTimes(1));
    await fireEvent.keyDown(window, { key: 'Escape' });
    // It closes once the key is released, so the whole key press reaches the sidebar first.
    expect(fake.close).toHaveBeenCalledTimes(1);
    await fireEvent.keyUp(window, { key: 'Escape' });
    await waitFor(() => expect(fake.close).toHaveBeenCalledTimes(2));
  });

  test('Escape that closes an open dialog does not also close the sidebar', async () => {
    const fake = connector(Promise.resolve(STATE));
    render(App, { sendGate: userSendGate(), connector: fake });
    await screen.findByTestId('screenshot-thumbnail');
    const dialog = screen.getByTestId('screenshot-dialog') as HTMLDialogElement;
    dialog.setAttribute('open', '');
    await fireEvent.keyDown(window, { key: 'Escape' });
    dialog.removeAttribute('open');
    await fireEvent.keyUp(window, { key: 'Escape' });
    expect(fake.close).not.toHaveBeenCalled();
  });
});
