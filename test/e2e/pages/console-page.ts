/**
 * The server's agent console, driven as an agent does: the login form, the search box and
 * filters, a request's page and its status form, by labels and roles, mostly from the keyboard.
 */
import type { Page } from 'playwright-core';
import type { FrameDriver } from './drivers';
import { runAxe } from './sidebar-page';
import type { AxeViolation } from './sidebar-page';

export interface ConsoleFilters {
  search?: string;
  /** Option labels, as the agent reads them. */
  status?: string;
  category?: string;
  route?: string;
}

export interface ConsoleRow {
  reference: string;
  received: string;
  /** The UTC instant the date's title gives. */
  receivedUtc: string;
  status: string;
  forwarding: string;
}

export interface ForwardingLine {
  target: string;
  state: string;
}

export class ConsolePage {
  constructor(
    private readonly page: Page,
    private readonly baseUrl: string,
  ) {}

  async logIn(token: string): Promise<void> {
    await this.page.goto(`${this.baseUrl}/console`);
    await this.page.getByLabel('Jeton de la console').fill(token);
    await this.page.getByLabel('Jeton de la console').press('Enter');
    await this.page.waitForURL(`${this.baseUrl}/console`);
  }

  heading(): Promise<string | null> {
    return this.page.locator('h1').textContent();
  }

  /** Fills the search box and filters, then submits with Enter from the search box. */
  async filter({ search = '', status, category, route }: ConsoleFilters): Promise<void> {
    await this.page.goto(`${this.baseUrl}/console`);
    if (status) await this.page.getByLabel('Statut').selectOption({ label: status });
    if (category) await this.page.getByLabel('Catégorie').selectOption({ label: category });
    if (route) await this.page.getByLabel('Destinataire').selectOption({ label: route });
    const box = this.page.getByRole('searchbox', { name: 'Rechercher' });
    await box.fill(search);
    await Promise.all([this.page.waitForURL((url) => url.pathname === '/console' && url.search !== ''), box.press('Enter')]);
  }

  rows(): Promise<ConsoleRow[]> {
    return this.page.locator('table tbody tr').evaluateAll((rows) =>
      rows.map((row) => {
        const cells = [...row.querySelectorAll('td')].map((cell) => cell.textContent?.trim() ?? '');
        return {
          reference: cells[0] ?? '',
          received: cells[1] ?? '',
          receivedUtc: row.querySelector('time')?.getAttribute('title') ?? '',
          status: cells[2] ?? '',
          forwarding: cells[5] ?? '',
        };
      }),
    );
  }

  emptyMessage(): Promise<string | null> {
    return this.page.locator('main > p').last().textContent();
  }

  /** Reaches the request's link with Tab, as a keyboard user does, and follows it with Enter. */
  async openWithKeyboard(reference: string): Promise<void> {
    await this.page.locator('body').focus();
    for (let presses = 0; presses < 50; presses++) {
      await this.page.keyboard.press('Tab');
      const focused = await this.page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
      if (focused === reference) {
        await Promise.all([this.page.waitForURL(/\/console\/requests\//), this.page.keyboard.press('Enter')]);
        return;
      }
    }
    throw new Error(`${reference} cannot be reached with Tab`);
  }

  /** The first thing Tab reaches on the page. */
  async firstTabStop(): Promise<string> {
    await this.page.locator('body').focus();
    await this.page.keyboard.press('Tab');
    return this.page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
  }

  steps(): Promise<string[]> {
    return this.page.locator('ol.steps li').allTextContents();
  }

  forwarding(): Promise<ForwardingLine[]> {
    return this.page.locator('table.forwarding tbody tr').evaluateAll((rows) =>
      rows.map((row) => ({ target: row.querySelector('td')?.textContent?.trim() ?? '', state: row.querySelector('.state')?.textContent?.trim() ?? '' })),
    );
  }

  /** Download links of the attachments, and the previews shown (loaded). */
  async attachments(): Promise<{ downloads: string[]; previews: number }> {
    await this.page.waitForFunction(() => [...document.images].every((image) => image.complete && image.naturalWidth > 0));
    return {
      downloads: await this.page.locator('a[download]').allTextContents(),
      previews: await this.page.locator('.files img').count(),
    };
  }

  async setStatus(label: string): Promise<string | null> {
    await this.page.getByLabel('Statut').selectOption({ label });
    await Promise.all([this.page.waitForURL(/saved=1$/), this.page.getByRole('button', { name: 'Changer le statut' }).press('Enter')]);
    return this.page.getByRole('status').textContent();
  }

  shownStatus(): Promise<string | null> {
    return this.page.locator('dt:text-is("Statut") + dd').textContent();
  }

  axeViolations(axeSource: string): Promise<AxeViolation[]> {
    const frame: FrameDriver = {
      evaluate: (fn, ...arg) => this.page.evaluate(fn as never, arg[0] as never),
      runScript: async (source) => {
        await this.page.evaluate(source);
      },
    };
    return runAxe(frame, axeSource);
  }
}
