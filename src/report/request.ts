/**
 * The support request as it is sent to a support backend, and its strict parser. The same
 * parser runs in the extension (before queueing) and on the reference server (on receipt):
 * unknown keys are refused so nothing rides along unseen, every text is capped, and every
 * problem comes back as a field path and a code the user can be shown in their language.
 */
import { MAX_ATTACHMENTS_TOTAL_BYTES, attachmentProblems } from './attachments';
import { ROUTES, findCategory, findSubCategory } from './categories';
import type { Route } from './categories';
import { STRUCTURE_IDENTIFIER_TYPES, type StructureIdentifierType } from './siret';
import { emailProblem, phoneProblem, siretFieldProblem, structureIdentifierFieldProblem } from './validators';
import type { ProblemCode } from './validators';
import type { PartyRole } from '../context/sirets';
import { REQUEST_LIMITS } from './request-limits';

export const SCHEMA_VERSION = 1;

export interface RequestContact {
  name?: string;
  connectionId?: string;
  email: string;
  phone?: string;
  /** The structure's SIRET. Without an account, a SIRET or another identifier is required. */
  siret?: string;
  /** A structure without a SIRET: its identifier of another type the portal accepts. */
  structureIdentifier?: { type: OtherIdentifierType; value: string };
}

/** The identifier types other than SIRET (a structure in the EU outside France, outside the EU, in New Caledonia…). */
export type OtherIdentifierType = Exclude<StructureIdentifierType, 'siret'>;

export interface AttachmentMeta {
  name: string;
  type: string;
  size: number;
  /** Lowercase hex SHA-256 of the file's bytes. */
  sha256: string;
}

/** An identifier the page showed, which support needs to find the invoice or the structure. */
export type IdentifierKind = 'siret' | 'engagementNumber' | 'serviceCode';

export const IDENTIFIER_KINDS: readonly IdentifierKind[] = ['siret', 'engagementNumber', 'serviceCode'];

export interface PageIdentifier {
  kind: IdentifierKind;
  value: string;
  /** Whose SIRET it is, when the page's label says so. */
  role?: PartyRole;
  /** The page's own label, e.g. "SIRET destinataire". */
  label?: string;
}

export interface SupportRequest {
  schemaVersion: typeof SCHEMA_VERSION;
  route: Route;
  category: string;
  subCategory: string;
  issuer?: string;
  contact: RequestContact;
  loggedIn: boolean;
  invoiceNumbers: string[];
  /** SIRETs, engagement numbers and service codes the page showed, kept by the user. */
  identifiers?: PageIdentifier[];
  title: string;
  description: string;
  /** The path sequence as readable lines (see trail/render.ts). */
  pathSteps: string[];
  /** Error messages the page showed. */
  errors: string[];
  /** Script errors and failed requests, when the user switched technical details on. */
  diagnostics?: string[];
  /** One line, e.g. "Firefox 153.8.0 — Linux (x86-64)". */
  browser: string;
  /** As the portal's footer shows it, e.g. "V2.0.1 - R13". */
  portalVersion?: string;
  /** Already sanitized by the extension (sanitizePortalUrl). */
  pageUrl: string;
  /** ISO 8601. */
  capturedAt: string;
  attachments: AttachmentMeta[];
}

export interface FieldError {
  /** Path of the field: "title", "contact.email", "pathSteps[3]", "attachments[0].name". */
  field: string;
  code: ProblemCode;
}

export type ParseResult = { ok: true; request: SupportRequest } | { ok: false; errors: FieldError[] };

/** Control characters: none in one-line fields; multi-line text may hold line breaks and tabs. */
const CONTROL = /\p{Cc}/u;
const CONTROL_EXCEPT_LINE_BREAKS = /[^\P{Cc}\n\r\t]/u;
const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d{1,9})?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;
const SHA256 = /^[0-9a-f]{64}$/;

type Fields = Record<string, unknown>;

/** Collects the errors of one parse; each check returns the value when it is acceptable. */
class Checker {
  readonly errors: FieldError[] = [];

  fail(field: string, code: ProblemCode): undefined {
    this.errors.push({ field, code });
    return undefined;
  }

  object(value: unknown, field: string, keys: { required: readonly string[]; optional: readonly string[] }): Fields | undefined {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return this.fail(field, 'type');
    const fields = value as Fields;
    const known = new Set([...keys.required, ...keys.optional]);
    const prefix = field ? `${field}.` : '';
    for (const key of Object.keys(fields)) if (!known.has(key)) this.fail(prefix + key, 'unknownKey');
    for (const key of keys.required) if (fields[key] === undefined) this.fail(prefix + key, 'required');
    return fields;
  }

