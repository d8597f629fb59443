/**
 * How requests are sent: the portal's own form (the default, needs no server) or a support
 * backend, with its address and token. The user sets these in the options page (kept in
 * storage.local); an administrator may set any of them for everyone through managed storage
 * (Chrome policy, with public/managed-schema.json; Firefox policies.json "3rdparty", see
 * docs/managed-settings.md). A managed value wins over the user's and is locked: the options
 * page shows it and cannot change it. A managed value that is not valid is ignored and
 * reported, rather than leaving every user of the organisation unable to send.
 */
import type { ChannelKind } from '../store/records';
import type { StorageAreaLike } from '../store/session-room';
import { checkBackendUrl, type BackendUrlProblem } from './backend';

export interface ChannelSettings {
  channel: ChannelKind;
  /** The support backend's address, checked with checkBackendUrl; '' when none is set. */
  backendUrl: string;
  /** Bearer token for the backend; '' when none. */
  token: string;
}

export type ChannelSettingKey = keyof ChannelSettings;

export const CHANNEL_SETTING_KEYS: readonly ChannelSettingKey[] = ['channel', 'backendUrl', 'token'];

export type ChannelSettingsProblem = BackendUrlProblem | 'channel.format' | 'token.format' | 'setting.locked';

export interface SettingProblem {
  key: ChannelSettingKey;
  code: ChannelSettingsProblem;
}

export interface ResolvedChannelSettings extends ChannelSettings {
  /** Set by the administrator: shown as locked, never changed from the options page. */
  locked: Record<ChannelSettingKey, boolean>;
  /** Managed values that were ignored because they are not valid, for the options page to show. */
  managedProblems: SettingProblem[];
}

export const DEFAULT_CHANNEL_SETTINGS: ChannelSettings = { channel: 'portal', backendUrl: '', token: '' };

/** The storage.local key of the user's channel settings. Managed storage has one key per setting (managed-schema.json). */
export const CHANNEL_SETTINGS_KEY = 'channelSettings';

const TOKEN_MAX_LENGTH = 4096;
/** What fits in "Authorization: Bearer <token>" as the server reads it: printable, no spaces. */
const TOKEN = /^[\x21-\x7e]+$/;

/** The subset of storage.managed used here; get() rejects in Firefox when no policy names the extension. */
export interface ManagedAreaLike {
  get(keys?: string | string[] | null): Promise<Record<string, unknown>>;
}

type Checked<T> = { ok: true; value: T } | { ok: false; code: ChannelSettingsProblem };

