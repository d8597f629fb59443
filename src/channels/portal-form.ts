/**
 * The portal form channel, page side: fills the portal's own request form with a support
 * request, the way a user would, and leaves the last step to the user. Nothing here submits:
 * no button is clicked, no form is submitted, and a captcha is never touched, whatever the
 * profile says. Where the form is and how its fields are found is data, in the portal profiles
 * (src/context/profiles/request-forms.ts): a markup change is fixed there.
 */
import type { FormFieldLocator, PortalProfile, RequestFormField, RequestFormProfile } from '../context/profiles/index';
import { requestFormsOf } from '../context/profiles/request-forms';
import { capLength, foldWhitespace } from '../context/text';
import { isVisible } from '../context/visibility';
import type { Translate } from '../i18n';
import { renderRequestText } from '../report/render-text';
import type { SupportRequest } from '../report/request';
import { enterValue, normalize, pickInWidget, shownBy, widgetOf } from './form-widgets';

/** Why a field the request has a value for was not filled. */
export type NotFilledReason =
  /** No control of the form reads as this field. */
  | 'notFound'
  /** The list has no option for the request's value: the user chooses. */
  | 'noOption'
  /** The value was given, but the form does not show it afterwards. */
  | 'notTaken';

export interface FillReport {
  /** Whether the form was found at all; when not, nothing else here says anything. */
  formFound: boolean;
  /** Fields given a value, in the order of the profile. */
  filled: RequestFormField[];
  /** What each filled field shows once filled, read back from the page: a widget's visible text, a field's value, the files it holds. */
  shown: Partial<Record<RequestFormField, string>>;
  /** Fields the request has a value for that could not be filled, with `why`. */
  missing: RequestFormField[];
  why: Partial<Record<RequestFormField, NotFilledReason>>;
  /** Filled, but cut to the field's maximum length: "copy everything" has the whole text. */
  truncated: RequestFormField[];
  /** Files the form's file input could not take (it takes one file at a time): to attach by hand. */
  filesNotAttached: string[];
  /** Left to the user on purpose: the form's captcha (when it has one) and its send button, by its text ('' when not seen). */
  captcha: boolean;
  submitLabel: string;
}

/** The report of a form that was not found. */
export function formNotFoundReport(): FillReport {
  return { formFound: false, filled: [], shown: {}, missing: [], why: {}, truncated: [], filesNotAttached: [], captcha: false, submitLabel: '' };
}

export interface FillOptions {
  /** Renders the description's facts block (renderRequestText), in the user's language. */
  t: Translate;
  /** How long the outline stays on the filled fields, unless the user focuses one first. */
  highlightMs?: number;
  /** How long a widget may take to open or to list results. */
  widgetWaitMs?: number;
}

export const HIGHLIGHT_MS = 6000;
const HIGHLIGHT_OUTLINE = '3px solid #ff9f1c';

/** Never filled, whatever a profile or a label says: the captcha is the user's to solve. */
const CAPTCHA = /captcha/i;

/** The request form for the user's situation on this portal generation. */
export function requestFormOf(profile: PortalProfile, loggedIn: boolean): RequestFormProfile {
  const forms = requestFormsOf(profile.generation);
  return loggedIn ? forms.loggedIn : forms.visitor;
}

/** "fichier (50 caracteres maximum)" reads "fichier"; "type de piece jointe" does not read "piece jointe". */
function reads(text: string, wanted: string): 'exact' | 'prefix' | null {
  if (text === wanted) return 'exact';
  return text.startsWith(wanted) && /^[^\p{L}\p{N}]/u.test(text.slice(wanted.length)) ? 'prefix' : null;
}

type Kind = 'select' | 'text' | 'file';

const TEXT_INPUT_TYPES = new Set(['text', 'email', 'tel', 'search', 'url', '']);

function isCaptcha(element: Element): boolean {
  return CAPTCHA.test(`${element.id} ${element.getAttribute('name') ?? ''} ${element.className}`);
}

/**
 * Only a control of the field's kind, enabled, and never a captcha. A choice is a <select>, or
 * the hidden input a reference widget keeps its value in.
 */
function accepts(element: Element, kind: Kind): boolean {
  if (isCaptcha(element) || element.hasAttribute('disabled')) return false;
  const type = (element.getAttribute('type') ?? '').toLowerCase();
  switch (kind) {
    case 'select':
      return element.localName === 'select' || (element.localName === 'input' && type === 'hidden');
    case 'file':
      return element.localName === 'input' && type === 'file';
    case 'text':
      return element.localName === 'textarea' || (element.localName === 'input' && TEXT_INPUT_TYPES.has(type));
  }
}

