import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { afterEach, describe, expect, test, vi } from 'vitest';
import OptionsApp from '../../../extension/options/OptionsApp.svelte';
import { CHANNEL_SETTINGS_KEY, createChannelSettingsStore } from '../../../src/channels/settings';
import { checkCompatibility } from '../../../src/context/compatibility';
import { domSelectorCheck, parsePortalData } from '../../../src/context/profiles/overrides';
import { createSettingsStore, DEFAULT_SETTINGS, SETTINGS_KEY } from '../../../src/store/settings';
import { translatorFor } from '../../support/i18n';
import { memoryStorageArea } from '../support/memory-storage';

vi.mock('../../../extension/shared/native-runtime', async () => (await import('./sidebar/mock-browser')).frenchBrowser());

afterEach(cleanup);
const t = translatorFor('fr');
const NO_PORTAL_DATA = { load: async () => parsePortalData(undefined), check: async () => 'noTab' as const, extensionVersion: '0.1.0' };

describe('options page', () => {
  test('saves a valid profile; an invalid field is explained and focused', async () => {
    const area = memoryStorageArea();
    render(OptionsApp, { store: createSettingsStore(area), channelStore: createChannelSettingsStore(area, undefined), eraseAll: async () => undefined, portal: NO_PORTAL_DATA });
    const siret = (await screen.findByLabelText(/^SIRET/)) as HTMLInputElement;
    await fireEvent.input(siret, { target: { value: '123' } });
    await fireEvent.input(screen.getByLabelText(/^Adresse électronique/), { target: { value: 'jean@exemple.fr' } });
    await fireEvent.click(screen.getByTestId('profile-save'));
    await waitFor(() => expect(document.activeElement).toBe(siret));
    expect(screen.getByText(t('problemSiretFormat'))).toBeTruthy();
    expect(area.items.has(SETTINGS_KEY)).toBe(false);
    await fireEvent.input(siret, { target: { value: '73282932000074' } });
    await fireEvent.click(screen.getByTestId('profile-save'));
    await waitFor(() => expect(screen.getByTestId('profile-summary').textContent).toBe(t('optionsSaved')));
    expect((area.items.get(SETTINGS_KEY) as { profile: { siret: string } }).profile.siret).toBe('73282932000074');
  });

  test('privacy switches save at once; console capture is off by default; erase clears', async () => {
    const area = memoryStorageArea();
    const eraseAll = vi.fn(async () => area.items.clear());
    render(OptionsApp, { store: createSettingsStore(area), channelStore: createChannelSettingsStore(area, undefined), eraseAll, portal: NO_PORTAL_DATA });
    const console = (await screen.findByLabelText(t('optionsCaptureConsole'))) as HTMLInputElement;
    await waitFor(() => expect(console.disabled).toBe(false));
    expect(console.checked).toBe(false);
    expect((screen.getByLabelText(t('optionsRecordPath')) as HTMLInputElement).checked).toBe(true);
    await fireEvent.click(console);
    await waitFor(() => expect((area.items.get(SETTINGS_KEY) as { privacy: { captureConsoleAndNetwork: boolean } }).privacy.captureConsoleAndNetwork).toBe(true));
    await fireEvent.click(screen.getByRole('button', { name: t('optionsEraseAll') }));
    await waitFor(() => expect(screen.getByText(t('optionsErased'))).toBeTruthy());
    expect(eraseAll).toHaveBeenCalledTimes(1);
    expect(console.checked).toBe(false);
  });

  test('History retention: one year by default, another choice saved at once with the rest kept, said so', async () => {
    const area = memoryStorageArea();
    await createSettingsStore(area).save({ ...DEFAULT_SETTINGS, profile: { ...DEFAULT_SETTINGS.profile, name: 'Jean Dupont' } });
    render(OptionsApp, { store: createSettingsStore(area), channelStore: createChannelSettingsStore(area, undefined), eraseAll: async () => undefined, portal: NO_PORTAL_DATA });
    const retention = (await screen.findByLabelText(t('optionsRetentionLabel'))) as HTMLSelectElement;
    await waitFor(() => expect(retention.disabled).toBe(false));
    expect(retention.value).toBe('365');
    expect([...retention.options].map((option) => option.textContent)).toEqual(['1 mois', '3 mois', '6 mois', '1 an', '2 ans']);
    await fireEvent.change(retention, { target: { value: '90' } });
    await waitFor(() => expect(screen.getByTestId('history-retention-status').textContent).toBe(t('optionsRetentionSaved')));
    expect(area.items.get(SETTINGS_KEY)).toMatchObject({ version: 3, profile: { name: 'Jean Dupont' }, history: { retentionDays: 90 } });
  });

  test('drafts: kept a month by default, beside History; another choice saved at once with the rest kept, said so', async () => {
    const area = memoryStorageArea();
    await createSettingsStore(area).save({ ...DEFAULT_SETTINGS, history: { retentionDays: 90 } });
    render(OptionsApp, { store: createSettingsStore(area), channelStore: createChannelSettingsStore(area, undefined), eraseAll: async () => undefined, portal: NO_PORTAL_DATA });
    const retention = (await screen.findByLabelText(t('optionsDraftRetentionLabel'))) as HTMLSelectElement;
    await waitFor(() => expect(retention.disabled).toBe(false));
    expect(retention.value).toBe('30');
    expect(retention.closest('section')).toBe((screen.getByLabelText(t('optionsRetentionLabel')) as HTMLSelectElement).closest('section'));
    expect([...retention.options].map((option) => option.textContent)).toEqual(['1 semaine', '1 mois', '3 mois', '6 mois']);
    await fireEvent.change(retention, { target: { value: '7' } });
    await waitFor(() => expect(screen.getByTestId('draft-retention-status').textContent).toBe(t('optionsRetentionSaved')));
    expect(area.items.get(SETTINGS_KEY)).toMatchObject({ version: 3, history: { retentionDays: 90 }, drafts: { retentionDays: 7 } });
  });

  test('the backend token is hidden as typed, and shown only on request', async () => {
    const area = memoryStorageArea();
    render(OptionsApp, { store: createSettingsStore(area), channelStore: createChannelSettingsStore(area, undefined), eraseAll: async () => undefined, portal: NO_PORTAL_DATA });
    await fireEvent.click(await screen.findByLabelText(t('channelBackend')));
    const token = document.getElementById('channel-token') as HTMLInputElement;
    expect(token.type).toBe('password');
    const show = screen.getByRole('button', { name: t('fieldShowSecret', [t('channelToken')]) });
    expect(show.getAttribute('aria-pressed')).toBe('false');
    await fireEvent.click(show);
    expect((document.getElementById('channel-token') as HTMLInputElement).type).toBe('text');
    expect(show.getAttribute('aria-pressed')).toBe('true');
    await fireEvent.click(show);
    expect((document.getElementById('channel-token') as HTMLInputElement).type).toBe('password');
  });

  test('the support backend needs an https address (http only for localhost); an administrator\'s setting is locked', async () => {
    const area = memoryStorageArea();
    render(OptionsApp, { store: createSettingsStore(area), channelStore: createChannelSettingsStore(area, undefined), eraseAll: async () => undefined, portal: NO_PORTAL_DATA });
    await fireEvent.click(await screen.findByLabelText(t('channelBackend')));
    const address = (await screen.findByLabelText(new RegExp(`^${t('channelBackendUrl')}`))) as HTMLInputElement;
    await fireEvent.input(address, { target: { value: 'http://support.exemple.fr' } });
    await fireEvent.click(screen.getByTestId('channel-save'));
    expect(await screen.findByText(t('channelProblem_backendUrl_notHttps'))).toBeTruthy();
    expect(area.items.has(CHANNEL_SETTINGS_KEY)).toBe(false);
    await fireEvent.input(address, { target: { value: 'https://support.exemple.fr' } });
    await fireEvent.click(screen.getByTestId('channel-save'));
    await waitFor(() => expect(area.items.get(CHANNEL_SETTINGS_KEY)).toMatchObject({ channel: 'backend', backendUrl: 'https://support.exemple.fr' }));
    cleanup();

    const managed = { get: async () => ({ channel: 'backend', backendUrl: 'https://support.administration.fr' }) };
    render(OptionsApp, { store: createSettingsStore(area), channelStore: createChannelSettingsStore(area, managed), eraseAll: async () => undefined, portal: NO_PORTAL_DATA });
    expect(await screen.findByTestId('channel-locked')).toBeTruthy();
    expect(((await screen.findByLabelText(t('channelPortal'))) as HTMLInputElement).disabled).toBe(true);
  });

  test('the channel section saves with "Enregistrer" and tests the address and token as typed, saying what is wrong', async () => {
    const area = memoryStorageArea();
    // The page's fetch, answering as a support backend that refuses the token would.
    const fetchMock = vi.fn(async (input: RequestInfo | URL) =>
      String(input).endsWith('/api/v1/health') ? Response.json({ status: 'ok' }) : Response.json({ error: 'unauthorized' }, { status: 401 }),
    );
    vi.stubGlobal('fetch', fetchMock);
    try {
      render(OptionsApp, { store: createSettingsStore(area), channelStore: createChannelSettingsStore(area, undefined), eraseAll: async () => undefined, portal: NO_PORTAL_DATA });
      await fireEvent.click(await screen.findByLabelText(t('channelBackend')));
      expect(screen.getByTestId('channel-save').textContent).toBe(t('channelSave'));
      const address = (await screen.findByLabelText(new RegExp(`^${t('channelBackendUrl')}`))) as HTMLInputElement;
      await fireEvent.input(address, { target: { value: 'https://support.exemple.fr/api/v1/' } });
      await fireEvent.click(screen.getByTestId('channel-test'));
      expect(await screen.findByText(t('channelTest_tokenRefused'))).toBeTruthy();
      expect(fetchMock.mock.calls.map(([url]) => String(url))).toEqual(['https://support.exemple.fr/api/v1/health', 'https://support.exemple.fr/api/v1/token-check']);
      // Tested, not saved.
      expect(area.items.has(CHANNEL_SETTINGS_KEY)).toBe(false);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  test("shows the administrator's portal data, each ignored part with its reason, and the compatibility report", async () => {
    const area = memoryStorageArea();
    const managed = { schema: 1, revision: 'correctif-mars', profiles: { classic: { errorContainers: ['.bandeau-erreur', 'div{x}'] } }, hosts: ['evil.example'] };
    const parsed = parsePortalData(managed, domSelectorCheck(document));
    document.body.insertAdjacentHTML('beforeend', '<div id="page-checked"><div class="bandeau-erreur">Montant obligatoire</div><p class="footer-version">V2.0.1 - R13</p></div>');
    const check = vi.fn(async () => checkCompatibility(document, 'https://chorus-pro.gouv.fr/cpp/facture', parsed.override));
    render(OptionsApp, { store: createSettingsStore(area), channelStore: createChannelSettingsStore(area, undefined), eraseAll: async () => undefined, portal: { load: async () => parsed, check, extensionVersion: '0.1.0' } });
    expect((await screen.findByTestId('portal-data-status')).textContent?.trim()).toBe(t('optionsPortalDataInEffect', ['correctif-mars']));
    const problems = [...screen.getByTestId('portal-data-problems').querySelectorAll('li')].map((item) => item.textContent);
    expect(problems).toEqual([
      `portalData.profiles.classic.errorContainers[1] : ${t('overrideProblemBadSelector')}`,
      `portalData.hosts : ${t('overrideProblemUnknownKey')}`,
    ]);
    await fireEvent.click(screen.getByTestId('compatibility-check'));
    const report = (await screen.findByTestId('compatibility-report')) as HTMLTextAreaElement;
    expect(check).toHaveBeenCalledOnce();
    expect(report.value).toContain(t('compatibilityHeading'));
    expect(report.value).toContain(`${t('compatibilityErrorContainers')} ${t('compatibilityMatched', ['1', '1'])}\n  .bandeau-erreur × 1`);
    expect(report.value).toContain(t('compatibilityRevision', ['correctif-mars']));
    expect(report.value).not.toContain('Montant obligatoire');
    document.getElementById('page-checked')?.remove();
  });

  test('says so when no portal tab is open', async () => {
    const area = memoryStorageArea();
    render(OptionsApp, { store: createSettingsStore(area), channelStore: createChannelSettingsStore(area, undefined), eraseAll: async () => undefined, portal: NO_PORTAL_DATA });
    expect((await screen.findByTestId('portal-data-status')).textContent?.trim()).toBe(t('optionsPortalDataNone'));
    await fireEvent.click(screen.getByTestId('compatibility-check'));
    await waitFor(() => expect(screen.getByTestId('compatibility-status').textContent).toBe(t('compatibilityNoPortalTab')));
    expect(screen.queryByTestId('compatibility-report')).toBeNull();
  });
});