/** One setting's value as given (user or administrator), checked; '' clears the address and the token. */
function checkSetting(key: ChannelSettingKey, value: unknown): Checked<string> {
  switch (key) {
    case 'channel':
      return value === 'portal' || value === 'backend' ? { ok: true, value } : { ok: false, code: 'channel.format' };
    case 'backendUrl': {
      if (typeof value !== 'string') return { ok: false, code: 'backendUrl.format' };
      if (value.trim() === '') return { ok: true, value: '' };
      const url = checkBackendUrl(value);
      return url.ok ? { ok: true, value: url.url } : { ok: false, code: url.code };
    }
    case 'token': {
      if (typeof value !== 'string') return { ok: false, code: 'token.format' };
      const token = value.trim();
      return token === '' || (token.length <= TOKEN_MAX_LENGTH && TOKEN.test(token)) ? { ok: true, value: token } : { ok: false, code: 'token.format' };
    }
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The settings in force: the user's (a stored value that no longer checks out takes its
 * default), overridden by every valid managed value, which is then locked.
 */
export function mergeChannelSettings(user: unknown, managed: unknown): ResolvedChannelSettings {
  const userValues = isRecord(user) ? user : {};
  const managedValues = isRecord(managed) ? managed : {};
  const settings: ResolvedChannelSettings = {
    ...DEFAULT_CHANNEL_SETTINGS,
    locked: { channel: false, backendUrl: false, token: false },
    managedProblems: [],
  };
  for (const key of CHANNEL_SETTING_KEYS) {
    const own = checkSetting(key, userValues[key]);
    if (own.ok) Object.assign(settings, { [key]: own.value });
    if (managedValues[key] === undefined) continue;
    const imposed = checkSetting(key, managedValues[key]);
    if (!imposed.ok) {
      settings.managedProblems.push({ key, code: imposed.code });
      continue;
    }
    Object.assign(settings, { [key]: imposed.value });
    settings.locked[key] = true;
  }
  return settings;
}

/** Where the backend channel sends, or null when the backend is not the channel or has no valid address. */
export function backendTargetOf(settings: ChannelSettings): { baseUrl: string; token?: string } | null {
  if (settings.channel !== 'backend' || settings.backendUrl === '') return null;
  return { baseUrl: settings.backendUrl, ...(settings.token ? { token: settings.token } : {}) };
}

/** Everything the administrator set in managed storage; {} when nothing is. */
export async function managedValuesOf(managed: ManagedAreaLike | undefined): Promise<Record<string, unknown>> {
  try {
    return (await managed?.get(null)) ?? {};
  } catch {
    // Firefox rejects when no enterprise policy mentions the extension: nothing is managed.
    return {};
  }
}

/** The managed area as the background keeps it: read once, again only after it changed. */
export interface CachedManagedArea extends ManagedAreaLike {
  /** The values, or undefined when the area has not answered within `ms`; the read goes on for later calls. */
  answeredWithin(ms: number): Promise<Record<string, unknown> | undefined>;
  /** The values, or nothing managed when the area has not answered within `ms`. */
  getWithin(ms: number): Promise<Record<string, unknown>>;
  /** Whether any read has answered since this cache was made (an answer since changed still counts). */
  hasAnswered(): boolean;
  /** To call when storage.onChanged reports the managed area: the next read is fresh. */
  changed(): void;
}

/** A read of the managed area not answered after this long never will be: the next caller reads again. */
export const MANAGED_READ_GIVE_UP_MS = 10_000;

/**
 * Chromium's first read of the managed area waits for the browser's policies to load: 3.4–3.7 s
 * measured on a fresh profile, and now and then no answer at all. The background starts that read
 * when it starts and keeps the answer; what a toolbar click or a Send needs from it waits a
 * bounded time, and a read left unanswered is given up for a fresh one.
 * Every caller reads the whole area, so the keys asked for are not looked at. `answered` is
 * told each answer (to keep a copy of what a click needs before the next launch's answer).
 */
export function cachedManagedArea(
  managed: ManagedAreaLike | undefined,
  timers: Pick<typeof globalThis, 'setTimeout' | 'clearTimeout'>,
  answered: (values: Record<string, unknown>) => void = () => undefined,
): CachedManagedArea {
  let values: Promise<Record<string, unknown>> | undefined;
  let anyAnswer = false;
  const get = () => {
    if (values) return values;
    const reading = managedValuesOf(managed);
    values = reading;
    const giveUp = timers.setTimeout(() => {
      if (values === reading) values = undefined;
    }, MANAGED_READ_GIVE_UP_MS);
    void reading.then((answer) => {
      timers.clearTimeout(giveUp);
      anyAnswer = true;
      answered(answer);
    });
    return reading;
  };
  const answeredWithin = (ms: number) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const nothingYet = new Promise<undefined>((resolve) => (timer = timers.setTimeout(() => resolve(undefined), ms)));
    return Promise.race([get(), nothingYet]).finally(() => timers.clearTimeout(timer));
  };
  return {
    get,
    answeredWithin,
    async getWithin(ms) {
      return (await answeredWithin(ms)) ?? {};
    },
    hasAnswered: () => anyAnswer,
    changed() {
      values = undefined;
    },
  };
}

export function createChannelSettingsStore(local: StorageAreaLike, managed: ManagedAreaLike | undefined) {
  async function userValues(): Promise<Record<string, unknown>> {
    const stored = (await local.get(CHANNEL_SETTINGS_KEY))[CHANNEL_SETTINGS_KEY];
    return isRecord(stored) ? stored : {};
  }

  return {
    async load(): Promise<ResolvedChannelSettings> {
      const [user, imposed] = await Promise.all([userValues(), managedValuesOf(managed)]);
      return mergeChannelSettings(user, imposed);
    },

    /**
     * Saves the user's changes when every one checks out and none touches a locked setting;
     * otherwise saves nothing and says why. Choosing the backend needs an address, given now
     * or already in force.
     */
    async save(change: Partial<ChannelSettings>): Promise<{ ok: true; settings: ResolvedChannelSettings } | { ok: false; problems: SettingProblem[] }> {
      const [user, imposed] = await Promise.all([userValues(), managedValuesOf(managed)]);
      const current = mergeChannelSettings(user, imposed);
      const problems: SettingProblem[] = [];
      const next: Record<string, unknown> = { ...user };
      for (const key of CHANNEL_SETTING_KEYS) {
        if (change[key] === undefined) continue;
        if (current.locked[key]) {
          problems.push({ key, code: 'setting.locked' });
          continue;
        }
        const checked = checkSetting(key, change[key]);
        if (checked.ok) next[key] = checked.value;
        else problems.push({ key, code: checked.code });
      }
      const result = mergeChannelSettings(next, imposed);
      if (problems.length === 0 && result.channel === 'backend' && result.backendUrl === '') problems.push({ key: 'backendUrl', code: 'backendUrl.required' });
      if (problems.length > 0) return { ok: false, problems };
      await local.set({ [CHANNEL_SETTINGS_KEY]: Object.fromEntries(CHANNEL_SETTING_KEYS.filter((key) => next[key] !== undefined).map((key) => [key, next[key]])) });
      return { ok: true, settings: result };
    },
  };
}

export type ChannelSettingsStore = ReturnType<typeof createChannelSettingsStore>;
