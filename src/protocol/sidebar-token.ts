/**
 * The sidebar's token: a fresh random value for each opening, made by the background, put in
 * the address (fragment) of the one frame the content script builds, and held by the background
 * for that tab. The sidebar page is web-accessible, so a portal page can frame a copy of it of
 * its own; that copy has no token, and the background answers it nothing.
 */
import type { Guard } from './guards';

/** 128 random bits, base64url (22 characters). */
export const isSidebarToken: Guard<string> = (value): value is string => typeof value === 'string' && /^[A-Za-z0-9_-]{22}$/.test(value);

export function newSidebarToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

/** The sidebar page's address for one opening. */
export function sidebarFrameUrl(sidebarUrl: string, token: string): string {
  return `${sidebarUrl}#${token}`;
}

/** The token in a sidebar page's address, or null. */
export function sidebarTokenOf(url: string): string | null {
  const token = url.split('#')[1];
  return isSidebarToken(token) ? token : null;
}

/** The port's name carries the opening's token: the background serves only ports named so, from the sidebar. */
const SIDEBAR_PORT = 'sidebar/trail#';

export function sidebarPortName(token: string): string {
  return SIDEBAR_PORT + token;
}

/** The token a port's name carries, or null when it is not a sidebar port. */
export function tokenOfSidebarPort(name: string): string | null {
  const token = name.startsWith(SIDEBAR_PORT) ? name.slice(SIDEBAR_PORT.length) : null;
  return isSidebarToken(token) ? token : null;
}

/** Compares without stopping at the first difference. */
export function sameToken(expected: string | null | undefined, given: unknown): boolean {
  if (typeof expected !== 'string' || typeof given !== 'string' || expected.length !== given.length) return false;
  let difference = 0;
  for (let i = 0; i < expected.length; i++) difference |= expected.charCodeAt(i) ^ given.charCodeAt(i);
  return difference === 0;
}
