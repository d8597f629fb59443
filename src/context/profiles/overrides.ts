/**
 * Portal knowledge an administrator can update through managed storage (key `portalData`), so
 * that a change of the portal's markup is fixed by a policy update before a release. Data
 * only, parsed strictly: known keys, strings and lists of strings within size limits,
 * selectors that parse, paths on the portal's own origin. Whatever does not check out is
 * dropped with a reason the options page shows; the rest applies.
 *
 * Not part of the always-on script: the page reader, the compatibility report and the portal
 * form channel apply it, at the moment they run.
 */
import type { FormFieldLocator, ListKey, OptionChoices, PortalProfile, RequestFormField, RequestFormProfile } from './types';

/** The managed storage key holding the override. */
export const PORTAL_DATA_KEY = 'portalData';
/** The schema version this extension reads; another one is refused as a whole. */
export const PORTAL_DATA_SCHEMA = 1;

const MAX_TEXT = 300;
const MAX_ITEMS = 50;
const MAX_PROBLEMS = 50;

export type Generation = PortalProfile['generation'];
const GENERATIONS: readonly Generation[] = ['classic', 'services'];

/** Lists of a profile an override may replace. `hosts` is not one: an override never widens where the extension reads. */
const SELECTOR_LISTS = [
  'errorContainers',
  'infoContainers',
  'fieldErrors',
  'fieldGroups',
  'versionSelectors',
  'userSelectors',
  'breadcrumbSelectors',
  'activeMenuSelectors',
  'sensitiveFields',
] as const satisfies readonly ListKey[];
const LABEL_LISTS = ['userNameLabels', 'connectionIdLabels'] as const satisfies readonly ListKey[];
const ID_LISTS = ['invoiceNumberIds'] as const satisfies readonly ListKey[];

export type OverridableList = (typeof SELECTOR_LISTS)[number] | (typeof LABEL_LISTS)[number] | (typeof ID_LISTS)[number];
export type ProfileOverride = Partial<Record<OverridableList, string[]>>;

const FORM_FIELDS: readonly RequestFormField[] = [
  'category',
  'subCategory',
  'issuer',
  'siret',
  'companyName',
  'lastName',
  'firstName',
  'email',
  'phone',
  'title',
  'description',
  'attachments',
  'attachmentType',
];

export interface FormOverride {
  path?: string;
  route?: string[][];
  form?: string[];
  submitLabels?: string[];
  fields?: Partial<Record<RequestFormField, { selectors?: string[]; labels?: string[] }>>;
  categoryOptions?: Record<string, string[]>;
  subCategoryOptions?: Record<string, string[]>;
  attachmentTypeOptions?: string[];
}

/** The valid part of an administrator's override: plain JSON, so it crosses to a page as executeScript args. */
export interface PortalDataOverride {
  schema: typeof PORTAL_DATA_SCHEMA;
  /** The administrator's name for this revision, shown in the compatibility report. */
  revision: string;
  profiles: Partial<Record<Generation, ProfileOverride>>;
  /** By request form id (RequestFormProfile.id). */
  requestForms: Record<string, FormOverride>;
}

export type OverrideProblemCode =
  | 'notObject'
  | 'schema'
  | 'unknownKey'
  | 'notText'
  | 'notList'
  | 'tooLong'
  | 'tooMany'
  | 'badSelector'
  | 'badLabel'
  | 'badId'
  | 'badPath';

/** Why one part of the override was ignored; `at` names the part, e.g. "profiles.classic.errorContainers[2]". */
export interface OverrideProblem {
  at: string;
  code: OverrideProblemCode;
}

export interface ParsedOverride {
  /** Null when nothing is set, or nothing of it checks out. */
  override: PortalDataOverride | null;
  problems: OverrideProblem[];
}

/** Whether a string is a CSS selector; with a DOM, ask it; without, `looksLikeSelector`. */
export type SelectorCheck = (selector: string) => boolean;

