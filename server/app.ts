/**
 * The reference support backend: createServer() builds the Fastify instance (tests listen on
 * port 0), main.ts reads the environment and listens. The store opens (and migrates) when
 * the server gets ready, before it listens.
 *
 * Why TypeScript bundled by Vite rather than plain JavaScript: the server must validate with
 * the very code the extension runs (src/report/*.ts), and Node 20 cannot run TypeScript. So
 * the server is TypeScript too, type-checked with the rest of the repository and run as is by
 * vitest; `npm run build:server` (vite build --config server/vite.config.ts) bundles it with
 * the shared code into dist/server/main.js, leaving fastify, better-sqlite3 and pg as imports.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Fastify from 'fastify';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import { apiRoutes } from './api';
import { consoleRoutes } from './console';
import { DiskFileStore, UploadSpool } from './file-store';
import { forwardingTargets } from './forwarding/config';
import type { ForwardingConfig } from './forwarding/config';
import { loadForwardedRequest } from './forwarding/forwarder';
import { FORWARDING_MIGRATIONS } from './forwarding/migrations';
import { createForwarding } from './forwarding/service';
import { StorageGuard } from './storage-guard';
import type { StorageLimits } from './storage-guard';
import { createStore } from './store';
import { STORE_MIGRATIONS } from './store/migrations';
import type { MigrationStep } from './store/migrations';

export interface ServerOptions {
  /** Holds support.sqlite and files/ with SQLite, and tmp/ (uploads in progress) always. */
  dataDir: string;
  /** postgres://… selects PostgreSQL; without it, SQLite in dataDir. */
  databaseUrl?: string | undefined;
  /** When set, the API requires Authorization: Bearer <apiToken>. */
  apiToken?: string | undefined;
  /** When set, the agent console is served under /console and needs this token to log in. */
  consoleToken?: string | undefined;
  /** Requests per minute and client address on /api/v1, shared by every instance. */
  rateLimitMax?: number;
  /** Fastify's trustProxy: which proxies' X-Forwarded-For / -Proto / -Host to believe. */
  trustProxy?: boolean | string[] | undefined;
  /** Serve HTTPS with this certificate and key (PEM). */
  https?: { cert: Buffer; key: Buffer } | undefined;
  /** Host names the server answers for; others get 421. Undefined: any. */
  allowedHosts?: readonly string[] | undefined;
  storage?: Partial<StorageLimits>;
  /** Requests older than this many days are deleted with their files; undefined keeps them. */
  retentionDays?: number | undefined;
  /** The store's steps followed by other modules' (see server/store/migrations.ts). */
  migrations?: readonly MigrationStep[];
  /** The helpdesks each stored request is forwarded to; none by default. */
  forwarding?: ForwardingConfig;
  /** How often the forwarding outbox is looked at when nothing new arrives. */
  forwardingPollMs?: number;
  logger?: boolean;
}

export const DEFAULT_RATE_LIMIT_MAX = 60;
/** Enough for the server to keep running and logging when it refuses uploads. */
export const DEFAULT_MIN_FREE_BYTES = 100 * 1024 * 1024;
/**
 * A retry of a stored request within this time gets the first answer again. The extension
 * keeps retrying past a week (it then tells the user the request is overdue), so a month.
 */
const IDEMPOTENCY_TTL_MS = 30 * 24 * 60 * 60 * 1000;
/** A temporary file this old belongs to no upload still running, in any instance. */
const STALE_TEMP_MS = 60 * 60 * 1000;
const SWEEP_EVERY_MS = 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const HSTS = 'max-age=31536000; includeSubDomains';

/** Answers that Fastify itself produces (unknown content type, body too large…), in the API's shape. */
const ERROR_CODES: Record<number, string> = {
  400: 'badRequest',
  401: 'unauthorized',
  404: 'notFound',
  413: 'tooLarge',
  415: 'unsupportedMediaType',
  421: 'misdirectedRequest',
  429: 'rateLimited',
};

