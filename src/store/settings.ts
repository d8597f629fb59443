/**
 * The user's settings, kept in browser.storage.local under one key: the profile pre-filled into
 * every request, the privacy switches, and how long History and drafts are kept. Stored with a version number; reading runs the
 * migrations from the stored version up to the current one, and every field is checked on the
 * way in (a wrong or missing field takes its default, the others are kept). Settings written by
 * a newer version of the extension are read as far as they can be and never overwritten by
 * this one.
 */
import { EMPTY_PROFILE, type Profile } from '../report/profile';
import type { StorageAreaLike } from './session-room';

import { SETTINGS_KEY } from './settings-switches';

export { SETTINGS_KEY };
export const SETTINGS_VERSION = 3;

export interface PrivacySettings {
  /** The always-on script notes the path sequence (page titles, buttons pressed; never typed values). */
  recordPath: boolean;
  /** Page errors and failed requests on portal pages (opt-in). */
  captureConsoleAndNetwork: boolean;
  /** "Besoin d'aide ?" beside an error the portal page shows (on unless declined). */
  offerHelp: boolean;
}

/** How long History keeps a request sent, in days; the choices the options offer. */
export const RETENTION_CHOICES = [30, 90, 180, 365, 730] as const;
export type RetentionDays = (typeof RETENTION_CHOICES)[number];
export const DEFAULT_HISTORY_RETENTION_DAYS: RetentionDays = 365;

export interface HistorySettings {
  /** Requests sent longer ago are deleted from History (waiting ones never are). */
  retentionDays: RetentionDays;
}

/** How long a draft is kept after its last change, in days; the choices the options offer. */
export const DRAFT_RETENTION_CHOICES = [7, 30, 90, 180] as const;
export type DraftRetentionDays = (typeof DRAFT_RETENTION_CHOICES)[number];
export const DEFAULT_DRAFT_RETENTION_DAYS: DraftRetentionDays = 30;

export interface DraftSettings {
  /** Drafts left unchanged longer are deleted with their files. */
  retentionDays: DraftRetentionDays;
}

export interface Settings {
  version: typeof SETTINGS_VERSION;
  profile: Profile;
  privacy: PrivacySettings;
  history: HistorySettings;
  drafts: DraftSettings;
}

export const DEFAULT_SETTINGS: Settings = {
  version: SETTINGS_VERSION,
  profile: EMPTY_PROFILE,
  privacy: { recordPath: true, captureConsoleAndNetwork: false, offerHelp: true },
  history: { retentionDays: DEFAULT_HISTORY_RETENTION_DAYS },
  drafts: { retentionDays: DEFAULT_DRAFT_RETENTION_DAYS },
};

type Raw = Record<string, unknown>;

const isRecord = (value: unknown): value is Raw => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * One step per version: MIGRATIONS[n] turns version n into version n + 1. Version 0 is what
 * came before versioning: a bare profile object stored under the same key.
 */
const MIGRATIONS: readonly ((raw: Raw) => Raw)[] = [
  (raw) => ({ version: 1, profile: isRecord(raw['profile']) ? raw['profile'] : raw, privacy: raw['privacy'] }),
  // Version 2: History's retention, one year until the user chooses.
  (raw) => ({ ...raw, version: 2, history: { retentionDays: DEFAULT_HISTORY_RETENTION_DAYS } }),
  // Version 3: drafts expire, after a month unless the user chooses.
  (raw) => ({ ...raw, version: 3, drafts: { retentionDays: DEFAULT_DRAFT_RETENTION_DAYS } }),
];

const PROFILE_MAX_LENGTH = 200;

function profileOf(value: unknown): Profile {
  const raw = isRecord(value) ? value : {};
  const text = (key: keyof Profile) => {
    const field = raw[key];
    return typeof field === 'string' && field.length <= PROFILE_MAX_LENGTH ? field : EMPTY_PROFILE[key];
  };
  return {
    name: text('name'),
    connectionId: text('connectionId'),
    phone: text('phone'),
    email: text('email'),
    siret: text('siret'),
    issuer: text('issuer'),
  };
}

function privacyOf(value: unknown): PrivacySettings {
  const raw = isRecord(value) ? value : {};
  const flag = (key: keyof PrivacySettings) => (typeof raw[key] === 'boolean' ? (raw[key] as boolean) : DEFAULT_SETTINGS.privacy[key]);
  return { recordPath: flag('recordPath'), captureConsoleAndNetwork: flag('captureConsoleAndNetwork'), offerHelp: flag('offerHelp') };
}

/** A stored retention when it is one of the choices, the default otherwise. */
function retentionOf<Days extends number>(value: unknown, choices: readonly Days[], fallback: Days): { retentionDays: Days } {
  const days = isRecord(value) ? value['retentionDays'] : undefined;
  return { retentionDays: choices.find((choice) => choice === days) ?? fallback };
}

/** The settings as stored: each part checked again on the way out. */
function checked(settings: Pick<Settings, 'profile' | 'privacy' | 'history' | 'drafts'>): Settings {
  return {
    version: SETTINGS_VERSION,
    profile: profileOf(settings.profile),
    privacy: privacyOf(settings.privacy),
    history: retentionOf(settings.history, RETENTION_CHOICES, DEFAULT_SETTINGS.history.retentionDays),
    drafts: retentionOf(settings.drafts, DRAFT_RETENTION_CHOICES, DEFAULT_SETTINGS.drafts.retentionDays),
  };
}

/** Settings from whatever was stored: migrated, then checked field by field. */
export function migrateSettings(stored: unknown): { settings: Settings; fromVersion: number | null } {
  if (!isRecord(stored)) return { settings: structuredClone(DEFAULT_SETTINGS), fromVersion: null };
  const version = stored['version'];
  let raw: Raw = stored;
  let from = typeof version === 'number' && Number.isInteger(version) && version >= 0 ? version : 0;
  const fromVersion = from;
  for (; from < SETTINGS_VERSION; from++) raw = MIGRATIONS[from]!(raw);
  return {
    settings: checked({ profile: raw['profile'] as Profile, privacy: raw['privacy'] as PrivacySettings, history: raw['history'] as HistorySettings, drafts: raw['drafts'] as DraftSettings }),
    fromVersion,
  };
}

export interface SettingsStore {
  load(): Promise<Settings>;
  /** Saves the settings; refuses (returns false) when a newer version of the extension wrote them. */
  save(settings: Settings): Promise<boolean>;
  erase(): Promise<void>;
}

export function createSettingsStore(area: StorageAreaLike): SettingsStore {
  async function storedVersion(): Promise<{ stored: unknown; fromVersion: number | null }> {
    const stored = (await area.get(SETTINGS_KEY))[SETTINGS_KEY];
    return { stored, fromVersion: migrateSettings(stored).fromVersion };
  }
  return {
    async load() {
      const { stored, fromVersion } = await storedVersion();
      const { settings } = migrateSettings(stored);
      // Written back once migrated, so that older data is not migrated at each read.
      if (fromVersion !== null && fromVersion < SETTINGS_VERSION) await area.set({ [SETTINGS_KEY]: settings });
      return settings;
    },
    async save(settings) {
      const { fromVersion } = await storedVersion();
      if (fromVersion !== null && fromVersion > SETTINGS_VERSION) return false;
      await area.set({ [SETTINGS_KEY]: checked(settings) });
      return true;
    },
    async erase() {
      await area.remove(SETTINGS_KEY);
    },
  };
}

