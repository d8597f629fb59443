/**
 * The support backend's storage engines under load, no browser involved: batches of 50
 * concurrent submissions (each with a screenshot) to server processes on SQLite, on
 * PostgreSQL, and on two PostgreSQL instances sharing the database, submissions alternating
 * between them. PostgreSQL runs with fsync on, as SQLite commits are synced too.
 */
import { randomUUID } from 'node:crypto';
import { formOf, requestWith, testFile } from '../test/support/backend-server';
import { startPostgres } from '../test/support/postgres';
import { startServerProcess } from '../test/support/server-process';
import type { ServerProcess } from '../test/support/server-process';
import { screenshotBytes } from './outbox';
import type { Section, SeriesLine } from './report';
import { p95, summarise } from './stats';

const CONCURRENCY = 50;
const UNLIMITED = '1000000';

interface Setup {
  id: string;
  label: string;
  engine: 'sqlite' | 'postgres';
  instances: 1 | 2;
}

const SETUPS: readonly Setup[] = [
  { id: 'sqlite.1', label: 'SQLite, 1 instance', engine: 'sqlite', instances: 1 },
  { id: 'postgres.1', label: 'PostgreSQL, 1 instance', engine: 'postgres', instances: 1 },
  { id: 'postgres.2', label: 'PostgreSQL, 2 instances', engine: 'postgres', instances: 2 },
];

interface Batch {
  throughput: number;
  p95: number;
}

async function measureBatches(instances: readonly ServerProcess[], runs: number): Promise<Batch[]> {
  const file = testFile('capture-2026-11-27-1430.png', 'image/png', screenshotBytes());
  const batches: Batch[] = [];
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    const latencies = await Promise.all(
      Array.from({ length: CONCURRENCY }, async (_, index) => {
        const instance = instances[index % instances.length] as ServerProcess;
        const form = formOf({ request: requestWith([file], { title: `Lot ${run + 1} — demande ${index + 1}` }), files: [file] });
        const begun = performance.now();
        const response = await fetch(`${instance.baseUrl}/api/v1/requests`, { method: 'POST', headers: { 'Idempotency-Key': randomUUID() }, body: form });
        if (response.status !== 201) throw new Error(`submission answered ${response.status}: ${await response.text()}`);
        await response.body?.cancel();
        return performance.now() - begun;
      }),
    );
    batches.push({ throughput: CONCURRENCY / ((performance.now() - started) / 1000), p95: p95(latencies) });
  }
  return batches;
}

function line(id: string, label: string, unit: 'req/s' | 'ms', samples: number[], note: string): SeriesLine {
  return { kind: 'series', id, label, unit, samples: samples.map((value) => Math.round(value * 1000) / 1000), stats: summarise(samples), note };
}

/** Section 6: submissions/s and p95 latency per setup, `runs` batches each. */
export async function measureServerStorage(runs: number): Promise<Section> {
  const cluster = await startPostgres({ fsync: true });
  const lines: SeriesLine[] = [];
  try {
    for (const setup of SETUPS) {
      console.log(`server storage, ${setup.label}: ${runs} batches of ${CONCURRENCY} submissions…`);
      const env: Record<string, string> = { RATE_LIMIT_MAX: UNLIMITED };
      if (setup.engine === 'postgres') env['DATABASE_URL'] = await cluster.createDatabase();
      const instances: ServerProcess[] = [];
      try {
        for (let count = 0; count < setup.instances; count++) instances.push(await startServerProcess(env));
        const batches = await measureBatches(instances, runs);
        const note = `${CONCURRENCY} concurrent submissions with a 300 KiB screenshot, per batch`;
        lines.push(line(`server.${setup.id}.throughput`, `submissions/s, ${setup.label}`, 'req/s', batches.map(({ throughput }) => throughput), note));
        lines.push(line(`server.${setup.id}.p95`, `p95 latency, ${setup.label}`, 'ms', batches.map((batch) => batch.p95), note));
      } finally {
        for (const instance of instances) await instance.stop();
      }
    }
  } finally {
    await cluster.stop();
  }
  return { id: 'server-storage', title: '6. Support backend storage: SQLite vs PostgreSQL, 1 vs 2 instances', lines };
}
