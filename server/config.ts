/**
 * The server's settings, from the environment. Refuses settings that would expose it
 * carelessly: a non-loopback address without TLS or a trusted proxy in front, short tokens.
 */
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { DEFAULT_MIN_FREE_BYTES, DEFAULT_RATE_LIMIT_MAX } from './app';
import type { ServerOptions } from './app';
import { readForwardingConfig } from './forwarding/config';

export interface ServerConfig extends ServerOptions {
  port: number;
  host: string;
}

/** Guessing a token this long is out of reach, even without the rate limit. */
export const MIN_TOKEN_LENGTH = 32;
const MB = 1024 * 1024;

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number;
function integer(env: NodeJS.ProcessEnv, name: string, fallback: undefined, min: number, max: number): number | undefined;
function integer(env: NodeJS.ProcessEnv, name: string, fallback: number | undefined, min: number, max: number): number | undefined {
  const text = env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) throw new Error(`${name} must be an integer from ${min} to ${max}`);
  return value;
}

function token(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = env[name] || undefined;
  if (value !== undefined && value.length < MIN_TOKEN_LENGTH) throw new Error(`${name} must be at least ${MIN_TOKEN_LENGTH} characters long`);
  return value;
}

/** "true" (any proxy), or the proxies' addresses / CIDR ranges separated by commas. */
function trustProxy(text: string | undefined): ServerOptions['trustProxy'] {
  if (text === undefined || text === '' || text === 'false') return undefined;
  if (text === 'true') return true;
  const entries = text.split(',').map((entry) => entry.trim());
  if (entries.some((entry) => isIP(entry.split('/')[0] ?? '') === 0)) throw new Error('TRUST_PROXY must be true, or addresses / CIDR ranges separated by commas');
  return entries;
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

export function readConfig(env: NodeJS.ProcessEnv): ServerConfig {
  const host = env['HOST'] || '127.0.0.1';
  const certFile = env['TLS_CERT_FILE'] || undefined;
  const keyFile = env['TLS_KEY_FILE'] || undefined;
  if ((certFile === undefined) !== (keyFile === undefined)) throw new Error('TLS_CERT_FILE and TLS_KEY_FILE go together');
  const proxies = trustProxy(env['TRUST_PROXY']);
  if (!isLoopback(host) && certFile === undefined && proxies === undefined) {
    throw new Error(`refusing to listen on ${host} without TLS: set TLS_CERT_FILE and TLS_KEY_FILE, or TRUST_PROXY when a TLS proxy is in front`);
  }
  const quotaMb = integer(env, 'STORAGE_QUOTA_MB', undefined, 1, 100_000_000);
  const hosts = env['ALLOWED_HOSTS'];
  return {
    port: integer(env, 'PORT', 8787, 0, 65_535),
    host,
    dataDir: env['DATA_DIR'] || './data',
    databaseUrl: env['DATABASE_URL'] || undefined,
    apiToken: token(env, 'API_TOKEN'),
    consoleToken: token(env, 'CONSOLE_TOKEN'),
    rateLimitMax: integer(env, 'RATE_LIMIT_MAX', DEFAULT_RATE_LIMIT_MAX, 1, 1_000_000),
    trustProxy: proxies,
    https: certFile && keyFile ? { cert: readFileSync(certFile), key: readFileSync(keyFile) } : undefined,
    allowedHosts: hosts ? hosts.split(',').map((name) => name.trim()).filter(Boolean) : undefined,
    storage: {
      quotaBytes: quotaMb === undefined ? undefined : quotaMb * MB,
      minFreeBytes: integer(env, 'MIN_FREE_DISK_MB', DEFAULT_MIN_FREE_BYTES / MB, 0, 100_000_000) * MB,
    },
    retentionDays: integer(env, 'RETENTION_DAYS', undefined, 1, 36_500),
    forwarding: readForwardingConfig(env),
    logger: true,
  };
}
