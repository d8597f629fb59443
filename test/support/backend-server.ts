/**
 * A real server for tests: createServer() listening on 127.0.0.1:0 with its SQLite file in a
 * fresh temporary directory, plus helpers to send requests the way the extension does.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import { createServer } from '../../server/app';
import type { ServerOptions } from '../../server/app';
import type { AttachmentMeta, SupportRequest } from '../../src/report/request';
import { validRequest } from './request-fixture';

export interface TestServer {
  app: FastifyInstance;
  baseUrl: string;
  dataDir: string;
  /** Counts rows in a table, through a connection of its own (as another process would). */
  count: (table: 'requests' | 'attachments' | 'idempotency_keys') => number;
  /** A separate read-write connection to the server's database. */
  database: () => Database.Database;
  close: () => Promise<void>;
}

export async function startServer(options: Omit<ServerOptions, 'dataDir'> = {}): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'chorus-help-server-'));
  const app = createServer({ dataDir, ...options });
  const baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
  const connections: Database.Database[] = [];
  const database = () => {
    const db = new Database(join(dataDir, 'support.sqlite'));
    connections.push(db);
    return db;
  };
  const reader = database();
  return {
    app,
    baseUrl,
    dataDir,
    count: (table) => (reader.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n,
    database,
    close: async () => {
      for (const db of connections) db.close();
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A 1×1 PNG. */
export const PNG_BYTES = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
  'base64',
);

export interface TestFile {
  meta: AttachmentMeta;
  bytes: Uint8Array<ArrayBuffer>;
  /** The part's content type when it differs from the metadata's. */
  partType?: string;
}

export function testFile(name: string, type: string, bytes: Uint8Array<ArrayBuffer>): TestFile {
  return { meta: { name, type, size: bytes.byteLength, sha256: createHash('sha256').update(bytes).digest('hex') }, bytes };
}

export const screenshot = (): TestFile => testFile('capture.png', 'image/png', PNG_BYTES);

export interface PostOptions {
  request?: unknown;
  files?: readonly TestFile[];
  /** The JSON part exactly as sent, instead of `request`. */
  json?: string;
  key?: string | null;
  token?: string;
  headers?: Record<string, string>;
}

/** A request whose attachments metadata describes `files`. */
export function requestWith(files: readonly TestFile[], overrides: Partial<SupportRequest> = {}): SupportRequest {
  return validRequest({ attachments: files.map(({ meta }) => meta), ...overrides });
}

export function formOf(options: PostOptions): FormData {
  const files = options.files ?? [];
  const form = new FormData();
  const json = options.json ?? JSON.stringify(options.request ?? requestWith(files));
  form.append('request', new Blob([json], { type: 'application/json' }), 'request.json');
  for (const file of files) form.append('files', new Blob([file.bytes], { type: file.partType ?? file.meta.type }), file.meta.name);
  return form;
}

export function postRequest(server: TestServer, options: PostOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.key !== null) headers['Idempotency-Key'] = options.key ?? randomUUID();
  if (options.token !== undefined) headers['Authorization'] = `Bearer ${options.token}`;
  return fetch(`${server.baseUrl}/api/v1/requests`, { method: 'POST', headers, body: formOf(options) });
}
