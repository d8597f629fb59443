import { describe, expect, test } from 'vitest';
import { EMPTY_PROFILE } from '../../../src/report/prefill';
import { createSettingsStore, DEFAULT_SETTINGS, DRAFT_RETENTION_CHOICES, migrateSettings, RETENTION_CHOICES, SETTINGS_KEY, SETTINGS_VERSION } from '../../../src/store/settings';
import { contentSwitches, pathRecordingEnabled, technicalDetailsEnabled } from '../../../src/store/settings-switches';
import { memoryStorageArea } from '../support/memory-storage';

const PROFILE = { name: 'Jean Dupont', connectionId: 'jdupont', phone: '0123456789', email: 'j@exemple.fr', siret: '73282932000074', issuer: 'Dupont SARL' };

describe('settings', () => {
  test('nothing stored: the defaults, console and network capture off', async () => {
    const store = createSettingsStore(memoryStorageArea());
    expect(await store.load()).toEqual(DEFAULT_SETTINGS);
    expect(DEFAULT_SETTINGS.privacy).toEqual({ recordPath: true, captureConsoleAndNetwork: false, offerHelp: true });
  });

  test('saves and loads back', async () => {
    const area = memoryStorageArea();
    const store = createSettingsStore(area);
    const settings = { version: SETTINGS_VERSION, profile: PROFILE, privacy: { recordPath: false, captureConsoleAndNetwork: true, offerHelp: false }, history: { retentionDays: 90 }, drafts: { retentionDays: 7 } } as const;
    expect(await store.save(settings)).toBe(true);
    expect(await createSettingsStore(area).load()).toEqual(settings);
  });

  test('migrates an unversioned bare profile (version 0) and writes the migrated form back', async () => {
    const area = memoryStorageArea();
    area.items.set(SETTINGS_KEY, { name: 'Jean', email: 'j@exemple.fr' });
    const settings = await createSettingsStore(area).load();
    expect(settings.profile).toEqual({ ...EMPTY_PROFILE, name: 'Jean', email: 'j@exemple.fr' });
    expect(area.items.get(SETTINGS_KEY)).toEqual(settings);
  });

  test('migrates version 1: History kept one year until the user chooses; profile and privacy kept', async () => {
    const area = memoryStorageArea();
    const privacy = { recordPath: false, captureConsoleAndNetwork: true };
    area.items.set(SETTINGS_KEY, { version: 1, profile: PROFILE, privacy });
    const settings = await createSettingsStore(area).load();
    expect(settings).toEqual({ version: 3, profile: PROFILE, privacy: { ...privacy, offerHelp: true }, history: { retentionDays: 365 }, drafts: { retentionDays: 30 } });
    expect(DEFAULT_SETTINGS.history.retentionDays).toBe(365);
    expect(area.items.get(SETTINGS_KEY)).toEqual(settings);
    // From before versioning, through every step.
    expect(migrateSettings({ name: 'Jean' }).settings.history).toEqual({ retentionDays: 365 });
  });

  test('migrates version 2: drafts kept a month until the user chooses; History kept as chosen', async () => {
    const area = memoryStorageArea();
    area.items.set(SETTINGS_KEY, { version: 2, profile: PROFILE, privacy: DEFAULT_SETTINGS.privacy, history: { retentionDays: 90 } });
    const settings = await createSettingsStore(area).load();
    expect(settings).toEqual({ version: 3, profile: PROFILE, privacy: DEFAULT_SETTINGS.privacy, history: { retentionDays: 90 }, drafts: { retentionDays: 30 } });
    expect(DEFAULT_SETTINGS.drafts.retentionDays).toBe(30);
    expect(area.items.get(SETTINGS_KEY)).toEqual(settings);
  });

  test("a drafts' retention that is not one of the choices takes the default", () => {
    const stored = (retentionDays: unknown) => ({ version: 3, profile: PROFILE, privacy: DEFAULT_SETTINGS.privacy, history: { retentionDays: 365 }, drafts: { retentionDays } });
    for (const retentionDays of [0, 365, 31, '30', null]) expect(migrateSettings(stored(retentionDays)).settings.drafts).toEqual({ retentionDays: 30 });
    for (const retentionDays of DRAFT_RETENTION_CHOICES) expect(migrateSettings(stored(retentionDays)).settings.drafts).toEqual({ retentionDays });
  });

  test('a retention that is not one of the choices takes the default', () => {
    for (const retentionDays of [0, -1, 31, 1e9, '365', null]) {
      expect(migrateSettings({ version: 2, profile: PROFILE, privacy: DEFAULT_SETTINGS.privacy, history: { retentionDays } }).settings.history).toEqual({ retentionDays: 365 });
    }
    for (const retentionDays of RETENTION_CHOICES) {
      expect(migrateSettings({ version: 2, profile: PROFILE, privacy: DEFAULT_SETTINGS.privacy, history: { retentionDays } }).settings.history).toEqual({ retentionDays });
    }
  });

  test('a wrong field takes its default, the others are kept', () => {
    const { settings } = migrateSettings({ version: 1, profile: { ...PROFILE, phone: 42, siret: 'x'.repeat(500) }, privacy: { recordPath: 'yes', captureConsoleAndNetwork: true } });
    expect(settings.profile).toEqual({ ...PROFILE, phone: '', siret: '' });
    expect(settings.privacy).toEqual({ recordPath: true, captureConsoleAndNetwork: true, offerHelp: true });
    expect(migrateSettings('garbage').settings).toEqual(DEFAULT_SETTINGS);
    expect(migrateSettings(null).fromVersion).toBeNull();
  });

  test('settings of a newer version are read, never overwritten', async () => {
    const area = memoryStorageArea();
    const newer = { version: SETTINGS_VERSION + 1, profile: PROFILE, privacy: DEFAULT_SETTINGS.privacy, channel: { url: 'https://support.exemple.fr' } };
    area.items.set(SETTINGS_KEY, newer);
    const store = createSettingsStore(area);
    expect((await store.load()).profile).toEqual(PROFILE);
    expect(await store.save(DEFAULT_SETTINGS)).toBe(false);
    expect(area.items.get(SETTINGS_KEY)).toEqual(newer);
  });

  test('erase removes them', async () => {
    const area = memoryStorageArea();
    const store = createSettingsStore(area);
    await store.save({ ...DEFAULT_SETTINGS, profile: PROFILE });
    await store.erase();
    expect(area.items.has(SETTINGS_KEY)).toBe(false);
  });
});