export function createServer(options: ServerOptions): FastifyInstance {
  mkdirSync(options.dataDir, { recursive: true });
  const spool = new UploadSpool(options.dataDir);
  const store = createStore({
    databaseUrl: options.databaseUrl,
    dataDir: options.dataDir,
    files: new DiskFileStore(options.dataDir),
    migrations: options.migrations ?? [...STORE_MIGRATIONS, ...FORWARDING_MIGRATIONS],
    forwardTo: forwardingTargets(options.forwarding ?? {}),
  });
  const storage = new StorageGuard(store, options.dataDir, { minFreeBytes: DEFAULT_MIN_FREE_BYTES, ...options.storage });
  const settings: FastifyServerOptions & { https?: { cert: Buffer; key: Buffer } } = {
    // The default request logger records method, URL and addresses only: no headers, no bodies.
    logger: options.logger ?? false,
    bodyLimit: 64 * 1024,
    trustProxy: options.trustProxy ?? false,
    ...(options.https ? { https: options.https } : {}),
  };
  const app = Fastify(settings) as unknown as FastifyInstance;
  const forwarding = createForwarding(options.forwarding ?? {}, {
    databaseUrl: options.databaseUrl,
    databasePath: join(options.dataDir, 'support.sqlite'),
    load: (id) => loadForwardedRequest(store, id),
    onFailure: (entry, message) => app.log.warn({ requestId: entry.requestId, target: entry.target, attempts: entry.attempts }, `forwarding failed: ${message}`),
    ...(options.forwardingPollMs !== undefined && { pollMs: options.forwardingPollMs }),
  });

  app.setErrorHandler((error: { statusCode?: number }, request, reply) => {
    const status = error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) request.log.error({ err: error }, 'request failed');
    return reply.code(status).send({ error: ERROR_CODES[status] ?? (status === 500 ? 'internal' : 'clientError') });
  });
  app.setNotFoundHandler((_request, reply) => reply.code(404).send({ error: 'notFound' }));

  const allowedHosts = options.allowedHosts?.map((host) => host.toLowerCase());
  app.addHook('onRequest', async (request, reply) => {
    if (allowedHosts && !allowedHosts.includes(request.hostname.toLowerCase())) return reply.code(421).send({ error: 'misdirectedRequest' });
  });
  app.addHook('onSend', async (request, reply) => {
    if (request.protocol === 'https') reply.header('Strict-Transport-Security', HSTS);
  });

  const sweep = async () => {
    const now = new Date();
    const retentionMs = options.retentionDays === undefined ? undefined : options.retentionDays * DAY_MS;
    const removed = await store.sweep({ now, idempotencyTtlMs: IDEMPOTENCY_TTL_MS, retentionMs });
    const temporary = await spool.sweep(now, STALE_TEMP_MS);
    app.log.info({ ...removed, temporary }, 'storage swept');
  };
  let timer: NodeJS.Timeout | undefined;
  app.addHook('onReady', async () => {
    await store.open();
    await sweep();
    forwarding.worker?.start();
    timer = setInterval(() => void sweep().catch((error: unknown) => app.log.error({ err: error }, 'sweep failed')), SWEEP_EVERY_MS).unref();
  });

  app.register(apiRoutes, { prefix: '/api/v1', store, spool, storage, forwardingOutbox: forwarding.outbox, apiToken: options.apiToken, rateLimitMax: options.rateLimitMax ?? DEFAULT_RATE_LIMIT_MAX });
  if (options.consoleToken) app.register(consoleRoutes, { prefix: '/console', store, forwardingOutbox: forwarding.outbox, consoleToken: options.consoleToken });
  // A request just stored is forwarded at once rather than at the next look.
  app.addHook('onResponse', async (request, reply) => {
    if (request.method === 'POST' && reply.statusCode === 201 && request.routeOptions.url === '/api/v1/requests') forwarding.worker?.kick();
  });
  app.addHook('onClose', async () => {
    clearInterval(timer);
    await forwarding.close();
    await store.close();
  });
  return app;
}
