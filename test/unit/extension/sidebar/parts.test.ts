import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { afterEach, describe, expect, test, vi } from 'vitest';
import App from '../../../../extension/sidebar/App.svelte';
import { RequestNotStoredError } from '../../../../extension/sidebar/connector';
import { parseSupportRequest } from '../../../../src/report/request';
import { EMPTY_PROFILE } from '../../../../src/report/prefill';
import { createSendGate, SEND_SETTLE_MS } from '../../../../src/report/send-confirmation';
import { translatorFor } from '../../../support/i18n';
import { ERROR, fakeConnector, invoiceErrorState, thumbnailLoads, userSendGate } from './fixtures';

vi.mock('../../../../extension/shared/native-runtime', async () => (await import('./mock-browser')).frenchBrowser());

afterEach(cleanup);
const t = translatorFor('fr');

async function openApp(connector = fakeConnector(invoiceErrorState()), sendGate = userSendGate()) {
  render(App, { sendGate, connector });
  await screen.findByRole('tablist');
  return connector;
}

async function openRequest(connector = fakeConnector(invoiceErrorState()), sendGate = userSendGate()) {
  await openApp(connector, sendGate);
  await fireEvent.click(screen.getByRole('tab', { name: t('sidebarTabRequest') }));
  await screen.findByRole('heading', { name: t('requestHeading') });
  return connector;
}

describe('tabs', () => {
  test('three parts, help first; arrow keys, Home and End move between them', async () => {
    await openApp();
    const tabs = screen.getAllByRole('tab');
    expect(tabs.map((tab) => tab.textContent)).toEqual([t('sidebarTabHelp'), t('sidebarTabRequest'), t('sidebarTabHistory')]);
    expect(tabs[0]!.getAttribute('aria-selected')).toBe('true');
    expect(tabs.map((tab) => tab.tabIndex)).toEqual([0, -1, -1]);
    await fireEvent.keyDown(tabs[0]!, { key: 'ArrowRight' });
    await waitFor(() => expect(document.activeElement).toBe(tabs[1]));
    expect(tabs[1]!.getAttribute('aria-selected')).toBe('true');
    expect(screen.getByTestId('panel-help').hidden).toBe(true);
    expect(screen.getByTestId('panel-request').hidden).toBe(false);
    await fireEvent.keyDown(tabs[1]!, { key: 'End' });
    await waitFor(() => expect(document.activeElement).toBe(tabs[2]));
    await fireEvent.keyDown(tabs[2]!, { key: 'ArrowRight' });
    await waitFor(() => expect(document.activeElement).toBe(tabs[0]));
    await fireEvent.keyDown(tabs[0]!, { key: 'ArrowLeft' });
    await waitFor(() => expect(document.activeElement).toBe(tabs[2]));
  });
});

