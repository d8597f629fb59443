// @vitest-environment node
/**
 * What makes the server fit to face the internet: each refusal is sent its bad input and its
 * answer read, and nothing of a refused request is stored.
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from '../../../server/app';
import { MIN_TOKEN_LENGTH, readConfig } from '../../../server/config';
import { PNG_BYTES, formOf, postRequest, requestWith, screenshot, startServer, testFile } from '../../support/backend-server';
import type { TestServer } from '../../support/backend-server';

interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** node:http rather than fetch, which would not send a Host or X-Forwarded-* header of ours. */
async function raw(baseUrl: string, method: string, path: string, headers: Record<string, string> = {}, body?: FormData | string): Promise<RawAnswer> {
  const url = new URL(path, baseUrl);
  const encoded = body instanceof FormData ? new Response(body) : undefined;
  const bytes = encoded ? Buffer.from(await encoded.arrayBuffer()) : typeof body === 'string' ? Buffer.from(body) : undefined;
  const allHeaders = { ...headers, ...(encoded ? { 'Content-Type': encoded.headers.get('content-type') ?? '' } : {}), ...(bytes ? { 'Content-Length': String(bytes.length) } : {}) };
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(url, { method, headers: allHeaders, rejectUnauthorized: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(bytes);
  });
}

const LONG_TOKEN = 'x'.repeat(MIN_TOKEN_LENGTH);

describe('settings refused at start-up', () => {
  it('refuses a non-loopback address without TLS or a trusted proxy', () => {
    expect(() => readConfig({ HOST: '0.0.0.0' })).toThrow(/refusing to listen on 0\.0\.0\.0 without TLS/);
    expect(() => readConfig({ HOST: '192.0.2.10' })).toThrow(/TLS_CERT_FILE/);
    expect(readConfig({ HOST: '0.0.0.0', TRUST_PROXY: '10.0.0.0/8' }).trustProxy).toEqual(['10.0.0.0/8']);
    expect(readConfig({ HOST: '::1' }).host).toBe('::1');
  });

  it('refuses tokens shorter than 32 characters', () => {
    expect(() => readConfig({ API_TOKEN: 'x'.repeat(MIN_TOKEN_LENGTH - 1) })).toThrow(/API_TOKEN must be at least 32 characters/);
    expect(() => readConfig({ CONSOLE_TOKEN: 'court' })).toThrow(/CONSOLE_TOKEN must be at least 32 characters/);
    expect(readConfig({ API_TOKEN: LONG_TOKEN, CONSOLE_TOKEN: LONG_TOKEN }).apiToken).toBe(LONG_TOKEN);
  });

  it('refuses half a TLS setting and a malformed TRUST_PROXY', () => {
    expect(() => readConfig({ TLS_CERT_FILE: '/nowhere/cert.pem' })).toThrow(/go together/);
    expect(() => readConfig({ TRUST_PROXY: 'proxy.example' })).toThrow(/TRUST_PROXY must be/);
  });
});

describe('host allow-list', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ allowedHosts: ['support.example.fr'] });
  });
  afterAll(() => server.close());

  it('answers 421 to another Host and stores nothing', async () => {
    const form = formOf({ files: [screenshot()] });
    const refused = await raw(server.baseUrl, 'POST', '/api/v1/requests', { Host: 'attacker.example', 'Idempotency-Key': randomUUID() }, form);
    expect(refused.status).toBe(421);
    expect(JSON.parse(refused.body)).toEqual({ error: 'misdirectedRequest' });
    expect(server.count('requests')).toBe(0);
    const allowed = await raw(server.baseUrl, 'POST', '/api/v1/requests', { Host: 'support.example.fr', 'Idempotency-Key': randomUUID() }, formOf({ files: [screenshot()] }));
    expect(allowed.status).toBe(201);
    expect(server.count('requests')).toBe(1);
  });
});

