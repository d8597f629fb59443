import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import App from '../../../../extension/sidebar/App.svelte';
import type { SidebarPortMessage } from '../../../../src/protocol/sidebar-port';
import type { DraftOpened, DraftSave } from '../../../../src/report/draft';
import { EMPTY_PROFILE } from '../../../../src/report/prefill';
import { translatorFor } from '../../../support/i18n';
import { fakeConnector, invoiceErrorState, type FakeConnector, userSendGate } from './fixtures';

vi.mock('../../../../extension/shared/native-runtime', async () => (await import('./mock-browser')).frenchBrowser());

afterEach(cleanup);
// The request part is loaded when first shown; compiled here once, not within a test's time limit.
beforeAll(() => import('../../../../extension/sidebar/parts/RequestPanel.svelte'));
const t = translatorFor('fr');
const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
// The autosave waits 500 ms: give it room.
const SAVED = { timeout: 3000 };

function storedDraft(): DraftOpened {
  return {
    id: 'draft-7',
    incidentId: '7-1',
    updatedAt: Date.UTC(2026, 10, 27, 13, 45),
    form: {
      values: { category: 'facturation', subCategory: 'depot-facture', issuer: '', name: '', connectionId: '', phone: '', email: 'jean@exemple.fr', identifierType: 'siret', siret: '', invoiceNumber: 'F2026-0042', title: 'Mon brouillon', description: 'Écrit avant de fermer.' },
      removed: ['errors:0'],
      files: [{ name: 'releve.png', screenshot: false }],
    },
    files: [{ attachmentId: 'file-1', name: 'releve.png', type: 'image/png', dataUrl: PNG }],
    screenshotsNotKept: 0,
  };
}

async function openRequest(connector: FakeConnector) {
  render(App, { sendGate: userSendGate(), connector });
  await screen.findByRole('tablist');
  await fireEvent.click(screen.getByRole('tab', { name: t('sidebarTabRequest') }));
  await screen.findAllByTestId('attachment');
  return connector;
}

const titleField = () => screen.getByLabelText(/^Titre/) as HTMLInputElement;
const savedDrafts = (connector: FakeConnector) => connector.saveDraft.mock.calls.map(([draft]) => draft as DraftSave);

