import { PORTAL_DATA_KEY } from '../../../src/context/profiles/overrides';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { slowManagedArea } from '../support/slow-managed-area';
import {
  cachedManagedArea,
  backendTargetOf,
  CHANNEL_SETTING_KEYS,
  CHANNEL_SETTINGS_KEY,
  createChannelSettingsStore,
  DEFAULT_CHANNEL_SETTINGS,
  MANAGED_READ_GIVE_UP_MS,
  mergeChannelSettings,
  type ManagedAreaLike,
} from '../../../src/channels/settings';
import { memoryStorageArea } from '../support/memory-storage';

const unlocked = { channel: false, backendUrl: false, token: false };

/** storage.managed as Chrome gives it: the policy's values, or {} without a policy. */
const managedArea = (values: Record<string, unknown>): ManagedAreaLike => ({ get: async () => structuredClone(values) });

/** storage.managed as Firefox gives it without a policy for the extension. */
const noPolicy: ManagedAreaLike = {
  get: () => Promise.reject(new Error('Managed storage manifest not found')),
};

describe('mergeChannelSettings', () => {
  it('starts on the portal form, nothing locked', () => {
    expect(mergeChannelSettings(undefined, undefined)).toEqual({ ...DEFAULT_CHANNEL_SETTINGS, locked: unlocked, managedProblems: [] });
  });

  it("takes the user's settings, and ignores a stored value that no longer checks out", () => {
    expect(mergeChannelSettings({ channel: 'backend', backendUrl: 'https://support.exemple.fr/', token: 'abc' }, {})).toMatchObject({
      channel: 'backend',
      backendUrl: 'https://support.exemple.fr',
      token: 'abc',
      locked: unlocked,
    });
    expect(mergeChannelSettings({ channel: 'pigeon', backendUrl: 'http://support.exemple.fr', token: 'a b' }, {})).toMatchObject(DEFAULT_CHANNEL_SETTINGS);
  });

  it('lets managed values win and locks them, one by one', () => {
    const settings = mergeChannelSettings(
      { channel: 'portal', backendUrl: 'https://perso.exemple.fr', token: 'mien' },
      { channel: 'backend', backendUrl: 'https://support.exemple.gouv.fr' },
    );
    expect(settings).toEqual({
      channel: 'backend',
      backendUrl: 'https://support.exemple.gouv.fr',
      token: 'mien',
      locked: { channel: true, backendUrl: true, token: false },
      managedProblems: [],
    });
  });

  it('ignores and reports an invalid managed value instead of applying it', () => {
    const settings = mergeChannelSettings({ backendUrl: 'https://support.exemple.fr' }, { backendUrl: 'http://support.exemple.gouv.fr', channel: 42 });
    expect(settings.backendUrl).toBe('https://support.exemple.fr');
    expect(settings.locked).toEqual(unlocked);
    expect(settings.managedProblems).toEqual([
      { key: 'channel', code: 'channel.format' },
      { key: 'backendUrl', code: 'backendUrl.notHttps' },
    ]);
  });
});

describe('backendTargetOf', () => {
  it('gives the address and token only when the backend is the channel and has an address', () => {
    expect(backendTargetOf({ channel: 'backend', backendUrl: 'http://localhost:8787', token: '' })).toEqual({ baseUrl: 'http://localhost:8787' });
    expect(backendTargetOf({ channel: 'backend', backendUrl: 'https://s.exemple.fr', token: 't' })).toEqual({ baseUrl: 'https://s.exemple.fr', token: 't' });
    expect(backendTargetOf({ channel: 'backend', backendUrl: '', token: 't' })).toBeNull();
    expect(backendTargetOf({ channel: 'portal', backendUrl: 'https://s.exemple.fr', token: '' })).toBeNull();
  });
});