// Without a DOM (Chrome's service worker), a conservative check: the characters selectors of
// ids, classes, attributes and pseudo-classes use, brackets and quotes balanced. No "{", ";",
// "@", "<" or "\": nothing that could close a rule or look like markup.
const SELECTOR_CHARACTERS = /^[\p{L}\p{N}\s_\-#.[\]=*^$|~:(),>+'"!]+$/u;

export function looksLikeSelector(selector: string): boolean {
  if (!SELECTOR_CHARACTERS.test(selector) || selector.trim() === '') return false;
  let depth = 0;
  let quote: string | null = null;
  const closing: string[] = [];
  for (const char of selector) {
    if (quote) {
      if (char === quote) quote = null;
      continue;
    }
    if (char === '"' || char === "'") quote = char;
    else if (char === '[' || char === '(') {
      closing.push(char === '[' ? ']' : ')');
      depth++;
    } else if (char === ']' || char === ')') {
      if (closing.pop() !== char) return false;
      depth--;
    }
  }
  return quote === null && depth === 0 && !/^[\s,>+~]|[,>+~]\s*$/.test(selector);
}

/** A selector check against a real DOM: what querySelector accepts. */
export function domSelectorCheck(doc: Document): SelectorCheck {
  const probe = doc.createDocumentFragment();
  return (selector) => {
    if (!looksLikeSelector(selector)) return false;
    try {
      probe.querySelector(selector);
      return true;
    } catch {
      return false;
    }
  };
}

const ID = /^[A-Za-z][\w\-:.]*$/;
// Labels are visible texts: letters, digits, spaces and punctuation; nothing that is markup.
const LABEL = /^[^<>{}\\\p{Cc}]+$/u;
// A path and query on the portal's own origin: "/", never "//" (another host), no scheme, no "\".
const PATH = /^\/(?![/\\])[\w\-.~/?=&%+]*$/;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && Object.prototype.toString.call(value) === '[object Object]';

class Reader {
  readonly problems: OverrideProblem[] = [];

  constructor(private readonly isSelector: SelectorCheck) {}

  problem(at: string, code: OverrideProblemCode): undefined {
    if (this.problems.length < MAX_PROBLEMS) this.problems.push({ at, code });
    return undefined;
  }

  object(value: unknown, at: string): Record<string, unknown> | undefined {
    return isRecord(value) ? value : this.problem(at, 'notObject');
  }

  text(value: unknown, at: string, check: (text: string) => boolean, bad: OverrideProblemCode): string | undefined {
    if (typeof value !== 'string') return this.problem(at, 'notText');
    if (value.length > MAX_TEXT) return this.problem(at, 'tooLong');
    return check(value) ? value : this.problem(at, bad);
  }

  /** The list's good items; a list left empty by bad items is dropped (an empty list would blind the reader). */
  list(value: unknown, at: string, check: (text: string) => boolean, bad: OverrideProblemCode): string[] | undefined {
    if (!Array.isArray(value)) return this.problem(at, 'notList');
    if (value.length > MAX_ITEMS) return this.problem(at, 'tooMany');
    const items = value.flatMap((item: unknown, index) => this.text(item, `${at}[${index}]`, check, bad) ?? []);
    return items.length > 0 ? items : undefined;
  }

  selectors(value: unknown, at: string): string[] | undefined {
    return this.list(value, at, this.isSelector, 'badSelector');
  }

  labels(value: unknown, at: string): string[] | undefined {
    return this.list(value, at, (text) => LABEL.test(text) && text.trim() !== '', 'badLabel');
  }

  /** Each key for which `reader` has a function given to it; other keys reported. */
  entries<T>(value: unknown, at: string, readerOf: (key: string) => ((value: unknown, at: string) => unknown) | undefined): T | undefined {
    const source = this.object(value, at);
    if (!source) return undefined;
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(source)) {
      const read = readerOf(key);
      if (!read) {
        this.problem(`${at}.${key}`, 'unknownKey');
        continue;
      }
      const checked = read(item, `${at}.${key}`);
      if (checked !== undefined) out[key] = checked;
    }
    return Object.keys(out).length > 0 ? (out as T) : undefined;
  }

  /** The known keys of `readers`, each given to its own reader. */
  fields<T extends object>(value: unknown, at: string, readers: { [K in keyof T]-?: (value: unknown, at: string) => T[K] | undefined }): T | undefined {
    return this.entries<T>(value, at, (key) => (Object.hasOwn(readers, key) ? (readers[key as keyof T] as (value: unknown, at: string) => unknown) : undefined));
  }

  /** An object whose keys pass `known`, each value read by `read`. */
  keyed<V>(value: unknown, at: string, known: (key: string) => boolean, read: (value: unknown, at: string) => V | undefined): Record<string, V> | undefined {
    return this.entries<Record<string, V>>(value, at, (key) => (known(key) ? read : undefined));
  }
}

function readProfile(reader: Reader, value: unknown, at: string): ProfileOverride | undefined {
  const known: readonly string[] = [...SELECTOR_LISTS, ...LABEL_LISTS, ...ID_LISTS];
  return reader.keyed(value, at, (key) => known.includes(key), (item, where) => {
    const key = where.slice(where.lastIndexOf('.') + 1);
    if ((LABEL_LISTS as readonly string[]).includes(key)) return reader.labels(item, where);
    if ((ID_LISTS as readonly string[]).includes(key)) return reader.list(item, where, (text) => ID.test(text), 'badId');
    return reader.selectors(item, where);
  }) as ProfileOverride | undefined;
}

const OPTION_KEY = /^[a-z0-9-]{1,60}$/;