  text(value: unknown, field: string, max: number, options: { required?: boolean; multiline?: boolean } = {}): string | undefined {
    if (value === undefined) return undefined;
    if (typeof value !== 'string') return this.fail(field, 'type');
    if (options.required && value.trim() === '') return this.fail(field, 'required');
    if (value.length > max) return this.fail(field, 'tooLong');
    if ((options.multiline ? CONTROL_EXCEPT_LINE_BREAKS : CONTROL).test(value)) return this.fail(field, 'format');
    return value;
  }

  /** An optional text: absent, or a one-line string; an empty one counts as absent. */
  optionalText(value: unknown, field: string, max: number): string | undefined {
    const text = this.text(value, field, max);
    return text?.trim() ? text : undefined;
  }

  list<T>(value: unknown, field: string, max: number, item: (entry: unknown, field: string) => T | undefined): T[] | undefined {
    if (value === undefined) return undefined;
    if (!Array.isArray(value)) return this.fail(field, 'type');
    if (value.length > max) return this.fail(field, 'tooMany');
    const before = this.errors.length;
    const items = value.map((entry, index) => item(entry, `${field}[${index}]`));
    return this.errors.length === before ? (items as T[]) : undefined;
  }

  /** Runs a validator from validators.ts on a text that passed the basic checks. */
  valid(value: string | undefined, field: string, problem: (value: string) => ProblemCode | null): string | undefined {
    if (value === undefined) return undefined;
    const code = problem(value);
    return code ? this.fail(field, code) : value;
  }
}

function parseContact(check: Checker, value: unknown, loggedIn: boolean | undefined): RequestContact | undefined {
  const fields = check.object(value, 'contact', { required: ['email'], optional: ['name', 'connectionId', 'phone', 'siret', 'structureIdentifier'] });
  if (!fields) return undefined;
  const email = check.valid(check.text(fields['email'], 'contact.email', REQUEST_LIMITS.shortText * 2), 'contact.email', emailProblem);
  const name = check.optionalText(fields['name'], 'contact.name', REQUEST_LIMITS.shortText);
  const connectionId = check.optionalText(fields['connectionId'], 'contact.connectionId', REQUEST_LIMITS.shortText);
  const phone = check.valid(check.optionalText(fields['phone'], 'contact.phone', REQUEST_LIMITS.phone), 'contact.phone', phoneProblem);
  const siretValue = fields['siret'];
  const siretBlank = siretValue === undefined || (typeof siretValue === 'string' && siretValue.trim() === '');
  const structureIdentifier = parseStructureIdentifier(check, fields['structureIdentifier']);
  if (!siretBlank && fields['structureIdentifier'] !== undefined) check.fail('contact.structureIdentifier', 'duplicate');
  if (loggedIn === false && siretBlank && fields['structureIdentifier'] === undefined) check.fail('contact.siret', 'required');
  const siret = check.valid(check.optionalText(siretValue, 'contact.siret', REQUEST_LIMITS.shortText), 'contact.siret', siretFieldProblem);
  if (email === undefined) return undefined;
  return {
    ...(name !== undefined && { name }),
    ...(connectionId !== undefined && { connectionId }),
    email: email.trim(),
    ...(phone !== undefined && { phone }),
    ...(siret !== undefined && { siret }),
    ...(structureIdentifier !== undefined && { structureIdentifier }),
  };
}

const OTHER_IDENTIFIER_TYPES: readonly unknown[] = STRUCTURE_IDENTIFIER_TYPES.filter((type) => type !== 'siret');

function parseStructureIdentifier(check: Checker, value: unknown): RequestContact['structureIdentifier'] {
  if (value === undefined) return undefined;
  const fields = check.object(value, 'contact.structureIdentifier', { required: ['type', 'value'], optional: [] });
  if (!fields) return undefined;
  const type = fields['type'];
  if (type !== undefined && !OTHER_IDENTIFIER_TYPES.includes(type)) return check.fail('contact.structureIdentifier.type', 'format');
  const text = check.text(fields['value'], 'contact.structureIdentifier.value', REQUEST_LIMITS.shortText, { required: true });
  if (type === undefined || text === undefined) return undefined;
  const known = type as OtherIdentifierType;
  const identifier = check.valid(text, 'contact.structureIdentifier.value', (entry) => structureIdentifierFieldProblem(known, entry));
  return identifier === undefined ? undefined : { type: known, value: identifier };
}

