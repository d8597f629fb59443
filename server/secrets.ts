import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** SHA-256 of a secret, hex: what is stored of a session cookie, so the database holds none. */
export function digestOf(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Compares a presented secret with the expected one in constant time, whatever their lengths. */
export function secretMatches(presented: string, expected: string): boolean {
  return timingSafeEqual(Buffer.from(digestOf(presented), 'hex'), Buffer.from(digestOf(expected), 'hex'));
}

/** An unguessable token for sessions and CSRF (256 bits, URL-safe). */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}
