/**
 * The agent console, /console: log in with CONSOLE_TOKEN (a session cookie, HttpOnly,
 * SameSite=Strict), list and filter requests, open one, change its status (CSRF token), view
 * its files. Strict CSP, no script anywhere; files are served by id and digest only.
 */
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CONSOLE_CSS, detailPage, listPage, loginPage, notFoundPage } from './console-views';
import { isSha256, isUuid } from './file-store';
import type { ForwardingOutbox } from './forwarding/outbox';
import { databaseRateLimitStore } from './rate-limit-store';
import { digestOf, newToken, secretMatches } from './secrets';
import { isRequestStatus } from './store';
import type { ConsoleSession, RequestFilter, RequestStore } from './store';
import { ROUTES, findCategory } from '../src/report/categories';
import type { Route } from '../src/report/categories';

export interface ConsoleOptions {
  store: RequestStore;
  forwardingOutbox: ForwardingOutbox;
  consoleToken: string;
}

const SESSION_COOKIE = 'cph_console';
const SESSION_LIFETIME_MS = 8 * 60 * 60 * 1000;
const LOGIN_ATTEMPTS_PER_MINUTE = 10;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
export const PAGE_SIZE = 50;
const MAX_SEARCH_LENGTH = 200;
const PUBLIC_PATHS = new Set(['/console/login', '/console/console.css']);

const PAGE_CSP = "default-src 'none'; img-src 'self'; style-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
/** Files are never a document that could run anything, even opened directly. */
const FILE_CSP = "default-src 'none'; sandbox";

function cookieValue(request: FastifyRequest, name: string): string | undefined {
  for (const pair of (request.headers.cookie ?? '').split(';')) {
    const [key, ...value] = pair.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}

function sendPage(reply: FastifyReply, page: string, status = 200): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').send(page);
}

function formField(body: unknown, name: string): string | undefined {
  const value = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[name] : undefined;
  return typeof value === 'string' ? value : undefined;
}

/** What an agent types: a reference's number alone is padded ("42" → "000042"); a SIRET loses its spaces. */
function searchTermOf(text: string | undefined): string | undefined {
  const term = text?.trim().slice(0, MAX_SEARCH_LENGTH);
  if (!term) return undefined;
  if (/^\d{1,6}$/.test(term)) return term.padStart(6, '0');
  return /^[\d ]{14,17}$/.test(term) ? term.replace(/ /g, '') : term;
}

function filterOf(query: Record<string, string | undefined>): RequestFilter {
  const filter: RequestFilter = {};
  if (isRequestStatus(query['status'])) filter.status = query['status'];
  if (ROUTES.includes(query['route'] as Route)) filter.route = query['route'];
  if (findCategory(query['category'] ?? '')) filter.category = query['category'];
  const search = searchTermOf(query['q']);
  if (search !== undefined) filter.search = search;
  if (DAY.test(query['from'] ?? '')) filter.fromDay = query['from'];
  if (DAY.test(query['to'] ?? '')) filter.toDay = query['to'];
  return filter;
}