function parseAttachment(check: Checker, value: unknown, field: string): AttachmentMeta | undefined {
  const fields = check.object(value, field, { required: ['name', 'type', 'size', 'sha256'], optional: [] });
  if (!fields) return undefined;
  const name = check.text(fields['name'], `${field}.name`, REQUEST_LIMITS.shortText, { required: true });
  const type = check.text(fields['type'], `${field}.type`, REQUEST_LIMITS.attachmentType, { required: true });
  const size = fields['size'];
  const sha256 = fields['sha256'];
  const sizeOk = typeof size === 'number' && Number.isSafeInteger(size) && size >= 0;
  const sha256Ok = typeof sha256 === 'string' && SHA256.test(sha256);
  if (size !== undefined && !sizeOk) check.fail(`${field}.size`, 'type');
  if (sha256 !== undefined && !sha256Ok) check.fail(`${field}.sha256`, 'sha256.format');
  if (name === undefined || type === undefined || !sizeOk || !sha256Ok) return undefined;
  const before = check.errors.length;
  for (const code of attachmentProblems({ name, size, type })) {
    check.fail(code === 'file.tooLarge' || code === 'file.empty' ? `${field}.size` : code === 'file.type' ? `${field}.type` : `${field}.name`, code);
  }
  return check.errors.length === before ? { name, type, size, sha256 } : undefined;
}

function parseAttachments(check: Checker, value: unknown): AttachmentMeta[] | undefined {
  const attachments = check.list(value, 'attachments', REQUEST_LIMITS.attachments, (entry, field) => parseAttachment(check, entry, field));
  if (!attachments) return undefined;
  // Files are matched to their metadata by name, so names must be unique.
  const seen = new Set<string>();
  attachments.forEach(({ name }, index) => {
    if (seen.has(name)) check.fail(`attachments[${index}].name`, 'duplicate');
    seen.add(name);
  });
  if (attachments.reduce((total, { size }) => total + size, 0) > MAX_ATTACHMENTS_TOTAL_BYTES) check.fail('attachments', 'files.tooLarge');
  return attachments;
}

const ROLES: ReadonlySet<unknown> = new Set<PartyRole>(['supplier', 'recipient']);

function parseIdentifier(check: Checker, value: unknown, field: string): PageIdentifier | undefined {
  const fields = check.object(value, field, { required: ['kind', 'value'], optional: ['role', 'label'] });
  if (!fields) return undefined;
  const before = check.errors.length;
  const kind = fields['kind'];
  if (kind !== undefined && !IDENTIFIER_KINDS.includes(kind as IdentifierKind)) check.fail(`${field}.kind`, 'format');
  const text = check.text(fields['value'], `${field}.value`, REQUEST_LIMITS.identifier, { required: true });
  // A page SIRET was checked when read; one that is not valid did not come from the page.
  const identifier = kind === 'siret' ? check.valid(text, `${field}.value`, siretFieldProblem) : text;
  const role = fields['role'];
  if (role !== undefined && !ROLES.has(role)) check.fail(`${field}.role`, 'format');
  const label = check.optionalText(fields['label'], `${field}.label`, REQUEST_LIMITS.identifier);
  if (check.errors.length > before || identifier === undefined) return undefined;
  return { kind: kind as IdentifierKind, value: identifier, ...(role !== undefined && { role: role as PartyRole }), ...(label !== undefined && { label }) };
}

function pageUrlProblem(value: string): ProblemCode | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'url.format';
  }
  // A sanitized URL carries no credentials and no fragment.
  const sanitized = (url.protocol === 'https:' || url.protocol === 'http:') && !url.username && !url.password && !url.hash;
  return sanitized ? null : 'url.format';
}

function dateProblem(value: string): ProblemCode | null {
  const match = ISO_DATE_TIME.exec(value);
  if (!match) return 'date.format';
  const [year, month, day] = match.slice(1, 4).map(Number) as [number, number, number];
  // Date.UTC rolls 30 February over to March: a real date comes back with the same day.
  const date = new Date(Date.UTC(year, month - 1, day));
  return month >= 1 && month <= 12 && date.getUTCDate() === day ? null : 'date.format';
}

const REQUEST_KEYS = {
  required: [
    'schemaVersion',
    'route',
    'category',
    'subCategory',
    'contact',
    'loggedIn',
    'invoiceNumbers',
    'title',
    'description',
    'pathSteps',
    'errors',
    'browser',
    'pageUrl',
    'capturedAt',
    'attachments',
  ],
  optional: ['issuer', 'portalVersion', 'diagnostics', 'identifiers'],
} as const;

