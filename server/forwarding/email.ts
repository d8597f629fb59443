/**
 * Forwarding by e-mail, which every helpdesk can ingest: the request as readable text, its
 * files attached as they were received, and the request itself as a JSON attachment for
 * tools. The Message-ID is derived from the request's id, so a message sent again after a
 * lost answer is recognised as the same one by the receiving helpdesk.
 */
import nodemailer from 'nodemailer';
import type { Transporter } from 'nodemailer';
import { renderRequestText } from '../../src/report/render-text';
import { translateFr } from '../messages';
import { parisDateTime } from '../paris-time';
import { ForwardingError } from './forwarder';
import type { ForwardedRequest, Forwarder } from './forwarder';

export interface EmailSettings {
  to: string;
  from: string;
  host: string;
  port: number;
  /** TLS from the first byte (port 465); otherwise STARTTLS when the server offers it. */
  secure: boolean;
  user?: string;
  password?: string;
}

/** "<id@domain>", with the domain of the sender's address. */
export function messageIdFor(requestId: string, from: string): string {
  const domain = /@([^>\s]+)>?$/.exec(from)?.[1] ?? 'localhost';
  return `<${requestId}@${domain}>`;
}

export function emailText(item: ForwardedRequest): string {
  const heading = `Demande ${item.reference} reçue le ${parisDateTime(item.receivedAt)} (heure de Paris)`;
  return `${heading}\n\n${renderRequestText(item.request, translateFr)}\n`;
}

/** SMTP codes 5xx refuse this message for good (unknown mailbox, message refused); 4xx are temporary. */
function errorOf(error: unknown): ForwardingError {
  const { responseCode, code } = (error ?? {}) as { responseCode?: number; code?: string };
  const permanent = responseCode !== undefined && responseCode >= 500 && code !== 'EAUTH';
  const detail = responseCode === undefined ? (code ?? 'connection failed') : `SMTP ${responseCode}`;
  return new ForwardingError(`e-mail: ${detail}`, !permanent);
}

export class EmailForwarder implements Forwarder {
  readonly name = 'email' as const;
  readonly #settings: EmailSettings;
  readonly #transport: Transporter;

  constructor(settings: EmailSettings) {
    this.#settings = settings;
    this.#transport = nodemailer.createTransport({
      host: settings.host,
      port: settings.port,
      secure: settings.secure,
      // A password never crosses the network in clear: with credentials, STARTTLS is required.
      ...(settings.user === undefined ? {} : { auth: { user: settings.user, pass: settings.password ?? '' }, requireTLS: !settings.secure }),
      connectionTimeout: 30_000,
      greetingTimeout: 30_000,
      socketTimeout: 60_000,
    });
  }

  async forward(item: ForwardedRequest): Promise<void> {
    const { request } = item;
    try {
      await this.#transport.sendMail({
        from: this.#settings.from,
        to: this.#settings.to,
        replyTo: request.contact.email,
        subject: `[${item.reference}] ${request.title}`,
        messageId: messageIdFor(item.id, this.#settings.from),
        text: emailText(item),
        attachments: [
          ...item.files.map((file) => ({ filename: file.name, content: file.content, contentType: file.contentType })),
          { filename: `${item.reference}.json`, content: JSON.stringify(request, null, 2), contentType: 'application/json' },
        ],
      });
    } catch (error) {
      throw errorOf(error);
    }
  }

  close(): void {
    this.#transport.close();
  }
}
