/**
 * The browser facts support asks for ("what kind of browser did you use and its version"),
 * from what each engine exposes: User-Agent Client Hints in Chromium browsers,
 * runtime.getBrowserInfo and getPlatformInfo in Firefox. Pure: the values are read by
 * extension/shared/browser-facts.ts.
 */
export interface BrowserFacts {
  name: string;
  /** The full version, e.g. "156.0.8078.108" or "153.8.0". */
  version: string;
  /** Operating system with its version where known, e.g. "Windows 11", "macOS 14.5.0", "Linux". */
  os: string;
  architecture?: string;
}

export function isBrowserFacts(value: unknown): value is BrowserFacts {
  if (typeof value !== 'object' || value === null) return false;
  const { name, version, os, architecture } = value as Record<string, unknown>;
  return (
    typeof name === 'string' &&
    typeof version === 'string' &&
    typeof os === 'string' &&
    (architecture === undefined || typeof architecture === 'string')
  );
}

export interface BrandVersion {
  brand: string;
  version: string;
}

/** The high-entropy values of navigator.userAgentData that we ask for. */
export interface UserAgentDataValues {
  brands?: BrandVersion[];
  fullVersionList?: BrandVersion[];
  platform?: string;
  platformVersion?: string;
  architecture?: string;
  bitness?: string;
}

// Most specific first: Chrome, Edge and others also list "Chromium".
const KNOWN_BRANDS = ['Google Chrome', 'Microsoft Edge', 'Opera', 'Brave', 'Vivaldi', 'YaBrowser', 'Chromium', 'HeadlessChrome'];

export function browserFromUserAgentData(values: UserAgentDataValues): BrowserFacts {
  const list = (values.fullVersionList?.length ? values.fullVersionList : values.brands) ?? [];
  // Browsers add a made-up "GREASE" brand such as "Not.A/Brand" to keep parsers honest.
  const real = list.filter(({ brand }) => !/not.?a.?brand/i.test(brand));
  const chosen =
    KNOWN_BRANDS.map((name) => real.find(({ brand }) => brand === name)).find((entry) => entry !== undefined) ?? real[0];
  const architecture = [values.architecture, values.bitness ? `${values.bitness}-bit` : ''].filter(Boolean).join(' ');
  return {
    name: chosen?.brand ?? 'Chromium',
    version: chosen?.version ?? '',
    os: osFromClientHints(values.platform ?? '', values.platformVersion ?? ''),
    ...(architecture ? { architecture } : {}),
  };
}

function osFromClientHints(platform: string, platformVersion: string): string {
  if (platform === 'Windows') {
    // Client Hints encode Windows 11 as platform version 13 and above, 10 as 1–10.
    const major = Number.parseInt(platformVersion, 10);
    if (major >= 13) return 'Windows 11';
    if (major >= 1) return 'Windows 10';
    return 'Windows';
  }
  if (!platformVersion || platform === 'Linux') return platform || 'unknown';
  return `${platform} ${platformVersion}`;
}

export interface GeckoBrowserInfo {
  name: string;
  version: string;
}

const GECKO_OS: Record<string, string> = {
  win: 'Windows',
  mac: 'macOS',
  linux: 'Linux',
  android: 'Android',
  cros: 'ChromeOS',
  openbsd: 'OpenBSD',
};

/** `oscpu` is Firefox's navigator.oscpu, e.g. "Windows NT 10.0; Win64; x64" or "Intel Mac OS X 10.15". */
export function browserFromGecko(info: GeckoBrowserInfo, platform: { os: string; arch: string }, oscpu = ''): BrowserFacts {
  const os = GECKO_OS[platform.os] ?? platform.os;
  const windows = /Windows NT (\d+\.\d+)/.exec(oscpu);
  const mac = /Mac OS X (\d+[._]\d+(?:[._]\d+)?)/.exec(oscpu);
  const detail = windows ? `(NT ${windows[1]})` : mac ? (mac[1] ?? '').replace(/_/g, '.') : '';
  return { name: info.name, version: info.version, os: detail ? `${os} ${detail}` : os, architecture: platform.arch };
}

/** One line for display and for the request: "Firefox 153.8.0 — Linux (x86-64)". */
export function describeBrowser(facts: BrowserFacts): string {
  const arch = facts.architecture ? ` (${facts.architecture})` : '';
  return `${facts.name} ${facts.version} — ${facts.os}${arch}`;
}

/** The rest of what support may need about the user's setup, read by the background. */
export interface Environment {
  /** The browser's UI language, e.g. "fr-FR". */
  uiLanguage: string;
  /** IANA time zone, e.g. "Europe/Paris". */
  timeZone: string;
  extensionVersion: string;
  /** Page zoom in percent, when the browser tells. */
  zoomPercent: number | null;
}

export function isEnvironment(value: unknown): value is Environment {
  if (typeof value !== 'object' || value === null) return false;
  const { uiLanguage, timeZone, extensionVersion, zoomPercent } = value as Record<string, unknown>;
  return (
    typeof uiLanguage === 'string' &&
    typeof timeZone === 'string' &&
    typeof extensionVersion === 'string' &&
    (zoomPercent === null || typeof zoomPercent === 'number')
  );
}