/**
 * Controls with the names a user would read for them: label, aria-label, aria-labelledby,
 * placeholder. A label's `for` may name a hidden control, which is not "labelable" and has no
 * `label.control`: a widget's hidden input is found that way.
 */
function namedControls(root: ParentNode, doc: Document): { name: string; control: Element }[] {
  const named: { name: string; control: Element }[] = [];
  for (const label of root.querySelectorAll('label')) {
    const { control, htmlFor } = label as HTMLLabelElement;
    const found = control ?? (htmlFor ? doc.getElementById(htmlFor) : null) ?? label.querySelector('input, select, textarea');
    if (found) named.push({ name: normalize(label.textContent ?? ''), control: found });
  }
  for (const control of root.querySelectorAll('input, select, textarea')) {
    const labelledBy = (control.getAttribute('aria-labelledby') ?? '').split(/\s+/).filter(Boolean);
    const texts = [
      control.getAttribute('aria-label'),
      labelledBy.map((id) => doc.getElementById(id)?.textContent ?? '').join(' '),
      control.getAttribute('placeholder'),
    ];
    for (const text of texts) if (text?.trim()) named.push({ name: normalize(text), control });
  }
  return named;
}

function locate(root: ParentNode, doc: Document, locator: FormFieldLocator, kind: Kind): HTMLElement | null {
  for (const selector of locator.selectors) {
    const found = [...root.querySelectorAll(selector)].find((element) => accepts(element, kind));
    if (found) return found as HTMLElement;
  }
  const named = namedControls(root, doc).filter(({ control }) => accepts(control, kind));
  // Every exact reading before any prefix reading: "Description" beats "Description longue".
  for (const match of ['exact', 'prefix'] as const) {
    for (const wanted of locator.labels.map(normalize)) {
      const found = named.find(({ name }) => reads(name, wanted) === match);
      if (found) return found.control as HTMLElement;
    }
  }
  return null;
}

/**
 * The first enabled option whose value or label is one of `choices` (in their order), or,
 * with `partial`, whose label contains one: "Atelier Dupont SARL - SIRET 44306184100013".
 */
function findOption(select: HTMLSelectElement, choices: readonly string[], partial: boolean): HTMLOptionElement | undefined {
  const options = [...select.options].filter((option) => !option.disabled && option.value !== '');
  for (const choice of choices.map(normalize).filter(Boolean)) {
    const found =
      options.find((option) => normalize(option.value) === choice || normalize(option.text) === choice) ??
      (partial ? options.find((option) => normalize(option.text).includes(choice)) : undefined);
    if (found) return found;
  }
  return undefined;
}

/** A filled field's outline: taken off after `ms`, or as soon as the user focuses the field. */
const highlighted = new WeakMap<HTMLElement, () => void>();

function highlight(element: HTMLElement, ms: number): void {
  // Filled again while still outlined: the outline to restore is the page's own, kept the first time.
  highlighted.get(element)?.();
  const { outline, outlineOffset } = element.style;
  const remove = () => {
    clearTimeout(timer);
    element.removeEventListener('focus', remove);
    highlighted.delete(element);
    element.style.outline = outline;
    element.style.outlineOffset = outlineOffset;
  };
  const timer = setTimeout(remove, ms);
  element.addEventListener('focus', remove);
  highlighted.set(element, remove);
  element.style.outline = HIGHLIGHT_OUTLINE;
  element.style.outlineOffset = '2px';
}

/** "Jean Dupont" → first name "Jean", last name "Dupont"; a single word is the last name. */
function nameParts(name: string | undefined): { firstName?: string; lastName?: string } {
  const words = foldWhitespace(name ?? '').split(' ').filter(Boolean);
  if (words.length === 0) return {};
  if (words.length === 1) return { lastName: words[0] };
  return { firstName: words[0], lastName: words.slice(1).join(' ') };
}

type Wanted =
  | { kind: 'text'; value: string }
  | { kind: 'select'; choices: readonly string[]; partial: boolean }
  | { kind: 'file'; files: readonly File[] };

