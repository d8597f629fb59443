// @vitest-environment node
/**
 * The forwarding outbox and its worker on a real SQLite file, with connectors the test
 * controls and a clock it moves: entries made with the request, leases, backoff, Retry-After,
 * giving up, and continuing where an attempt stopped.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ForwardingError } from '../../../../server/forwarding/forwarder';
import type { ForwardedRequest, Forwarder, ForwardingProgress } from '../../../../server/forwarding/forwarder';
import type { ForwarderName } from '../../../../server/forwarding/outbox';
import { SqliteForwardingOutbox } from '../../../../server/forwarding/sqlite-outbox';
import { ForwardingWorker } from '../../../../server/forwarding/worker';
import { RequestStore } from '../../../../server/store';
import { BACKOFF_BASE_MS } from '../../../../src/outbox/backoff';
import { validRequest } from '../../../support/request-fixture';

let dir: string;
let store: RequestStore;
let connections: Database.Database[];
let clock: Date;

function outbox(): SqliteForwardingOutbox {
  const db = new Database(join(dir, 'support.sqlite'));
  connections.push(db);
  return new SqliteForwardingOutbox(db);
}

function storeRequest(): string {
  const id = randomUUID();
  const key = randomUUID();
  store.claimIdempotencyKey(key, 'hash', clock);
  store.insertRequest({ id, idempotencyKey: key, request: validRequest(), contentTypes: [], receivedAt: clock });
  return id;
}

/** A connector that does what the test queued, and remembers what it was given. */
class ScriptedForwarder implements Forwarder {
  readonly calls: { id: string; remoteId: string | undefined }[] = [];
  readonly script: ((progress: ForwardingProgress) => void)[] = [];

  constructor(readonly name: ForwarderName) {}

  async forward(item: ForwardedRequest, progress: ForwardingProgress): Promise<void> {
    this.calls.push({ id: item.id, remoteId: progress.remoteId });
    this.script.shift()?.(progress);
  }
}

function workerWith(forwarders: Forwarder[], random = () => 1): ForwardingWorker {
  return new ForwardingWorker({
    outbox: outbox(),
    forwarders: new Map(forwarders.map((forwarder) => [forwarder.name, forwarder])),
    load: async (id) => {
      const stored = store.getRequest(id);
      return stored && { id, reference: stored.reference, receivedAt: stored.receivedAt, request: stored.request, files: [] };
    },
    now: () => clock,
    random,
  });
}

const entry = (id: string, target: ForwarderName) => outbox().entriesFor([id]).get(id)?.find((candidate) => candidate.target === target);

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'chorus-help-forwarding-'));
  connections = [];
  clock = new Date('2026-03-02T10:00:00.000Z');
  store = new RequestStore(join(dir, 'support.sqlite'), ['email', 'webhook']);
});