describe('help', () => {
  test('answers for the error shown, searchable live, with summary and steps', async () => {
    await openApp();
    await thumbnailLoads();
    const entries = await screen.findAllByTestId('help-entry');
    expect(entries.length).toBeGreaterThan(0);
    expect(entries[0]!.getAttribute('data-entry')).toBe('recipient-not-active');
    expect(entries[0]!.querySelector('ol li')).not.toBeNull();
    await fireEvent.input(screen.getByLabelText(t('helpSearchLabel')), { target: { value: 'mot de passe oublié' } });
    await waitFor(() => expect(screen.getAllByTestId('help-entry').map((entry) => entry.getAttribute('data-entry'))).toContain('forgotten-password'));
  });

  test('ClaudIA tips and the LiveChat status in words', async () => {
    await openApp();
    expect(screen.getByText(t('claudiaTipSentences'))).toBeTruthy();
    expect(screen.getByText(t('claudiaTipShort'))).toBeTruthy();
    expect(screen.getByTestId('livechat-status').textContent).toMatch(/^(Ouvert jusqu'à|Ouvre|Fermé)/);
  });

  test('the LiveChat status follows the clock', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
    try {
      vi.setSystemTime(new Date('2026-11-27T09:00:00Z')); // a Friday, 10:00 in Paris
      await openApp();
      expect(screen.getByTestId('livechat-status').textContent).toContain('Ouvert jusqu');
      vi.setSystemTime(new Date('2026-11-27T18:00:00Z')); // 19:00 in Paris
      await vi.advanceTimersByTimeAsync(60_000);
      await waitFor(() => expect(screen.getByTestId('livechat-status').textContent).toContain('Ouvre lundi à 8:30'));
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('history', () => {
  test('an empty state, then the list from the connector', async () => {
    await openApp();
    await fireEvent.click(screen.getByRole('tab', { name: t('sidebarTabHistory') }));
    expect((await screen.findByTestId('history-empty')).textContent).toBe(t('historyEmpty'));
    cleanup();
    await openApp(
      fakeConnector(invoiceErrorState(), undefined, [
        { id: 'a', sentAt: Date.UTC(2026, 10, 27, 14), reference: 'CP-2026-0001', channel: 'backend', route: 'support', status: 'sent', title: 'Facture F2026-0042' },
      ]),
    );
    await fireEvent.click(screen.getByRole('tab', { name: t('sidebarTabHistory') }));
    const entry = await screen.findByTestId('history-entry');
    expect(entry.textContent).toContain('Facture F2026-0042');
    expect(entry.textContent).toContain('CP-2026-0001');
    expect(entry.textContent).toContain(t('historyStatusSent'));
  });

  test('a request still waiting shows its state and why, in words; "Retry now" shows the list afterwards', async () => {
    const waiting = { id: 'w', sentAt: Date.UTC(2026, 10, 27, 15), channel: 'backend' as const, route: 'support', title: 'En attente' };
    const connector = fakeConnector(invoiceErrorState(), undefined, [
      { ...waiting, status: 'queued', error: { kind: 'server', status: 503 } },
      { ...waiting, id: 'f', status: 'failed', error: { kind: 'auth', status: 401 } },
    ]);
    const retried = vi.fn(async () => [{ ...waiting, status: 'received', reference: 'CPH-2026-000001' }]);
    connector.retryWaiting = retried;
    await openApp(connector);
    await fireEvent.click(screen.getByRole('tab', { name: t('sidebarTabHistory') }));
    const [queued, failed] = await screen.findAllByTestId('history-entry');
    expect(within(queued!).getByTestId('history-status').textContent).toContain(t('historyStatusQueued'));
    expect(within(queued!).getByTestId('history-reason').textContent).toBe(t('historyReasonStatus', [t('deliveryError_server'), '503']));
    expect(within(failed!).getByTestId('history-status').textContent).toContain(t('historyStatusFailed'));
    expect(within(failed!).getByTestId('history-reason').textContent).toBe(t('historyReasonStatus', [t('deliveryError_auth'), '401']));

    await fireEvent.click(screen.getByRole('button', { name: t('historyRetryNow') }));
    expect(retried).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(screen.getByTestId('history-status').textContent).toContain(t('historyStatusReceived')));
    expect(screen.getByTestId('history-entry').textContent).toContain('CPH-2026-000001');
    expect(screen.queryByTestId('history-reason')).toBeNull();
    expect(screen.queryByRole('button', { name: t('historyRetryNow') })).toBeNull();
  });
});

describe('request', () => {
  test('pre-filled from the page, the error and the profile, with the route and the screenshot attached', async () => {
    await openRequest(fakeConnector(invoiceErrorState(), { name: '', connectionId: '', phone: '01 23 45 67 89', email: 'jean@exemple.fr', siret: '', issuer: 'Dupont SARL' }));
    expect((screen.getByLabelText(/^Catégorie/) as HTMLSelectElement).value).toBe('facturation');
    expect((screen.getByLabelText(/^Sous-catégorie/) as HTMLSelectElement).value).toBe('destinataire-introuvable');
    expect(screen.getByTestId('request-route').textContent).toContain(t('requestRouteSupport'));
    expect(screen.getByTestId('request-suggestion').textContent).toContain("« destinataire n'est pas actif »");
    expect((screen.getByLabelText(/^Numéro de facture/) as HTMLInputElement).value).toBe('F2026-0042');
    expect((screen.getByLabelText(/^Identifiant de connexion/) as HTMLInputElement).value).toBe('jdupont-4821');
    expect((screen.getByLabelText(/^Émetteur/) as HTMLInputElement).value).toBe('Dupont SARL');
    expect((screen.getByLabelText(/^Description/) as HTMLTextAreaElement).value).toContain(ERROR);
    const attachment = await screen.findByTestId('attachment');
    expect(attachment.getAttribute('data-name')).toBe('capture-2026-11-27-1430.png');
    expect(screen.getByTestId('preview-description').textContent).toContain('Identifiant de connexion : jdupont-4821');
  });

  test('changing the sub-category changes the route shown', async () => {
    await openRequest();
    await fireEvent.change(screen.getByLabelText(/^Catégorie/), { target: { value: 'suivi-de-facture' } });
    await fireEvent.change(screen.getByLabelText(/^Sous-catégorie/), { target: { value: 'paiement' } });
    expect(screen.getByTestId('request-route').textContent).toContain(t('requestRouteClient'));
  });

  test('errors at the field on blur, in French, announced', async () => {
    await openRequest();
    const siret = screen.getByLabelText(/^SIRET de votre/) as HTMLInputElement;
    await fireEvent.input(siret, { target: { value: '123' } });
    await fireEvent.blur(siret);
    expect(siret.getAttribute('aria-invalid')).toBe('true');
    const describedBy = siret.getAttribute('aria-describedby')!.split(' ');
    expect(describedBy.map((id) => document.getElementById(id)?.textContent)).toContain(t('problemSiretFormat'));
    expect(screen.getByTestId('request-summary').textContent).toBe(t('requestProblemsSummary', [t('requestFieldSiret')]));
    await fireEvent.input(siret, { target: { value: '73282932000075' } });
    expect(screen.getByText(t('problemSiretChecksum'))).toBeTruthy();
    await fireEvent.input(siret, { target: { value: '732 829 320 00074' } });
    expect(siret.getAttribute('aria-invalid')).toBeNull();
    const phone = screen.getByLabelText(/^Téléphone/) as HTMLInputElement;
    await fireEvent.input(phone, { target: { value: '01 23' } });
    await fireEvent.blur(phone);
    expect(screen.getByText(t('problemPhoneFormat'))).toBeTruthy();
  });

  test('sending with problems focuses the first invalid field; without an account SIRET is required', async () => {
    const connector = await openRequest(fakeConnector(invoiceErrorState(false)));
    await fireEvent.click(screen.getByTestId('send-backend'));
    await waitFor(() => expect(document.activeElement?.id).toBe('request-name'));
    const summary = screen.getByTestId('request-summary').textContent!;
    for (const key of ['requestFieldName', 'requestFieldPhone', 'requestFieldEmail', 'requestFieldSiret']) expect(summary).toContain(t(key));
    expect(connector.sendToBackend).not.toHaveBeenCalled();
  });

  test('a complete request goes to the connector as parseSupportRequest accepts it; "not configured" is said, not faked', async () => {
    const connector = await openRequest(fakeConnector(invoiceErrorState(), { name: '', connectionId: '', phone: '', email: 'jean@exemple.fr', siret: '', issuer: '' }));
    await screen.findByTestId('attachment');
    expect(screen.getByTestId('preview-state').textContent).toBe(t('requestPreviewValid'));
    await fireEvent.click(screen.getByTestId('send-portal'));
    await waitFor(() => expect(connector.sendToPortal).toHaveBeenCalledTimes(1));
    const [request, files] = connector.sendToPortal.mock.calls[0]! as [unknown, File[]];
    expect(parseSupportRequest(request).ok).toBe(true);
    expect(files.map((file) => file.name)).toEqual(['capture-2026-11-27-1430.png']);
    expect((await screen.findByTestId('send-outcome')).textContent).toBe(t('requestNotConfiguredPortal'));
    expect(screen.getByRole('alert').textContent).toBe(t('requestNotConfiguredPortal'));
  });

  test('a request that cannot go yet is kept, and the sidebar says why in plain words', async () => {
    const connector = fakeConnector(invoiceErrorState(), { name: '', connectionId: '', phone: '', email: 'jean@exemple.fr', siret: '', issuer: '' });
    connector.sendToBackend.mockResolvedValue({ state: 'queued', error: { kind: 'offline' } });
    await openRequest(connector);
    await fireEvent.click(screen.getByTestId('send-backend'));
    expect((await screen.findByTestId('send-outcome')).textContent).toBe(t('requestQueued', [t('deliveryError_offline')]));
  });

  test('storage full on Send: said in plain words, nothing sent, what was typed still in the form; Send works once space is free', async () => {
    const connector = fakeConnector(invoiceErrorState(), { name: '', connectionId: '', phone: '', email: 'jean@exemple.fr', siret: '', issuer: '' });
    connector.sendToBackend.mockRejectedValueOnce(new RequestNotStoredError('quota')).mockResolvedValueOnce({ state: 'delivered', reference: 'CP-43' });
    await openRequest(connector);
    const title = document.getElementById('request-title') as HTMLInputElement;
    await fireEvent.input(title, { target: { value: 'Facture bloquée, disque plein' } });
    await fireEvent.click(screen.getByTestId('send-backend'));
    expect((await screen.findByTestId('send-outcome')).textContent).toBe(t('requestNotStored_quota'));
    expect(screen.getByRole('alert').textContent).toBe(t('requestNotStored_quota'));
    expect(title.value).toBe('Facture bloquée, disque plein');

    await fireEvent.click(screen.getByTestId('send-backend'));
    await waitFor(() => expect(screen.getByTestId('send-outcome').textContent).toBe(t('requestSentBackend', ['CP-43'])));
    expect((connector.sendToBackend.mock.calls[1]![0] as { title: string }).title).toBe('Facture bloquée, disque plein');
  });

  test('a Send without trusted input asks first, in the sidebar; nothing goes until a second, deliberate press', async () => {
    const connector = fakeConnector(invoiceErrorState(), { ...EMPTY_PROFILE, email: 'jean@exemple.fr' });
    connector.sendToBackend.mockResolvedValue({ state: 'delivered', reference: 'CP-44' });
    // The product's own trust: the testing library's events are untrusted, as a script's would be.
    await openRequest(connector, createSendGate({ target: window, now: () => performance.now(), openedAt: performance.now() - SEND_SETTLE_MS }));
    const sendButton = screen.getByTestId('send-backend');
    sendButton.focus();
    await fireEvent.click(sendButton);
    const confirmation = await screen.findByRole('alertdialog', { name: t('requestConfirmHeading') });
    expect(confirmation.textContent).toContain(t('requestConfirmBackend'));
    expect(document.activeElement).toBe(confirmation);
    const confirm = screen.getByTestId('send-confirm') as HTMLButtonElement;
    expect(confirm.disabled).toBe(true);
    await fireEvent.click(sendButton);
    expect(connector.sendToBackend).not.toHaveBeenCalled();

    // Escape cancels here and gives the focus back, without closing the sidebar.
    await fireEvent.keyDown(confirmation, { key: 'Escape' });
    await fireEvent.keyUp(confirmation, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByTestId('send-confirmation')).toBeNull());
    expect(document.activeElement).toBe(sendButton);
    expect(connector.close).not.toHaveBeenCalled();

    await fireEvent.click(sendButton);
    await waitFor(() => expect((screen.getByTestId('send-confirm') as HTMLButtonElement).disabled).toBe(false), { timeout: SEND_SETTLE_MS * 3 });
    expect(connector.sendToBackend).not.toHaveBeenCalled();
    await fireEvent.click(screen.getByTestId('send-confirm'));
    expect((await screen.findByTestId('send-outcome')).textContent).toBe(t('requestSentBackend', ['CP-44']));
    expect(connector.sendToBackend).toHaveBeenCalledTimes(1);
    expect(screen.queryByTestId('send-confirmation')).toBeNull();
  });

  test('a Send that would ask first on an incomplete form says what is missing instead, at the field', async () => {
    const connector = fakeConnector(invoiceErrorState(), EMPTY_PROFILE);
    await openRequest(connector, createSendGate({ target: window, now: () => performance.now() }));
    await fireEvent.click(screen.getByTestId('send-backend'));
    await waitFor(() => expect(document.activeElement?.id).toBe('request-email'));
    expect(screen.queryByTestId('send-confirmation')).toBeNull();
    expect(connector.sendToBackend).not.toHaveBeenCalled();
  });

  test('copies the whole request as text, for pasting into a form', async () => {
    const writeText = vi.fn(async (_text: string) => undefined);
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText } });
    const connector = fakeConnector(invoiceErrorState(), { name: '', connectionId: '', phone: '', email: 'jean@exemple.fr', siret: '', issuer: '' });
    await openRequest(connector);
    await fireEvent.click(screen.getByTestId('copy-everything'));
    await waitFor(() => expect(screen.getByTestId('copy-status').textContent).toBe(t('requestCopied')));
    expect(writeText.mock.calls[0]?.[0]).toContain('F2026-0042');
  });

  test('a success shows the reference', async () => {
    const connector = fakeConnector(invoiceErrorState(), { name: '', connectionId: '', phone: '', email: 'jean@exemple.fr', siret: '', issuer: '' });
    connector.sendToBackend.mockResolvedValue({ state: 'delivered', reference: 'CP-42' });
    await openRequest(connector);
    await fireEvent.click(screen.getByTestId('send-backend'));
    expect((await screen.findByTestId('send-outcome')).textContent).toBe(t('requestSentBackend', ['CP-42']));
  });

  test('removing a captured item removes it from the request; the preview removes too', async () => {
    await openApp();
    await thumbnailLoads();
    const errorItem = (await screen.findAllByTestId('captured-item')).find((item) => item.getAttribute('data-item') === 'errors:0')!;
    await fireEvent.click(within(errorItem).getByRole('button'));
    await fireEvent.click(screen.getByRole('tab', { name: t('sidebarTabRequest') }));
    await screen.findByTestId('preview');
    expect(screen.queryAllByTestId('preview-error')).toEqual([]);
    expect(screen.getByTestId('preview-description').textContent).not.toContain(t('requestTextErrors'));
    const step = screen.getAllByTestId('preview-step')[0]!;
    await fireEvent.click(within(step).getByRole('button'));
    expect(screen.queryAllByTestId('preview-step')).toEqual([]);
    expect(screen.getAllByTestId('captured-item').some((item) => item.getAttribute('data-item') === 'path:0')).toBe(false);
  });

  test('attachments: added through the picker (renamed to the rules), refused with a reason, removed, total shown', async () => {
    await openRequest();
    await screen.findByTestId('attachment');
    const input = screen.getByTestId('attachment-input') as HTMLInputElement;
    const pdf = new File(['%PDF-1.4'], 'Relevé été 2026.pdf', { type: 'application/pdf' });
    const exe = new File(['MZ'], 'outil.exe', { type: 'application/x-msdownload' });
    Object.defineProperty(input, 'files', { value: [pdf, exe], configurable: true });
    await fireEvent.change(input);
    await waitFor(() => expect(screen.getAllByTestId('attachment').map((item) => item.getAttribute('data-name'))).toEqual(['capture-2026-11-27-1430.png', 'Releve_ete_2026.pdf']));
    expect(screen.getByText(t('requestAttachmentRenamed', ['Relevé été 2026.pdf']))).toBeTruthy();
    expect(screen.getByTestId('attachments-status').textContent).toContain(t('requestAttachmentRefused', ['outil.exe', t('problemFileExtension')]));
    expect(screen.getByTestId('attachments-total').textContent).toMatch(/^Fichiers : 2 — /);
    await fireEvent.click(screen.getByRole('button', { name: t('requestAttachmentRemove', ['Releve_ete_2026.pdf']) }));
    expect(screen.getAllByTestId('attachment')).toHaveLength(1);
  });

  test('a pasted image is attached', async () => {
    await openRequest();
    await screen.findByTestId('attachment');
    const image = new File([new Uint8Array([137, 80, 78, 71])], 'image.png', { type: 'image/png' });
    const paste = new Event('paste', { bubbles: true, cancelable: true }) as ClipboardEvent;
    Object.defineProperty(paste, 'clipboardData', { value: { files: [image] } });
    screen.getByLabelText(/^Titre/).dispatchEvent(paste);
    await waitFor(() => expect(screen.getAllByTestId('attachment')).toHaveLength(2));
    expect(paste.defaultPrevented).toBe(true);
  });
});

describe('screenshot buttons', () => {
  const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
  const part = (n: number) => ({ dataUrl: PNG, name: `capture-page-2026-11-27-1430-${n}.png`, width: 1, height: 1 });
  const names = () => screen.getAllByTestId('screenshot-item').map((item) => item.dataset['name']);

  test('"Page entière": the parts replace the visible capture, in the list and in the request files', async () => {
    const connector = fakeConnector(invoiceErrorState());
    connector.captureWholePage.mockResolvedValue({ status: 'done', capturedAt: 5, images: [part(1), part(2), part(3)], engine: 'svg', notDrawn: [] });
    await openApp(connector);
    expect(names()).toEqual(['capture-2026-11-27-1430.png']);
    await fireEvent.click(screen.getByRole('button', { name: t('screenshotWholePage') }));
    await waitFor(() => expect(screen.getByTestId('screenshot-status').textContent).toBe(t('screenshotPageDone', ['3'])));
    expect(connector.captureWholePage).toHaveBeenCalledWith(false);
    expect(names()).toEqual([1, 2, 3].map((n) => `capture-page-2026-11-27-1430-${n}.png`));
    expect(screen.getByTestId('screenshot-engine').textContent!.trim()).toBe(t('screenshotDrawnSvg'));
    await fireEvent.click(screen.getByRole('tab', { name: t('sidebarTabRequest') }));
    await waitFor(() => expect(screen.getAllByTestId('attachment').map((item) => item.dataset['name'])).toEqual(names()));
  });

  test('"Recapturer (mode compatibilité)": the whole page drawn by html2canvas, said, with what the image may lack', async () => {
    const connector = fakeConnector(invoiceErrorState());
    connector.captureWholePage.mockResolvedValue({ status: 'done', capturedAt: 5, images: [part(1)], engine: 'html2canvas', notDrawn: ['frame', 'other-site-pictures'] });
    await openApp(connector);
    await fireEvent.click(screen.getByRole('button', { name: t('screenshotCompat') }));
    await waitFor(() => expect(screen.getByTestId('screenshot-status').textContent).toBe(t('screenshotPageDone', ['1'])));
    expect(connector.captureWholePage).toHaveBeenCalledWith(true);
    const label = screen.getByTestId('screenshot-engine');
    expect(label.dataset['engine']).toBe('html2canvas');
    expect(label.textContent!.replace(/\s+/g, ' ').trim()).toBe(
      `${t('screenshotDrawnHtml2canvas')} ${t('screenshotNotDrawn', [`${t('screenshotNotDrawn_frame')}, ${t('screenshotNotDrawn_otherSitePictures')}`])}`,
    );
  });

  test('a failed or cancelled capture keeps the screenshot there was, and says why', async () => {
    const connector = fakeConnector(invoiceErrorState());
    connector.captureWholePage.mockResolvedValue({ status: 'failed', reason: 'too-large', message: '12 images' });
    connector.retakeScreenshot.mockResolvedValue({ status: 'failed', reason: 'failed', message: 'no access' });
    await openApp(connector);
    await fireEvent.click(screen.getByRole('button', { name: t('screenshotWholePage') }));
    await waitFor(() => expect(screen.getByTestId('screenshot-status').textContent).toBe(t('screenshotPageTooLarge')));
    expect(names()).toEqual(['capture-2026-11-27-1430.png']);
    await fireEvent.click(screen.getByRole('button', { name: t('screenshotRetake') }));
    await waitFor(() => expect(screen.getByTestId('screenshot-status').textContent).toBe(t('screenshotRetakeFailed')));
    expect(names()).toEqual(['capture-2026-11-27-1430.png']);
  });

  test('"Reprendre": the new visible capture replaces the old one', async () => {
    const connector = fakeConnector(invoiceErrorState());
    connector.retakeScreenshot.mockResolvedValue({ status: 'done', capturedAt: 9, images: [{ ...part(1), name: 'capture-2026-11-27-1431.png' }] });
    await openApp(connector);
    await fireEvent.click(screen.getByRole('button', { name: t('screenshotRetake') }));
    await waitFor(() => expect(names()).toEqual(['capture-2026-11-27-1431.png']));
    expect(screen.getByTestId('screenshot-status').textContent).toBe(t('screenshotRetakeDone'));
  });
});
