/**
 * Both store engines behind one shape, for suites that run against each: SQLite in a fresh
 * temporary folder, PostgreSQL in a fresh database of a throwaway cluster (test/support/postgres.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { DiskFileStore, UploadSpool } from '../../server/file-store';
import type { ReceivedFile } from '../../server/file-store';
import type { RequestStore } from '../../server/store';
import type { MigrationStep } from '../../server/store/migrations';
import { PostgresStore } from '../../server/store/postgres';
import { SqliteStore } from '../../server/store/sqlite';
import { postgresSkipReason, startPostgres } from './postgres';
import type { PostgresCluster } from './postgres';

export interface EngineUnderTest {
  readonly store: RequestStore;
  /** Where SQLite keeps support.sqlite and files/, and both engines spool uploads. */
  dataDir: string;
  spool: UploadSpool;
  /** postgres://… for PostgreSQL; undefined for SQLite (dataDir/support.sqlite). */
  databaseUrl: string | undefined;
  /** The same database opened again, as another process would (with other steps, and helpdesks to queue for, if given). */
  reopen(migrations?: readonly MigrationStep[], forwardTo?: readonly string[]): RequestStore;
  receive(bytes: Uint8Array): Promise<ReceivedFile>;
  close(): Promise<void>;
}

export interface Engine {
  name: 'SQLite' | 'PostgreSQL';
  /** Set when this engine cannot run here (never in CI: that throws). */
  skipReason: string | undefined;
  setUp(): Promise<void>;
  open(): Promise<EngineUnderTest>;
  tearDown(): Promise<void>;
}

type MakeStore = (migrations?: readonly MigrationStep[], forwardTo?: readonly string[]) => RequestStore;

function underTest(dataDir: string, databaseUrl: string | undefined, make: MakeStore, cleanUp: () => void): EngineUnderTest {
  const spool = new UploadSpool(dataDir);
  const opened: RequestStore[] = [];
  const open = (migrations?: readonly MigrationStep[], forwardTo?: readonly string[]) => {
    const store = make(migrations, forwardTo);
    opened.push(store);
    return store;
  };
  return {
    store: open(),
    dataDir,
    spool,
    databaseUrl,
    reopen: open,
    receive: (bytes) => spool.receive(Readable.from([Buffer.from(bytes)])),
    async close() {
      for (const store of opened) await store.close();
      cleanUp();
    },
  };
}

const temporaryDir = () => mkdtempSync(join(tmpdir(), 'chorus-help-store-'));

export const SQLITE: Engine = {
  name: 'SQLite',
  skipReason: undefined,
  async setUp() {},
  async open() {
    const dataDir = temporaryDir();
    const files = new DiskFileStore(dataDir);
    const make: MakeStore = (steps, forwardTo) =>
      new SqliteStore({ path: join(dataDir, 'support.sqlite'), files, ...(steps ? { migrations: steps } : {}), ...(forwardTo ? { forwardTo } : {}) });
    const engine = underTest(dataDir, undefined, make, () => rmSync(dataDir, { recursive: true, force: true }));
    await engine.store.open();
    return engine;
  },
  async tearDown() {},
};

export function postgresEngine(): Engine {
  let cluster: PostgresCluster | undefined;
  return {
    name: 'PostgreSQL',
    skipReason: postgresSkipReason(),
    async setUp() {
      cluster = await startPostgres();
    },
    async open() {
      if (!cluster) throw new Error('setUp() first');
      const url = await cluster.createDatabase();
      const dataDir = temporaryDir();
      const make: MakeStore = (steps, forwardTo) =>
        new PostgresStore({ connectionString: url, ...(steps ? { migrations: steps } : {}), ...(forwardTo ? { forwardTo } : {}) });
      const engine = underTest(dataDir, url, make, () => rmSync(dataDir, { recursive: true, force: true }));
      await engine.store.open();
      return engine;
    },
    async tearDown() {
      await cluster?.stop();
    },
  };
}
