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
    return this.tab.evaluate(`Object.fromEntries(${JSON.stringify(ids)}.map((id) => [id, document.getElementById(id).value]))`);
  }

  /** "name:size" of each file a file input holds. */
  files(id: string): Promise<string[]> {
    return this.tab.evaluate<string[]>(`[...document.getElementById(${JSON.stringify(id)}).files].map((file) => file.name + ':' + file.size)`);
  }

  /** The services portal's choice or reference widget of a hidden control: its visible text and the hidden value. */
  widget(controlId: string): Promise<WidgetReading> {
    return this.tab.evaluate<WidgetReading>(`({
      shown: document.getElementById('s2id_' + ${JSON.stringify(controlId)}).querySelector('.select2-chosen').textContent.trim(),
      value: document.getElementById(${JSON.stringify(controlId)}).value,
    })`);
  }

  /** The names the services portal lists under its attachments. */
  attachmentNames(): Promise<string[]> {
    return this.tab.evaluate<string[]>(`[...document.querySelectorAll('.sp-attachment-list li')].map((li) => li.textContent)`);
  }

  /** The page's main heading. */
  heading(): Promise<string> {
    return this.tab.evaluate<string>(`document.querySelector('h1')?.textContent.trim() ?? ''`);
  }
}
