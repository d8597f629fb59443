// @vitest-environment node
/**
 * Forwarding by e-mail, end to end: a request posted to the server's API reaches a real SMTP
 * server, is parsed back, and carries the same files byte for byte, the request as JSON, the
 * readable text and a Message-ID that stays the same when the message is sent again; and
 * the same from a server on PostgreSQL (files read back from the database).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { messageIdFor } from '../../../../server/forwarding/email';
import { PNG_BYTES, postRequest, requestWith, screenshot, startServer, testFile } from '../../../support/backend-server';
import type { TestServer } from '../../../support/backend-server';
import { postgresSkipReason, startPostgres } from '../../../support/postgres';
import type { PostgresCluster } from '../../../support/postgres';
import { startSmtpReceiver } from '../../../support/smtp-receiver';
import type { SmtpReceiver } from '../../../support/smtp-receiver';

const FROM = 'Assistant Chorus Pro <assistant@support.exemple.fr>';
const TO = 'support@exemple.fr';

/** A PDF header then every byte value, so that any re-encoding would show. */
const PDF_BYTES = new Uint8Array([...new TextEncoder().encode('%PDF-1.7\n'), ...Array.from({ length: 2048 }, (_, index) => index % 256)]);

let smtp: SmtpReceiver;
let server: TestServer;

interface Created {
  id: string;
  reference: string;
}

async function post(files = [screenshot(), testFile('facture.pdf', 'application/pdf', PDF_BYTES)]): Promise<Created> {
  const response = await postRequest(server, { request: requestWith(files), files });
  expect(response.status).toBe(201);
  return (await response.json()) as Created;
}

async function forwardingOf(id: string): Promise<string | undefined> {
  const answer = (await (await fetch(`${server.baseUrl}/api/v1/requests/${id}`)).json()) as { forwarding?: string };
  return answer.forwarding;
}

function outboxRow(id: string): { state: string; attempts: number; last_error: string | null } {
  return server.database().prepare('SELECT state, attempts, last_error FROM forwarding_outbox WHERE request_id = ?').get(id) as {
    state: string;
    attempts: number;
    last_error: string | null;
  };
}

beforeAll(async () => {
  smtp = await startSmtpReceiver();
  server = await startServer({ forwarding: { email: { to: TO, from: FROM, host: '127.0.0.1', port: smtp.port, secure: false } }, forwardingPollMs: 100 });
});

afterEach(() => {
  smtp.refuseNext(0, 451);
});

afterAll(async () => {
  await server.close();
  await smtp.close();
});

