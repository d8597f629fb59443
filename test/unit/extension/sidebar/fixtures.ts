// Shared by the sidebar's component tests: a loaded state from the invoice error page, and a fake connector.
import { fireEvent, screen, waitFor } from '@testing-library/svelte';
import { vi } from 'vitest';
import type { SidebarConnector } from '../../../../extension/sidebar/connector';
import type { ScreenshotOutcome } from '../../../../src/capture/screenshot';
import type { SidebarState } from '../../../../src/context/sidebar-state';
import type { DraftSave, DraftSaveOutcome } from '../../../../src/report/draft';
import { EMPTY_PROFILE, type Profile } from '../../../../src/report/prefill';
import { createSendGate, SEND_SETTLE_MS, type SendGate } from '../../../../src/report/send-confirmation';
// The help panel imports its search on demand, a few frames after it shows. Loaded here first,
// so that a test ending before then leaves no module load running once its environment is gone
// (an unhandled error of the whole run, seen in CI).
import '../../../../src/help/search';

export const ERROR = "Erreur : le destinataire n'est pas actif pour le SIRET 11000201100044. Dépôt impossible. (code DP_ERR_042)";

// A 1×1 PNG.
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

export function invoiceErrorState(loggedIn = true): SidebarState {
  return {
    tabId: 7,
    page: { url: 'https://chorus-pro.gouv.fr/cpp/facture?numero=F2026-0042', title: 'Facture F2026-0042 - Chorus Pro' },
    capture: { dataUrl: `data:image/png;base64,${PNG}`, capturedAt: Date.UTC(2026, 10, 27, 13, 30) },
    capturePending: false,
    reading: {
      facts: {
        generation: 'classic',
        section: ['Factures émises', 'Rechercher'],
        title: 'Facture F2026-0042',
        heading: 'Facture F2026-0042',
        portalVersion: 'V2.0.1 - R13',
        user: loggedIn ? { name: 'Jean Dupont', connectionId: 'jdupont-4821' } : null,
        errors: [{ text: ERROR, kind: 'alert' }],
        invoiceNumbers: ['F2026-0042'],
        sirets: [],
        references: [],
      },
      viewport: { width: 1280, height: 800 },
      screen: { width: 1920, height: 1080 },
      devicePixelRatio: 1,
    },
    trail: [{ kind: 'page', at: 1, title: 'Factures émises', path: '/cpp/factures-emises', section: ['Factures émises'] }] as SidebarState['trail'],
    diagnostics: [],
    browser: { name: 'Firefox', version: '153.8.0', os: 'Linux', architecture: 'x86-64' },
    environment: { uiLanguage: 'fr-FR', timeZone: 'Europe/Paris', extensionVersion: '0.1.0', zoomPercent: 100 },
  };
}

export type FakeConnector = SidebarConnector & {
  close: ReturnType<typeof vi.fn>;
  sendToPortal: ReturnType<typeof vi.fn>;
  sendToBackend: ReturnType<typeof vi.fn>;
  captureWholePage: ReturnType<typeof vi.fn>;
  retakeScreenshot: ReturnType<typeof vi.fn>;
  cancelCapture: ReturnType<typeof vi.fn>;
  refreshHistory: ReturnType<typeof vi.fn>;
  exportHistory: ReturnType<typeof vi.fn>;
  eraseHistory: ReturnType<typeof vi.fn>;
  saveDraft: ReturnType<typeof vi.fn>;
  latestDraft: ReturnType<typeof vi.fn>;
  openDraft: ReturnType<typeof vi.fn>;
  discardDraft: ReturnType<typeof vi.fn>;
  drafts: ReturnType<typeof vi.fn>;
  checkCompatibility: ReturnType<typeof vi.fn>;
};

export function fakeConnector(state: SidebarState, profile: Profile = EMPTY_PROFILE, history: Awaited<ReturnType<SidebarConnector['history']>> = []): FakeConnector {
  return {
    load: async () => state,
    close: vi.fn(async () => undefined),
    watchTab: () => () => undefined,
    loadProfile: async () => profile,
    history: async () => history,
    retryWaiting: async () => history,
    sendToPortal: vi.fn(() => Promise.reject(new Error('the portal channel is not configured'))),
    sendToBackend: vi.fn(() => Promise.reject(new Error('the backend channel is not configured'))),
    captureWholePage: vi.fn((): Promise<Awaited<ReturnType<SidebarConnector['captureWholePage']>>> => Promise.resolve({ status: 'failed', reason: 'failed', message: 'not set up in this test' })),
    captureProgress: async () => null,
    cancelCapture: vi.fn(async () => true),
    retakeScreenshot: vi.fn((): Promise<ScreenshotOutcome> => Promise.resolve({ status: 'failed', reason: 'failed', message: 'not set up in this test' })),
    refreshHistory: vi.fn(async () => history),
    exportHistory: vi.fn(async () => ({ fileName: 'demandes-chorus-pro-2026-11-27.json', json: '{"requests":[]}' })),
    eraseHistory: vi.fn(async () => []),
    saveDraft: vi.fn(async (draft: DraftSave): Promise<DraftSaveOutcome> => ({ status: 'saved', savedAt: Date.now(), attachmentIds: draft.files.map((file, index) => ('attachmentId' in file ? file.attachmentId : `file-${index}`)) })),
    latestDraft: vi.fn(async () => null),
    openDraft: vi.fn(async () => null),
    discardDraft: vi.fn(async () => undefined),
    drafts: vi.fn(async () => []),
    checkCompatibility: vi.fn(async () => null),
  };
}

/**
 * The send gate as a person leaves it who opened the sidebar more than a moment ago and uses it:
 * the rule is the product's, only the trust is the test's — the testing library's events are
 * untrusted, the real browser's (end-to-end tests) are not.
 */
export function userSendGate(): SendGate {
  return createSendGate({ target: window, now: () => performance.now(), openedAt: performance.now() - SEND_SETTLE_MS, trusted: () => true });
}

/** The thumbnail's image, once there (its object URL is made after the preview first renders). */
export function thumbnailImage(): Promise<HTMLImageElement> {
  return waitFor(() => {
    const shown = screen.getByTestId('screenshot-thumbnail').querySelector('img');
    if (!shown) throw new Error('no thumbnail image yet');
    return shown;
  });
}

/**
 * The click's thumbnail loads, as a browser loads it once its file is made (the test DOM loads no
 * image from a blob: address, and decodes at once): what waits for it to be on screen starts then.
 */
export async function thumbnailLoads(): Promise<void> {
  await fireEvent.load(await thumbnailImage());
}
