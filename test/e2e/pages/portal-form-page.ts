import type { TabDriver } from './drivers';

/** What a services-portal widget shows and the value its hidden control holds. */
export interface WidgetReading {
  shown: string;
  value: string;
}

/** A request form of the portal (Saisir sollicitation, Nous contacter, a ticket) as the extension left it. */
export class PortalFormPage {
  constructor(private readonly tab: TabDriver) {}

  /** The current values of the form's fields, by element id. */
  values(ids: readonly string[]): Promise<Record<string, string>> {
    return this.tab.evaluate((fields: readonly string[]) => Object.fromEntries(fields.map((id) => [id, (document.getElementById(id) as HTMLInputElement).value])), ids);
  }

  /** "name:size" of each file a file input holds. */
  files(id: string): Promise<string[]> {
    return this.tab.evaluate((input: string) => [...(document.getElementById(input) as HTMLInputElement).files!].map((file) => `${file.name}:${file.size}`), id);
  }

  /** The services portal's choice or reference widget of a hidden control: its visible text and the hidden value. */
  widget(controlId: string): Promise<WidgetReading> {
    return this.tab.evaluate(
      (control: string): WidgetReading => ({
        shown: document.getElementById(`s2id_${control}`)!.querySelector('.select2-chosen')!.textContent!.trim(),
        value: (document.getElementById(control) as HTMLInputElement).value,
      }),
      controlId,
    );
  }

  /** The names the services portal lists under its attachments. */
  attachmentNames(): Promise<string[]> {
    return this.tab.evaluate(() => [...document.querySelectorAll('.sp-attachment-list li')].map((li) => li.textContent ?? ''));
  }

  /** The page's main heading. */
  heading(): Promise<string> {
    return this.tab.evaluate(() => document.querySelector('h1')?.textContent?.trim() ?? '');
  }
}
