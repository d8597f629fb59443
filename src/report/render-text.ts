/**
 * The request as plain text: what goes into the portal's Description field, and what "copy
 * everything" puts on the clipboard. After the user's own description comes a block of facts
 * in the order of the portal's help page ("always provide"): connection id, phone number,
 * browser and version, short description, invoice numbers, path sequence, error message, and
 * SIRET and contact details for users without an account.
 */
import type { Translate } from '../i18n';
import { findCategory, findSubCategory, ROUTE_LABEL_KEYS } from './categories';
import type { IdentifierKind, PageIdentifier, SupportRequest } from './request';
import type { PartyRole } from '../context/sirets';
import type { StructureIdentifierType } from './siret';

const KILOBYTE = 1024;
const MEGABYTE = 1024 * 1024;

/** "840 Ko" / "2,4 Mo": whole kilobytes (at least 1), megabytes with one decimal. */
function formatSize(bytes: number, t: Translate): string {
  if (bytes < MEGABYTE) return t('requestTextKilobytes', [String(Math.max(1, Math.ceil(bytes / KILOBYTE)))]);
  const tenths = Math.round((bytes / MEGABYTE) * 10);
  return t('requestTextMegabytes', [String(Math.floor(tenths / 10)), String(tenths % 10)]);
}

function categoryLine(request: SupportRequest, t: Translate): string {
  const category = findCategory(request.category);
  const subCategory = findSubCategory(request.category, request.subCategory);
  // Parsed requests always name a known pair; raw ids are shown rather than nothing otherwise.
  return t('requestTextCategory', [
    category ? t(category.labelKey) : request.category,
    subCategory ? t(subCategory.labelKey) : request.subCategory,
    t(ROUTE_LABEL_KEYS[request.route]),
  ]);
}

const IDENTIFIER_KIND_KEYS: Record<IdentifierKind, string> = {
  siret: 'identifierKindSiret',
  engagementNumber: 'identifierKindEngagementNumber',
  serviceCode: 'identifierKindServiceCode',
};

/** The message key of each identifier type's name, as the request form lists them. */
export const STRUCTURE_IDENTIFIER_TYPE_KEYS: Record<StructureIdentifierType, string> = {
  siret: 'identifierTypeSiret',
  'ue-hors-france': 'identifierTypeEu',
  'hors-ue': 'identifierTypeOutsideEu',
  ridet: 'identifierTypeRidet',
  tahiti: 'identifierTypeTahiti',
  particulier: 'identifierTypeParticular',
};

const ROLE_KEYS: Record<PartyRole, string> = { supplier: 'identifierRoleSupplier', recipient: 'identifierRoleRecipient' };

/** "SIRET destinataire" as the page labelled it, else the kind and, when known, the party: "SIRET (fournisseur)". */
export function identifierLabel({ kind, role, label }: PageIdentifier, t: Translate): string {
  if (label) return label;
  return role ? t('requestTextIdentifierWithRole', [t(IDENTIFIER_KIND_KEYS[kind]), t(ROLE_KEYS[role])]) : t(IDENTIFIER_KIND_KEYS[kind]);
}

export function renderRequestText(request: SupportRequest, t: Translate): string {
  const { contact } = request;
  const facts: string[] = [];
  const add = (key: string, value: string | undefined) => {
    if (value?.trim()) facts.push(t(key, [value]));
  };
  const addList = <T>(key: string, items: readonly T[], bullet: (item: T, index: number) => string) => {
    if (items.length === 0) return;
    facts.push(t(key), ...items.map(bullet));
  };

  add('requestTextConnectionId', contact.connectionId);
  add('requestTextPhone', contact.phone);
  add('requestTextBrowser', request.browser);
  add('requestTextSummary', request.title);
  add('requestTextInvoiceNumbers', request.invoiceNumbers.join(', '));
  addList('requestTextIdentifiers', request.identifiers ?? [], (identifier) => t('requestTextIdentifier', [identifierLabel(identifier, t), identifier.value]));
  // Rendered steps are already numbered ("1. …"); others are numbered here.
  addList('requestTextPathSequence', request.pathSteps, (step, index) => (/^\d+\.\s/.test(step) ? step : `${index + 1}. ${step}`));
  addList('requestTextErrors', request.errors, (error) => `- ${error}`);
  addList('requestTextDiagnostics', request.diagnostics ?? [], (line) => `- ${line}`);
  if (!request.loggedIn) facts.push(t('requestTextNotLoggedIn'));
  add('requestTextSiret', contact.siret);
  if (contact.structureIdentifier) facts.push(t('requestTextStructureIdentifier', [t(STRUCTURE_IDENTIFIER_TYPE_KEYS[contact.structureIdentifier.type]), contact.structureIdentifier.value]));
  add('requestTextContactName', contact.name);
  add('requestTextEmail', contact.email);
  add('requestTextIssuer', request.issuer);
  facts.push(categoryLine(request, t));
  add('requestTextPortalVersion', request.portalVersion);
  add('requestTextPage', request.pageUrl);
  add('requestTextCapturedAt', request.capturedAt);
  addList('requestTextAttachments', request.attachments, ({ name, size }) => `- ${name} (${formatSize(size, t)})`);

  return [request.description.trim(), '', `— ${t('requestTextFactsHeading')} —`, ...facts].join('\n');
}
