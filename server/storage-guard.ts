/**
 * Refuses new requests (507) before storage runs out: when the disk holding DATA_DIR has
 * less free space than a floor (uploads are spooled there whatever the engine), and when the
 * stored attachments would pass the total quota.
 */
import { statfs } from 'node:fs/promises';
import type { ReceivedFile } from './file-store';
import type { RequestStore } from './store';

export interface StorageLimits {
  /** Total bytes of stored attachments; undefined: no quota. */
  quotaBytes?: number | undefined;
  /** Free bytes the disk of DATA_DIR keeps. */
  minFreeBytes: number;
}

export interface StorageRefusal {
  error: 'insufficientStorage';
  reason: 'disk' | 'quota';
  message: string;
}

export class StorageGuard {
  readonly #store: RequestStore;
  readonly #dataDir: string;
  readonly #limits: StorageLimits;

  constructor(store: RequestStore, dataDir: string, limits: StorageLimits) {
    this.#store = store;
    this.#dataDir = dataDir;
    this.#limits = limits;
  }

  async refusalBeforeUpload(): Promise<StorageRefusal | undefined> {
    const { bavail, bsize } = await statfs(this.#dataDir);
    if (bavail * bsize >= this.#limits.minFreeBytes) return undefined;
    return { error: 'insufficientStorage', reason: 'disk', message: 'The server is short of disk space; the request was not stored. Try again later.' };
  }

  async refusalFor(files: readonly ReceivedFile[]): Promise<StorageRefusal | undefined> {
    const { quotaBytes } = this.#limits;
    if (quotaBytes === undefined) return undefined;
    const incoming = files.reduce((sum, { size }) => sum + size, 0);
    if ((await this.#store.storedBytes()) + incoming <= quotaBytes) return undefined;
    return { error: 'insufficientStorage', reason: 'quota', message: 'The storage quota of the server is reached; the request was not stored.' };
  }
}
