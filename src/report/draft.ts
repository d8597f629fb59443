/**
 * A draft of the request as the sidebar's form holds it: the fields as typed, the "What we
 * captured" items removed, and the files in their order. The background stores it with
 * drafts.put (src/store/draft-save.ts); the sidebar saves it through a DraftWriter, which sends
 * each file's bytes once and only its stored id afterwards.
 */
import { MAX_FILE_DATA_URL_LENGTH } from '../data-url';
import { arrayOf, hasKeys, isId, isNumber, isPlainObject, isString, literal, objectWith, oneOf, type Guard } from '../protocol/guards';
import { STORAGE_ERROR_KINDS, type StorageErrorKind } from '../store/errors';
import type { RequestFields } from './prefill';
import { REQUEST_LIMITS } from './request-limits';

/**
 * A file of the draft: the name it will be sent under, and whether it is one of the screenshots
 * the extension took (kept in memory only) rather than a file the user added (kept on disk).
 */
export interface DraftFileRef {
  name: string;
  screenshot: boolean;
}

export interface DraftForm {
  values: RequestFields;
  /** Ids of the "What we captured" items the user removed. */
  removed: string[];
  /** In the order shown; the draft's attachmentIds follow the same order. */
  files: DraftFileRef[];
}

export const DRAFT_FIELD_NAMES: readonly (keyof RequestFields)[] = [
  'category',
  'subCategory',
  'issuer',
  'name',
  'connectionId',
  'phone',
  'email',
  'identifierType',
  'siret',
  'invoiceNumber',
  'title',
  'description',
];

/** Generous bounds: a draft holds what is typed, valid or not yet, but nothing unbounded. */
const MAX_VALUE_LENGTH = REQUEST_LIMITS.description * 2;
const MAX_REMOVED = 500;
const MAX_ID_LENGTH = 200;
export const MAX_FILE_NAME_LENGTH = 200;

export function isRequestFields(value: unknown): value is RequestFields {
  return (
    isPlainObject(value) &&
    hasKeys(value, DRAFT_FIELD_NAMES) &&
    DRAFT_FIELD_NAMES.every((name) => typeof value[name] === 'string' && (value[name] as string).length <= MAX_VALUE_LENGTH)
  );
}

export function isDraftFileRef(value: unknown): value is DraftFileRef {
  return isPlainObject(value) && hasKeys(value, ['name', 'screenshot']) && isFileName(value['name']) && typeof value['screenshot'] === 'boolean';
}

export function isFileName(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_FILE_NAME_LENGTH;
}

export function isRemovedIds(value: unknown): value is string[] {
  return Array.isArray(value) && value.length <= MAX_REMOVED && value.every((id) => typeof id === 'string' && id.length <= MAX_ID_LENGTH);
}

/** The draft's form as stored (Draft.fields) or received; null when it is not exactly one. */
export function parseDraftForm(value: unknown): DraftForm | null {
  if (!isPlainObject(value) || !hasKeys(value, ['values', 'removed', 'files'])) return null;
  const { removed, files } = value;
  // Drafts saved before structures without a SIRET were supported had a SIRET by definition.
  const values = isPlainObject(value['values']) && !('identifierType' in value['values']) ? { ...value['values'], identifierType: 'siret' } : value['values'];
  if (!isRequestFields(values) || !isRemovedIds(removed)) return null;
  if (!Array.isArray(files) || files.length > REQUEST_LIMITS.attachments || !files.every(isDraftFileRef)) return null;
  return { values: { ...values }, removed: [...removed], files: files.map(({ name, screenshot }) => ({ name, screenshot })) };
}

/** A file of a draft being saved: already stored (its id), or new (its bytes). */
export type DraftFileSave = { attachmentId: string } | { type: string; dataUrl: string };

/** A draft as the sidebar sends it to be stored. */
export interface DraftSave {
  id: string;
  incidentId: string;
  form: DraftForm;
  /** The bytes of form.files, in the same order. */
  files: DraftFileSave[];
}

export type DraftSaveOutcome =
  | { status: 'saved'; savedAt: number; attachmentIds: string[] }
  | { status: 'failed'; reason: StorageErrorKind | 'unknown' };

/** A stored draft, files included, as the sidebar restores it. */
export interface DraftOpened {
  id: string;
  incidentId: string;
  updatedAt: number;
  form: DraftForm;
  files: { attachmentId: string; name: string; type: string; dataUrl: string }[];
  /** Screenshots the draft had that are gone (kept in memory only, the browser quit since). */
  screenshotsNotKept: number;
}

export interface DraftSummary {
  id: string;
  title: string;
  updatedAt: number;
  files: number;
}

function isDraftFileSave(value: unknown): value is DraftFileSave {
  if (!isPlainObject(value)) return false;
  if (hasKeys(value, ['attachmentId'])) return isId(value['attachmentId']);
  return (
    hasKeys(value, ['type', 'dataUrl']) &&
    typeof value['type'] === 'string' &&
    value['type'].length <= 100 &&
    typeof value['dataUrl'] === 'string' &&
    value['dataUrl'].length <= MAX_FILE_DATA_URL_LENGTH
  );
}

