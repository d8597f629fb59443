/**
 * Forwarding put together from its settings: the outbox on its own connection to the
 * server's database, one connector per configured helpdesk, and the worker that runs them.
 */
import Database from 'better-sqlite3';
import type { ForwardingConfig } from './config';
import { EmailForwarder } from './email';
import type { ForwardedRequest, Forwarder } from './forwarder';
import { GlpiForwarder } from './glpi';
import type { ForwarderName, ForwardingOutbox, OutboxEntry } from './outbox';
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
  /** The SQLite file, already migrated by the request store. */
  databasePath: string;
  load: (requestId: string) => Promise<ForwardedRequest | undefined>;
  onFailure?: (entry: OutboxEntry, message: string) => void;
  pollMs?: number;
}

export function createForwarding(config: ForwardingConfig, { databasePath, load, onFailure, pollMs }: ForwardingDependencies): Forwarding {
  const db = new Database(databasePath);
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  const outbox = new SqliteForwardingOutbox(db);
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
      db.close();
    },
  };
}