describe('the request saved as a draft', () => {
  test('a change is saved within 500 ms with the screenshot', async () => {
    const connector = await openRequest(fakeConnector(invoiceErrorState()));
    await fireEvent.input(titleField(), { target: { value: 'Titre à moi' } });
    await waitFor(() => expect(connector.saveDraft).toHaveBeenCalledTimes(1), SAVED);
    const [saved] = savedDrafts(connector);
    expect(saved!.form.values.title).toBe('Titre à moi');
    expect(saved!.form.files).toEqual([{ name: 'capture-2026-11-27-1430.png', screenshot: true }]);
    expect(saved!.files).toEqual([{ type: 'image/png', dataUrl: expect.stringMatching(/^data:image\/png;base64,/) }]);
    await waitFor(() => expect(screen.getByTestId('draft-status').textContent).toMatch(/^Brouillon enregistré à /));

    // The next change refers to the stored screenshot instead of sending it again.
    await fireEvent.input(titleField(), { target: { value: 'Titre à moi, suite' } });
    await waitFor(() => expect(connector.saveDraft).toHaveBeenCalledTimes(2), SAVED);
    expect(savedDrafts(connector)[1]!.files).toEqual([{ attachmentId: 'file-0' }]);
  });

  test('what is typed before the screenshot is attached is a change, saved like any other', async () => {
    const connector = fakeConnector(invoiceErrorState());
    render(App, { sendGate: userSendGate(), connector });
    await screen.findByRole('tablist');
    await fireEvent.click(screen.getByRole('tab', { name: t('sidebarTabRequest') }));
    await fireEvent.input(await screen.findByLabelText(/^Titre/), { target: { value: 'Tapé tout de suite' } });
    expect(screen.queryAllByTestId('attachment')).toEqual([]);
    await waitFor(() => expect(connector.saveDraft).toHaveBeenCalledTimes(1), SAVED);
    expect(savedDrafts(connector)[0]!.form.values.title).toBe('Tapé tout de suite');
    expect(savedDrafts(connector)[0]!.form.files).toEqual([{ name: 'capture-2026-11-27-1430.png', screenshot: true }]);
  });

  test('the pre-fill alone is not a draft: closing without a change saves nothing', async () => {
    const connector = await openRequest(fakeConnector(invoiceErrorState()));
    await fireEvent.click(screen.getByRole('button', { name: t('sidebarClose') }));
    await waitFor(() => expect(connector.close).toHaveBeenCalledTimes(1));
    expect(connector.saveDraft).not.toHaveBeenCalled();
  });

  test('closing the sidebar saves what was just typed first', async () => {
    const connector = await openRequest(fakeConnector(invoiceErrorState()));
    await fireEvent.input(titleField(), { target: { value: 'Tapé juste avant' } });
    await fireEvent.click(screen.getByRole('button', { name: t('sidebarClose') }));
    await waitFor(() => expect(connector.close).toHaveBeenCalledTimes(1));
    expect(savedDrafts(connector).map((draft) => draft.form.values.title)).toEqual(['Tapé juste avant']);
    expect(connector.saveDraft.mock.invocationCallOrder[0]).toBeLessThan(connector.close.mock.invocationCallOrder[0]!);
  });

  test('a save that fails says why and keeps what is typed; the next change saves it', async () => {
    const connector = fakeConnector(invoiceErrorState());
    connector.saveDraft.mockResolvedValueOnce({ status: 'failed', reason: 'quota' });
    await openRequest(connector);
    await fireEvent.input(titleField(), { target: { value: 'Rien ne se perd' } });
    expect((await screen.findByRole('alert', {}, SAVED)).textContent).toBe(t('draftSaveFailed_quota'));
    expect(titleField().value).toBe('Rien ne se perd');
    await fireEvent.input(titleField(), { target: { value: 'Rien ne se perd !' } });
    await waitFor(() => expect(screen.queryByTestId('draft-problem')).toBeNull(), SAVED);
    expect(savedDrafts(connector).map((draft) => draft.form.values.title)).toEqual(['Rien ne se perd', 'Rien ne se perd !']);
    // The failed save's file was sent again, not referred to.
    expect(savedDrafts(connector).every((draft) => 'dataUrl' in draft.files[0]!)).toBe(true);
  });

  test('Send saves the draft first and names it, so that the background deletes it once queued', async () => {
    const connector = fakeConnector(invoiceErrorState(), { ...EMPTY_PROFILE, email: 'jean@exemple.fr' });
    connector.sendToBackend.mockResolvedValue({ state: 'delivered', reference: 'CP-42' });
    await openRequest(connector);
    await fireEvent.input(titleField(), { target: { value: 'À envoyer' } });
    await fireEvent.click(screen.getByTestId('send-backend'));
    await waitFor(() => expect(connector.sendToBackend).toHaveBeenCalledTimes(1));
    const draftId = savedDrafts(connector)[0]!.id;
    expect(connector.sendToBackend.mock.calls[0]![2]).toBe(draftId);
    expect(connector.saveDraft.mock.invocationCallOrder[0]).toBeLessThan(connector.sendToBackend.mock.invocationCallOrder[0]!);

    // A change after sending is a new draft.
    await fireEvent.input(titleField(), { target: { value: 'Une autre demande' } });
    await waitFor(() => expect(connector.saveDraft).toHaveBeenCalledTimes(2), SAVED);
    expect(savedDrafts(connector)[1]!.id).not.toBe(draftId);
  });
});

