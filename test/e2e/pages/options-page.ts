import { waitFor } from '../support/wait';
import type { FrameDriver } from './drivers';
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
}
