/** Opens the store the settings choose: PostgreSQL when a database URL is set, SQLite otherwise. */
import { join } from 'node:path';
import type { FileStore } from '../file-store';
import type { RequestStore } from './contract';
import { STORE_MIGRATIONS } from './migrations';
import type { MigrationStep } from './migrations';
import { PostgresStore } from './postgres';
import { SqliteStore } from './sqlite';

export * from './contract';

export interface StoreSettings {
  /** postgres://… ; without it, SQLite in dataDir/support.sqlite. */
  databaseUrl?: string | undefined;
  dataDir: string;
  /** Where SQLite keeps attachments. */
  files: FileStore;
  /** STORE_MIGRATIONS followed by the steps of modules with tables of their own. */
  migrations?: readonly MigrationStep[];
  /** The helpdesks each new request is queued for, in the forwarding outbox (its steps must be in `migrations`). */
  forwardTo?: readonly string[];
}

export function createStore({ databaseUrl, dataDir, files, migrations = STORE_MIGRATIONS, forwardTo = [] }: StoreSettings): RequestStore {
  if (databaseUrl) return new PostgresStore({ connectionString: databaseUrl, migrations, forwardTo });
  return new SqliteStore({ path: join(dataDir, 'support.sqlite'), files, migrations, forwardTo });
}
