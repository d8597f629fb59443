// Injected into the portal tab's content-script world when a request is handed to the portal
// form (never always-on), on each page of the way to the form: leaves the form filler there
// for the background to call with the handoff, files as data: URLs. It fills the form when the
// page shows it, or names the next step of the form's route. See handOffToPortal in
// src/channels/portal-handoff.ts.
import { fileOfTransfer } from '../../src/channels/portal-handoff';
import type { FormHandoff } from '../../src/channels/portal-handoff';
import { fillOrFollow, type RouteAnswer } from '../../src/channels/portal-route';
import { t } from '../shared/i18n';

const world = globalThis as typeof globalThis & { chorusProFillForm?: (handoff: FormHandoff) => Promise<RouteAnswer> };

// Injected again at every handoff: the first copy stays, so that it alone keeps track of the
// outlines it drew and restores the page's own when the form is filled twice in a row.
world.chorusProFillForm ??= ({ form, request, files }) => fillOrFollow(document, form, request, files.map(fileOfTransfer), { t });