describe('forwarding by e-mail', () => {
  it('sends the request with its files byte for byte, its JSON and its text', async () => {
    const created = await post();
    const message = await vi.waitFor(() => {
      const found = smtp.messages.find((mail) => mail.messageId === messageIdFor(created.id, FROM));
      if (!found) throw new Error('no message yet');
      return found;
    });
    expect(message.subject).toBe(`[${created.reference}] Le dépôt de ma facture échoue`);
    expect(message.to && !Array.isArray(message.to) ? message.to.text : '').toBe(TO);
    expect(message.replyTo?.text).toBe('jean.dupont@exemple.fr');
    expect(message.messageId).toBe(`<${created.id}@support.exemple.fr>`);
    expect(message.text).toContain(`Demande ${created.reference} reçue le`);
    expect(message.text).toContain('(heure de Paris)');
    expect(message.text).toContain('FA-2026-0042');
    expect(message.text).toContain('1. Factures émises › Saisir facture');

    const [png, pdf, json] = message.attachments;
    expect(message.attachments).toHaveLength(3);
    expect(png?.filename).toBe('capture.png');
    expect(png?.contentType).toBe('image/png');
    expect(Buffer.compare(png?.content ?? Buffer.alloc(0), PNG_BYTES)).toBe(0);
    expect(pdf?.filename).toBe('facture.pdf');
    expect(pdf?.contentType).toBe('application/pdf');
    expect(Buffer.compare(pdf?.content ?? Buffer.alloc(0), Buffer.from(PDF_BYTES))).toBe(0);
    expect(json?.filename).toBe(`${created.reference}.json`);
    expect(JSON.parse(json?.content.toString('utf8') ?? 'null')).toEqual(requestWith([screenshot(), testFile('facture.pdf', 'application/pdf', PDF_BYTES)]));

    await vi.waitFor(async () => expect(await forwardingOf(created.id)).toBe('delivered'));
    expect(outboxRow(created.id)).toEqual({ state: 'delivered', attempts: 1, last_error: null });
  });

  it('sends again, with the same Message-ID, after the mail server said to try later', async () => {
    smtp.refuseNext(1, 451);
    const created = await post([screenshot()]);
    await vi.waitFor(() => expect(smtp.refused).toHaveLength(1));
    await vi.waitFor(() => expect(outboxRow(created.id)).toMatchObject({ state: 'pending', attempts: 1, last_error: 'e-mail: SMTP 451' }));
    expect(await forwardingOf(created.id)).toBe('pending');
    // The wait before the next attempt is random; the test makes it due now rather than sleep.
    server.database().prepare("UPDATE forwarding_outbox SET next_attempt_at = '2000-01-01T00:00:00.000Z' WHERE request_id = ?").run(created.id);
    await vi.waitFor(() => expect(outboxRow(created.id)).toMatchObject({ state: 'delivered', attempts: 2 }), { timeout: 10_000 });
    const delivered = smtp.messages.filter((mail) => mail.messageId === messageIdFor(created.id, FROM));
    expect(delivered).toHaveLength(1);
    expect(smtp.refused[0]?.messageId).toBe(delivered[0]?.messageId);
  });

  it('gives up, and says why, when the mail server refuses the message for good', async () => {
    smtp.refuseNext(1, 554);
    const created = await post([screenshot()]);
    await vi.waitFor(() => expect(outboxRow(created.id)).toEqual({ state: 'failed', attempts: 1, last_error: 'e-mail: SMTP 554' }));
    expect(await forwardingOf(created.id)).toBe('failed');
  });

  it('says nothing of forwarding when no helpdesk is configured', async () => {
    const bare = await startServer();
    const response = await postRequest(bare, {});
    const { id } = (await response.json()) as Created;
    const answer = (await (await fetch(`${bare.baseUrl}/api/v1/requests/${id}`)).json()) as Record<string, unknown>;
    expect(answer).not.toHaveProperty('forwarding');
    expect(bare.database().prepare('SELECT count(*) AS n FROM forwarding_outbox').get()).toEqual({ n: 0 });
    await bare.close();
  });
});

describe.skipIf(postgresSkipReason() !== undefined)('forwarding by e-mail from PostgreSQL', () => {
  let cluster: PostgresCluster;
  let onPostgres: TestServer;

  beforeAll(async () => {
    cluster = await startPostgres();
    const databaseUrl = await cluster.createDatabase();
    onPostgres = await startServer({ databaseUrl, forwarding: { email: { to: TO, from: FROM, host: '127.0.0.1', port: smtp.port, secure: false } }, forwardingPollMs: 100 });
  }, 120_000);

  afterAll(async () => {
    await onPostgres.close();
    await cluster.stop();
  }, 60_000);

  it('queues the request with it, sends its files from the database byte for byte, and says so in the status', async () => {
    const files = [screenshot(), testFile('facture.pdf', 'application/pdf', PDF_BYTES)];
    const response = await postRequest(onPostgres, { request: requestWith(files), files });
    expect(response.status).toBe(201);
    const created = (await response.json()) as Created;
    const message = await vi.waitFor(() => {
      const found = smtp.messages.find((mail) => mail.messageId === messageIdFor(created.id, FROM));
      if (!found) throw new Error('no message yet');
      return found;
    });
    const [png, pdf] = message.attachments;
    expect(Buffer.compare(png?.content ?? Buffer.alloc(0), PNG_BYTES)).toBe(0);
    expect(Buffer.compare(pdf?.content ?? Buffer.alloc(0), Buffer.from(PDF_BYTES))).toBe(0);
    await vi.waitFor(async () => {
      const answer = (await (await fetch(`${onPostgres.baseUrl}/api/v1/requests/${created.id}`)).json()) as { forwarding?: string };
      expect(answer.forwarding).toBe('delivered');
    });
  });
});
