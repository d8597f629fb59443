/**
 * Forwarding into GLPI through its REST API (apirest.php): open a session with the user's API
 * token (and the application token when GLPI asks for one), create a Ticket, upload each file
 * as a Document linked to it, close the session. Errors come as ["ERROR_…", "message"]. The
 * ticket's id is kept as soon as it exists, so a retry after a later failure adds the missing
 * documents to that ticket instead of opening a second one.
 */
import { renderRequestText } from '../../src/report/render-text';
import { escapeHtml } from '../html';
import { translateFr } from '../messages';
import { retryAfterMsOf } from '../../src/channels/backend';
import { ForwardingError, isRetryableStatus } from './forwarder';
import type { ForwardedFile, ForwardedRequest, Forwarder, ForwardingProgress } from './forwarder';

export interface GlpiSettings {
  /** The API's base address, ending in /apirest.php. */
  url: string;
  userToken: string;
  appToken?: string;
}

const TIMEOUT_MS = 30_000;
/** GLPI's ticket type "incident". */
const TICKET_TYPE_INCIDENT = 1;

interface GlpiAnswer {
  status: number;
  body: unknown;
  retryAfter: string | null;
}

/** GLPI's error code from an answer such as ["ERROR_SESSION_TOKEN_INVALID", "…"]. */
function errorCodeOf(body: unknown): string | undefined {
  return Array.isArray(body) && typeof body[0] === 'string' ? body[0] : undefined;
}

function idOf(body: unknown): number | undefined {
  const id = typeof body === 'object' && body !== null ? (body as { id?: unknown }).id : undefined;
  return typeof id === 'number' && Number.isInteger(id) ? id : undefined;
}

/** Ticket content is rich text in GLPI: the plain text, escaped, one paragraph per line. */
export function glpiContent(item: ForwardedRequest): string {
  return renderRequestText(item.request, translateFr)
    .split('\n')
    .map((line) => `<p>${escapeHtml(line)}</p>`)
    .join('');
}

export class GlpiForwarder implements Forwarder {
  readonly name = 'glpi' as const;
  readonly #settings: GlpiSettings;

  constructor(settings: GlpiSettings) {
    this.#settings = { ...settings, url: settings.url.replace(/\/+$/, '') };
  }

  async forward(item: ForwardedRequest, progress: ForwardingProgress): Promise<void> {
    let session = await this.#initSession();
    try {
      // A session GLPI dropped meanwhile is opened again once.
      const withSession = async (send: (token: string) => Promise<GlpiAnswer>): Promise<GlpiAnswer> => {
        const answer = await send(session);
        if (answer.status !== 401 || errorCodeOf(answer.body) !== 'ERROR_SESSION_TOKEN_INVALID') return answer;
        session = await this.#initSession();
        return send(session);
      };
      let ticketId = progress.remoteId;
      if (ticketId === undefined) {
        const created = this.#expect(await withSession((token) => this.#createTicket(token, item)), 201, 'Ticket');
        ticketId = String(created);
        await progress.noteRemoteId(ticketId);
      }
      const json: ForwardedFile = { name: `${item.reference}.json`, contentType: 'application/json', sha256: '', content: Buffer.from(JSON.stringify(item.request, null, 2)) };
      for (const file of [...item.files, json]) {
        this.#expect(await withSession((token) => this.#uploadDocument(token, Number(ticketId), file)), 201, 'Document');
      }
    } finally {
      await this.#call('GET', '/killSession', { 'Content-Type': 'application/json', 'Session-Token': session }).catch(() => undefined);
    }
  }

  async #initSession(): Promise<string> {
    const answer = await this.#call('GET', '/initSession', { 'Content-Type': 'application/json', Authorization: `user_token ${this.#settings.userToken}` });
    const token = typeof answer.body === 'object' && answer.body !== null ? (answer.body as { session_token?: unknown }).session_token : undefined;
    if (answer.status === 200 && typeof token === 'string' && token !== '') return token;
    throw this.#errorOf('initSession', answer);
  }

  #createTicket(session: string, item: ForwardedRequest): Promise<GlpiAnswer> {
    const input = { name: `[${item.reference}] ${item.request.title}`, content: glpiContent(item), type: TICKET_TYPE_INCIDENT };
    return this.#call('POST', '/Ticket', { 'Session-Token': session, 'Content-Type': 'application/json' }, JSON.stringify({ input }));
  }

  #uploadDocument(session: string, ticketId: number, file: ForwardedFile): Promise<GlpiAnswer> {
    const form = new FormData();
    const manifest = { input: { name: file.name, _filename: [file.name], itemtype: 'Ticket', items_id: ticketId } };
    // A plain field: GLPI reads the manifest from the form's fields, a part with a file name would be a file.
    form.append('uploadManifest', JSON.stringify(manifest));
    form.append('filename[0]', new Blob([new Uint8Array(file.content)], { type: file.contentType }), file.name);
    return this.#call('POST', '/Document', { 'Session-Token': session }, form);
  }

  /** The created item's id, when the answer is the expected one. */
  #expect(answer: GlpiAnswer, status: number, what: string): number {
    const id = idOf(answer.body);
    if (answer.status === status && id !== undefined) return id;
    throw this.#errorOf(what, answer);
  }

  #errorOf(what: string, answer: GlpiAnswer): ForwardingError {
    const code = errorCodeOf(answer.body) ?? 'unexpected answer';
    return new ForwardingError(`GLPI ${what}: ${answer.status} ${code}`, isRetryableStatus(answer.status), retryAfterMsOf(answer.retryAfter, Date.now()));
  }

  async #call(method: 'GET' | 'POST', path: string, headers: Record<string, string>, body?: string | FormData): Promise<GlpiAnswer> {
    let response: Response;
    let text: string;
    try {
      response = await fetch(`${this.#settings.url}${path}`, {
        method,
        headers: { ...(this.#settings.appToken === undefined ? {} : { 'App-Token': this.#settings.appToken }), ...headers },
        body: body ?? null,
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      text = await response.text();
    } catch {
      throw new ForwardingError(`GLPI ${path.slice(1)}: no answer`, true);
    }
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // Not JSON (an HTML error page from a proxy): kept as text, never shown whole.
    }
    return { status: response.status, body: parsed, retryAfter: response.headers.get('retry-after') };
  }
}
