/**
 * A real SMTP server for tests (smtp-server) on 127.0.0.1, which parses each message it
 * accepts with mailparser. It can refuse the next messages at the end of DATA with a given
 * reply code, the way a mail server that is busy (4xx) or refuses a message (5xx) does.
 */
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import type { ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface SmtpReceiver {
  port: number;
  /** Messages accepted, parsed, in order. */
  messages: ParsedMail[];
  /** Messages refused so far, parsed too. */
  refused: ParsedMail[];
  /** The next `count` messages are refused with this SMTP reply code. */
  refuseNext(count: number, responseCode: number): void;
  close(): Promise<void>;
}

export async function startSmtpReceiver(): Promise<SmtpReceiver> {
  const messages: ParsedMail[] = [];
  const refused: ParsedMail[] = [];
  let refusals: { count: number; responseCode: number } = { count: 0, responseCode: 451 };
  const server = new SMTPServer({
    // Plain SMTP on loopback: the test checks what is sent, not the transport's encryption.
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (parsed) => {
          if (refusals.count > 0) {
            refusals = { ...refusals, count: refusals.count - 1 };
            refused.push(parsed);
            callback(Object.assign(new Error('refused by the test'), { responseCode: refusals.responseCode }));
            return;
          }
          messages.push(parsed);
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.server.address() as AddressInfo).port,
    messages,
    refused,
    refuseNext: (count, responseCode) => {
      refusals = { count, responseCode };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
