import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { afterEach, describe, expect, test, vi } from 'vitest';
import App from '../../../../extension/sidebar/App.svelte';
import type { HistorySummary } from '../../../../extension/sidebar/connector';
import { translatorFor } from '../../../support/i18n';
import { fakeConnector, invoiceErrorState, type FakeConnector, userSendGate } from './fixtures';

vi.mock('../../../../extension/shared/native-runtime', async () => (await import('./mock-browser')).frenchBrowser());

afterEach(cleanup);
const t = translatorFor('fr');

const SENT: HistorySummary = { id: 'a', sentAt: Date.UTC(2026, 10, 27, 14), reference: 'CPH-2026-000042', channel: 'backend', route: 'support', status: 'received', title: 'Facture F2026-0042' };
const WAITING: HistorySummary = { id: 'b', sentAt: Date.UTC(2026, 10, 27, 15), channel: 'backend', route: 'client', status: 'queued', title: 'En attente' };

async function openHistory(connector: FakeConnector) {
  render(App, { sendGate: userSendGate(), connector });
  await screen.findByRole('tablist');
  await fireEvent.click(screen.getByRole('tab', { name: t('sidebarTabHistory') }));
  await screen.findAllByTestId('history-entry');
  return connector;
}

describe('History', () => {
  test('each request with its date, channel, route, status and reference; statuses refreshed from the backend', async () => {
    const connector = fakeConnector(invoiceErrorState(), undefined, [WAITING, SENT]);
    connector.refreshHistory.mockResolvedValue([WAITING, { ...SENT, status: 'in_progress' }]);
    await openHistory(connector);
    await waitFor(() => expect(screen.getAllByTestId('history-status').map((status) => status.textContent)).toEqual([
      t('historyStatus', [t('historyStatusQueued')]),
      t('historyStatus', [t('historyStatusInProgress')]),
    ]));
    const sent = screen.getAllByTestId('history-entry')[1]!;
    expect(sent.textContent).toContain(t('historySentOn', ['27 nov. 2026, 15:00']));
    expect(sent.textContent).toContain(t('historyChannelBackend'));
    expect(sent.textContent).toContain(t('requestRouteSupport'));
    expect(sent.textContent).toContain(t('historyReference', ['CPH-2026-000042']));
    expect(connector.refreshHistory).toHaveBeenCalledTimes(1);

    // Shown again: asked again.
    await fireEvent.click(screen.getByRole('tab', { name: t('sidebarTabHelp') }));
    await fireEvent.click(screen.getByRole('tab', { name: t('sidebarTabHistory') }));
    await waitFor(() => expect(connector.refreshHistory).toHaveBeenCalledTimes(2));
  });

  test('a refresh that fails leaves the list as it was, without a word', async () => {
    const connector = fakeConnector(invoiceErrorState(), undefined, [SENT]);
    connector.refreshHistory.mockRejectedValue(new Error('offline'));
    await openHistory(connector);
    await waitFor(() => expect(connector.refreshHistory).toHaveBeenCalled());
    expect(screen.getByTestId('history-status').textContent).toBe(t('historyStatus', [t('historyStatusReceived')]));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  test('a request still waiting after 7 days is said so, with Retry now and Export at hand; one that is not stays quiet', async () => {
    const overdue: HistorySummary = { ...WAITING, id: 'c', status: 'failed', overdue: true, title: 'Depuis longtemps' };
    const connector = fakeConnector(invoiceErrorState(), undefined, [overdue, WAITING, SENT]);
    connector.refreshHistory.mockResolvedValue([overdue, WAITING, SENT]);
    await openHistory(connector);
    const [first, second] = screen.getAllByTestId('history-entry');
    expect(within(first!).getByTestId('history-overdue').textContent).toBe(t('historyOverdue'));
    expect(within(second!).queryByTestId('history-overdue')).toBeNull();
    expect(screen.getAllByTestId('history-overdue')).toHaveLength(1);
    expect(screen.getByTestId('history-retry')).toBeTruthy();
    expect(screen.getByTestId('history-export')).toBeTruthy();
  });

  test('copies a reference', async () => {
    const writeText = vi.fn(async (_text: string) => undefined);
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText } });
    await openHistory(fakeConnector(invoiceErrorState(), undefined, [SENT]));
    await fireEvent.click(screen.getByRole('button', { name: t('historyCopyReferenceLabel', ['CPH-2026-000042']) }));
    await waitFor(() => expect(writeText).toHaveBeenCalledWith('CPH-2026-000042'));
    expect(screen.getByTestId('history-status-message').textContent).toBe(t('historyReferenceCopied', ['CPH-2026-000042']));
  });

  test('exports everything as a JSON file through a link to a Blob', async () => {
    const blobs: Blob[] = [];
    const createObjectURL = vi.fn((blob: Blob) => (blobs.push(blob), 'blob:export'));
    Object.defineProperty(URL, 'createObjectURL', { configurable: true, value: createObjectURL });
    Object.defineProperty(URL, 'revokeObjectURL', { configurable: true, value: vi.fn() });
    const clicks: { download: string; href: string }[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicks.push({ download: this.download, href: this.getAttribute('href') ?? '' });
    });
    const connector = await openHistory(fakeConnector(invoiceErrorState(), undefined, [SENT]));
    await fireEvent.click(screen.getByRole('button', { name: t('historyExport') }));
    await waitFor(() => expect(clicks).toEqual([{ download: 'demandes-chorus-pro-2026-11-27.json', href: 'blob:export' }]));
    expect(connector.exportHistory).toHaveBeenCalledTimes(1);
    // The screenshot's thumbnails are object URLs too: the export is the JSON one.
    const exported = blobs.filter((blob) => blob.type === 'application/json');
    expect(exported).toHaveLength(1);
    expect(await exported[0]!.text()).toBe('{"requests":[]}');
    expect(screen.getByTestId('history-status-message').textContent).toBe(t('historyExported', ['demandes-chorus-pro-2026-11-27.json']));
  });

  test('erases only once confirmed; cancelling keeps everything', async () => {
    const connector = fakeConnector(invoiceErrorState(), undefined, [WAITING, SENT]);
    connector.eraseHistory.mockResolvedValue([WAITING]);
    await openHistory(connector);
    await fireEvent.click(screen.getByRole('button', { name: t('historyErase') }));
    const confirm = screen.getByTestId('history-erase-confirm');
    expect(confirm.textContent).toContain(t('historyEraseQuestion', ['1']));
    await waitFor(() => expect(document.activeElement?.textContent).toBe(t('historyEraseCancel')));
    await fireEvent.click(within(confirm).getByRole('button', { name: t('historyEraseCancel') }));
    expect(connector.eraseHistory).not.toHaveBeenCalled();
    await waitFor(() => expect(document.activeElement?.textContent).toBe(t('historyErase')));

    await fireEvent.click(screen.getByRole('button', { name: t('historyErase') }));
    await fireEvent.click(screen.getByRole('button', { name: t('historyEraseConfirm') }));
    await waitFor(() => expect(screen.getAllByTestId('history-entry')).toHaveLength(1));
    expect(connector.eraseHistory).toHaveBeenCalledTimes(1);
    expect(screen.getByTestId('history-status-message').textContent).toBe(t('historyErased'));
  });
});

