import type { FrameDriver } from './drivers';
import { waitFor } from '../support/wait';

/** The "Compatibilité avec cette page" section, in the options page or the sidebar. */
export class CompatibilityReport {
  constructor(private readonly frame: FrameDriver) {}

  /** Presses the check button as a user does; resolves with the report text, or the status said instead. */
  async check(): Promise<{ report: string; status: string }> {
    // The press clears the previous report before the check starts.
    await this.frame.evaluate(() => document.querySelector<HTMLElement>('[data-testid="compatibility-check"]')!.click());
    return waitFor('the compatibility report', async () => {
      const state = await this.frame.evaluate(() => ({
        report: document.querySelector<HTMLTextAreaElement>('[data-testid="compatibility-report"]')?.value ?? '',
        status: document.querySelector('[data-testid="compatibility-status"]')?.textContent ?? '',
        busy: document.querySelector<HTMLButtonElement>('[data-testid="compatibility-check"]')!.disabled,
      }));
      return !state.busy && (state.report || state.status) ? { report: state.report, status: state.status } : null;
    });
  }

  /** The portal data the options page says is in effect. */
  portalDataStatus(): Promise<string> {
    return waitFor('the portal data status', () => this.frame.evaluate(() => document.querySelector('[data-testid="portal-data-status"]')?.textContent?.trim() ?? ''));
  }
}
