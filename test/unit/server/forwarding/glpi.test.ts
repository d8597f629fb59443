// @vitest-environment node
/**
 * The GLPI connector against recorded exchanges of GLPI's REST API, replayed by a local
 * server: the documented calls in their order (initSession, Ticket, Document, killSession),
 * with their headers and bodies, and the documented error answers.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ForwardingError } from '../../../../server/forwarding/forwarder';
import type { ForwardedRequest } from '../../../../server/forwarding/forwarder';
import { GlpiForwarder } from '../../../../server/forwarding/glpi';
import { PNG_BYTES, requestWith, screenshot } from '../../../support/backend-server';
import { loadExchanges, startReplayServer } from '../../../support/replay-server';
import type { ReplayServer } from '../../../support/replay-server';

const REFERENCE = 'CPH-2026-000042';

const item: ForwardedRequest = {
  id: '3f0b8c1e-5d2a-4c6b-9e7f-1a2b3c4d5e6f',
  reference: REFERENCE,
  receivedAt: '2026-03-02T10:16:00.000Z',
  request: requestWith([screenshot()], { title: 'Le dépôt échoue <b>encore</b>' }),
  files: [{ name: 'capture.png', contentType: 'image/png', sha256: screenshot().meta.sha256, content: PNG_BYTES }],
};

let replay: ReplayServer | undefined;

afterEach(async () => {
  await replay?.close();
  replay = undefined;
});

async function replaying(fixture: string): Promise<{ forwarder: GlpiForwarder; server: ReplayServer }> {
  replay = await startReplayServer(loadExchanges(`glpi/${fixture}`), (text) => text.replace('{reference}', REFERENCE));
  const forwarder = new GlpiForwarder({ url: `${replay.baseUrl}/apirest.php/`, userToken: 'glpi-user-token-for-tests', appToken: 'glpi-app-token-for-tests' });
  return { forwarder, server: replay };
}

function progress(remoteId?: string) {
  const noted: string[] = [];
  return { noted, progress: { ...(remoteId === undefined ? {} : { remoteId }), noteRemoteId: (id: string) => void noted.push(id) } };
}

async function failureOf(promise: Promise<unknown>): Promise<ForwardingError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(ForwardingError);
  return error as ForwardingError;
}

describe('GLPI connector', () => {
  it('opens a session, creates the ticket, uploads each file linked to it, and closes the session', async () => {
    const { forwarder, server } = await replaying('ticket-with-documents.json');
    const { noted, progress: state } = progress();
    await forwarder.forward(item, state);
    expect(server.mismatches).toEqual([]);
    expect(server.remaining()).toBe(0);
    expect(noted).toEqual(['15']);

    const [, ticket, png, json] = server.received;
    const input = (ticket?.json as { input: { name: string; content: string; type: number } }).input;
    expect(input.name).toBe(`[${REFERENCE}] Le dépôt échoue <b>encore</b>`);
    expect(input.type).toBe(1);
    // The ticket's rich text is escaped: a title or description never becomes markup in GLPI.
    expect(input.content).toContain('<p>Problème : Le dépôt échoue &lt;b&gt;encore&lt;/b&gt;</p>');
    expect(input.content).toContain('FA-2026-0042');

    expect(JSON.parse(png?.fields?.['uploadManifest'] ?? 'null')).toEqual({ input: { name: 'capture.png', _filename: ['capture.png'], itemtype: 'Ticket', items_id: 15 } });
    expect(png?.files).toHaveLength(1);
    expect(png?.files?.[0]).toMatchObject({ field: 'filename[0]', name: 'capture.png', type: 'image/png' });
    expect(Buffer.compare(png?.files?.[0]?.bytes ?? Buffer.alloc(0), PNG_BYTES)).toBe(0);
    expect(JSON.parse(json?.files?.[0]?.bytes.toString('utf8') ?? 'null')).toEqual(item.request);
  });

  it('opens a new session once when GLPI says the session token is invalid', async () => {
    const { forwarder, server } = await replaying('session-token-invalid.json');
    const { noted, progress: state } = progress();
    await forwarder.forward(item, state);
    expect(server.mismatches).toEqual([]);
    expect(server.remaining()).toBe(0);
    expect(noted).toEqual(['16']);
  });

  it.each([
    ['user-token-invalid.json', 'GLPI initSession: 401 ERROR_GLPI_LOGIN_USER_TOKEN'],
    ['app-token-missing.json', 'GLPI initSession: 400 ERROR_APP_TOKEN_PARAMETERS_MISSING'],
    ['ticket-refused.json', 'GLPI Ticket: 400 ERROR_GLPI_ADD'],
  ])('gives up on %s, with GLPI’s error code and no token in the message', async (fixture, message) => {
    const { forwarder, server } = await replaying(fixture);
    const failure = await failureOf(forwarder.forward(item, progress().progress));
    expect(failure.message).toBe(message);
    expect(failure.retryable).toBe(false);
    expect(failure.message).not.toContain('token-for-tests');
    expect(server.mismatches).toEqual([]);
    expect(server.remaining()).toBe(0);
  });

  it('retries after a server error, adding the documents to the ticket already created', async () => {
    const { forwarder, server } = await replaying('document-server-error-then-retry.json');
    const first = progress();
    const failure = await failureOf(forwarder.forward(item, first.progress));
    expect(failure.message).toBe('GLPI Document: 503 unexpected answer');
    expect(failure.retryable).toBe(true);
    expect(first.noted).toEqual(['17']);

    const second = progress('17');
    await forwarder.forward(item, second.progress);
    expect(server.mismatches).toEqual([]);
    expect(server.remaining()).toBe(0);
    const manifests = server.received.filter((request) => request.path.endsWith('/Document')).map((request) => JSON.parse(request.fields?.['uploadManifest'] ?? 'null') as { input: { items_id: number } });
    expect(manifests.map((manifest) => manifest.input.items_id)).toEqual([17, 17, 17]);
  });

  it('retries when GLPI cannot be reached', async () => {
    const forwarder = new GlpiForwarder({ url: 'http://127.0.0.1:9/apirest.php', userToken: 'glpi-user-token-for-tests' });
    const failure = await failureOf(forwarder.forward(item, progress().progress));
    expect(failure.message).toBe('GLPI initSession: no answer');
    expect(failure.retryable).toBe(true);
  });
});
