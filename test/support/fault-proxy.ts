/**
 * A fault-injecting HTTP proxy in front of a real support backend, for the end-to-end tests:
 * the extension is pointed at the proxy, the proxy forwards to the backend, and each POST of a
 * request (POST /api/v1/requests) meets the next planned fault, in order — then, when the plan
 * is used up, goes through untouched. Everything else (CORS preflights, status reads) always
 * goes through.
 *
 * Faults, as a network or a server in trouble would show them:
 *   status     answers this status (and headers) itself; the backend never sees the request
 *   hang       reads the request and never answers (until the client gives up)
 *   lost       forwards, waits for the backend's answer (the request is stored), then closes
 *              the connection instead of answering
 *   stored-hang  forwards, then never answers: stored, and the client is left waiting
 *   garbage    forwards (stored), then answers 201 with a body that is not JSON
 *   slow       reads the request body at `bytesPerSecond`, then forwards
 *   delay      forwards after `ms`, so that concurrent sends overlap
 * Every answer closes its connection (Connection: close): a browser never re-sends a request
 * on its own over a reused connection that broke, so each attempt seen is the extension's.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type Fault =
  | { kind: 'status'; status: number; headers?: Record<string, string>; body?: string }
  | { kind: 'hang' }
  | { kind: 'lost' }
  | { kind: 'stored-hang' }
  | { kind: 'garbage' }
  | { kind: 'slow'; bytesPerSecond: number }
  | { kind: 'delay'; ms: number };

/** One POST of a request as the proxy saw it. */
export interface Attempt {
  /** When the request's headers arrived, and when its body was read in full (epoch ms). */
  at: number;
  bodyReadAt?: number;
  idempotencyKey: string | undefined;
  fault: Fault['kind'] | 'pass';
  bodyBytes?: number;
  /** The backend's status when the request was forwarded. */
  backendStatus?: number;
}

export interface FaultProxy {
  /** http://127.0.0.1:<port>, to give the extension as the backend's address. */
  baseUrl: string;
  attempts: Attempt[];
  /** Faults for the next POSTs of requests, in order. */
  plan(...faults: Fault[]): void;
  /** Faults planned and not met yet. */
  pending(): number;
  close(): Promise<void>;
}

const REQUESTS_PATH = '/api/v1/requests';

function readBody(req: IncomingMessage, bytesPerSecond?: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const started = Date.now();
    req.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
      if (bytesPerSecond === undefined) return;
      // Ahead of the allowed rate: stop reading (the client's upload stalls) until back on it.
      const aheadMs = (size * 1000) / bytesPerSecond - (Date.now() - started);
      if (aheadMs > 0) {
        req.pause();
        setTimeout(() => req.resume(), aheadMs);
      }
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

interface BackendAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

function forward(target: URL, req: IncomingMessage, body: Buffer): Promise<BackendAnswer> {
  const headers: http.OutgoingHttpHeaders = { ...req.headers, host: target.host, connection: 'close', 'content-length': body.length };
  delete headers['transfer-encoding'];
  return new Promise((resolve, reject) => {
    const outgoing = http.request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers }, (answer) => {
      const chunks: Buffer[] = [];
      answer.on('data', (chunk: Buffer) => chunks.push(chunk));
      answer.on('end', () => resolve({ status: answer.statusCode ?? 502, headers: answer.headers, body: Buffer.concat(chunks) }));
      answer.on('error', reject);
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

function reply(res: ServerResponse, status: number, headers: http.OutgoingHttpHeaders, body: Buffer | string): void {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  const own: http.OutgoingHttpHeaders = { ...headers, connection: 'close', 'content-length': bytes.length };
  delete own['transfer-encoding'];
  delete own['keep-alive'];
  res.writeHead(status, own);
  res.end(bytes);
}

/** The CORS headers the backend gives the extension's origin, for the answers the proxy makes up. */
function corsOf(req: IncomingMessage): Record<string, string> {
  const origin = req.headers.origin;
  return origin ? { 'access-control-allow-origin': origin, 'access-control-expose-headers': 'Idempotent-Replayed, Retry-After, Location', vary: 'Origin' } : {};
}

export async function startFaultProxy(backendBaseUrl: string): Promise<FaultProxy> {
  const target = new URL(backendBaseUrl);
  const planned: Fault[] = [];
  const attempts: Attempt[] = [];
  const sockets = new Set<Socket>();

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const isRequestPost = req.method === 'POST' && (req.url ?? '').split('?')[0] === REQUESTS_PATH;
    if (!isRequestPost) {
      const answer = await forward(target, req, await readBody(req));
      reply(res, answer.status, answer.headers, answer.body);
      return;
    }
    const fault = planned.shift();
    const key = req.headers['idempotency-key'];
    const attempt: Attempt = { at: Date.now(), idempotencyKey: typeof key === 'string' ? key : undefined, fault: fault?.kind ?? 'pass' };
    attempts.push(attempt);
    const body = await readBody(req, fault?.kind === 'slow' ? fault.bytesPerSecond : undefined);
    attempt.bodyReadAt = Date.now();
    attempt.bodyBytes = body.length;

    switch (fault?.kind) {
      case 'status':
        reply(res, fault.status, { 'content-type': 'application/json', ...corsOf(req), ...fault.headers }, fault.body ?? JSON.stringify({ error: `status ${fault.status}` }));
        return;
      case 'hang':
        return;
      default:
        break;
    }
    if (fault?.kind === 'delay') await new Promise((resolve) => setTimeout(resolve, fault.ms));
    const answer = await forward(target, req, body);
    attempt.backendStatus = answer.status;
    switch (fault?.kind) {
      case 'lost':
        req.socket.destroy();
        return;
      case 'stored-hang':
        return;
      case 'garbage':
        reply(res, 201, { 'content-type': 'application/json', ...corsOf(req) }, '{"id": "tronqu');
        return;
      default:
        reply(res, answer.status, answer.headers, answer.body);
    }
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) reply(res, 502, corsOf(req), 'proxy: the backend could not be reached');
      else res.destroy();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    attempts,
    plan: (...faults) => void planned.push(...faults),
    pending: () => planned.length,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
