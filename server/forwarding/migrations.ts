/**
 * The forwarding outbox's tables, appended to the store's steps. Entries belong to their
 * request: retention deleting a request deletes its entries with it.
 */
import type { MigrationStep } from '../store/migrations';

export const FORWARDING_MIGRATIONS: readonly MigrationStep[] = [
  {
    id: 'forwarding-001-outbox',
    sqlite: `CREATE TABLE forwarding_outbox (
       request_id TEXT NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
       target TEXT NOT NULL CHECK (target IN ('email', 'glpi', 'webhook')),
       state TEXT NOT NULL CHECK (state IN ('pending', 'delivered', 'failed')),
       attempts INTEGER NOT NULL DEFAULT 0,
       next_attempt_at TEXT NOT NULL,
       lease_until TEXT,
       last_error TEXT,
       remote_id TEXT,
       updated_at TEXT NOT NULL,
       PRIMARY KEY (request_id, target)
     ) STRICT;
     CREATE INDEX forwarding_outbox_due ON forwarding_outbox (state, next_attempt_at);`,
    postgres: `CREATE TABLE forwarding_outbox (
       request_id UUID NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
       target TEXT NOT NULL CHECK (target IN ('email', 'glpi', 'webhook')),
       state TEXT NOT NULL CHECK (state IN ('pending', 'delivered', 'failed')),
       attempts INTEGER NOT NULL DEFAULT 0,
       next_attempt_at TIMESTAMPTZ NOT NULL,
       lease_until TIMESTAMPTZ,
       last_error TEXT,
       remote_id TEXT,
       updated_at TIMESTAMPTZ NOT NULL,
       PRIMARY KEY (request_id, target)
     );
     CREATE INDEX forwarding_outbox_due ON forwarding_outbox (state, next_attempt_at);`,
  },
];

/** The statement each engine runs, in the transaction that stores a request, per target. */
export const ENQUEUE_SQLITE =
  "INSERT INTO forwarding_outbox (request_id, target, state, next_attempt_at, updated_at) VALUES (?, ?, 'pending', ?, ?)";
export const ENQUEUE_POSTGRES =
  "INSERT INTO forwarding_outbox (request_id, target, state, next_attempt_at, updated_at) VALUES ($1, $2, 'pending', $3, $3)";