describe('behind a TLS proxy (TRUST_PROXY)', () => {
  let trusting: TestServer;
  let plain: TestServer;
  beforeAll(async () => {
    trusting = await startServer({ trustProxy: ['127.0.0.1'], rateLimitMax: 1, consoleToken: LONG_TOKEN });
    plain = await startServer({ rateLimitMax: 1, consoleToken: LONG_TOKEN });
  });
  afterAll(async () => {
    await trusting.close();
    await plain.close();
  });

  it('counts the rate limit per client address the proxy forwards, and ignores the header otherwise', async () => {
    const health = (server: TestServer, client: string) => raw(server.baseUrl, 'GET', `/api/v1/requests/${randomUUID()}`, { 'X-Forwarded-For': client });
    expect((await health(trusting, '198.51.100.1')).status).toBe(404);
    expect((await health(trusting, '198.51.100.2')).status).toBe(404);
    expect((await health(trusting, '198.51.100.1')).status).toBe(429);
    expect((await health(plain, '198.51.100.1')).status).toBe(404);
    // Without a trusted proxy both come from 127.0.0.1: one bucket.
    expect((await health(plain, '198.51.100.2')).status).toBe(429);
  });

  it('marks the console cookie Secure and sends HSTS when the proxy says HTTPS', async () => {
    const login = (server: TestServer) =>
      raw(server.baseUrl, 'POST', '/console/login', { 'X-Forwarded-Proto': 'https', 'Content-Type': 'application/x-www-form-urlencoded' }, new URLSearchParams({ token: LONG_TOKEN }).toString());
    const behindProxy = await login(trusting);
    expect(behindProxy.status).toBe(303);
    expect(String(behindProxy.headers['set-cookie'])).toMatch(/; Secure/);
    expect(behindProxy.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    const direct = await login(plain);
    expect(String(direct.headers['set-cookie'])).not.toMatch(/Secure/);
    expect(direct.headers['strict-transport-security']).toBeUndefined();
  });
});

describe('on TLS', () => {
  let server: TestServer;
  let certDir: string;
  beforeAll(async () => {
    certDir = mkdtempSync(join(tmpdir(), 'chorus-help-tls-'));
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-subj', '/CN=localhost', '-days', '1', '-keyout', join(certDir, 'key.pem'), '-out', join(certDir, 'cert.pem')], { stdio: 'ignore' });
    const config = readConfig({ HOST: '0.0.0.0', TLS_CERT_FILE: join(certDir, 'cert.pem'), TLS_KEY_FILE: join(certDir, 'key.pem') });
    server = await startServer({ https: config.https });
  }, 30_000);
  afterAll(async () => {
    await server.close();
    rmSync(certDir, { recursive: true, force: true });
  });

  it('serves HTTPS with HSTS', async () => {
    expect(server.baseUrl).toMatch(/^https:/);
    const answer = await raw(server.baseUrl, 'GET', '/api/v1/health');
    expect(answer.status).toBe(200);
    expect(answer.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
  });
});

describe('uploads', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ rateLimitMax: 10_000 });
  });
  afterAll(() => server.close());

  it('caps the request part at its limit even when sent as a file', async () => {
    const huge = JSON.stringify(requestWith([], { description: 'a'.repeat(300 * 1024) }));
    const response = await postRequest(server, { json: huge });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ errors: [{ field: 'request', code: 'tooLong' }] });
    expect(server.count('requests')).toBe(0);
  });

  it('refuses a file whose content is not of its declared type, and keeps nothing of it', async () => {
    const fake = testFile('capture.png', 'image/png', new TextEncoder().encode('MZ this is not a PNG'));
    const response = await postRequest(server, { files: [fake] });
    expect(response.status).toBe(415);
    expect(await response.json()).toMatchObject({ errors: [{ field: 'attachments[0].content', code: 'file.type' }] });
    expect(server.count('requests')).toBe(0);
    expect(server.count('idempotency_keys')).toBe(0);
    expect(readdirSync(join(server.dataDir, 'tmp'))).toEqual([]);
  });
});

describe('storage limits (507)', () => {
  it('refuses past the total quota, stores nothing more, and frees the key', async () => {
    const server = await startServer({ storage: { quotaBytes: PNG_BYTES.length * 1.5 } });
    try {
      expect((await postRequest(server, { files: [screenshot()] })).status).toBe(201);
      const key = randomUUID();
      const refused = await postRequest(server, { key, files: [screenshot()] });
      expect(refused.status).toBe(507);
      expect(await refused.json()).toMatchObject({ error: 'insufficientStorage', reason: 'quota' });
      expect(server.count('requests')).toBe(1);
      expect(server.count('attachments')).toBe(1);
      // The key is free again: once space is made, the same submission goes through.
      expect(server.database().prepare('SELECT count(*) AS n FROM idempotency_keys WHERE key = ?').get(key)).toEqual({ n: 0 });
      expect(readdirSync(join(server.dataDir, 'tmp'))).toEqual([]);
    } finally {
      await server.close();
    }
  });

  it('refuses when the disk has less free space than the floor, before reading the upload', async () => {
    const server = await startServer({ storage: { minFreeBytes: Number.MAX_SAFE_INTEGER } });
    try {
      const refused = await postRequest(server, { files: [screenshot()] });
      expect(refused.status).toBe(507);
      expect(await refused.json()).toMatchObject({ error: 'insufficientStorage', reason: 'disk', message: expect.stringMatching(/disk space/) });
      expect(server.count('requests')).toBe(0);
      expect(readdirSync(join(server.dataDir, 'tmp'))).toEqual([]);
    } finally {
      await server.close();
    }
  });
});

describe('start-up maintenance', () => {
  it('sweeps stale temporary files, and deletes requests past the retention with their files', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'chorus-help-server-'));
    try {
      const first = createServer({ dataDir });
      const baseUrl = await first.listen({ port: 0, host: '127.0.0.1' });
      const post = (key: string) => fetch(`${baseUrl}/api/v1/requests`, { method: 'POST', headers: { 'Idempotency-Key': key }, body: formOf({ files: [screenshot()] }) });
      const old = (await (await post(randomUUID())).json()) as { id: string };
      const recent = (await (await post(randomUUID())).json()) as { id: string };
      await first.close();

      // Forty days pass for the first request; an upload was cut two hours ago, another just now.
      const Sqlite = (await import('better-sqlite3')).default;
      const db = new Sqlite(join(dataDir, 'support.sqlite'));
      db.prepare('UPDATE requests SET received_at = ? WHERE id = ?').run(new Date(Date.now() - 40 * 86_400_000).toISOString(), old.id);
      db.close();
      mkdirSync(join(dataDir, 'tmp'), { recursive: true });
      writeFileSync(join(dataDir, 'tmp', 'stale'), 'x');
      const twoHoursAgo = new Date(Date.now() - 2 * 3_600_000);
      utimesSync(join(dataDir, 'tmp', 'stale'), twoHoursAgo, twoHoursAgo);
      writeFileSync(join(dataDir, 'tmp', 'in-flight'), 'x');

      const second = createServer({ dataDir, retentionDays: 30 });
      const secondUrl = await second.listen({ port: 0, host: '127.0.0.1' });
      try {
        expect(readdirSync(join(dataDir, 'tmp'))).toEqual(['in-flight']);
        expect((await fetch(`${secondUrl}/api/v1/requests/${old.id}`)).status).toBe(404);
        expect((await fetch(`${secondUrl}/api/v1/requests/${recent.id}`)).status).toBe(200);
        expect(readdirSync(join(dataDir, 'files'))).toEqual([recent.id]);
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
