import { classic } from './classic';
import { services } from './services';
import type { ListKey, PathLists, PortalProfile } from './types';

export type { FormFieldLocator, ListKey, PathLists, PortalProfile, RequestFormField, RequestFormProfile, WidgetLocator } from './types';

const profiles: readonly PortalProfile[] = [services, classic];

function hostMatches(hostname: string, hosts: readonly string[]): boolean {
  return hosts.some((host) => (host.startsWith('.') ? hostname.endsWith(host) : hostname === host));
}

/** The profile of the portal generation serving `url`, or null when it is not the portal. */
export function profileFor(url: string): PortalProfile | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:') return null;
  const hostname = parsed.hostname.replace(/\.$/, '');
  return profiles.find((profile) => hostMatches(hostname, profile.hosts) && profile.path.test(parsed.pathname)) ?? null;
}

/** One list of the profile; without a profile (a page not recognised), every generation's. */
export function listOf(profile: PortalProfile | null, key: ListKey): string[] {
  const lists = profile ? [profile[key]] : profiles.map((candidate) => candidate[key]);
  return [...new Set(lists.flat())];
}

/** One selector list of the profile as a single selector. */
export function selectorsOf(profile: PortalProfile | null, key: ListKey): string {
  return listOf(profile, key).join(', ');
}

/** The version patterns to try: the profile's, or every generation's without a profile. */
export function versionPatternsOf(profile: PortalProfile | null): RegExp[] {
  return profile ? [profile.versionPattern] : profiles.map((candidate) => candidate.versionPattern);
}

/** The path recorder's lists of the profile, each merged like `listOf`. */
export function pathListsOf(profile: PortalProfile | null): PathLists {
  return {
    errorContainers: listOf(profile, 'errorContainers'),
    infoContainers: listOf(profile, 'infoContainers'),
    fieldErrors: listOf(profile, 'fieldErrors'),
    breadcrumbSelectors: listOf(profile, 'breadcrumbSelectors'),
    activeMenuSelectors: listOf(profile, 'activeMenuSelectors'),
  };
}