/** Checks an untrusted value (parsed JSON, stored data) and returns it typed, or every problem found. */
export function parseSupportRequest(value: unknown): ParseResult {
  const check = new Checker();
  const fields = check.object(value, '', REQUEST_KEYS);
  if (!fields) return { ok: false, errors: check.errors };

  if (fields['schemaVersion'] !== undefined && fields['schemaVersion'] !== SCHEMA_VERSION) check.fail('schemaVersion', 'schemaVersion.unsupported');

  const route = fields['route'];
  if (route !== undefined && !ROUTES.includes(route as Route)) check.fail('route', 'format');
  const category = check.text(fields['category'], 'category', REQUEST_LIMITS.shortText, { required: true });
  const subCategory = check.text(fields['subCategory'], 'subCategory', REQUEST_LIMITS.shortText, { required: true });
  if (category !== undefined && !findCategory(category)) check.fail('category', 'category.unknown');
  else if (category !== undefined && subCategory !== undefined) {
    const known = findSubCategory(category, subCategory);
    if (!known) check.fail('subCategory', 'subCategory.unknown');
    else if (ROUTES.includes(route as Route) && known.route !== route) check.fail('route', 'route.mismatch');
  }

  const loggedIn = fields['loggedIn'];
  if (loggedIn !== undefined && typeof loggedIn !== 'boolean') check.fail('loggedIn', 'type');
  const contact = parseContact(check, fields['contact'], typeof loggedIn === 'boolean' ? loggedIn : undefined);

  const issuer = check.optionalText(fields['issuer'], 'issuer', REQUEST_LIMITS.shortText);
  const title = check.text(fields['title'], 'title', REQUEST_LIMITS.title, { required: true });
  const description = check.text(fields['description'], 'description', REQUEST_LIMITS.description, { required: true, multiline: true });
  const oneLineList = (key: string, maxItems: number, maxLength: number) =>
    check.list(fields[key], key, maxItems, (entry, field) => check.text(entry, field, maxLength, { required: true }));
  const invoiceNumbers = oneLineList('invoiceNumbers', REQUEST_LIMITS.invoiceNumbers, REQUEST_LIMITS.invoiceNumber);
  const identifiers = check.list(fields['identifiers'], 'identifiers', REQUEST_LIMITS.identifiers, (entry, field) => parseIdentifier(check, entry, field));
  const pathSteps = oneLineList('pathSteps', REQUEST_LIMITS.steps, REQUEST_LIMITS.step);
  const errors = oneLineList('errors', REQUEST_LIMITS.errors, REQUEST_LIMITS.error);
  const diagnostics = oneLineList('diagnostics', REQUEST_LIMITS.diagnostics, REQUEST_LIMITS.diagnostic);
  const browser = check.text(fields['browser'], 'browser', REQUEST_LIMITS.browser, { required: true });
  const portalVersion = check.optionalText(fields['portalVersion'], 'portalVersion', REQUEST_LIMITS.portalVersion);
  const pageUrl = check.valid(check.text(fields['pageUrl'], 'pageUrl', REQUEST_LIMITS.pageUrl, { required: true }), 'pageUrl', pageUrlProblem);
  const capturedAt = check.valid(check.text(fields['capturedAt'], 'capturedAt', 40, { required: true }), 'capturedAt', dateProblem);
  const attachments = parseAttachments(check, fields['attachments']);

  if (check.errors.length > 0) return { ok: false, errors: check.errors };
  // No error was recorded, so every required field is present and of the right type.
  const request: SupportRequest = {
    schemaVersion: SCHEMA_VERSION,
    route: route as Route,
    category: category as string,
    subCategory: subCategory as string,
    ...(issuer !== undefined && { issuer }),
    contact: contact as RequestContact,
    loggedIn: loggedIn as boolean,
    invoiceNumbers: invoiceNumbers as string[],
    ...(identifiers !== undefined && identifiers.length > 0 && { identifiers }),
    title: title as string,
    description: description as string,
    pathSteps: pathSteps as string[],
    errors: errors as string[],
    ...(diagnostics !== undefined && diagnostics.length > 0 && { diagnostics }),
    browser: browser as string,
    ...(portalVersion !== undefined && { portalVersion }),
    pageUrl: pageUrl as string,
    capturedAt: capturedAt as string,
    attachments: attachments as AttachmentMeta[],
  };
  return { ok: true, request };
}
