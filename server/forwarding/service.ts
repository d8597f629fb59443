/**
 * Forwarding put together from its settings: the outbox on its own connection to the
 * server's database (the engine the store uses), one connector per configured helpdesk, and
 * the worker that runs them.
 */
import type { ForwardingConfig } from './config';
import { EmailForwarder } from './email';
import type { ForwardedRequest, Forwarder } from './forwarder';
import { GlpiForwarder } from './glpi';
import type { ForwarderName, ForwardingOutbox, OutboxEntry } from './outbox';
import { PostgresForwardingOutbox } from './postgres-outbox';
import { SqliteForwardingOutbox } from './sqlite-outbox';
import { WebhookForwarder } from './webhook';
import { ForwardingWorker } from './worker';

export interface Forwarding {
  outbox: ForwardingOutbox;
  /** Absent when no helpdesk is configured. */
  worker?: ForwardingWorker;
  close(): Promise<void>;
}

export interface ForwardingDependencies {
  /** postgres://… when the store uses PostgreSQL. */
  databaseUrl?: string | undefined;
  /** The SQLite file otherwise. Either is migrated by the request store before the worker starts. */
  databasePath: string;
  load: (requestId: string) => Promise<ForwardedRequest | undefined>;
  onFailure?: (entry: OutboxEntry, message: string) => void;
  pollMs?: number;
}

/** The outbox on the engine the store uses. */
export function openOutbox(databaseUrl: string | undefined, databasePath: string): ForwardingOutbox {
  return databaseUrl ? new PostgresForwardingOutbox(databaseUrl) : new SqliteForwardingOutbox(databasePath);
}

export function createForwarding(config: ForwardingConfig, { databaseUrl, databasePath, load, onFailure, pollMs }: ForwardingDependencies): Forwarding {
  const outbox = openOutbox(databaseUrl, databasePath);
  const email = config.email && new EmailForwarder(config.email);
  const forwarders = new Map<ForwarderName, Forwarder>();
  if (email) forwarders.set('email', email);
  if (config.glpi) forwarders.set('glpi', new GlpiForwarder(config.glpi));
  if (config.webhook) forwarders.set('webhook', new WebhookForwarder(config.webhook));
  const worker =
    forwarders.size === 0
      ? undefined
      : new ForwardingWorker({ outbox, forwarders, load, ...(onFailure && { onFailure }), ...(pollMs !== undefined && { pollMs }) });
  return {
    outbox,
    ...(worker && { worker }),
    close: async () => {
      await worker?.stop();
      email?.close();
      await outbox.close();
    },
  };
}
