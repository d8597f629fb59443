// Browser quirk: each engine tells its full version its own way. Chromium browsers freeze the
// user-agent string and give the real version only through User-Agent Client Hints
// (navigator.userAgentData, high-entropy values); Firefox has no Client Hints but offers
// runtime.getBrowserInfo, which Chromium lacks. Feature-detected, not keyed on the build.
// Read in the background: Firefox withholds getBrowserInfo from extension frames inside web
// pages (the sidebar), and Chromium's service worker has Client Hints too.
import browser from 'webextension-polyfill';
import { browserFromGecko, browserFromUserAgentData, type BrowserFacts, type UserAgentDataValues } from '../../src/context/browser';

interface NavigatorUAData {
  getHighEntropyValues(hints: string[]): Promise<UserAgentDataValues>;
}

export async function readBrowserFacts(): Promise<BrowserFacts> {
  const uaData = (navigator as Navigator & { userAgentData?: NavigatorUAData }).userAgentData;
  if (uaData) {
    return browserFromUserAgentData(
      await uaData.getHighEntropyValues(['fullVersionList', 'platformVersion', 'architecture', 'bitness']),
    );
  }
  const [info, platform] = await Promise.all([browser.runtime.getBrowserInfo(), browser.runtime.getPlatformInfo()]);
  const oscpu = (navigator as Navigator & { oscpu?: string }).oscpu;
  return browserFromGecko(info, platform, oscpu);
}
