/**
 * The port a sidebar opens to follow its tab live: the background pushes the path sequence, the
 * technical details, the toolbar click's screenshot and the error help was asked about from the
 * page; nothing is answered.
 */
import { isCapture, isCaptureMissing } from '../capture/screenshot';
import { isDiagnosticList } from '../diagnostics/entry';
import { isOfferedError } from '../offer/rules';
import { isTrail } from '../trail/step';
import { exactObject, orNull } from './guards';
import { parseMessage, type AnyMessageOf, type MessageTable } from './table';

export const SIDEBAR_PORT_PROTOCOL = {
  'trail/changed': { request: exactObject({ trail: isTrail }) },
  'diagnostics/changed': { request: exactObject({ diagnostics: isDiagnosticList }) },
  /** The toolbar click's screenshot, masked (null: none could be taken, and why when that can be said), for a sidebar that loaded before it. */
  'capture/changed': { request: exactObject({ capture: orNull(isCapture) }, { missing: isCaptureMissing }) },
  /** "Besoin d'aide ?" pressed beside this error while the sidebar is open: Help shows its article first. */
  'help/for': { request: exactObject({ error: isOfferedError }) },
} satisfies MessageTable;

export type SidebarPortMessage = AnyMessageOf<typeof SIDEBAR_PORT_PROTOCOL>;

export function parseSidebarPortMessage(value: unknown): SidebarPortMessage | null {
  return parseMessage(SIDEBAR_PORT_PROTOCOL, value);
}
