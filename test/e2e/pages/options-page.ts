import { waitFor } from '../support/wait';
import { AboutPage, openAboutPage } from './about-page';
import type { BrowserUnderTest, FrameDriver } from './drivers';
import { runAxe, type AxeViolation } from './sidebar-page';

/** The extension's options page (a top-level extension tab). */
export class OptionsPage {
  constructor(private readonly frame: FrameDriver) {}

  async waitForLoaded(): Promise<this> {
    await waitFor('the options page', () => this.frame.evaluate<boolean>(`!!document.querySelector('[data-testid="profile-form"]')`));
    return this;
  }

  lang(): Promise<string> {
    return this.frame.evaluate<string>(`document.documentElement.lang`);
  }

  axeViolations(axeSource: string): Promise<AxeViolation[]> {
    return runAxe(this.frame, axeSource);
  }

  /**
   * Switches technical details (script errors, failed requests) on or off as a user does, then
   * waits until the extension has acted on it: the page-world script registered, or not.
   */
  async setTechnicalDetails(on: boolean): Promise<void> {
    await this.frame.evaluate(`(() => {
      const box = document.getElementById('privacy-console');
      if (box.checked !== ${on}) box.click();
    })()`);
    await waitFor(`the technical details switched ${on ? 'on' : 'off'}`, async () => (await this.registeredPageScripts()).includes('page-diagnostics') === on);
  }

  /** Ids of the scripts the extension registered to run in pages (scripting.registerContentScripts). */
  registeredPageScripts(): Promise<string[]> {
    return this.frame.evaluate<string[]>(`(async () => {
      const api = globalThis.browser ?? globalThis.chrome;
      return (await api.scripting.getRegisteredContentScripts()).map((script) => script.id);
    })()`);
  }
}

/** Opens the options page from the about page (an extension tab), as a user finds it from there. */
export async function openOptionsPage(browser: BrowserUnderTest): Promise<OptionsPage> {
  const about = await openAboutPage(browser);
  await new AboutPage(about).lang();
  await about.evaluate(`location.assign('/extension/options/index.html')`).catch(() => undefined);
  const frame = await waitFor('the options page', () => browser.extensionTab('extension/options/index.html'));
  return new OptionsPage(frame).waitForLoaded();
}
