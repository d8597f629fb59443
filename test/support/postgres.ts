/**
 * A throwaway PostgreSQL cluster for tests and the bench: initdb in a fresh temporary folder,
 * a server listening only on a Unix socket in that folder, everything removed at stop (and
 * at exit, should a run end before). PostgreSQL refuses to run as root, so as root the
 * cluster belongs to the unprivileged `nobody` user (runuser, from util-linux).
 *
 * Binaries: PG_BIN, else the newest /usr/lib/postgresql/<version>/bin (Debian's layout).
 * Without them, postgresSkipReason() says why; with CI=true their absence is an error, never
 * a skip.
 */
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

const DEBIAN_ROOT = '/usr/lib/postgresql';

export function postgresBinDir(): string | undefined {
  const fromEnv = process.env['PG_BIN'];
  if (fromEnv) return existsSync(join(fromEnv, 'initdb')) ? fromEnv : undefined;
  if (!existsSync(DEBIAN_ROOT)) return undefined;
  const versions = readdirSync(DEBIAN_ROOT)
    .filter((version) => existsSync(join(DEBIAN_ROOT, version, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] && join(DEBIAN_ROOT, versions[0], 'bin');
}

/** Why the PostgreSQL runs cannot happen here, or undefined when they can. Throws in CI. */
export function postgresSkipReason(): string | undefined {
  if (postgresBinDir()) return undefined;
  const reason = `PostgreSQL binaries not found (set PG_BIN, or install Debian's postgresql package)`;
  if (process.env['CI'] === 'true') throw new Error(`${reason}: CI must run the PostgreSQL tests.`);
  console.warn(`⚠ Skipping the PostgreSQL runs: ${reason}.`);
  return reason;
}

export interface PostgresCluster {
  /** A connection string for a new, empty database of this cluster. */
  createDatabase(): Promise<string>;
  stop(): Promise<void>;
}

export interface ClusterOptions {
  /** fsync on commit; off by default, as nothing here must survive a crash. */
  fsync?: boolean;
}

export async function startPostgres({ fsync = false }: ClusterOptions = {}): Promise<PostgresCluster> {
  const bin = postgresBinDir();
  if (!bin) throw new Error('PostgreSQL binaries not found');
  const dir = mkdtempSync(join(tmpdir(), 'chorus-help-pg-'));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'nobody'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'nobody'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }
  const run = (tool: string, args: string[]) => {
    const [command, commandArgs] = asRoot ? ['runuser', ['-u', 'nobody', '--', join(bin, tool), ...args]] : [join(bin, tool), args];
    execFileSync(command as string, commandArgs as string[], { stdio: ['ignore', 'pipe', 'pipe'], cwd: dir });
  };
  const data = join(dir, 'data');
  let stopped = false;
  const removeAll = () => {
    if (stopped) return;
    stopped = true;
    // The postmaster's pid is the first line of postmaster.pid; SIGQUIT stops it at once.
    const pidFile = join(data, 'postmaster.pid');
    if (existsSync(pidFile)) {
      const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
      if (Number.isInteger(pid) && pid > 0) {
        try {
          process.kill(pid, 'SIGQUIT');
        } catch {
          // Already gone.
        }
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', removeAll);
  try {
    run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync', '--no-instructions']);
    const settings = `-k ${dir} -c listen_addresses='' -c fsync=${fsync ? 'on' : 'off'} -c max_connections=200`;
    run('pg_ctl', ['-D', data, '-w', '-t', '60', '-l', join(dir, 'server.log'), '-o', settings, 'start']);
  } catch (error) {
    const log = join(dir, 'server.log');
    const details = existsSync(log) ? readFileSync(log, 'utf8') : String((error as { stderr?: unknown }).stderr ?? '');
    removeAll();
    throw new Error(`PostgreSQL did not start: ${details}`, { cause: error });
  }
  const urlFor = (database: string) => `postgresql://postgres@/${database}?host=${encodeURIComponent(dir)}`;
  let databases = 0;
  return {
    async createDatabase() {
      databases += 1;
      const name = `support_${databases}`;
      const client = new pg.Client({ connectionString: urlFor('postgres') });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return urlFor(name);
    },
    async stop() {
      if (stopped) return;
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        removeAll();
        process.removeListener('exit', removeAll);
      }
    },
  };
}