/** What each field should receive; fields the request has nothing for are left alone (neither filled nor missing). */
function wantedValues(form: RequestFormProfile, request: SupportRequest, files: readonly File[], t: Translate): Partial<Record<RequestFormField, Wanted>> {
  const { contact } = request;
  const { firstName, lastName } = nameParts(contact.name);
  const text = (value: string | undefined): Wanted | undefined => (value?.trim() ? { kind: 'text', value } : undefined);
  const select = (choices: (string | undefined)[], partial = false): Wanted | undefined => {
    const given = choices.filter((choice): choice is string => Boolean(choice?.trim()));
    return given.length > 0 ? { kind: 'select', choices: given, partial } : undefined;
  };
  const wanted: Record<RequestFormField, Wanted | undefined> = {
    category: select([request.category, ...(form.categoryOptions[request.category] ?? [])]),
    subCategory: select([request.subCategory, ...(form.subCategoryOptions[request.subCategory] ?? [])]),
    issuer: select([contact.siret, request.issuer], true),
    siret: text(contact.siret),
    companyName: text(request.issuer),
    lastName: text(lastName),
    firstName: text(firstName),
    email: text(contact.email),
    phone: text(contact.phone),
    title: text(request.title),
    description: text(renderRequestText(request, t)),
    attachments: files.length > 0 ? { kind: 'file', files } : undefined,
    attachmentType: files.length > 0 ? select([...form.attachmentTypeOptions]) : undefined,
  };
  return Object.fromEntries(Object.entries(wanted).filter(([, value]) => value !== undefined));
}

/** Puts the files into a file input (DataTransfer): all of them, or the first when it takes one. */
function attachFiles(input: HTMLInputElement, files: readonly File[]): { attached: File[]; left: File[] } {
  const attached = input.multiple ? [...files] : files.slice(0, 1);
  const transfer = new DataTransfer();
  for (const file of attached) transfer.items.add(file);
  input.files = transfer.files;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  input.dispatchEvent(new Event('change', { bubbles: true }));
  return { attached, left: files.slice(attached.length) };
}

/** The form element, or the whole page when the profile's selectors find none. */
function formRoot(doc: Document, form: RequestFormProfile): ParentNode {
  return form.form.map((selector) => doc.querySelector(selector)).find((found) => found !== null) ?? doc;
}

/** Where a field's value is shown to the user: its widget when it has one, the control itself otherwise. */
function outlineTarget(control: HTMLElement, form: RequestFormProfile): HTMLElement {
  return (form.widgets && widgetOf(control, form.widgets)) || control;
}

const FIELD_KINDS: Record<RequestFormField, Kind> = {
  category: 'select',
  subCategory: 'select',
  issuer: 'select',
  attachmentType: 'select',
  attachments: 'file',
  siret: 'text',
  companyName: 'text',
  lastName: 'text',
  firstName: 'text',
  email: 'text',
  phone: 'text',
  title: 'text',
  description: 'text',
};

/** How each field of the form is found on the page: by one of its selectors, by its label only, or not at all; and whether it is drawn as a widget. */
export interface FieldFinding {
  by: 'selector' | 'label' | null;
  widget: boolean;
}

export function findFormFields(doc: Document, form: RequestFormProfile): { formElement: boolean; fields: Partial<Record<RequestFormField, FieldFinding>> } {
  const root = formRoot(doc, form);
  const fields: Partial<Record<RequestFormField, FieldFinding>> = {};
  for (const [name, locator] of Object.entries(form.fields) as [RequestFormField, FormFieldLocator][]) {
    const bySelector = locate(root, doc, { selectors: locator.selectors, labels: [] }, FIELD_KINDS[name]);
    const element = bySelector ?? locate(root, doc, { selectors: [], labels: locator.labels }, FIELD_KINDS[name]);
    fields[name] = { by: bySelector ? 'selector' : element ? 'label' : null, widget: Boolean(element && form.widgets && widgetOf(element, form.widgets)) };
  }
  return { formElement: root !== doc, fields };
}

/**
 * Whether the page shows the form: two of its fields or more can be found (one alone could be a
 * search box or a login field of another page).
 */
export function formIsHere(doc: Document, form: RequestFormProfile): boolean {
  const root = formRoot(doc, form);
  let found = 0;
  for (const [name, locator] of Object.entries(form.fields) as [RequestFormField, FormFieldLocator][]) {
    if (name !== 'attachments' && locate(root, doc, locator, FIELD_KINDS[name])) found++;
  }
  return found >= 2;
}

