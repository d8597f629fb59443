// Injected into the portal tab's content-script world when a request is handed to the portal
// form (never always-on): leaves the form filler there for the background to call with the
// handoff, files as data: URLs. See handOffToPortal in src/channels/portal-handoff.ts.
import { fillPortalForm } from '../../src/channels/portal-form';
import type { FillReport } from '../../src/channels/portal-form';
import { fileOfTransfer } from '../../src/channels/portal-handoff';
import type { FormHandoff } from '../../src/channels/portal-handoff';
import { t } from '../shared/i18n';

const world = globalThis as typeof globalThis & { chorusProFillForm?: (handoff: FormHandoff) => FillReport };

// Injected again at every handoff: the first copy stays, so that it alone keeps track of the
// outlines it drew and restores the page's own when the form is filled twice in a row.
world.chorusProFillForm ??= ({ form, request, files }) => fillPortalForm(document, form, request, files.map(fileOfTransfer), { t });
