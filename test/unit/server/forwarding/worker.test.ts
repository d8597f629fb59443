// @vitest-environment node
/**
 * The forwarding outbox and its worker on both store engines (SQLite, and PostgreSQL in a
 * throwaway cluster), with connectors the test controls and a clock it moves: entries made
 * with the request, leases, backoff, Retry-After, giving up, continuing where an attempt
 * stopped, and entries deleted with their request.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ForwardingError } from '../../../../server/forwarding/forwarder';
import type { ForwardedRequest, Forwarder, ForwardingProgress } from '../../../../server/forwarding/forwarder';
import { FORWARDING_MIGRATIONS } from '../../../../server/forwarding/migrations';
import type { ForwarderName, ForwardingOutbox } from '../../../../server/forwarding/outbox';
import { openOutbox } from '../../../../server/forwarding/service';
import { ForwardingWorker } from '../../../../server/forwarding/worker';
import type { RequestStore } from '../../../../server/store';
import { STORE_MIGRATIONS } from '../../../../server/store/migrations';
import { BACKOFF_BASE_MS } from '../../../../src/outbox/backoff';
import { validRequest } from '../../../support/request-fixture';
import { SQLITE, postgresEngine } from '../../../support/store-engines';
import type { EngineUnderTest } from '../../../support/store-engines';

for (const engine of [SQLITE, postgresEngine()]) {
  describe.skipIf(engine.skipReason !== undefined)(`forwarding on ${engine.name}`, () => {
    let under: EngineUnderTest;
    let store: RequestStore;
    let outboxes: ForwardingOutbox[];
    let clock: Date;

    function outbox(): ForwardingOutbox {
      const opened = openOutbox(under.databaseUrl, join(under.dataDir, 'support.sqlite'));
      outboxes.push(opened);
      return opened;
    }

    async function storeRequest(): Promise<string> {
      const id = randomUUID();
      const key = randomUUID();
      const claimed = await store.claimIdempotencyKey(key, 'hash', clock);
      if (claimed.kind !== 'claimed') throw new Error(`expected a claim, got ${claimed.kind}`);
      await store.insertRequest({ id, idempotencyKey: key, claimId: claimed.claimId, request: validRequest(), contentTypes: [], files: [], receivedAt: clock });
      return id;
    }

    /** A connector that does what the test queued, and remembers what it was given. */
    class ScriptedForwarder implements Forwarder {
      readonly calls: { id: string; remoteId: string | undefined }[] = [];
      readonly script: ((progress: ForwardingProgress) => Promise<void> | void)[] = [];

      constructor(readonly name: ForwarderName) {}

      async forward(item: ForwardedRequest, progress: ForwardingProgress): Promise<void> {
        this.calls.push({ id: item.id, remoteId: progress.remoteId });
        await this.script.shift()?.(progress);
      }
    }

    function workerWith(forwarders: Forwarder[], random = () => 1): ForwardingWorker {
      return new ForwardingWorker({
        outbox: outbox(),
        forwarders: new Map(forwarders.map((forwarder) => [forwarder.name, forwarder])),
        load: async (id) => {
          const stored = await store.getRequest(id);
          return stored && { id, reference: stored.reference, receivedAt: stored.receivedAt, request: stored.request, files: [] };
        },
        now: () => clock,
        random,
      });
    }

    const entry = async (id: string, target: ForwarderName) => (await outbox().entriesFor([id])).get(id)?.find((candidate) => candidate.target === target);

    beforeAll(() => engine.setUp(), 120_000);
    afterAll(() => engine.tearDown(), 60_000);
    beforeEach(async () => {
      under = await engine.open();
      outboxes = [];
      clock = new Date('2026-03-02T10:00:00.000Z');
      store = under.reopen([...STORE_MIGRATIONS, ...FORWARDING_MIGRATIONS], ['email', 'webhook']);
      await store.open();
    }, 30_000);

    afterEach(async () => {
      for (const opened of outboxes) await opened.close();
      await under.close();
    });

    describe('forwarding outbox', () => {
      it('gets one pending entry per configured helpdesk with each stored request', async () => {
        const id = await storeRequest();
        expect((await outbox().entriesFor([id])).get(id)?.map(({ target, state, attempts }) => ({ target, state, attempts }))).toEqual([
          { target: 'email', state: 'pending', attempts: 0 },
          { target: 'webhook', state: 'pending', attempts: 0 },
        ]);
      });

      it('gives an entry to one process at a time, and back when its lease runs out', async () => {
        const id = await storeRequest();
        const [first, second] = [outbox(), outbox()];
        const taken = await first.claimDue(clock, 60_000, 10);
        expect(taken.map((taken) => taken.target).sort()).toEqual(['email', 'webhook']);
        expect(await second.claimDue(clock, 60_000, 10)).toEqual([]);
        const later = new Date(clock.getTime() + 60_000);
        expect((await second.claimDue(later, 60_000, 10)).map((claimed) => [claimed.requestId, claimed.attempts])).toEqual([
          [id, 2],
          [id, 2],
        ]);
      });
    });

    describe('forwarding outbox, shared', () => {
      it('never gives one entry to two outboxes claiming at the same time', async () => {
        const ids = await Promise.all(Array.from({ length: 5 }, () => storeRequest()));
        const claimers = [outbox(), outbox(), outbox()];
        const taken = (await Promise.all(claimers.map((claimer) => claimer.claimDue(clock, 60_000, 4)))).flat();
        const keys = taken.map(({ requestId, target }) => `${requestId} ${target}`);
        expect(new Set(keys).size).toBe(keys.length);
        expect(keys.length).toBe(10);
        expect(new Set(taken.map(({ requestId }) => requestId))).toEqual(new Set(ids));
      });

      it('drops the entries of a request that retention deletes', async () => {
        const id = await storeRequest();
        await store.sweep({ now: new Date(clock.getTime() + 2 * 24 * 60 * 60 * 1000), idempotencyTtlMs: 60_000, retentionMs: 24 * 60 * 60 * 1000 });
        expect((await outbox().entriesFor([id])).get(id)).toBeUndefined();
      });
    });

    describe('forwarding worker', () => {
      it('marks an entry delivered when its connector succeeds', async () => {
        const id = await storeRequest();
        const email = new ScriptedForwarder('email');
        const webhook = new ScriptedForwarder('webhook');
        expect(await workerWith([email, webhook]).runOnce()).toBe(2);
        expect(await entry(id, 'email')).toMatchObject({ state: 'delivered', attempts: 1 });
        expect(await entry(id, 'webhook')).toMatchObject({ state: 'delivered', attempts: 1 });
        expect(await workerWith([email, webhook]).runOnce()).toBe(0);
      });

      it('tries again after a growing wait, no sooner than Retry-After, and not before it is due', async () => {
        const id = await storeRequest();
        const email = new ScriptedForwarder('email');
        const webhook = new ScriptedForwarder('webhook');
        const fail = (retryAfterMs?: number) => () => {
          throw new ForwardingError('webhook: HTTP 503', true, retryAfterMs);
        };
        webhook.script.push(fail(), fail(), fail(60_000));
        const worker = workerWith([email, webhook]);
        await worker.runOnce();
        expect(await entry(id, 'webhook')).toMatchObject({ state: 'pending', attempts: 1, lastError: 'webhook: HTTP 503', nextAttemptAt: new Date(clock.getTime() + BACKOFF_BASE_MS).toISOString() });
        expect(await worker.runOnce()).toBe(0);
        clock = new Date(clock.getTime() + BACKOFF_BASE_MS);
        await worker.runOnce();
        expect(await entry(id, 'webhook')).toMatchObject({ attempts: 2, nextAttemptAt: new Date(clock.getTime() + 2 * BACKOFF_BASE_MS).toISOString() });
        clock = new Date(clock.getTime() + 2 * BACKOFF_BASE_MS);
        await worker.runOnce();
        expect(await entry(id, 'webhook')).toMatchObject({ attempts: 3, nextAttemptAt: new Date(clock.getTime() + 60_000).toISOString() });
        clock = new Date(clock.getTime() + 60_000);
        await worker.runOnce();
        expect(await entry(id, 'webhook')).toMatchObject({ state: 'delivered', attempts: 4 });
        expect(webhook.calls).toHaveLength(4);
      });

      it('treats an unexpected error as one that may pass', async () => {
        const id = await storeRequest();
        const email = new ScriptedForwarder('email');
        email.script.push(() => {
          throw new TypeError('fetch failed');
        });
        await workerWith([email, new ScriptedForwarder('webhook')]).runOnce();
        expect(await entry(id, 'email')).toMatchObject({ state: 'pending', lastError: 'email: fetch failed' });
      });

      it('gives up on a refusal for good, and keeps the reason', async () => {
        const id = await storeRequest();
        const email = new ScriptedForwarder('email');
        email.script.push(() => {
          throw new ForwardingError('e-mail: SMTP 550', false);
        });
        const worker = workerWith([email, new ScriptedForwarder('webhook')]);
        await worker.runOnce();
        expect(await entry(id, 'email')).toMatchObject({ state: 'failed', attempts: 1, lastError: 'e-mail: SMTP 550' });
        clock = new Date(clock.getTime() + 24 * 60 * 60 * 1000);
        expect(await worker.runOnce()).toBe(0);
      });

      it('gives the next attempt what the helpdesk already created', async () => {
        const id = await storeRequest();
        const webhook = new ScriptedForwarder('webhook');
        webhook.script.push(async (progress) => {
          await progress.noteRemoteId('17');
          throw new ForwardingError('GLPI Document: 503 unexpected answer', true);
        });
        const worker = workerWith([new ScriptedForwarder('email'), webhook]);
        await worker.runOnce();
        clock = new Date(clock.getTime() + BACKOFF_BASE_MS);
        await worker.runOnce();
        expect(webhook.calls).toEqual([
          { id, remoteId: undefined },
          { id, remoteId: '17' },
        ]);
        expect(await entry(id, 'webhook')).toMatchObject({ state: 'delivered', remoteId: '17' });
      });

      it('marks failed an entry whose helpdesk is no longer configured', async () => {
        const id = await storeRequest();
        await workerWith([new ScriptedForwarder('email')]).runOnce();
        expect(await entry(id, 'webhook')).toMatchObject({ state: 'failed', lastError: 'webhook is not configured any more' });
      });

      it('runs on its own once started, and stops', async () => {
        const id = await storeRequest();
        const worker = workerWith([new ScriptedForwarder('email'), new ScriptedForwarder('webhook')]);
        worker.start();
        await expect.poll(async () => (await entry(id, 'webhook'))?.state).toBe('delivered');
        await worker.stop();
      });
    });
  });
}
