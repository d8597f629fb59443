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
  const store = new RequestStore(join(options.dataDir, 'support.sqlite'));
  const fileStore = new FileStore(options.dataDir);
  // The default request logger records method, URL and addresses only: no headers, no bodies.
  const app = Fastify({ logger: options.logger ?? false, bodyLimit: 64 * 1024 });

  app.setErrorHandler((error: { statusCode?: number }, request, reply) => {
    const status = error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) request.log.error({ err: error }, 'request failed');
    return reply.code(status).send({ error: ERROR_CODES[status] ?? (status === 500 ? 'internal' : 'clientError') });
  });
  app.setNotFoundHandler((_request, reply) => reply.code(404).send({ error: 'notFound' }));

  app.register(apiRoutes, { prefix: '/api/v1', store, fileStore, apiToken: options.apiToken, rateLimitMax: options.rateLimitMax ?? DEFAULT_RATE_LIMIT_MAX });
  if (options.consoleToken) app.register(consoleRoutes, { prefix: '/console', store, fileStore, consoleToken: options.consoleToken });
  app.addHook('onClose', async () => store.close());
  return app;
}
