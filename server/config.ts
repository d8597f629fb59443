/** The server's settings, from the environment. */
import { DEFAULT_RATE_LIMIT_MAX } from './app';
import type { ServerOptions } from './app';
import { readForwardingConfig } from './forwarding/config';

export interface ServerConfig extends ServerOptions {
  port: number;
  host: string;
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const text = env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) throw new Error(`${name} must be an integer from ${min} to ${max}`);
  return value;
}

export function readConfig(env: NodeJS.ProcessEnv): ServerConfig {
  return {
    port: integer(env, 'PORT', 8787, 0, 65_535),
    host: env['HOST'] || '127.0.0.1',
    dataDir: env['DATA_DIR'] || './data',
    apiToken: env['API_TOKEN'] || undefined,
    consoleToken: env['CONSOLE_TOKEN'] || undefined,
    rateLimitMax: integer(env, 'RATE_LIMIT_MAX', DEFAULT_RATE_LIMIT_MAX, 1, 1_000_000),
    forwarding: readForwardingConfig(env),
    logger: true,
  };
}
