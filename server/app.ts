/**
 * The reference support backend: createServer() builds the Fastify instance (tests listen on
 * port 0), main.ts reads the environment and listens.
 *
 * Why TypeScript bundled by Vite rather than plain JavaScript: the server must validate with
 * the very code the extension runs (src/report/*.ts), and Node 20 cannot run TypeScript. So
 * the server is TypeScript too, type-checked with the rest of the repository and run as is by
 * vitest; `npm run build:server` (vite build --config server/vite.config.ts) bundles it with
 * the shared code into dist/server/main.js, leaving fastify and better-sqlite3 as imports.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import { apiRoutes } from './api';
import { consoleRoutes } from './console';
import { FileStore } from './file-store';
import { forwardingTargets } from './forwarding/config';
import type { ForwardingConfig } from './forwarding/config';
import { loadForwardedRequest } from './forwarding/forwarder';
import { createForwarding } from './forwarding/service';
import { RequestStore } from './store';

export interface ServerOptions {
  /** Holds support.sqlite, files/ and tmp/. */
  dataDir: string;
  /** When set, the API requires Authorization: Bearer <apiToken>. */
  apiToken?: string | undefined;
  /** When set, the agent console is served under /console and needs this token to log in. */
  consoleToken?: string | undefined;
  /** Requests per minute and client address on /api/v1. */
  rateLimitMax?: number;
  /** The helpdesks each stored request is forwarded to; none by default. */
  forwarding?: ForwardingConfig;
  /** How often the forwarding outbox is looked at when nothing new arrives. */
  forwardingPollMs?: number;
  logger?: boolean;
}

export const DEFAULT_RATE_LIMIT_MAX = 60;

/** Answers that Fastify itself produces (unknown content type, body too large…), in the API's shape. */
const ERROR_CODES: Record<number, string> = {
  400: 'badRequest',
  401: 'unauthorized',
  404: 'notFound',
  413: 'tooLarge',
  415: 'unsupportedMediaType',
  429: 'rateLimited',
};

export function createServer(options: ServerOptions): FastifyInstance {
  mkdirSync(options.dataDir, { recursive: true });
  const databasePath = join(options.dataDir, 'support.sqlite');
  const store = new RequestStore(databasePath, forwardingTargets(options.forwarding ?? {}));
  const fileStore = new FileStore(options.dataDir);
  // The default request logger records method, URL and addresses only: no headers, no bodies.
  const app = Fastify({ logger: options.logger ?? false, bodyLimit: 64 * 1024 });
  const forwarding = createForwarding(options.forwarding ?? {}, {
    databasePath,
    load: (id) => loadForwardedRequest(store, fileStore, id),
    onFailure: (entry, message) => app.log.warn({ requestId: entry.requestId, target: entry.target, attempts: entry.attempts }, `forwarding failed: ${message}`),
    ...(options.forwardingPollMs !== undefined && { pollMs: options.forwardingPollMs }),
  });

  app.setErrorHandler((error: { statusCode?: number }, request, reply) => {
    const status = error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) request.log.error({ err: error }, 'request failed');
    return reply.code(status).send({ error: ERROR_CODES[status] ?? (status === 500 ? 'internal' : 'clientError') });
  });
  app.setNotFoundHandler((_request, reply) => reply.code(404).send({ error: 'notFound' }));

  app.register(apiRoutes, { prefix: '/api/v1', store, fileStore, forwardingOutbox: forwarding.outbox, apiToken: options.apiToken, rateLimitMax: options.rateLimitMax ?? DEFAULT_RATE_LIMIT_MAX });
  if (options.consoleToken) app.register(consoleRoutes, { prefix: '/console', store, fileStore, forwardingOutbox: forwarding.outbox, consoleToken: options.consoleToken });
  app.addHook('onReady', async () => forwarding.worker?.start());
  // A request just stored is forwarded at once rather than at the next look.
  app.addHook('onResponse', async (request, reply) => {
    if (request.method === 'POST' && reply.statusCode === 201 && request.routeOptions.url === '/api/v1/requests') forwarding.worker?.kick();
  });
  app.addHook('onClose', async () => {
    await forwarding.close();
    store.close();
  });
  return app;
}
