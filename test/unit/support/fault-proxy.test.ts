// @vitest-environment node
// The fault proxy of the end-to-end tests does what each test plans, in order, and nothing else.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFaultProxy, type FaultProxy } from '../../support/fault-proxy';
import { formOf, startServer, type TestServer } from '../../support/backend-server';

const ORIGIN = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';

describe('fault proxy', () => {
  let server: TestServer;
  let proxy: FaultProxy;

  beforeAll(async () => {
    server = await startServer();
    proxy = await startFaultProxy(server.baseUrl);
  });

  afterAll(async () => {
    await proxy.close();
    await server.close();
  });

  const post = (key: string, signal?: AbortSignal) =>
    fetch(`${proxy.baseUrl}/api/v1/requests`, { method: 'POST', headers: { 'Idempotency-Key': key, Origin: ORIGIN }, body: formOf({}), ...(signal ? { signal } : {}) });

  it('meets the planned faults in order, then lets requests through', async () => {
    const key = randomUUID();
    proxy.plan({ kind: 'status', status: 429, headers: { 'retry-after': '7' } }, { kind: 'lost' }, { kind: 'garbage' });

    const limited = await post(key);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('7');
    expect(limited.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(server.count('requests')).toBe(0);

    await expect(post(key)).rejects.toThrow();
    expect(server.count('requests')).toBe(1);

    const garbled = await post(key);
    expect(garbled.status).toBe(201);
    await expect(garbled.json()).rejects.toThrow();

    const through = await post(key);
    expect(through.status).toBe(201);
    expect(through.headers.get('idempotent-replayed')).toBe('true');
    expect(await through.json()).toMatchObject({ reference: expect.stringMatching(/^CPH-/) });
    expect(server.count('requests')).toBe(1);
    expect(proxy.attempts.map((attempt) => [attempt.fault, attempt.idempotencyKey, attempt.backendStatus])).toEqual([
      ['status', key, undefined],
      ['lost', key, 201],
      ['garbage', key, 201],
      ['pass', key, 201],
    ]);
    expect(proxy.pending()).toBe(0);
  });

  it('hangs until the client gives up, and reads a slow upload at the rate asked', async () => {
    proxy.plan({ kind: 'hang' }, { kind: 'slow', bytesPerSecond: 4096 });
    await expect(post(randomUUID(), AbortSignal.timeout(300))).rejects.toThrow();
    const slow = await post(randomUUID());
    expect(slow.status).toBe(201);
    const attempt = proxy.attempts.at(-1)!;
    expect(attempt.fault).toBe('slow');
    expect(attempt.bodyBytes).toBeGreaterThan(1024);
    expect(attempt.bodyReadAt! - attempt.at).toBeGreaterThanOrEqual((attempt.bodyBytes! * 1000) / 4096 - 50);
  });
});
