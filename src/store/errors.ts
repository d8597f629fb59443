/**
 * Storage failures as the user can understand them. IndexedDB reports problems as
 * DOMExceptions with engine-specific names; callers only need to know which message to show
 * and whether trying again later can help.
 *
 * - quota: the browser refused to store more (QuotaExceededError). Free space, then retry.
 * - blocked: another extension page holds an older version of the database open, so the
 *   upgrade cannot run. Closing the other pages (or restarting the browser) fixes it.
 * - unavailable: no database at all right now (private browsing without IndexedDB, the
 *   connection closed by an upgrade or by the browser, a database newer than this code).
 * - corrupt: the database answered with an error it cannot explain (Chrome reports a damaged
 *   store as UnknownError, a lost Blob file as NotReadableError) or refused a value.
 */
export const STORAGE_ERROR_KINDS = ['quota', 'blocked', 'unavailable', 'corrupt'] as const;
export type StorageErrorKind = (typeof STORAGE_ERROR_KINDS)[number];

export class StorageError extends Error {
  override readonly name = 'StorageError';

  constructor(
    readonly kind: StorageErrorKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

const KIND_BY_DOM_NAME: Readonly<Record<string, StorageErrorKind>> = {
  QuotaExceededError: 'quota',
  InvalidStateError: 'unavailable',
  TransactionInactiveError: 'unavailable',
  SecurityError: 'unavailable',
  VersionError: 'unavailable',
  NotFoundError: 'unavailable',
  AbortError: 'unavailable',
};

/**
 * Maps what IndexedDB (or idb) threw to a StorageError. A StorageError passes through as is.
 * Anything that is not a DOMException is a bug in our code, not a storage state, and is
 * returned unchanged so it is not disguised as a storage problem.
 */
export function toStorageError(error: unknown): unknown {
  if (error instanceof StorageError) return error;
  if (!(error instanceof DOMException)) return error;
  const kind = KIND_BY_DOM_NAME[error.name] ?? 'corrupt';
  return new StorageError(kind, `${error.name}: ${error.message}`, { cause: error });
}