afterEach(() => {
  for (const db of connections) db.close();
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('forwarding outbox', () => {
  it('gets one pending entry per configured helpdesk with each stored request', () => {
    const id = storeRequest();
    expect(outbox().entriesFor([id]).get(id)?.map(({ target, state, attempts }) => ({ target, state, attempts }))).toEqual([
      { target: 'email', state: 'pending', attempts: 0 },
      { target: 'webhook', state: 'pending', attempts: 0 },
    ]);
  });

  it('gives an entry to one process at a time, and back when its lease runs out', () => {
    const id = storeRequest();
    const [first, second] = [outbox(), outbox()];
    const taken = first.claimDue(clock, 60_000, 10);
    expect(taken.map((taken) => taken.target)).toEqual(['email', 'webhook']);
    expect(second.claimDue(clock, 60_000, 10)).toEqual([]);
    const later = new Date(clock.getTime() + 60_000);
    expect(second.claimDue(later, 60_000, 10).map((claimed) => [claimed.requestId, claimed.attempts])).toEqual([
      [id, 2],
      [id, 2],
    ]);
  });
});

describe('forwarding worker', () => {
  it('marks an entry delivered when its connector succeeds', async () => {
    const id = storeRequest();
    const email = new ScriptedForwarder('email');
    const webhook = new ScriptedForwarder('webhook');
    expect(await workerWith([email, webhook]).runOnce()).toBe(2);
    expect(entry(id, 'email')).toMatchObject({ state: 'delivered', attempts: 1 });
    expect(entry(id, 'webhook')).toMatchObject({ state: 'delivered', attempts: 1 });
    expect(await workerWith([email, webhook]).runOnce()).toBe(0);
  });

  it('tries again after a growing wait, no sooner than Retry-After, and not before it is due', async () => {
    const id = storeRequest();
    const email = new ScriptedForwarder('email');
    const webhook = new ScriptedForwarder('webhook');
    const fail = (retryAfterMs?: number) => () => {
      throw new ForwardingError('webhook: HTTP 503', true, retryAfterMs);
    };
    webhook.script.push(fail(), fail(), fail(60_000));
    const worker = workerWith([email, webhook]);
    await worker.runOnce();
    expect(entry(id, 'webhook')).toMatchObject({ state: 'pending', attempts: 1, lastError: 'webhook: HTTP 503', nextAttemptAt: new Date(clock.getTime() + BACKOFF_BASE_MS).toISOString() });
    expect(await worker.runOnce()).toBe(0);
    clock = new Date(clock.getTime() + BACKOFF_BASE_MS);
    await worker.runOnce();
    expect(entry(id, 'webhook')).toMatchObject({ attempts: 2, nextAttemptAt: new Date(clock.getTime() + 2 * BACKOFF_BASE_MS).toISOString() });
    clock = new Date(clock.getTime() + 2 * BACKOFF_BASE_MS);
    await worker.runOnce();
    expect(entry(id, 'webhook')).toMatchObject({ attempts: 3, nextAttemptAt: new Date(clock.getTime() + 60_000).toISOString() });
    clock = new Date(clock.getTime() + 60_000);
    await worker.runOnce();
    expect(entry(id, 'webhook')).toMatchObject({ state: 'delivered', attempts: 4 });
    expect(webhook.calls).toHaveLength(4);
  });

  it('treats an unexpected error as one that may pass', async () => {
    const id = storeRequest();
    const email = new ScriptedForwarder('email');
    email.script.push(() => {
      throw new TypeError('fetch failed');
    });
    await workerWith([email, new ScriptedForwarder('webhook')]).runOnce();
    expect(entry(id, 'email')).toMatchObject({ state: 'pending', lastError: 'email: fetch failed' });
  });

  it('gives up on a refusal for good, and keeps the reason', async () => {
    const id = storeRequest();
    const email = new ScriptedForwarder('email');
    email.script.push(() => {
      throw new ForwardingError('e-mail: SMTP 550', false);
    });
    const worker = workerWith([email, new ScriptedForwarder('webhook')]);
    await worker.runOnce();
    expect(entry(id, 'email')).toMatchObject({ state: 'failed', attempts: 1, lastError: 'e-mail: SMTP 550' });
    clock = new Date(clock.getTime() + 24 * 60 * 60 * 1000);
    expect(await worker.runOnce()).toBe(0);
  });

  it('gives the next attempt what the helpdesk already created', async () => {
    const id = storeRequest();
    const webhook = new ScriptedForwarder('webhook');
    webhook.script.push((progress) => {
      progress.noteRemoteId('17');
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
    expect(entry(id, 'webhook')).toMatchObject({ state: 'delivered', remoteId: '17' });
  });

  it('marks failed an entry whose helpdesk is no longer configured', async () => {
    const id = storeRequest();
    await workerWith([new ScriptedForwarder('email')]).runOnce();
    expect(entry(id, 'webhook')).toMatchObject({ state: 'failed', lastError: 'webhook is not configured any more' });
  });

  it('runs on its own once started, and stops', async () => {
    const id = storeRequest();
    const worker = workerWith([new ScriptedForwarder('email'), new ScriptedForwarder('webhook')]);
    worker.start();
    await expect.poll(() => entry(id, 'webhook')?.state).toBe('delivered');
    await worker.stop();
  });
});