describe('channel settings store', () => {
  it('loads defaults when Firefox has no policy for the extension', async () => {
    const store = createChannelSettingsStore(memoryStorageArea(), noPolicy);
    expect(await store.load()).toMatchObject({ ...DEFAULT_CHANNEL_SETTINGS, locked: unlocked });
  });

  it('saves checked, normalized settings under one key and reads them back', async () => {
    const local = memoryStorageArea();
    const store = createChannelSettingsStore(local, managedArea({}));

    const saved = await store.save({ channel: 'backend', backendUrl: ' http://127.0.0.1:8787/ ', token: ' jeton ' });

    expect(saved).toMatchObject({ ok: true, settings: { channel: 'backend', backendUrl: 'http://127.0.0.1:8787', token: 'jeton' } });
    expect(local.items.get(CHANNEL_SETTINGS_KEY)).toEqual({ channel: 'backend', backendUrl: 'http://127.0.0.1:8787', token: 'jeton' });
    expect(await store.load()).toMatchObject({ channel: 'backend', backendUrl: 'http://127.0.0.1:8787', token: 'jeton' });
  });

  it('reads an address stored or imposed with /api/v1 as the server root', async () => {
    const local = memoryStorageArea();
    await local.set({ [CHANNEL_SETTINGS_KEY]: { channel: 'backend', backendUrl: 'http://127.0.0.1:8787/api/v1' } });

    expect(await createChannelSettingsStore(local, managedArea({})).load()).toMatchObject({ backendUrl: 'http://127.0.0.1:8787' });
    expect(await createChannelSettingsStore(local, managedArea({ backendUrl: 'https://support.exemple.fr/api/' })).load()).toMatchObject({ backendUrl: 'https://support.exemple.fr' });
  });

  it('saves nothing when a change is wrong, and says which', async () => {
    const local = memoryStorageArea();
    const store = createChannelSettingsStore(local, undefined);

    expect(await store.save({ backendUrl: 'http://support.exemple.fr', token: 'deux mots' })).toEqual({
      ok: false,
      problems: [
        { key: 'backendUrl', code: 'backendUrl.notHttps' },
        { key: 'token', code: 'token.format' },
      ],
    });
    expect(await store.save({ channel: 'backend' })).toEqual({ ok: false, problems: [{ key: 'backendUrl', code: 'backendUrl.required' }] });
    expect(local.items.size).toBe(0);
  });

  it('refuses to change a locked setting, and lets the user choose the backend an administrator configured', async () => {
    const local = memoryStorageArea();
    const store = createChannelSettingsStore(local, managedArea({ backendUrl: 'https://support.exemple.gouv.fr', token: 'jeton-admin' }));

    expect(await store.save({ backendUrl: 'https://ailleurs.exemple.fr' })).toEqual({ ok: false, problems: [{ key: 'backendUrl', code: 'setting.locked' }] });
    const chosen = await store.save({ channel: 'backend' });

    expect(chosen).toMatchObject({ ok: true, settings: { channel: 'backend', backendUrl: 'https://support.exemple.gouv.fr', token: 'jeton-admin' } });
    // The administrator's token stays in managed storage, never copied into the user's settings.
    expect(local.items.get(CHANNEL_SETTINGS_KEY)).toEqual({ channel: 'backend' });
  });
});

describe('public/managed-schema.json', () => {
  const schema = JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), '../../../public/managed-schema.json'), 'utf8')) as {
    type: string;
    properties: Record<string, { type: string; enum?: string[] }>;
  };

  it('declares exactly the settings the extension reads, as Chrome requires (object at the top, no additionalProperties)', () => {
    expect(schema.type).toBe('object');
    expect(schema).not.toHaveProperty('additionalProperties');
    expect(Object.keys(schema.properties).sort()).toEqual([...CHANNEL_SETTING_KEYS, PORTAL_DATA_KEY].sort());
    expect(schema.properties['channel']?.enum).toEqual(['portal', 'backend']);
  });

  it('accepts what the documented sample policy sets', () => {
    const doc = readFileSync(join(dirname(fileURLToPath(import.meta.url)), '../../../docs/managed-settings.md'), 'utf8');
    const sample = /```json\n([\s\S]*?)\n```/.exec(doc)?.[1];
    const policies = JSON.parse(sample ?? '{}') as { policies: { '3rdparty': { Extensions: Record<string, unknown> } } };
    const values = Object.values(policies.policies['3rdparty'].Extensions)[0];
    expect(mergeChannelSettings({}, values)).toMatchObject({ channel: 'backend', locked: { channel: true, backendUrl: true, token: true }, managedProblems: [] });
  });
});