/** The parts of the form left to the user: whether it has a captcha, and the text of its send button. */
function leftForUser(root: ParentNode, form: RequestFormProfile): { captcha: boolean; submitLabel: string } {
  const captcha = [...root.querySelectorAll('*')].some((element) => isCaptcha(element) || (element.localName === 'legend' && CAPTCHA.test(element.textContent ?? '')));
  const wanted = form.submitLabels.map(normalize);
  const submit = [...root.querySelectorAll('button, input[type="submit"]')].find((button) =>
    wanted.includes(normalize(button.localName === 'input' ? ((button as HTMLInputElement).value ?? '') : (button.textContent ?? ''))),
  );
  const submitLabel = submit ? foldWhitespace(submit.localName === 'input' ? (submit as HTMLInputElement).value : (submit.textContent ?? '')) : '';
  return { captcha, submitLabel };
}

/**
 * Fills the request form found in `doc` with `request` and puts `files` into its file input, as
 * a person would: values typed into fields, options picked in widgets by their visible label.
 * Then reads back what each field shows and outlines what it filled. Never submits, never
 * presses a send button and never touches a captcha.
 */
export async function fillPortalForm(
  doc: Document,
  form: RequestFormProfile,
  request: SupportRequest,
  files: readonly File[],
  { t, highlightMs = HIGHLIGHT_MS, widgetWaitMs }: FillOptions,
): Promise<FillReport> {
  const root = formRoot(doc, form);
  const wanted = wantedValues(form, request, files, t);
  const report: FillReport = { ...formNotFoundReport(), formFound: true, ...leftForUser(root, form) };
  const touched: HTMLElement[] = [];
  const notFilled = (name: RequestFormField, reason: NotFilledReason) => {
    report.missing.push(name);
    report.why[name] = reason;
  };

  for (const [name, locator] of Object.entries(form.fields) as [RequestFormField, FormFieldLocator][]) {
    const value = wanted[name];
    // The attachment type describes the file just put in the form: none, no type.
    if (!value || (name === 'attachmentType' && !report.filled.includes('attachments'))) continue;
    const element = locate(root, doc, locator, value.kind);
    if (!element) {
      notFilled(name, 'notFound');
      continue;
    }
    let shown: string;
    if (value.kind === 'file') {
      const input = element as HTMLInputElement;
      report.filesNotAttached = attachFiles(input, value.files).left.map((file) => file.name);
      shown = [...(input.files ?? [])].map((file) => file.name).join(', ');
    } else if (value.kind === 'select') {
      const widget = form.widgets ? widgetOf(element, form.widgets) : null;
      if (widget && form.widgets) {
        const picked = await pickInWidget(widget, form.widgets, value.choices, value.partial, widgetWaitMs);
        if (picked === null) {
          notFilled(name, 'noOption');
          continue;
        }
        shown = shownBy(widget, form.widgets);
        // The widget must show the option picked and its hidden control hold a value: otherwise the portal did not take it.
        if (normalize(shown) !== normalize(picked) || !(element as HTMLInputElement).value) {
          notFilled(name, 'notTaken');
          continue;
        }
      } else if (element.localName === 'select') {
        const select = element as HTMLSelectElement;
        const option = findOption(select, value.choices, value.partial);
        if (!option) {
          notFilled(name, 'noOption');
          continue;
        }
        enterValue(select, option.value);
        shown = foldWhitespace(select.selectedOptions[0]?.text ?? '');
        if (select.value !== option.value) {
          notFilled(name, 'notTaken');
          continue;
        }
      } else {
        // A hidden value without the widget that shows it: setting it would not be seen, nor sent.
        notFilled(name, 'notFound');
        continue;
      }
    } else {
      const input = element as HTMLInputElement | HTMLTextAreaElement;
      // A value set by script is not cut by maxlength, but the portal would refuse or cut it.
      const fitted = input.maxLength > 0 ? capLength(value.value, input.maxLength) : value.value;
      if (fitted !== value.value) report.truncated.push(name);
      enterValue(input, fitted);
      shown = input.value;
      if (!shown.trim()) {
        notFilled(name, 'notTaken');
        continue;
      }
    }
    report.filled.push(name);
    report.shown[name] = shown;
    touched.push(outlineTarget(element, form));
  }

  for (const element of touched) highlight(element, highlightMs);
  touched.find((element) => isVisible(element))?.scrollIntoView({ block: 'center' });
  return report;
}
