import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Compares a presented secret with the expected one in constant time, whatever their lengths. */
export function secretMatches(presented: string, expected: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();
  return timingSafeEqual(digest(presented), digest(expected));
}

/** An unguessable token for sessions and CSRF (256 bits, URL-safe). */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}
