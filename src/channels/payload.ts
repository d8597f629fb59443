/**
 * The outbox payload of a request, for every channel: the SupportRequest serialized once at
 * enqueue. The backend channel sends this very string on every attempt (the server recognises
 * a retry by the hash of these bytes); the portal channel reads the request back from it.
 */
import { parseSupportRequest } from '../report/request';
import type { ParseResult, SupportRequest } from '../report/request';

export function requestPayloadOf(request: SupportRequest): string {
  return JSON.stringify(request);
}

/** The request stored in an outbox payload, checked again as anything read back from storage. */
export function requestOfPayload(payload: unknown): ParseResult {
  if (typeof payload !== 'string') return { ok: false, errors: [{ field: '', code: 'type' }] };
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch {
    return { ok: false, errors: [{ field: '', code: 'format' }] };
  }
  return parseSupportRequest(value);
}
