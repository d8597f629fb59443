// @vitest-environment node
/**
 * The webhook connector against a local receiver that checks the signature as a receiver
 * following the Standard Webhooks scheme would, and answers what each test asks for.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ForwardingError } from '../../../../server/forwarding/forwarder';
import type { ForwardedRequest } from '../../../../server/forwarding/forwarder';
import { WebhookForwarder } from '../../../../server/forwarding/webhook';
import { PNG_BYTES, requestWith, screenshot } from '../../../support/backend-server';

const SECRET = 'webhook-secret-for-tests-0123456789abcdef';
const NOW = new Date('2026-03-02T10:16:00.000Z');

const item: ForwardedRequest = {
  id: '3f0b8c1e-5d2a-4c6b-9e7f-1a2b3c4d5e6f',
  reference: 'CPH-2026-000042',
  receivedAt: '2026-03-02T10:15:59.000Z',
  request: requestWith([screenshot()]),
  files: [{ name: 'capture.png', contentType: 'image/png', sha256: screenshot().meta.sha256, content: PNG_BYTES }],
};

interface Delivery {
  headers: IncomingHttpHeaders;
  body: string;
  signatureValid: boolean;
}

type Answer = { status: number; headers?: Record<string, string> } | 'hang';

let receiver: Server;
let url: string;
let answers: Answer[] = [];
const deliveries: Delivery[] = [];

/** What a receiver does: recompute the HMAC over "<id>.<timestamp>.<body>" and compare in constant time. */
function verify(headers: IncomingHttpHeaders, body: string): boolean {
  const id = String(headers['webhook-id'] ?? '');
  const timestamp = String(headers['webhook-timestamp'] ?? '');
  const expected = createHmac('sha256', SECRET).update(`${id}.${timestamp}.${body}`).digest();
  return String(headers['webhook-signature'] ?? '')
    .split(' ')
    .some((signature) => {
      const [version, value] = signature.split(',');
      const presented = Buffer.from(value ?? '', 'base64');
      return version === 'v1' && presented.length === expected.length && timingSafeEqual(presented, expected);
    });
}

beforeAll(async () => {
  receiver = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      deliveries.push({ headers: request.headers, body, signatureValid: verify(request.headers, body) });
      const answer = answers.shift() ?? { status: 204 };
      if (answer === 'hang') return;
      response.writeHead(answer.status, answer.headers).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/chorus`;
});

beforeEach(() => {
  answers = [];
  deliveries.length = 0;
});

afterAll(async () => {
  receiver.closeAllConnections();
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
});

const forwarder = (timeoutMs?: number) => new WebhookForwarder({ url, secret: SECRET, ...(timeoutMs === undefined ? {} : { timeoutMs }) }, () => NOW);

async function failureOf(answer: Answer, timeoutMs?: number): Promise<ForwardingError> {
  answers = [answer];
  const error = await forwarder(timeoutMs)
    .forward(item)
    .then(
      () => undefined,
      (reason: unknown) => reason,
    );
  expect(error).toBeInstanceOf(ForwardingError);
  return error as ForwardingError;
}

describe('webhook connector', () => {
  it('posts the request and its files, signed over id, timestamp and body', async () => {
    await forwarder().forward(item);
    expect(deliveries).toHaveLength(1);
    const [delivery] = deliveries;
    expect(delivery?.signatureValid).toBe(true);
    expect(delivery?.headers['webhook-id']).toBe(item.id);
    expect(delivery?.headers['webhook-timestamp']).toBe(String(NOW.getTime() / 1000));
    expect(delivery?.headers['content-type']).toBe('application/json');
    const body = JSON.parse(delivery?.body ?? 'null') as { type: string; reference: string; request: unknown; files: { name: string; content: string; sha256: string }[] };
    expect(body.type).toBe('request.received');
    expect(body.reference).toBe(item.reference);
    expect(body.request).toEqual(item.request);
    expect(body.files[0]?.name).toBe('capture.png');
    expect(Buffer.compare(Buffer.from(body.files[0]?.content ?? '', 'base64'), PNG_BYTES)).toBe(0);
  });

  it('is refused by a receiver with another secret', async () => {
    await new WebhookForwarder({ url, secret: 'another-secret-of-at-least-32-characters' }, () => NOW).forward(item);
    expect(deliveries[0]?.signatureValid).toBe(false);
  });

  it.each([500, 502, 503, 408, 429])('retries after HTTP %i', async (status) => {
    const failure = await failureOf({ status });
    expect(failure).toMatchObject({ message: `webhook: HTTP ${status}`, retryable: true });
  });

  it.each([400, 401, 403, 404, 410, 413, 422])('gives up after HTTP %i', async (status) => {
    const failure = await failureOf({ status });
    expect(failure).toMatchObject({ message: `webhook: HTTP ${status}`, retryable: false });
  });

  it('waits as long as a 429 or 503 answer asks', async () => {
    expect((await failureOf({ status: 429, headers: { 'Retry-After': '120' } })).retryAfterMs).toBe(120_000);
    expect((await failureOf({ status: 503, headers: { 'Retry-After': 'Mon, 02 Mar 2026 10:20:00 GMT' } })).retryAfterMs).toBe(240_000);
  });

  it('retries when the receiver does not answer in time', async () => {
    const failure = await failureOf('hang', 200);
    expect(failure).toMatchObject({ message: 'webhook: no answer in time', retryable: true });
  });

  it('retries when the receiver cannot be reached', async () => {
    const failure = await new WebhookForwarder({ url: 'http://127.0.0.1:9/hook', secret: SECRET }).forward(item).then(
      () => undefined,
      (reason: unknown) => reason as ForwardingError,
    );
    expect(failure).toMatchObject({ message: 'webhook: connection failed', retryable: true });
  });
});