describe('cachedManagedArea', () => {
  it('reads the area once, and again only after it changed', async () => {
    const { area, answer } = slowManagedArea();
    const cached = cachedManagedArea(area, globalThis);
    const first = cached.get();
    const second = cached.get();
    answer({ backendUrl: 'https://a.example' });
    expect(await first).toEqual({ backendUrl: 'https://a.example' });
    expect(await second).toEqual({ backendUrl: 'https://a.example' });
    expect(area.get).toHaveBeenCalledTimes(1);
    cached.changed();
    const fresh = cached.get();
    answer({ backendUrl: 'https://b.example' });
    expect(await fresh).toEqual({ backendUrl: 'https://b.example' });
    expect(area.get).toHaveBeenCalledTimes(2);
  });

  it('counts as nothing managed for a bounded caller while the area has not answered, and the read goes on', async () => {
    vi.useFakeTimers();
    try {
      const { area, answer } = slowManagedArea();
      const cached = cachedManagedArea(area, globalThis);
      const bounded = cached.getWithin(500);
      await vi.advanceTimersByTimeAsync(499);
      let settled = false;
      void bounded.then(() => (settled = true));
      await Promise.resolve();
      expect(settled).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      expect(await bounded).toEqual({});
      answer({ portalData: { version: 1 } });
      expect(await cached.getWithin(500)).toEqual({ portalData: { version: 1 } });
      expect(area.get).toHaveBeenCalledTimes(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('gives up a read that never answers: a bounded caller gets nothing managed, and a later one reads again', async () => {
    vi.useFakeTimers();
    try {
      const { area, answer } = slowManagedArea();
      const cached = cachedManagedArea(area, globalThis);
      const stuck = cached.getWithin(5_000);
      await vi.advanceTimersByTimeAsync(5_000);
      expect(await stuck).toEqual({});
      await vi.advanceTimersByTimeAsync(MANAGED_READ_GIVE_UP_MS - 5_000);
      const again = cached.getWithin(5_000);
      expect(area.get).toHaveBeenCalledTimes(2);
      answer({});
      answer({ backendUrl: 'https://support.exemple.gouv.fr' });
      expect(await again).toEqual({ backendUrl: 'https://support.exemple.gouv.fr' });
    } finally {
      vi.useRealTimers();
    }
  });

  it('tells a bounded caller that the area has not answered yet, and tells each answer', async () => {
    vi.useFakeTimers();
    try {
      const { area, answer } = slowManagedArea();
      const answers: Record<string, unknown>[] = [];
      const cached = cachedManagedArea(area, globalThis, (values) => answers.push(values));
      const early = cached.answeredWithin(0);
      await vi.advanceTimersByTimeAsync(0);
      expect(await early).toBeUndefined();
      expect(answers).toEqual([]);
      expect(cached.hasAnswered()).toBe(false);
      answer({ portalData: { schema: 1 } });
      expect(await cached.answeredWithin(0)).toEqual({ portalData: { schema: 1 } });
      expect(answers).toEqual([{ portalData: { schema: 1 } }]);
      cached.changed();
      expect(cached.hasAnswered()).toBe(true);
      const fresh = cached.answeredWithin(500);
      answer({});
      expect(await fresh).toEqual({});
      expect(answers).toEqual([{ portalData: { schema: 1 } }, {}]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('treats a rejecting area (Firefox without a policy) as nothing managed', async () => {
    const cached = cachedManagedArea({ get: () => Promise.reject(new Error('Managed storage manifest not found')) }, globalThis);
    expect(await cached.get()).toEqual({});
  });
});
