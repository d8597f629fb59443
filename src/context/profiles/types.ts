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

/**
 * How a portal draws a choice or reference field as a widget over a hidden control (select2
 * and the like): the widget is what a person clicks and types into; the hidden control follows.
 */
export interface WidgetLocator {
  /** The widget of a control: "{id}" stands for the control's id; tried in order. */
  containers: readonly string[];
  /** Otherwise the widget inside the control's field group. */
  fieldGroups: readonly string[];
  inGroup: readonly string[];
  /** Inside the widget: what opens it, and the text it shows once an option is chosen. */
  opener: readonly string[];
  shown: readonly string[];
  /** In the page while a widget is open: the box to type in, the options, the "no result" line. */
  search: readonly string[];
  options: readonly string[];
  noResults: readonly string[];
}

/** One request form of the portal. Plain data (no RegExp): it crosses to the page through scripting.executeScript. */
export interface RequestFormProfile {
  /** Names the form in reports and logs. */
  id: string;
  /** Ids of docs/portal-facts.md this form's data rests on. */
  facts: readonly string[];
  /** Path and query opened first on the portal's origin: the form itself, or where its route starts. */
  path: string;
  /**
   * From `path` to the form, the links and buttons a person follows, each by its visible texts
   * (any one of them); empty when the form is at `path`. A step already passed is skipped.
   */
  route: readonly (readonly string[])[];
  /** Choice and reference fields drawn as widgets; absent where they are bare controls. */
  widgets?: WidgetLocator;
  /** The buttons that send the form, by their visible text: never pressed, named to the user as theirs to press. */
  submitLabels: readonly string[];
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
  /** The portal's contact page (path and query): where the user lands when the form cannot be found. */
  contactPath: string;
  /** The form for a logged-in user, and the one for someone without an account or not logged in. */
  loggedIn: RequestFormProfile;
  visitor: RequestFormProfile;
}

/**
 * The lists the always-on path recorder reads (where the user is, what is an error), resolved for
 * one page: handed over by the background so that script carries no portal data.
 */
export type PathLists = { [K in 'errorContainers' | 'infoContainers' | 'fieldErrors' | 'breadcrumbSelectors' | 'activeMenuSelectors']: string[] };

export type ListKey = {
  [K in keyof PortalProfile]: PortalProfile[K] extends readonly string[] ? K : never;
}[keyof PortalProfile];
