/**
 * A @fastify/rate-limit store on the RequestStore, so that the counters are shared by every
 * server process on the same database: a client spreading its requests over several
 * instances still gets one budget.
 */
import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { RequestStore } from './store';

type Callback = Parameters<FastifyRateLimitStore['incr']>[1];
type RouteOptions = Parameters<FastifyRateLimitStore['child']>[0];

/** The class @fastify/rate-limit instantiates; each route with its own limit gets a child. */
export function databaseRateLimitStore(store: RequestStore, namespace: string): FastifyRateLimitStoreCtor {
  return class DatabaseRateLimitStore implements FastifyRateLimitStore {
    prefix = namespace;

    incr(key: string, callback: Callback, timeWindow: number): void {
      const now = new Date();
      store.hitRateLimit(`${this.prefix}:${key}`, timeWindow, now).then(
        ({ count, resetAt }) => callback(null, { current: count, ttl: Math.max(0, resetAt.getTime() - now.getTime()) }),
        (error: Error) => callback(error),
      );
    }

    child(routeOptions: RouteOptions): DatabaseRateLimitStore {
      // The plugin passes the route's limit settings, the route itself under routeInfo.
      const route = (routeOptions as { routeInfo?: { method?: unknown; url?: unknown } }).routeInfo ?? {};
      const child = new DatabaseRateLimitStore();
      child.prefix = `${this.prefix}:${String(route.method)} ${String(route.url)}`;
      return child;
    }
  };
}
