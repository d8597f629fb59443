import type { TabDriver } from './drivers';

/** A request form of the portal (Saisir sollicitation, Nous contacter, new ticket) as the extension left it. */
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
}