/** Exactly a draft to save: a valid form, and as many files as it lists, each new or already stored. */
export function isDraftSave(value: unknown): value is DraftSave {
  if (!isPlainObject(value) || !hasKeys(value, ['id', 'incidentId', 'form', 'files'])) return false;
  const { id, incidentId, form, files } = value;
  const parsed = parseDraftForm(form);
  return (
    isId(id) &&
    typeof incidentId === 'string' &&
    incidentId.length <= 200 &&
    parsed !== null &&
    Array.isArray(files) &&
    files.length === parsed.files.length &&
    files.every(isDraftFileSave)
  );
}

export const isDraftSaveOutcome: Guard<DraftSaveOutcome> = oneOf(
  objectWith({ status: literal('saved'), savedAt: isNumber, attachmentIds: arrayOf(isString) }),
  objectWith({ status: literal('failed'), reason: literal(...STORAGE_ERROR_KINDS, 'unknown') }),
);

const isDraftForm = (value: unknown): value is DraftForm => parseDraftForm(value) !== null;

export const isDraftOpened: Guard<DraftOpened> = objectWith({
  id: isString,
  incidentId: isString,
  updatedAt: isNumber,
  form: isDraftForm,
  files: arrayOf(objectWith({ attachmentId: isString, name: isString, type: isString, dataUrl: isString })),
  screenshotsNotKept: isNumber,
});

export const isDraftSummary: Guard<DraftSummary> = objectWith({ id: isString, title: isString, updatedAt: isNumber, files: isNumber });

/** What History → Drafts shows of a draft: its title, or the first line of its description. */
export function draftTitle(form: DraftForm): string {
  const title = form.values.title.trim();
  if (title) return title.slice(0, REQUEST_LIMITS.title);
  const firstLine = form.values.description.split('\n').find((line) => line.trim() !== '') ?? '';
  return firstLine.trim().slice(0, REQUEST_LIMITS.title);
}

/** The background could not store the draft: what is typed stays in the form, and is saved again at the next change. */
export class DraftSaveError extends Error {
  override readonly name = 'DraftSaveError';
  constructor(readonly reason: StorageErrorKind | 'unknown') {
    super(`the draft could not be saved (${reason})`);
  }
}

/** The form to save, with its files (same order as form.files). */
export interface DraftSnapshot {
  form: DraftForm;
  files: readonly Blob[];
}

export interface DraftWriterOptions {
  save: (draft: DraftSave) => Promise<DraftSaveOutcome>;
  dataUrlOf: (blob: Blob) => Promise<string>;
  newId: () => string;
  /** The capture the draft is about. */
  incidentId: string;
}

export interface DraftWriter {
  /** The id the next save is written under. */
  readonly id: string;
  /** Saves the snapshot; rejects with DraftSaveError when the background could not store it. */
  write(snapshot: DraftSnapshot): Promise<void>;
  /** Continues a stored draft (restored or reopened): its id, and which of our files it already holds. */
  adopt(id: string, incidentId: string, storedFiles: readonly (readonly [Blob, string])[]): void;
  /** The draft was sent or discarded: the next change starts a new one. */
  startNew(): void;
}

/**
 * Saves drafts from the sidebar without sending a file's bytes on every keystroke: a file goes
 * as a data: URL the first time, and as the id the background stored it under afterwards. A
 * failed save forgets those ids, so the next attempt sends every file again (the background
 * may have lost them too).
 */
export function createDraftWriter({ save, dataUrlOf, newId, incidentId: firstIncident }: DraftWriterOptions): DraftWriter {
  let id = newId();
  let incidentId = firstIncident;
  let stored = new WeakMap<Blob, string>();

  return {
    get id() {
      return id;
    },

    async write({ form, files }) {
      const draftId = id;
      const known = stored;
      const sent: DraftFileSave[] = await Promise.all(
        form.files.map(async (_ref, index) => {
          const blob = files[index];
          if (!blob) throw new Error('draft: a file of the form is missing');
          const attachmentId = known.get(blob);
          return attachmentId !== undefined ? { attachmentId } : { type: blob.type, dataUrl: await dataUrlOf(blob) };
        }),
      );
      let outcome: DraftSaveOutcome;
      try {
        outcome = await save({ id: draftId, incidentId, form, files: sent });
      } catch {
        outcome = { status: 'failed', reason: 'unknown' };
      }
      if (outcome.status === 'failed') {
        if (known === stored) stored = new WeakMap();
        throw new DraftSaveError(outcome.reason);
      }
      // A draft started anew meanwhile does not own these files.
      if (draftId !== id || known !== stored) return;
      files.forEach((blob, index) => {
        const attachmentId = outcome.attachmentIds[index];
        if (attachmentId !== undefined) stored.set(blob, attachmentId);
      });
    },

    adopt(draftId, draftIncident, storedFiles) {
      id = draftId;
      incidentId = draftIncident;
      stored = new WeakMap(storedFiles.map(([blob, attachmentId]) => [blob, attachmentId] as [Blob, string]));
    },

    startNew() {
      id = newId();
      stored = new WeakMap();
    },
  };
}
