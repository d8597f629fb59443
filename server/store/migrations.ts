/**
 * Versioned schema changes for both engines. A step has a stable id and its SQL for each
 * engine; steps apply in list order, each once, each in its own transaction, and the ids
 * applied are recorded in schema_migrations. A module with tables of its own appends its steps
 * (ids prefixed with the module's name) to STORE_MIGRATIONS when opening the store.
 */
export interface MigrationStep {
  id: string;
  sqlite: string;
  postgres: string;
}

export const MIGRATIONS_TABLE = 'schema_migrations';

export const STORE_MIGRATIONS: readonly MigrationStep[] = [
  {
    id: 'store-001-requests',
    sqlite: `CREATE TABLE requests (
       id TEXT PRIMARY KEY,
       reference TEXT NOT NULL UNIQUE,
       status TEXT NOT NULL CHECK (status IN ('received', 'in_progress', 'waiting_for_user', 'resolved', 'closed')),
       route TEXT NOT NULL,
       category TEXT NOT NULL,
       sub_category TEXT NOT NULL,
       title TEXT NOT NULL,
       payload TEXT NOT NULL,
       received_at TEXT NOT NULL,
       updated_at TEXT NOT NULL
     ) STRICT;
     CREATE INDEX requests_by_received_at ON requests (received_at);
     CREATE TABLE attachments (
       request_id TEXT NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
       position INTEGER NOT NULL,
       name TEXT NOT NULL,
       content_type TEXT NOT NULL,
       size INTEGER NOT NULL,
       sha256 TEXT NOT NULL,
       PRIMARY KEY (request_id, position)
     ) STRICT;
     CREATE INDEX attachments_by_file ON attachments (request_id, sha256);
     CREATE TABLE idempotency_keys (
       key TEXT PRIMARY KEY,
       payload_hash TEXT NOT NULL,
       state TEXT NOT NULL CHECK (state IN ('processing', 'done')),
       response TEXT,
       created_at TEXT NOT NULL
     ) STRICT;
     CREATE TABLE reference_counters (
       year INTEGER PRIMARY KEY,
       last INTEGER NOT NULL
     ) STRICT;`,
    postgres: `CREATE TABLE requests (
       id UUID PRIMARY KEY,
       reference TEXT NOT NULL UNIQUE,
       status TEXT NOT NULL CHECK (status IN ('received', 'in_progress', 'waiting_for_user', 'resolved', 'closed')),
       route TEXT NOT NULL,
       category TEXT NOT NULL,
       sub_category TEXT NOT NULL,
       title TEXT NOT NULL,
       payload TEXT NOT NULL,
       received_at TIMESTAMPTZ NOT NULL,
       updated_at TIMESTAMPTZ NOT NULL
     );
     CREATE INDEX requests_by_received_at ON requests (received_at);
     CREATE TABLE attachments (
       request_id UUID NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
       position INTEGER NOT NULL,
       name TEXT NOT NULL,
       content_type TEXT NOT NULL,
       size INTEGER NOT NULL,
       sha256 TEXT NOT NULL,
       content BYTEA NOT NULL,
       PRIMARY KEY (request_id, position)
     );
     CREATE INDEX attachments_by_file ON attachments (request_id, sha256);
     CREATE TABLE idempotency_keys (
       key TEXT PRIMARY KEY,
       payload_hash TEXT NOT NULL,
       state TEXT NOT NULL CHECK (state IN ('processing', 'done')),
       response TEXT,
       created_at TIMESTAMPTZ NOT NULL
     );
     CREATE TABLE reference_counters (
       year INTEGER PRIMARY KEY,
       last INTEGER NOT NULL
     );`,
  },
  {
    id: 'store-002-leases-sessions-limits',
    sqlite: `ALTER TABLE idempotency_keys ADD COLUMN claim_id TEXT;
     ALTER TABLE idempotency_keys ADD COLUMN lease_until TEXT;
     CREATE INDEX idempotency_keys_by_created_at ON idempotency_keys (created_at);
     CREATE TABLE console_sessions (
       id_digest TEXT PRIMARY KEY,
       csrf_token TEXT NOT NULL,
       expires_at TEXT NOT NULL
     ) STRICT;
     CREATE TABLE rate_limits (
       key TEXT PRIMARY KEY,
       hits INTEGER NOT NULL,
       reset_at TEXT NOT NULL
     ) STRICT;`,
    postgres: `ALTER TABLE idempotency_keys ADD COLUMN claim_id TEXT;
     ALTER TABLE idempotency_keys ADD COLUMN lease_until TIMESTAMPTZ;
     CREATE INDEX idempotency_keys_by_created_at ON idempotency_keys (created_at);
     CREATE TABLE console_sessions (
       id_digest TEXT PRIMARY KEY,
       csrf_token TEXT NOT NULL,
       expires_at TIMESTAMPTZ NOT NULL
     );
     CREATE TABLE rate_limits (
       key TEXT PRIMARY KEY,
       hits INTEGER NOT NULL,
       reset_at TIMESTAMPTZ NOT NULL
     );`,
  },
];

/** The steps still to apply, in order; refuses a database that has steps this server lacks. */
export function pendingSteps(steps: readonly MigrationStep[], applied: ReadonlySet<string>): MigrationStep[] {
  const ids = new Set(steps.map(({ id }) => id));
  if (ids.size !== steps.length) throw new Error('two migration steps share an id');
  const unknown = [...applied].filter((id) => !ids.has(id));
  if (unknown.length > 0) throw new Error(`the database has migrations this server does not know: ${unknown.join(', ')}`);
  return steps.filter(({ id }) => !applied.has(id));
}
