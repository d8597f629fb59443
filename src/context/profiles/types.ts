/**
 * What the extractors need to know about one generation of the portal, as data: when the
 * portal's markup changes, the fix is in the profile file, not in the code that reads pages.
 * Selectors are tried in addition to the ARIA roles and labels the extractors always use.
 */
export interface PortalProfile {
  generation: 'classic' | 'services';
  /** Hostnames compared exactly; an entry starting with "." matches any subdomain of it. */
  hosts: readonly string[];
  /** Which paths on those hosts belong to this generation. */
  path: RegExp;
  /** Page-level error message containers. */
  errorContainers: readonly string[];
  /** Success and information messages, which role="alert" also marks but are no errors. */
  infoContainers: readonly string[];
  /** Validation messages attached to one field. */
  fieldErrors: readonly string[];
  /** Wrappers grouping a field with its label and message, to name the field of a message. */
  fieldGroups: readonly string[];
  /** Ids of elements holding an invoice number; inputs among them are read by value. */
  invoiceNumberIds: readonly string[];
  /** Where the footer shows the portal version; `versionPattern` finds it in text otherwise. */
  versionSelectors: readonly string[];
  versionPattern: RegExp;
  /** Elements showing the connected user's name. */
  userSelectors: readonly string[];
  /** Labels shown before the user's name / connection id. */
  userNameLabels: readonly string[];
  connectionIdLabels: readonly string[];
  /** Breadcrumb containers; their items make the page's section. */
  breadcrumbSelectors: readonly string[];
  /** Active menu entry and active tab, the section when there is no breadcrumb. */
  activeMenuSelectors: readonly string[];
  /** Fields to mask in screenshots: bank details, personal phone, passwords. */
  sensitiveFields: readonly string[];
  /** The portal's own request forms, which the portal form channel fills (src/channels/portal-form.ts). */
}

/** The fields of a request form the extension knows how to fill. */
export type RequestFormField =
  | 'category'
  | 'subCategory'
  | 'issuer'
  | 'siret'
  | 'companyName'
  | 'lastName'
  | 'firstName'
  | 'email'
  | 'phone'
  | 'title'
  | 'description'
  | 'attachments'
  | 'attachmentType';

/**
 * How to find one field: `selectors` first, in order; then, when the markup changed, a control
 * whose label, aria-label, aria-labelledby text or placeholder reads one of `labels` (compared
 * without case, accents or the mandatory "*"; a label may go on after the text, as in
 * "Fichier (50 caractères maximum)").
 */
export interface FormFieldLocator {
  selectors: readonly string[];
  labels: readonly string[];
}

/** Option values or visible labels to choose, per id of src/report/categories.ts; the id itself is tried first. */
export type OptionChoices = Readonly<Record<string, readonly string[]>>;

/** One request form of the portal. Plain data (no RegExp): it crosses to the page through scripting.executeScript. */
export interface RequestFormProfile {
  /** Names the form in reports and logs. */
  id: string;
  /** Path and query of the form on the portal's origin. */
  path: string;
  /** The form element; fields are looked for inside it, or in the whole page when it is not found. */
  form: readonly string[];
  fields: Readonly<Partial<Record<RequestFormField, FormFieldLocator>>>;
  categoryOptions: OptionChoices;
  /** A sub-category without an entry (or whose options are gone) is left for the user to choose. */
  subCategoryOptions: OptionChoices;
  /** The attachment type meaning "the request itself", where the form asks for one. */
  attachmentTypeOptions: readonly string[];
}

export interface RequestForms {
  /** Where the forms are when the user's tab is not on this portal generation. */
  origin: string;
  /** The form for a logged-in user, and the one for someone without an account or not logged in. */
  loggedIn: RequestFormProfile;
  visitor: RequestFormProfile;
}

export type ListKey = {
  [K in keyof PortalProfile]: PortalProfile[K] extends readonly string[] ? K : never;
}[keyof PortalProfile];