describe("the tab's draft restored on opening", () => {
  test('opens on the request as it was left, says so, and "Discard draft" returns to a fresh pre-fill', async () => {
    const connector = fakeConnector(invoiceErrorState());
    connector.latestDraft.mockResolvedValue(storedDraft());
    render(App, { sendGate: userSendGate(), connector });
    await waitFor(() => expect(screen.getByRole('tab', { name: t('sidebarTabRequest') }).getAttribute('aria-selected')).toBe('true'));
    // The request part's code loads when it is first shown.
    expect(((await screen.findByLabelText(/^Titre/)) as HTMLInputElement).value).toBe('Mon brouillon');
    expect((screen.getByLabelText(/^Adresse électronique|^Courriel|^E-mail/) as HTMLInputElement).value).toBe('jean@exemple.fr');
    await waitFor(() => expect(screen.getAllByTestId('attachment').map((item) => item.getAttribute('data-name'))).toEqual(['releve.png']));
    expect(screen.getByTestId('draft-notice').textContent).toContain(t('draftRestored', ['27 nov. 2026, 14:45']));
    // The items removed in the draft stay removed.
    expect(screen.queryAllByTestId('preview-error')).toEqual([]);

    await fireEvent.click(within(screen.getByTestId('draft-notice')).getByRole('button', { name: t('draftDiscard') }));
    await waitFor(() => expect(connector.discardDraft).toHaveBeenCalledWith('draft-7'));
    await waitFor(() => expect(titleField().value).not.toBe('Mon brouillon'));
    expect(screen.queryByTestId('draft-notice')).toBeNull();
    await waitFor(() => expect(screen.getAllByTestId('attachment').map((item) => item.getAttribute('data-name'))).toEqual(['capture-2026-11-27-1430.png']));
    expect(screen.getAllByTestId('preview-error').length).toBeGreaterThan(0);
  });

  test('a screenshot that comes after the sidebar opened does not replace the draft’s files; without a draft it is attached', async () => {
    const state = invoiceErrorState();
    for (const withDraft of [true, false]) {
      const connector = fakeConnector({ ...state, capture: null, capturePending: true });
      let push!: (change: SidebarPortMessage) => void;
      connector.watchTab = (onChange) => ((push = onChange), () => undefined);
      if (withDraft) connector.latestDraft.mockResolvedValue(storedDraft());
      render(App, { sendGate: userSendGate(), connector });
      await screen.findByRole('tablist');
      await fireEvent.click(screen.getByRole('tab', { name: t('sidebarTabRequest') }));
      await waitFor(() => expect(push).toBeDefined());
      if (withDraft) await waitFor(() => expect(screen.getAllByTestId('attachment').map((item) => item.getAttribute('data-name'))).toEqual(['releve.png']));
      push({ type: 'capture/changed', capture: state.capture });
      await waitFor(() => expect(screen.getByTestId('screenshot-thumbnail')).toBeTruthy());
      if (!withDraft) {
        await waitFor(() => expect(screen.getAllByTestId('attachment').map((item) => item.getAttribute('data-name'))).toEqual(['capture-2026-11-27-1430.png']));
      } else {
        // What the draft carries once changed: its own file only, as before the screenshot came.
        await fireEvent.input(titleField(), { target: { value: 'Mon brouillon, repris' } });
        await waitFor(() => expect(connector.saveDraft).toHaveBeenCalledTimes(1), SAVED);
        expect(savedDrafts(connector)[0]).toMatchObject({ id: 'draft-7', files: [{ attachmentId: 'file-1' }] });
        expect(screen.getAllByTestId('attachment').map((item) => item.getAttribute('data-name'))).toEqual(['releve.png']);
      }
      cleanup();
    }
  });

  test('a draft whose screenshots were not kept says so, keeps its text and file, and takes this opening\'s screenshot', async () => {
    const connector = fakeConnector(invoiceErrorState());
    connector.latestDraft.mockResolvedValue({ ...storedDraft(), screenshotsNotKept: 1 });
    render(App, { sendGate: userSendGate(), connector });
    await waitFor(() => expect(titleField().value).toBe('Mon brouillon'));
    expect(screen.getByTestId('draft-screenshots-not-kept').textContent).toBe(t('draftScreenshotsNotKept'));
    await waitFor(() => expect(screen.getAllByTestId('attachment').map((item) => item.getAttribute('data-name'))).toEqual(['capture-2026-11-27-1430.png', 'releve.png']));
  });

  test('a draft with its screenshots kept shows no such notice', async () => {
    const connector = fakeConnector(invoiceErrorState());
    connector.latestDraft.mockResolvedValue(storedDraft());
    render(App, { sendGate: userSendGate(), connector });
    await waitFor(() => expect(titleField().value).toBe('Mon brouillon'));
    await waitFor(() => expect(screen.getAllByTestId('attachment').map((item) => item.getAttribute('data-name'))).toEqual(['releve.png']));
    expect(screen.queryByTestId('draft-screenshots-not-kept')).toBeNull();
  });

  test('a change to a restored draft is saved under its id, its stored file referred to', async () => {
    const connector = fakeConnector(invoiceErrorState());
    connector.latestDraft.mockResolvedValue(storedDraft());
    render(App, { sendGate: userSendGate(), connector });
    await waitFor(() => expect(titleField().value).toBe('Mon brouillon'));
    await screen.findAllByTestId('attachment');
    await fireEvent.input(titleField(), { target: { value: 'Mon brouillon, repris' } });
    await waitFor(() => expect(connector.saveDraft).toHaveBeenCalledTimes(1), SAVED);
    expect(savedDrafts(connector)[0]).toMatchObject({ id: 'draft-7', incidentId: '7-1', files: [{ attachmentId: 'file-1' }] });
  });
});
