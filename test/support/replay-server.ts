/**
 * Replays recorded HTTP exchanges: a local server that expects the recorded requests in their
 * order, checks each one's method, path and recorded headers, answers with the recorded
 * response, and keeps what it received (JSON bodies, multipart fields and files) for the test
 * to read. A request that is not the expected one is answered 599 and listed in `mismatches`.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

export interface RecordedExchange {
  request: { method: string; path: string; headers: Record<string, string>; document?: string };
  response: { status: number; body: unknown };
}

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  json?: unknown;
  fields?: Record<string, string>;
  files?: { field: string; name: string; type: string; bytes: Buffer }[];
}

export interface ReplayServer {
  baseUrl: string;
  received: ReceivedRequest[];
  mismatches: string[];
  /** Exchanges not asked for yet. */
  remaining: () => number;
  close: () => Promise<void>;
}

export function loadExchanges(fixture: string): RecordedExchange[] {
  return (JSON.parse(readFileSync(join(process.cwd(), 'test/fixtures', fixture), 'utf8')) as { exchanges: RecordedExchange[] }).exchanges;
}

async function readBody(request: IncomingMessage, url: string): Promise<Pick<ReceivedRequest, 'json' | 'fields' | 'files'>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks);
  const type = request.headers['content-type'] ?? '';
  if (type.startsWith('application/json') && body.length > 0) return { json: JSON.parse(body.toString('utf8')) };
  if (!type.startsWith('multipart/form-data')) return {};
  const form = await new Request(url, { method: 'POST', headers: { 'content-type': type }, body }).formData();
  const fields: Record<string, string> = {};
  const files: NonNullable<ReceivedRequest['files']> = [];
  for (const [field, value] of form) {
    if (typeof value === 'string') fields[field] = value;
    else files.push({ field, name: value.name, type: value.type, bytes: Buffer.from(await value.arrayBuffer()) });
  }
  return { fields, files };
}

/** `substitute` turns placeholders of the recording ("{reference}") into this run's values. */
export async function startReplayServer(exchanges: readonly RecordedExchange[], substitute: (text: string) => string = (text) => text): Promise<ReplayServer> {
  const queue = [...exchanges];
  const received: ReceivedRequest[] = [];
  const mismatches: string[] = [];
  const server = createServer((request, response) => {
    const url = `http://127.0.0.1${request.url ?? '/'}`;
    readBody(request, url).then(
      (body) => {
        const path = new URL(url).pathname;
        received.push({ method: request.method ?? '', path, headers: request.headers, ...body });
        const expected = queue.shift();
        const problems: string[] = [];
        if (!expected) problems.push('no more exchanges recorded');
        else {
          if (expected.request.method !== request.method || expected.request.path !== path) problems.push(`expected ${expected.request.method} ${expected.request.path}`);
          for (const [name, value] of Object.entries(expected.request.headers)) {
            if (!(request.headers[name] ?? '').toString().startsWith(value)) problems.push(`header ${name}`);
          }
          if (expected.request.document !== undefined && body.files?.[0]?.name !== substitute(expected.request.document)) problems.push(`document ${expected.request.document}`);
        }
        if (problems.length > 0 || !expected) {
          mismatches.push(`${request.method} ${path}: ${problems.join(', ')}`);
          response.writeHead(599).end();
          return;
        }
        const { status, body: answer } = expected.response;
        if (typeof answer === 'string') response.writeHead(status, { 'Content-Type': 'text/html' }).end(answer);
        else response.writeHead(status, { 'Content-Type': 'application/json; charset=UTF-8' }).end(JSON.stringify(answer));
      },
      (error: Error) => {
        mismatches.push(`${request.method} ${request.url}: unreadable body (${error.message})`);
        response.writeHead(599).end();
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    mismatches,
    remaining: () => queue.length,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
