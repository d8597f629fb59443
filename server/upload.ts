/**
 * Reads POST /api/v1/requests: a multipart body whose first part, `request`, is the
 * SupportRequest as JSON, followed by one `files` part per attachment. The request is
 * validated before any file is read, so a refused request costs no disk; each file must be one
 * the request announced (same name, size and SHA-256) with a type its extension allows and
 * content that starts as that type does.
 */
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import { MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS_TOTAL_BYTES, contentTypeFor, isAllowedMimeForExtension } from '../src/report/attachments';
import { parseSupportRequest } from '../src/report/request';
import { REQUEST_LIMITS } from '../src/report/request-limits';
import type { FieldError, SupportRequest } from '../src/report/request';
import type { ReceivedFile, UploadSpool } from './file-store';
import { contentMatchesName } from './file-type';

/** A refusal with its HTTP status; `errors` for 400 answers. */
export class UploadError extends Error {
  constructor(
    readonly statusCode: 400 | 413 | 415,
    readonly errors: FieldError[] = [],
  ) {
    super(`upload refused (${statusCode})`);
  }
}

export interface Upload {
  request: SupportRequest;
  /** In the order of request.attachments. */
  files: ReceivedFile[];
  /** Canonical content type of each attachment, in the same order. */
  contentTypes: string[];
  /** Identifies the payload for idempotency: the JSON exactly as sent, then each file's digest. */
  payloadHash: string;
}

/** Generous for the JSON part: every text at its limit stays well under it. */
const MAX_REQUEST_JSON_BYTES = 256 * 1024;
const SIZE_CODES = new Set(['file.tooLarge', 'files.tooLarge']);

function isTooLarge(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { statusCode?: unknown }).statusCode === 413;
}

export function payloadHashOf(json: string, files: readonly { name: string; sha256: string }[]): string {
  const hash = createHash('sha256').update(json);
  for (const file of files) hash.update(`\0${file.name}\0${file.sha256}`);
  return hash.digest('hex');
}

/** The `request` part sent as a file, refused as soon as it passes the JSON limit. */
async function readRequestFile(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_REQUEST_JSON_BYTES) throw new UploadError(413, [{ field: 'request', code: 'tooLong' }]);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function parseRequestJson(json: string): SupportRequest {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new UploadError(400, [{ field: 'request', code: 'format' }]);
  }
  const result = parseSupportRequest(value);
  if (result.ok) return result.request;
  // Too large is a 413 whatever else is wrong: the client must drop or shrink a file.
  if (result.errors.some(({ code }) => SIZE_CODES.has(code))) throw new UploadError(413, result.errors);
  throw new UploadError(400, result.errors);
}

export async function readUpload(httpRequest: FastifyRequest, spool: UploadSpool): Promise<Upload> {
  let json: string | undefined;
  let request: SupportRequest | undefined;
  const received = new Map<string, ReceivedFile>();
  let totalBytes = 0;
  try {
    const parts = httpRequest.parts({
      limits: {
        // Busboy cuts a file past this many bytes: 10 MB itself is already too large.
        fileSize: MAX_ATTACHMENT_BYTES - 1,
        files: REQUEST_LIMITS.attachments + 1,
        fields: 1,
        parts: REQUEST_LIMITS.attachments + 1,
        fieldSize: MAX_REQUEST_JSON_BYTES,
      },
    });
    for await (const part of parts) {
      if (request === undefined) {
        if (part.fieldname !== 'request') throw new UploadError(400, [{ field: 'request', code: 'required' }]);
        if (part.type === 'field' && part.valueTruncated) throw new UploadError(413, [{ field: 'request', code: 'tooLong' }]);
        if (part.type === 'field') json = String(part.value);
        else if (part.mimetype.split(';')[0]?.trim() !== 'application/json') throw new UploadError(415);
        else json = await readRequestFile(part.file);
        request = parseRequestJson(json);
        continue;
      }
      if (part.type !== 'file' || part.fieldname !== 'files') throw new UploadError(400, [{ field: part.fieldname, code: 'unknownKey' }]);
      const index = request.attachments.findIndex(({ name }) => name === part.filename);
      const field = `attachments[${index}]`;
      if (index < 0) throw new UploadError(400, [{ field: 'files', code: 'file.unexpected' }]);
      if (received.has(part.filename)) throw new UploadError(400, [{ field, code: 'duplicate' }]);
      if (!isAllowedMimeForExtension(part.filename, part.mimetype)) throw new UploadError(415, [{ field: `${field}.type`, code: 'file.type' }]);
      const file = await spool.receive(part.file);
      received.set(part.filename, file);
      totalBytes += file.size;
      if (totalBytes > MAX_ATTACHMENTS_TOTAL_BYTES) throw new UploadError(413, [{ field: 'attachments', code: 'files.tooLarge' }]);
    }
    if (request === undefined || json === undefined) throw new UploadError(400, [{ field: 'request', code: 'required' }]);
    const files = request.attachments.map((meta, index) => {
      const file = received.get(meta.name);
      if (!file) throw new UploadError(400, [{ field: `attachments[${index}]`, code: 'file.missing' }]);
      if (file.size !== meta.size || file.sha256 !== meta.sha256) throw new UploadError(400, [{ field: `attachments[${index}]`, code: 'file.mismatch' }]);
      if (!contentMatchesName(meta.name, file.head)) throw new UploadError(415, [{ field: `attachments[${index}].content`, code: 'file.type' }]);
      return file;
    });
    return {
      request,
      files,
      // parseSupportRequest accepted every name, so each has an allowed extension.
      contentTypes: request.attachments.map(({ name }) => contentTypeFor(name) ?? 'application/octet-stream'),
      payloadHash: payloadHashOf(json, request.attachments),
    };
  } catch (error) {
    await spool.discard([...received.values()]);
    if (isTooLarge(error) && !(error instanceof UploadError)) throw new UploadError(413, [{ field: 'files', code: 'file.tooLarge' }]);
    throw error;
  }
}
