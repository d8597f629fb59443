/**
 * Two server processes on one PostgreSQL: 200 submissions, each sent to both instances at
 * once with the same idempotency key, as a client retrying through a load balancer would.
 * Every request is stored exactly once, and both answers of a pair are the first answer.
 * No browser: the two processes and the database are the system under test.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formOf, requestWith, screenshot } from '../support/backend-server';
import { logIn } from '../support/console-support';
import { postgresSkipReason, startPostgres } from '../support/postgres';
import type { PostgresCluster } from '../support/postgres';
import { startServerProcess } from '../support/server-process';
import type { ServerProcess } from '../support/server-process';

const SUBMISSIONS = 200;
/** Submissions in flight at once (each is two posts): enough to overlap, not to swamp two cores. */
const IN_FLIGHT = 10;
const CONSOLE_TOKEN = 'console-token-for-two-instances-0123';

interface Answer {
  status: number;
  replayed: boolean;
  body: { id: string; reference: string; receivedAt: string };
}

/** Posts until the key is no longer in progress elsewhere (409), as the extension's outbox does. */
async function submit(baseUrl: string, key: string, form: () => FormData): Promise<Answer> {
  for (;;) {
    const response = await fetch(`${baseUrl}/api/v1/requests`, { method: 'POST', headers: { 'Idempotency-Key': key }, body: form() });
    if (response.status !== 409) {
      return { status: response.status, replayed: response.headers.get('idempotent-replayed') === 'true', body: (await response.json()) as Answer['body'] };
    }
    await response.body?.cancel();
    // Retry-After says 1 s; the other instance's commit takes milliseconds, so wait on it briefly.
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe.skipIf(postgresSkipReason() !== undefined)('two server instances on one PostgreSQL', () => {
  let cluster: PostgresCluster;
  let databaseUrl: string;
  const instances: ServerProcess[] = [];

  beforeAll(async () => {
    cluster = await startPostgres();
    databaseUrl = await cluster.createDatabase();
    const env = { DATABASE_URL: databaseUrl, RATE_LIMIT_MAX: '1000000', CONSOLE_TOKEN };
    // One after the other: the second finds the schema migrated by the first.
    instances.push(await startServerProcess(env));
    instances.push(await startServerProcess(env));
  }, 180_000);

  afterAll(async () => {
    for (const instance of instances) await instance.stop();
    await cluster?.stop();
  }, 60_000);

  it(`stores each of ${SUBMISSIONS} submissions exactly once and answers every duplicate with the first answer`, async () => {
    const [first, second] = instances as [ServerProcess, ServerProcess];
    const file = screenshot();
    const pairs: { key: string; answers: Answer[] }[] = [];
    let next = 0;
    const worker = async () => {
      while (next < SUBMISSIONS) {
        const index = next++;
        const key = randomUUID();
        const json = JSON.stringify(requestWith([file], { title: `Demande ${index + 1}` }));
        const form = () => formOf({ json, files: [file] });
        // Alternate which instance is asked first, so each gets its share of first answers.
        const order = index % 2 === 0 ? [first, second] : [second, first];
        pairs.push({ key, answers: await Promise.all(order.map((instance) => submit(instance.baseUrl, key, form))) });
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker));

    expect(pairs).toHaveLength(SUBMISSIONS);
    for (const { answers } of pairs) {
      expect(answers.map(({ status }) => status)).toEqual([201, 201]);
      expect(answers[0]?.body).toEqual(answers[1]?.body);
      // One answer is the original, the other its replay.
      expect(answers.filter(({ replayed }) => replayed)).toHaveLength(1);
    }
    const references = new Set(pairs.map(({ answers }) => answers[0]?.body.reference));
    expect(references.size).toBe(SUBMISSIONS);

    const db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    try {
      const count = async (sql: string) => Number((await db.query<{ n: string }>(sql)).rows[0]?.n);
      expect(await count('SELECT count(*)::text AS n FROM requests')).toBe(SUBMISSIONS);
      expect(await count('SELECT count(*)::text AS n FROM attachments')).toBe(SUBMISSIONS);
      expect(await count("SELECT count(*)::text AS n FROM idempotency_keys WHERE state = 'done'")).toBe(SUBMISSIONS);
      expect(await count("SELECT count(*)::text AS n FROM idempotency_keys WHERE state = 'processing'")).toBe(0);
      const stored = await db.query<{ id: string; reference: string }>('SELECT id, reference FROM requests');
      const answered = new Map(pairs.map(({ answers }) => [answers[0]?.body.id, answers[0]?.body.reference]));
      for (const row of stored.rows) expect(answered.get(row.id)).toBe(row.reference);
    } finally {
      await db.end();
    }
  }, 300_000);

  it('knows a console session on both instances, and its end too', async () => {
    const [first, second] = instances as [ServerProcess, ServerProcess];
    const cookie = await logIn(first.baseUrl, CONSOLE_TOKEN);
    const list = (instance: ServerProcess) => fetch(`${instance.baseUrl}/console`, { headers: { Cookie: cookie }, redirect: 'manual' });
    expect((await list(second)).status).toBe(200);
    const page = await (await list(first)).text();
    const csrf = /name="csrf" value="([^"]+)"/.exec(page)?.[1] ?? '';
    const logout = await fetch(`${second.baseUrl}/console/logout`, {
      method: 'POST',
      headers: { Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ csrf }).toString(),
      redirect: 'manual',
    });
    expect(logout.status).toBe(303);
    const afterLogout = await list(first);
    expect(afterLogout.status).toBe(303);
    expect(afterLogout.headers.get('location')).toBe('/console/login');
  });
});
