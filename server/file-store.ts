/**
 * Attachment files on disk. An upload streams into DATA_DIR/tmp under a random name while its
 * SHA-256 is computed; once the whole request is accepted the files are renamed (atomic on one
 * file system) to DATA_DIR/files/<request id>/<sha256>. Paths are only ever built from a UUID
 * and a hex digest, never from a name the user chose.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream, mkdirSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
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
}

export class FileStore {
  readonly #filesDir: string;
  readonly #tempDir: string;

  constructor(dataDir: string) {
    this.#filesDir = join(dataDir, 'files');
    this.#tempDir = join(dataDir, 'tmp');
    mkdirSync(this.#filesDir, { recursive: true });
    mkdirSync(this.#tempDir, { recursive: true });
  }

  /** Streams a file into a temporary file; rejects with the stream's error (e.g. too large). */
  async receive(stream: Readable): Promise<ReceivedFile> {
    const tempPath = join(this.#tempDir, randomUUID());
    const hash = createHash('sha256');
    let size = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        hash.update(chunk);
        size += chunk.length;
        done(null, chunk);
      },
    });
    try {
      await pipeline(stream, meter, createWriteStream(tempPath, { flags: 'wx' }));
    } catch (error) {
      await rm(tempPath, { force: true });
      throw error;
    }
    return { tempPath, size, sha256: hash.digest('hex') };
  }

  /** Moves received files to their final place; on failure nothing of the request stays. */
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

  /** Removes temporary files that were not committed (already moved ones are gone: no error). */
  async discardTemporary(files: readonly ReceivedFile[]): Promise<void> {
    await Promise.all(files.map((file) => rm(file.tempPath, { force: true })));
  }

  /** The stored file's path; only for a UUID and a SHA-256, which cannot leave the files directory. */
  pathOf(requestId: string, sha256: string): string {
    if (!isUuid(requestId) || !isSha256(sha256)) throw new Error('invalid file reference');
    return join(this.#filesDir, requestId.toLowerCase(), sha256);
  }

  #requestDir(requestId: string): string {
    if (!isUuid(requestId)) throw new Error('invalid request id');
    return join(this.#filesDir, requestId.toLowerCase());
  }
}
