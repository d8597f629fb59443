// The request controller on its own: no component is mounted — its state, checks and sending.
import { flushSync } from 'svelte';
import { SvelteSet } from 'svelte/reactivity';
import { afterEach, describe, expect, test, vi } from 'vitest';
import type { Screenshot } from '../../../../extension/sidebar/attachment-files';
import { RequestController } from '../../../../extension/sidebar/request-controller.svelte';
import { parseSupportRequest } from '../../../../src/report/request';
import type { Profile } from '../../../../src/report/prefill';
import type { SidebarState } from '../../../../src/context/sidebar-state';
import { translatorFor } from '../../../support/i18n';
import { fakeConnector, invoiceErrorState, type FakeConnector } from './fixtures';

vi.mock('../../../../extension/shared/native-runtime', async () => (await import('./mock-browser')).frenchBrowser());

const t = translatorFor('fr');
const PROFILE: Profile = { name: '', connectionId: '', phone: '', email: 'jean@exemple.fr', siret: '', issuer: '' };
const SHOT: Screenshot = { file: new File([new Uint8Array([137, 80, 78, 71])], 'capture-2026-11-27-1430.png', { type: 'image/png' }), capturedAt: 0 };

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

function controllerFor(state: SidebarState, connector: FakeConnector, screenshots: Screenshot[] = [SHOT]) {
  let controller!: RequestController;
  cleanup = $effect.root(() => {
    controller = new RequestController({
      sidebar: () => state,
      profile: PROFILE,
      removed: new SvelteSet<string>(),
      connector,
      t,
      formatTime: () => '14:30',
      screenshots: () => screenshots,
      screenshotPending: () => false,
      draft: null,
      timers: { setTimeout: (callback) => setTimeout(callback, 0), clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>) },
      newId: () => 'draft-1',
    });
  });
  flushSync();
  return controller;
}

describe('the request controller', () => {
  test('is pre-filled, and shows a field’s problem only once the field was left', () => {
    const controller = controllerFor(invoiceErrorState(), fakeConnector(invoiceErrorState()));
    expect(controller.fields).toMatchObject({ category: 'facturation', invoiceNumber: 'F2026-0042', email: 'jean@exemple.fr' });
    controller.fields.siret = '123';
    flushSync();
    expect(controller.problems.siret).toBe('siret.format');
    expect(controller.errorOf('siret')).toBeNull();
    expect(controller.summary).toBe('');
    controller.leave('siret');
    flushSync();
    expect(controller.errorOf('siret')).toBe(t('problemSiretFormat'));
    expect(controller.summary).toBe(t('requestProblemsSummary', [t('requestFieldSiret')]));
  });

  test('a new category keeps the sub-category only when it belongs to it; the route follows', () => {
    const controller = controllerFor(invoiceErrorState(), fakeConnector(invoiceErrorState()));
    controller.chooseCategory('suivi-de-facture');
    expect(controller.fields.subCategory).toBe('');
    controller.fields.subCategory = 'paiement';
    flushSync();
    expect(controller.route).toBe('client');
    expect(controller.suggestionKept).toBe(false);
  });

  test('Send with a problem names the first invalid field and sends nothing', async () => {
    const connector = fakeConnector(invoiceErrorState(false));
    const controller = controllerFor(invoiceErrorState(false), connector);
    expect(await controller.send('backend')).toBe('name');
    expect(controller.submitted).toBe(true);
    expect(connector.sendToBackend).not.toHaveBeenCalled();
  });

  test('a complete request is sent as parsed, with the screenshot, after its draft is saved; the outcome is in words', async () => {
    const connector = fakeConnector(invoiceErrorState());
    connector.sendToBackend.mockResolvedValue({ state: 'delivered', reference: 'CPH-2026-000001' });
    const controller = controllerFor(invoiceErrorState(), connector);
    await vi.waitFor(() => expect(controller.attachments.map((item) => item.name)).toEqual(['capture-2026-11-27-1430.png']));
    controller.fields.title = 'Dépôt refusé';
    flushSync();
    expect(await controller.send('backend')).toBeNull();
    const [request, files, draftId] = connector.sendToBackend.mock.calls[0]! as [unknown, File[], string];
    expect(parseSupportRequest(request)).toEqual({ ok: true, request });
    expect(files.map((file) => file.name)).toEqual(['capture-2026-11-27-1430.png']);
    expect(draftId).toBe('draft-1');
    expect(connector.saveDraft).toHaveBeenCalled();
    expect(controller.outcome).toEqual({ ok: true, text: t('requestSentBackend', ['CPH-2026-000001']) });
    expect(controller.sending).toBe(false);
  });

  test('copies the request as text, and says when the clipboard refuses', async () => {
    const controller = controllerFor(invoiceErrorState(), fakeConnector(invoiceErrorState()));
    const clipboard = { writeText: vi.fn(async (_text: string) => undefined) };
    await controller.copyEverything(clipboard);
    expect(clipboard.writeText.mock.calls[0]![0]).toContain('F2026-0042');
    expect(controller.copyStatus).toBe(t('requestCopied'));
    await controller.copyEverything({ writeText: () => Promise.reject(new Error('denied')) });
    expect(controller.copyStatus).toBe(t('requestCopyFailed'));
  });
});