describe('path recording switch, as the always-on script reads it', () => {
  test('on by default and unless switched off', () => {
    expect(pathRecordingEnabled(undefined)).toBe(true);
    expect(pathRecordingEnabled({ version: 1, privacy: { recordPath: true } })).toBe(true);
    expect(pathRecordingEnabled({ version: 1, privacy: {} })).toBe(true);
    expect(pathRecordingEnabled({ version: 1, privacy: { recordPath: false } })).toBe(false);
  });
});

describe('technical details switch, as the always-on script reads it', () => {
  test('off by default and unless switched on exactly', () => {
    expect(technicalDetailsEnabled(undefined)).toBe(false);
    expect(technicalDetailsEnabled({ version: 1, privacy: {} })).toBe(false);
    expect(technicalDetailsEnabled({ version: 1, privacy: { captureConsoleAndNetwork: 'yes' } })).toBe(false);
    expect(technicalDetailsEnabled({ version: 1, privacy: { captureConsoleAndNetwork: true } })).toBe(true);
  });
});

describe("the switches handed to a portal page's content script", () => {
  test('both switches from the raw stored settings, defaults where nothing is stored', () => {
    expect(contentSwitches(undefined)).toEqual({ recordPath: true, technicalDetails: false });
    expect(contentSwitches({ version: 1, privacy: { recordPath: false, captureConsoleAndNetwork: true } })).toEqual({ recordPath: false, technicalDetails: true });
  });
});
