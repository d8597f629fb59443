/**
 * Attachment files. An upload streams into DATA_DIR/tmp under a random name while its SHA-256
 * is computed (UploadSpool), whatever the engine. Once the whole request is accepted, the
 * store takes the files: PostgreSQL copies them into the database in the request's
 * transaction; SQLite hands them to a FileStore, by default DiskFileStore, which renames them
 * (atomic on one file system) to DATA_DIR/files/<request id>/<sha256>. Another FileStore (an
 * S3-compatible bucket, say) only has to implement the interface below. Paths are only ever
 * built from a UUID and a hex digest, never from a name the user chose.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, mkdirSync } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SHA256 = /^[0-9a-f]{64}$/;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

export function isSha256(value: string): boolean {
  return SHA256.test(value);
}

export interface ReceivedFile {
  tempPath: string;
  size: number;
  sha256: string;
  /** The first bytes, to check the content against its declared type. */
  head: Buffer;
}

/** How many first bytes of a file are kept for the type check. */
const HEAD_BYTES = 16;

/** Temporary files of uploads in progress. */
export class UploadSpool {
  readonly #dir: string;

  constructor(dataDir: string) {
    this.#dir = join(dataDir, 'tmp');
    mkdirSync(this.#dir, { recursive: true });
  }

  /** Streams a file into a temporary file; rejects with the stream's error (e.g. too large). */
  async receive(stream: Readable): Promise<ReceivedFile> {
    const tempPath = join(this.#dir, randomUUID());
    const hash = createHash('sha256');
    let size = 0;
    let head = Buffer.alloc(0);
    const meter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        hash.update(chunk);
        size += chunk.length;
        if (head.length < HEAD_BYTES) head = Buffer.concat([head, chunk.subarray(0, HEAD_BYTES - head.length)]);
        done(null, chunk);
      },
    });
    try {
      await pipeline(stream, meter, createWriteStream(tempPath, { flags: 'wx' }));
    } catch (error) {
      await rm(tempPath, { force: true });
      throw error;
    }
    return { tempPath, size, sha256: hash.digest('hex'), head };
  }

  /** Removes temporary files that were not taken (already moved ones are gone: no error). */
  async discard(files: readonly ReceivedFile[]): Promise<void> {
    await Promise.all(files.map((file) => rm(file.tempPath, { force: true })));
  }

  /**
   * Removes every temporary file older than `olderThanMs`: left by a process that stopped
   * mid-upload. Several instances may share DATA_DIR, so recent ones may be another's.
   */
  async sweep(now: Date, olderThanMs: number): Promise<number> {
    let removed = 0;
    for (const name of await readdir(this.#dir)) {
      const path = join(this.#dir, name);
      const { mtimeMs } = await stat(path).catch(() => ({ mtimeMs: Infinity }));
      if (mtimeMs > now.getTime() - olderThanMs) continue;
      await rm(path, { force: true });
      removed += 1;
    }
    return removed;
  }
}

/** Where a SQLite store keeps the files of stored requests. */
export interface FileStore {
  /** Takes the received files for the request; on failure nothing of the request stays. */
  commit(requestId: string, files: readonly ReceivedFile[]): Promise<void>;
  discardRequest(requestId: string): Promise<void>;
  read(requestId: string, sha256: string): Readable;
}

export class DiskFileStore implements FileStore {
  readonly #filesDir: string;

  constructor(dataDir: string) {
    this.#filesDir = join(dataDir, 'files');
    mkdirSync(this.#filesDir, { recursive: true });
  }

  async commit(requestId: string, files: readonly ReceivedFile[]): Promise<void> {
    const dir = this.#requestDir(requestId);
    try {
      await mkdir(dir, { recursive: true });
      for (const file of files) await rename(file.tempPath, join(dir, file.sha256));
    } catch (error) {
      await this.discardRequest(requestId);
      throw error;
    }
  }

  async discardRequest(requestId: string): Promise<void> {
    await rm(this.#requestDir(requestId), { recursive: true, force: true });
  }

  read(requestId: string, sha256: string): Readable {
    return createReadStream(this.#pathOf(requestId, sha256));
  }

  /** Only for a UUID and a SHA-256, which cannot leave the files directory. */
  #pathOf(requestId: string, sha256: string): string {
    if (!isSha256(sha256)) throw new Error('invalid file reference');
    return join(this.#requestDir(requestId), sha256);
  }

  #requestDir(requestId: string): string {
    if (!isUuid(requestId)) throw new Error('invalid request id');
    return join(this.#filesDir, requestId.toLowerCase());
  }
}
