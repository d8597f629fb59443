import { waitFor } from '../support/wait';
import { PortalPage } from './portal-page';
import type { PixelColour } from './sidebar-page';

/** The cases of the replica page /cpp/masques (test/fixtures/portal/assets/masques.js). */
export type MasksCase = 'mouvant' | 'composants';

/** Where a field sits: in the page, in an open shadow root (`host`), or in a same-origin frame (`frame`). */
export interface FieldPlace {
  field: string;
  host?: string;
  frame?: string;
}

/** The fields of each case that every capture must mask, each painted in one flat colour of its own (masques.css). */
export const MASKED_FIELDS = {
  mouvant: [
    { place: { field: '#motDePasse' }, colour: [255, 0, 255] },
    { place: { field: '#iban' }, colour: [0, 255, 255] },
  ],
  composants: [
    { place: { host: 'masques-composant', field: 'input[type=password]' }, colour: [255, 0, 255] },
    { place: { frame: 'iframe.masques-cadre', field: 'input[type=password]' }, colour: [255, 255, 0] },
  ],
} as const satisfies Record<MasksCase, readonly { place: FieldPlace; colour: PixelColour['rgb'] }[]>;

/** A field's flat colour as found in an encoded image: PNG keeps it, a JPEG part moves it a little. */
export function fieldColour(rgb: PixelColour['rgb']): PixelColour {
  return { rgb, within: 40 };
}

/** The colour every mask is burned in with. */
export const MASK_BLACK: PixelColour = { rgb: [0, 0, 0], within: 0 };

/** The replica page whose password and sensitive fields must never show in a capture. */
export class MasksPortalPage extends PortalPage {
  /** Opens a case and waits until it is in place (for "mouvant", until its fields are moving). */
  async openCase(origin: string, cas: MasksCase): Promise<this> {
    await this.open(`${origin}/cpp/masques?cas=${cas}`);
    await waitFor(`the ${cas} case in place`, () => this.driver.evaluate(() => document.documentElement.dataset.pret === 'true'));
    return this;
  }

  /**
   * Each field as the page shows it: its box in the pixels of a capture of the visible area
   * (client CSS px × devicePixelRatio) and its background colour, through shadow roots and frames.
   */
  fields(places: readonly FieldPlace[]): Promise<{ box: { x: number; y: number; width: number; height: number }; background: string }[]> {
    return this.driver.evaluate(
      (all: FieldPlace[]) =>
        all.map(({ field, host, frame }) => {
          let offset = { x: 0, y: 0 };
          let root: ParentNode = document;
          if (host) root = document.querySelector(host)!.shadowRoot!;
          if (frame) {
            const element = document.querySelector<HTMLIFrameElement>(frame)!;
            const box = element.getBoundingClientRect();
            offset = { x: box.left + element.clientLeft, y: box.top + element.clientTop };
            root = element.contentDocument!;
          }
          const input = root.querySelector(field)!;
          const box = input.getBoundingClientRect();
          const scale = window.devicePixelRatio || 1;
          return {
            box: { x: (box.left + offset.x) * scale, y: (box.top + offset.y) * scale, width: box.width * scale, height: box.height * scale },
            background: (input.ownerDocument.defaultView ?? window).getComputedStyle(input).backgroundColor,
          };
        }),
      places.map((place) => ({ ...place })),
    );
  }
}
