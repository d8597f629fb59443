import { waitFor } from '../support/wait';
import { AboutPage, openAboutPage } from './about-page';
import type { BrowserUnderTest, ExtensionGlobal, FrameDriver } from './drivers';
import { runAxe, type AxeViolation } from './sidebar-page';

/** The extension's options page (a top-level extension tab). */
export class OptionsPage {
  constructor(private readonly frame: FrameDriver) {}

  async waitForLoaded(): Promise<this> {
    await waitFor('the options page', () => this.frame.evaluate(() => !!document.querySelector('[data-testid="profile-form"]')));
    return this;
  }

  lang(): Promise<string> {
    return this.frame.evaluate(() => document.documentElement.lang);
  }

  axeViolations(axeSource: string): Promise<AxeViolation[]> {
    return runAxe(this.frame, axeSource);
  }

  /**
   * Switches technical details (script errors, failed requests) on or off as a user does, then
   * waits until the extension has acted on it: the page-world script registered, or not.
   */
  async setTechnicalDetails(on: boolean): Promise<void> {
    await this.frame.evaluate((checked: boolean) => {
      const box = document.getElementById('privacy-console') as HTMLInputElement;
      if (box.checked !== checked) box.click();
    }, on);
    await waitFor(`the technical details switched ${on ? 'on' : 'off'}`, async () => (await this.registeredPageScripts()).includes('page-diagnostics') === on);
  }

  /**
   * Fills "Where requests go" and presses Save, as a user does; resolves with what the page
   * then says: the saved confirmation, or the error shown at the backend address field.
   */
  async setChannel(settings: { channel: 'portal' | 'backend'; backendUrl: string; token: string }): Promise<{ saved: boolean; urlError: string }> {
    const radio = settings.channel === 'backend' ? 'channel-backend' : 'channel-channel';
    await waitFor('the channel settings loaded', () => this.frame.evaluate((id: string) => !!document.getElementById(id), radio));
    await this.frame.evaluate((id: string) => document.getElementById(id)!.click(), radio);
    // The address and token fields show once the backend is chosen.
    if (settings.channel === 'backend') {
      await waitFor('the backend fields', () => this.frame.evaluate(() => !!document.getElementById('channel-token')));
      await this.typeBackendFields(settings);
    }
    // The page clears its status as Save is pressed, then says the outcome: wait in the page for
    // what it says to change (the same refusal twice in a row would not be seen).
    return this.frame.evaluate(
      () =>
        new Promise<{ saved: boolean; urlError: string }>((resolve, reject) => {
          const section = document.querySelector('[data-testid="channel-settings"]')!;
          const url = document.getElementById('channel-backendUrl');
          const said = () => {
            const status = section.querySelector('[role="status"]')!.textContent!.trim();
            const urlError =
              url?.getAttribute('aria-invalid') === 'true'
                ? (url.getAttribute('aria-describedby') ?? '')
                    .split(' ')
                    .map((id) => document.getElementById(id)?.textContent?.trim() ?? '')
                    .filter(Boolean)
                    .join(' ')
                : '';
            return { status, urlError };
          };
          const before = JSON.stringify(said());
          section.querySelector<HTMLElement>('[data-testid="channel-save"]')!.click();
          const outcome = () => {
            const { status, urlError } = said();
            if ((!status && !urlError) || JSON.stringify({ status, urlError }) === before) return;
            observer.disconnect();
            clearTimeout(timer);
            resolve({ saved: status !== '' && !urlError, urlError });
          };
          const observer = new MutationObserver(outcome);
          observer.observe(section, { subtree: true, childList: true, characterData: true, attributes: true });
          const timer = setTimeout(() => {
            observer.disconnect();
            reject(new Error('the channel settings were neither saved nor refused'));
          }, 10000);
        }),
    );
  }

  /** Types the backend address and token as a user does (input events), nothing pressed. */
  private typeBackendFields(settings: { backendUrl: string; token: string }): Promise<void> {
    return this.frame.evaluate(
      ({ backendUrl, token }) => {
        for (const [id, value] of [
          ['channel-backendUrl', backendUrl],
          ['channel-token', token],
        ] as const) {
          const field = document.getElementById(id) as HTMLInputElement;
          field.value = value;
          field.dispatchEvent(new Event('input', { bubbles: true }));
        }
      },
      { backendUrl: settings.backendUrl, token: settings.token },
    );
  }

  /** Switches "Besoin d'aide ?" beside errors on or off as a user does, then waits until it is stored. */
  async setOfferHelp(on: boolean): Promise<void> {
    await this.frame.evaluate((checked: boolean) => {
      const box = document.getElementById('privacy-offer-help') as HTMLInputElement;
      if (box.checked !== checked) box.click();
    }, on);
    await waitFor(`the offer switched ${on ? 'on' : 'off'}`, () =>
      this.frame.evaluate(async (checked: boolean) => {
        const { browser, chrome } = globalThis as ExtensionGlobal;
        const stored = (await (browser ?? chrome)!.storage.local.get('settings'))['settings'] as { privacy?: { offerHelp?: boolean } } | undefined;
        return (stored?.privacy?.offerHelp ?? true) === checked;
      }, on),
    );
  }

  /** The backend address the channel section shows (after a save: as the extension keeps it). */
  backendUrlShown(): Promise<string> {
    return this.frame.evaluate(() => (document.getElementById('channel-backendUrl') as HTMLInputElement | null)?.value ?? '');
  }

  /**
   * Types the backend address and token (the backend chosen, nothing saved) and presses "Test the
   * connection"; resolves with what the page then says.
   */
  async testConnection(settings: { backendUrl: string; token: string }): Promise<string> {
    await this.frame.evaluate(() => document.getElementById('channel-backend')!.click());
    await waitFor('the backend fields', () => this.frame.evaluate(() => !!document.querySelector('[data-testid="channel-test"]')));
    await this.typeBackendFields(settings);
    await this.frame.evaluate(() => document.querySelector<HTMLButtonElement>('[data-testid="channel-test"]')!.click());
    // The button is disabled while the test runs; the result is said once it is enabled again.
    return waitFor(
      'the connection test to end',
      () =>
        this.frame.evaluate(() => {
          const button = document.querySelector<HTMLButtonElement>('[data-testid="channel-test"]')!;
          const said = document.querySelector('[data-testid="channel-test-result"]')!.textContent!.trim();
          return !button.disabled && said ? said : '';
        }),
      { timeoutMs: 30_000 },
    );
  }

  /** Ids of the scripts the extension registered to run in pages (scripting.registerContentScripts). */
  registeredPageScripts(): Promise<string[]> {
    return this.frame.evaluate(async () => {
      const { browser, chrome } = globalThis as ExtensionGlobal;
      return (await (browser ?? chrome)!.scripting.getRegisteredContentScripts()).map((script) => script.id);
    });
  }
}

/** Opens the options page from the about page (an extension tab), as a user finds it from there. */
export async function openOptionsPage(browser: BrowserUnderTest): Promise<OptionsPage> {
  const about = await openAboutPage(browser);
  await new AboutPage(about).lang();
  await about.evaluate(() => location.assign('/extension/options/index.html')).catch(() => undefined);
  const frame = await waitFor('the options page', () => browser.extensionTab('extension/options/index.html'));
  return new OptionsPage(frame).waitForLoaded();
}