describe('History → Drafts', () => {
  const DRAFT = { id: 'draft-3', title: 'Brouillon d’un onglet fermé', updatedAt: Date.UTC(2026, 10, 26, 9), files: 2 };

  test('a closed tab’s draft reopens into the request', async () => {
    const connector = fakeConnector(invoiceErrorState(), undefined, [SENT]);
    connector.drafts.mockResolvedValueOnce([DRAFT]).mockResolvedValue([]);
    connector.openDraft.mockResolvedValue({
      id: 'draft-3',
      incidentId: '3-1',
      updatedAt: DRAFT.updatedAt,
      form: { values: { category: '', subCategory: '', issuer: '', name: '', connectionId: '', phone: '', email: '', siret: '', invoiceNumber: '', title: DRAFT.title, description: '' }, removed: [], files: [] },
      files: [],
    });
    await openHistory(connector);
    const entry = await screen.findByTestId('draft-entry');
    expect(entry.textContent).toContain(DRAFT.title);
    expect(entry.textContent).toContain(t('draftsFiles', ['2']));
    await fireEvent.click(within(entry).getByRole('button', { name: t('draftsReopenLabel', [DRAFT.title]) }));
    await waitFor(() => expect(screen.getByRole('tab', { name: t('sidebarTabRequest') }).getAttribute('aria-selected')).toBe('true'));
    expect(connector.openDraft).toHaveBeenCalledWith('draft-3');
    // The request part's code loads when it is first shown.
    expect(((await screen.findByLabelText(/^Titre/)) as HTMLInputElement).value).toBe(DRAFT.title);
    expect(screen.getByTestId('draft-notice')).toBeTruthy();
  });

  test('a listed draft can be discarded', async () => {
    const connector = fakeConnector(invoiceErrorState(), undefined, [SENT]);
    connector.drafts.mockResolvedValueOnce([DRAFT]).mockResolvedValue([]);
    await openHistory(connector);
    const entry = await screen.findByTestId('draft-entry');
    await fireEvent.click(within(entry).getByRole('button', { name: t('draftsDiscardLabel', [DRAFT.title]) }));
    await waitFor(() => expect(screen.queryByTestId('draft-entry')).toBeNull());
    expect(connector.discardDraft).toHaveBeenCalledWith('draft-3');
    expect(screen.getByTestId('history-status-message').textContent).toBe(t('draftsDiscarded', [DRAFT.title]));
  });
});
