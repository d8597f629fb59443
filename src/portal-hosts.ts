/**
 * Where the extension works: the portal's hosts, and nothing that merely looks like them
 * (chorus-pro.gouv.fr.evil.test, chorus-pro-gouv.fr). Mirrors host_permissions in manifest.json.
 */
export const PORTAL_DOMAIN = 'chorus-pro.gouv.fr';

export function isPortalHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  return host === PORTAL_DOMAIN || host.endsWith(`.${PORTAL_DOMAIN}`);
}

/** True for https pages of the portal; false for anything unparsable or elsewhere. */
export function isPortalUrl(url: string | undefined): boolean {
  if (!url) return false;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && isPortalHost(parsed.hostname);
  } catch {
    return false;
  }
}