function readForm(reader: Reader, value: unknown, at: string): FormOverride | undefined {
  const locator = (item: unknown, where: string) =>
    reader.fields<{ selectors?: string[]; labels?: string[] }>(item, where, {
      selectors: (list, w) => reader.selectors(list, w),
      labels: (list, w) => reader.labels(list, w),
    });
  const options = (item: unknown, where: string) => reader.keyed(item, where, (key) => OPTION_KEY.test(key), (list, w) => reader.labels(list, w));
  return reader.fields<FormOverride>(value, at, {
    path: (item, where) => reader.text(item, where, (text) => PATH.test(text), 'badPath'),
    route: (item, where) => {
      if (!Array.isArray(item)) return reader.problem(where, 'notList');
      if (item.length > MAX_ITEMS) return reader.problem(where, 'tooMany');
      const steps = item.map((step: unknown, index) => reader.labels(step, `${where}[${index}]`));
      // A route with a step dropped would lead elsewhere: all its steps, or none.
      return steps.every((step): step is string[] => step !== undefined) ? steps : undefined;
    },
    form: (item, where) => reader.selectors(item, where),
    submitLabels: (item, where) => reader.labels(item, where),
    fields: (item, where) => reader.keyed(item, where, (key) => (FORM_FIELDS as readonly string[]).includes(key), locator),
    categoryOptions: options,
    subCategoryOptions: options,
    attachmentTypeOptions: (item, where) => reader.labels(item, where),
  });
}

/**
 * The valid part of a managed `portalData` value, and why the rest was ignored. `undefined`
 * (nothing set) is no problem. A schema other than this extension's is refused as a whole: its
 * keys may mean something else.
 */
export function parsePortalData(value: unknown, isSelector: SelectorCheck = looksLikeSelector): ParsedOverride {
  if (value === undefined || value === null) return { override: null, problems: [] };
  const reader = new Reader(isSelector);
  const source = reader.object(value, PORTAL_DATA_KEY);
  if (!source) return { override: null, problems: reader.problems };
  if (source['schema'] !== PORTAL_DATA_SCHEMA) return { override: null, problems: [{ at: `${PORTAL_DATA_KEY}.schema`, code: 'schema' }] };
  const parsed = reader.fields<{ schema?: number; revision?: string; profiles?: PortalDataOverride['profiles']; requestForms?: PortalDataOverride['requestForms'] }>(source, PORTAL_DATA_KEY, {
    schema: () => undefined,
    revision: (item, at) => reader.text(item, at, (text) => LABEL.test(text), 'badLabel'),
    profiles: (item, at) => reader.keyed(item, at, (key) => (GENERATIONS as readonly string[]).includes(key), (profile, where) => readProfile(reader, profile, where)),
    requestForms: (item, at) => reader.keyed(item, at, (key) => OPTION_KEY.test(key), (form, where) => readForm(reader, form, where)),
  });
  const override: PortalDataOverride = { schema: PORTAL_DATA_SCHEMA, revision: parsed?.revision ?? '', profiles: parsed?.profiles ?? {}, requestForms: parsed?.requestForms ?? {} };
  const empty = Object.keys(override.profiles).length === 0 && Object.keys(override.requestForms).length === 0;
  return { override: empty ? null : override, problems: reader.problems };
}

/**
 * The profile with the override's lists in place of its own. Masking only grows: the
 * override's sensitive fields are added to the built-in ones, so no policy can unmask a
 * password or an IBAN.
 */
export function withProfileOverride(profile: PortalProfile, override: PortalDataOverride | null): PortalProfile {
  const lists = override?.profiles[profile.generation];
  if (!lists) return profile;
  const { sensitiveFields, ...replaced } = lists;
  return {
    ...profile,
    ...replaced,
    ...(sensitiveFields ? { sensitiveFields: [...new Set([...profile.sensitiveFields, ...sensitiveFields])] } : {}),
  };
}

/** The request form with the override's data for its id: each field's selectors and labels, each list, replaced. */
export function withFormOverride(form: RequestFormProfile, override: PortalDataOverride | null): RequestFormProfile {
  const changes = override?.requestForms[form.id];
  if (!changes) return form;
  const { fields, categoryOptions, subCategoryOptions, ...lists } = changes;
  const mergedFields = { ...form.fields };
  for (const [key, locator] of Object.entries(fields ?? {}) as [RequestFormField, Partial<FormFieldLocator>][]) {
    mergedFields[key] = { selectors: locator.selectors ?? form.fields[key]?.selectors ?? [], labels: locator.labels ?? form.fields[key]?.labels ?? [] };
  }
  const options = (own: OptionChoices, given: Record<string, string[]> | undefined): OptionChoices => ({ ...own, ...given });
  return {
    ...form,
    ...lists,
    fields: mergedFields,
    categoryOptions: options(form.categoryOptions, categoryOptions),
    subCategoryOptions: options(form.subCategoryOptions, subCategoryOptions),
  };
}
