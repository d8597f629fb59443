/**
 * The support backend's HTTP API, /api/v1 (documented in server/openapi.yaml). The extension
 * calls it from its background page: extension origins get CORS headers (no credentials: the
 * token travels in Authorization), every other origin gets none.
 */
import { randomUUID } from 'node:crypto';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { UploadSpool } from './file-store';
import { isUuid } from './file-store';
import { overallState } from './forwarding/outbox';
import type { ForwardingOutbox } from './forwarding/outbox';
import { databaseRateLimitStore } from './rate-limit-store';
import { secretMatches } from './secrets';
import type { CreatedResponse, IdempotencyClaim, RequestStore } from './store';
import type { StorageGuard, StorageRefusal } from './storage-guard';
import { UploadError, readUpload } from './upload';
import type { Upload } from './upload';

export interface ApiOptions {
  store: RequestStore;
  spool: UploadSpool;
  storage: StorageGuard;
  forwardingOutbox: ForwardingOutbox;
  apiToken: string | undefined;
  rateLimitMax: number;
}

/** chrome-extension://<32 letters a–p>, moz-extension://<UUID>; Edge and others use the former. */
const EXTENSION_ORIGIN = /^(?:chrome-extension:\/\/[a-p]{32}|moz-extension:\/\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

function allowExtensionOrigin(request: FastifyRequest, reply: FastifyReply): void {
  reply.header('Vary', 'Origin');
  const origin = request.headers.origin;
  if (origin === undefined || !EXTENSION_ORIGIN.test(origin)) return;
  reply.header('Access-Control-Allow-Origin', origin);
  reply.header('Access-Control-Expose-Headers', 'Idempotent-Replayed, Retry-After, Location');
}

function bearerToken(request: FastifyRequest): string | undefined {
  const match = /^Bearer ([^\s]+)$/.exec(request.headers.authorization ?? '');
  return match?.[1];
}

export async function apiRoutes(app: FastifyInstance, { store, spool, storage, forwardingOutbox, apiToken, rateLimitMax }: ApiOptions): Promise<void> {
  app.addHook('onRequest', async (request, reply) => allowExtensionOrigin(request, reply));

  // Preflight: answered before the rate limit and the token check, which it does not carry.
  app.options('/*', { config: { rateLimit: false } }, async (request, reply) => {
    if (reply.hasHeader('Access-Control-Allow-Origin')) {
      reply.header('Access-Control-Allow-Methods', 'GET, POST');
      reply.header('Access-Control-Allow-Headers', 'Authorization, Content-Type, Idempotency-Key');
      reply.header('Access-Control-Max-Age', '600');
    }
    return reply.code(204).send();
  });

  await app.register(rateLimit, {
    max: rateLimitMax,
    timeWindow: '1 minute',
    keyGenerator: (request) => request.ip,
    store: databaseRateLimitStore(store, 'api'),
  });
  await app.register(multipart);

  app.get('/health', { config: { rateLimit: false } }, async () => ({ status: 'ok' }));

  app.addHook('preHandler', async (request, reply) => {
    if (apiToken === undefined || request.method === 'OPTIONS' || request.routeOptions.url === '/api/v1/health') return;
    const token = bearerToken(request);
    if (token === undefined || !secretMatches(token, apiToken)) {
      return reply.code(401).header('WWW-Authenticate', 'Bearer').send({ error: 'unauthorized' });
    }
  });

  // Answers only past the token check: the extension's "test the connection" asks it.
  app.get('/token-check', async () => ({ status: 'ok' }));

  app.post('/requests', async (request, reply) => {
    const idempotencyKey = request.headers['idempotency-key'];
    if (typeof idempotencyKey !== 'string' || idempotencyKey === '') return reply.code(400).send({ errors: [{ field: 'Idempotency-Key', code: 'required' }] });
    if (!isUuid(idempotencyKey)) return reply.code(400).send({ errors: [{ field: 'Idempotency-Key', code: 'format' }] });
    if (!request.isMultipart()) return reply.code(415).send({ error: 'unsupportedMediaType' });
    const diskRefusal = await storage.refusalBeforeUpload();
    if (diskRefusal) {
      request.log.warn('free disk space below MIN_FREE_DISK_MB: request refused (507)');
      return reply.code(507).header('Connection', 'close').send(diskRefusal);
    }

    let upload: Upload;
    try {
      upload = await readUpload(request, spool);
    } catch (error) {
      // The rest of the body may be unread (up to 100 MB of refused files): rather than read
      // it, the connection closes after the answer.
      reply.header('Connection', 'close');
      if (!(error instanceof UploadError)) throw error;
      return reply.code(error.statusCode).send(error.statusCode === 400 ? { errors: error.errors } : { error: error.statusCode === 413 ? 'tooLarge' : 'unsupportedMediaType', errors: error.errors });
    }

    const key = idempotencyKey.toLowerCase();
    let claim: IdempotencyClaim;
    try {
      claim = await store.claimIdempotencyKey(key, upload.payloadHash, new Date());
    } catch (error) {
      await spool.discard(upload.files);
      throw error;
    }
    if (claim.kind !== 'claimed') {
      // Cleaned up before answering, so that a client that saw the answer sees no leftovers.
      await spool.discard(upload.files);
      switch (claim.kind) {
        case 'inProgress':
          return reply.code(409).header('Retry-After', '1').send({ error: 'inProgress' });
        case 'payloadMismatch':
          return reply.code(422).send({ error: 'idempotencyKeyReused' });
        case 'replay':
          return reply.code(201).header('Idempotent-Replayed', 'true').header('Location', `/api/v1/requests/${claim.response.id}`).send(claim.response);
      }
    }
    const id = randomUUID();
    let outcome: { created: CreatedResponse } | { refused: StorageRefusal };
    try {
      const refused = await storage.refusalFor(upload.files);
      if (refused) await store.releaseIdempotencyKey(key, claim.claimId);
      outcome = refused
        ? { refused }
        : {
            created: await store.insertRequest({
              id,
              idempotencyKey: key,
              claimId: claim.claimId,
              request: upload.request,
              contentTypes: upload.contentTypes,
              files: upload.files,
              receivedAt: new Date(),
            }),
          };
    } catch (error) {
      await store.releaseIdempotencyKey(key, claim.claimId);
      throw error;
    } finally {
      // Files the store moved are gone already; copied ones (PostgreSQL) and refused ones go here.
      await spool.discard(upload.files);
    }
    if ('refused' in outcome) {
      request.log.warn('storage quota reached: request refused (507)');
      return reply.code(507).send(outcome.refused);
    }
    const { created } = outcome;
    return reply.code(201).header('Location', `/api/v1/requests/${id}`).send(created);
  });

  app.get<{ Params: { id: string } }>('/requests/:id', async (request, reply) => {
    const stored = isUuid(request.params.id) ? await store.getRequest(request.params.id.toLowerCase()) : undefined;
    if (!stored) return reply.code(404).send({ error: 'notFound' });
    const forwarding = overallState((await forwardingOutbox.entriesFor([stored.id])).get(stored.id) ?? []);
    return { id: stored.id, reference: stored.reference, status: stored.status, updatedAt: stored.updatedAt, ...(forwarding && { forwarding }) };
  });
}