export async function consoleRoutes(app: FastifyInstance, { store, forwardingOutbox, consoleToken }: ConsoleOptions): Promise<void> {
  // In the database, so that any instance behind a load balancer knows every session.
  const sessionOf = async (request: FastifyRequest): Promise<ConsoleSession | undefined> => {
    const id = cookieValue(request, SESSION_COOKIE);
    return id === undefined ? undefined : store.getSession(digestOf(id), new Date());
  };

  /** The session of a logged-in agent; for a form post, only with its CSRF token. */
  const requireSession = async (request: FastifyRequest): Promise<ConsoleSession | undefined> => {
    const session = await sessionOf(request);
    if (!session || request.method !== 'POST') return session;
    const csrf = formField(request.body, 'csrf');
    return csrf !== undefined && secretMatches(csrf, session.csrfToken) ? session : undefined;
  };

  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 4096 }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });
  await app.register(rateLimit, { global: false, store: databaseRateLimitStore(store, 'console') });

  app.addHook('onSend', async (request, reply) => {
    if (!reply.hasHeader('Content-Security-Policy')) reply.header('Content-Security-Policy', PAGE_CSP);
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('X-Frame-Options', 'DENY');
    reply.header('Referrer-Policy', 'no-referrer');
    reply.header('Cache-Control', 'no-store');
  });

  app.addHook('preHandler', async (request, reply) => {
    if (PUBLIC_PATHS.has(request.routeOptions.url ?? '')) return;
    if (await requireSession(request)) return;
    if (request.method === 'GET' && !request.url.startsWith('/console/files/')) return reply.redirect('/console/login', 303);
    return reply.code(403).type('text/plain; charset=utf-8').send('Session expirée ou jeton CSRF manquant : reconnectez-vous.');
  });

  app.get('/console.css', async (_request, reply) => reply.type('text/css; charset=utf-8').send(CONSOLE_CSS));

  app.get('/login', async (_request, reply) => sendPage(reply, loginPage(false)));

  app.post('/login', { config: { rateLimit: { max: LOGIN_ATTEMPTS_PER_MINUTE, timeWindow: '1 minute' } } }, async (request, reply) => {
    const token = formField(request.body, 'token');
    if (token === undefined || !secretMatches(token, consoleToken)) return sendPage(reply, loginPage(true), 401);
    const id = newToken();
    await store.createSession(digestOf(id), { csrfToken: newToken(), expiresAt: new Date(Date.now() + SESSION_LIFETIME_MS) });
    const secure = request.protocol === 'https' ? '; Secure' : '';
    reply.header('Set-Cookie', `${SESSION_COOKIE}=${id}; Path=/console; HttpOnly; SameSite=Strict; Max-Age=${SESSION_LIFETIME_MS / 1000}${secure}`);
    return reply.redirect('/console', 303);
  });

  app.post('/logout', async (request, reply) => {
    const id = cookieValue(request, SESSION_COOKIE);
    if (id !== undefined) await store.deleteSession(digestOf(id));
    reply.header('Set-Cookie', `${SESSION_COOKIE}=; Path=/console; HttpOnly; SameSite=Strict; Max-Age=0`);
    return reply.redirect('/console/login', 303);
  });

  app.get<{ Querystring: Record<string, unknown> }>('/', async (request, reply) => {
    // A name given twice arrives as a list: such a field is ignored.
    const query = Object.fromEntries(Object.entries(request.query).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
    const filter = filterOf(query);
    const page = Math.max(1, Math.min(10_000, Number.parseInt(query['page'] ?? '1', 10) || 1));
    // One more than a page tells whether there is a next one.
    const rows = await store.listRequests(filter, { offset: (page - 1) * PAGE_SIZE, limit: PAGE_SIZE + 1 });
    const shown = rows.slice(0, PAGE_SIZE);
    const forwarding = await forwardingOutbox.entriesFor(shown.map((row) => row.id));
    const csrfToken = ((await sessionOf(request)) as ConsoleSession).csrfToken;
    return sendPage(
      reply,
      listPage({ rows: shown, forwarding, filter, page, offset: (page - 1) * PAGE_SIZE, hasNext: rows.length > PAGE_SIZE, searchText: query['q']?.slice(0, MAX_SEARCH_LENGTH) ?? '' }, csrfToken),
    );
  });

  app.get<{ Params: { id: string }; Querystring: { saved?: string; retried?: string } }>('/requests/:id', async (request, reply) => {
    const stored = isUuid(request.params.id) ? await store.getRequest(request.params.id) : undefined;
    if (!stored) return sendPage(reply, notFoundPage(), 404);
    const forwarding = (await forwardingOutbox.entriesFor([stored.id])).get(stored.id) ?? [];
    const csrfToken = ((await sessionOf(request)) as ConsoleSession).csrfToken;
    return sendPage(reply, detailPage(stored, forwarding, csrfToken, { statusChanged: request.query.saved === '1', forwardingRetried: request.query.retried === '1' }));
  });

  app.post<{ Params: { id: string } }>('/requests/:id/status', async (request, reply) => {
    const status = formField(request.body, 'status');
    if (!isRequestStatus(status)) return reply.code(400).type('text/plain; charset=utf-8').send('Statut inconnu.');
    if (!isUuid(request.params.id) || !(await store.setStatus(request.params.id, status, new Date()))) return sendPage(reply, notFoundPage(), 404);
    return reply.redirect(`/console/requests/${request.params.id}?saved=1`, 303);
  });

  app.post<{ Params: { id: string } }>('/requests/:id/forwarding', async (request, reply) => {
    if (!isUuid(request.params.id) || !(await store.getRequest(request.params.id))) return sendPage(reply, notFoundPage(), 404);
    await forwardingOutbox.retryFailed(request.params.id, new Date());
    return reply.redirect(`/console/requests/${request.params.id}?retried=1`, 303);
  });

  app.get<{ Params: { id: string; sha256: string } }>('/files/:id/:sha256', async (request, reply) => {
    const { id, sha256 } = request.params;
    const file = isUuid(id) && isSha256(sha256) ? await store.findAttachment(id, sha256) : undefined;
    const content = file && (await store.readAttachment(id, sha256));
    if (!file || !content) return reply.code(404).type('text/plain; charset=utf-8').send('Fichier introuvable.');
    const inline = file.contentType === 'image/png' || file.contentType === 'image/jpeg';
    return reply
      .header('Content-Security-Policy', FILE_CSP)
      .header('Content-Disposition', `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(file.name)}`)
      .header('Content-Length', String(file.size))
      .type(file.contentType)
      .send(content);
  });
}
