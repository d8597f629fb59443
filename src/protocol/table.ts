/**
 * A receiver's protocol as one table, `{ type: { request, response } }`: each message's shape is
 * declared once, as guards, and the message types, the parser and the handlers' types are
 * derived from it. A port's messages get no answer: its table has requests only.
 */
import { isPlainObject, type Guard, type Guarded } from './guards';

/** Each type's guard of the fields a message carries besides `type`. */
export type MessageTable = Record<string, { request: Guard<object> }>;

/** …and of its answer. */
export type ProtocolTable = Record<string, { request: Guard<object>; response: Guard<unknown> }>;

/** The message of one type, `type` included. */
export type MessageOf<T extends MessageTable, K extends keyof T> = { type: K } & Guarded<T[K]['request']>;

/** Any message of the table. */
export type AnyMessageOf<T extends MessageTable> = { [K in keyof T]: MessageOf<T, K> }[keyof T];

export type ResponseOf<T extends ProtocolTable, K extends keyof T> = Guarded<T[K]['response']>;

/** Each type's request fields and answer, as senders spell them. */
export type ApiOf<T extends ProtocolTable> = { [K in keyof T]: { request: Guarded<T[K]['request']>; response: ResponseOf<T, K> } };

/**
 * The message `value` is when it is exactly one of the table's (its own `type` one of the
 * table's, its other fields exactly what that type's request guard accepts); null otherwise.
 */
export function parseMessage<T extends MessageTable>(table: T, value: unknown): AnyMessageOf<T> | null {
  if (!isPlainObject(value) || !Object.keys(value).includes('type')) return null;
  const { type, ...fields } = value;
  if (typeof type !== 'string' || !Object.hasOwn(table, type) || !table[type]!.request(fields)) return null;
  return { type, ...fields } as AnyMessageOf<T>;
}
