import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { afterEach, describe, expect, test, vi } from 'vitest';
import OptionsApp from '../../../extension/options/OptionsApp.svelte';
import { CHANNEL_SETTINGS_KEY, createChannelSettingsStore } from '../../../src/channels/settings';
import { createSettingsStore, DEFAULT_SETTINGS, SETTINGS_KEY } from '../../../src/store/settings';
import { translatorFor } from '../../support/i18n';
import { memoryStorageArea } from '../support/memory-storage';

vi.mock('webextension-polyfill', async () => (await import('./sidebar/mock-browser')).frenchBrowser());

afterEach(cleanup);
const t = translatorFor('fr');

describe('options page', () => {
  test('saves a valid profile; an invalid field is explained and focused', async () => {
    const area = memoryStorageArea();
    render(OptionsApp, { store: createSettingsStore(area), channelStore: createChannelSettingsStore(area, undefined), eraseAll: async () => undefined });
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
    render(OptionsApp, { store: createSettingsStore(area), channelStore: createChannelSettingsStore(area, undefined), eraseAll });
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
    render(OptionsApp, { store: createSettingsStore(area), channelStore: createChannelSettingsStore(area, undefined), eraseAll: async () => undefined });
    const retention = (await screen.findByLabelText(t('optionsRetentionLabel'))) as HTMLSelectElement;
    await waitFor(() => expect(retention.disabled).toBe(false));
    expect(retention.value).toBe('365');
    expect([...retention.options].map((option) => option.textContent)).toEqual(['1 mois', '3 mois', '6 mois', '1 an', '2 ans']);
    await fireEvent.change(retention, { target: { value: '90' } });
    await waitFor(() => expect(screen.getByTestId('history-retention-status').textContent).toBe(t('optionsRetentionSaved')));
    expect(area.items.get(SETTINGS_KEY)).toMatchObject({ version: 2, profile: { name: 'Jean Dupont' }, history: { retentionDays: 90 } });
  });

  test('the support backend needs an https address (http only for localhost); an administrator\'s setting is locked', async () => {
    const area = memoryStorageArea();
    render(OptionsApp, { store: createSettingsStore(area), channelStore: createChannelSettingsStore(area, undefined), eraseAll: async () => undefined });
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
    render(OptionsApp, { store: createSettingsStore(area), channelStore: createChannelSettingsStore(area, managed), eraseAll: async () => undefined });
    expect(await screen.findByTestId('channel-locked')).toBeTruthy();
    expect(((await screen.findByLabelText(t('channelPortal'))) as HTMLInputElement).disabled).toBe(true);
  });
});
