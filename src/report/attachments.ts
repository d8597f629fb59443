/**
 * The portal's attachment rules (docs/portal-facts.md): each file strictly under 10 MB, a name of at
 * most 50 characters including its extension, and only these extensions. The content types
 * are what browsers report for such files; the server refuses a file whose declared type does
 * not belong to its extension, and serves stored files with the canonical (first) type.
 */
import type { ProblemCode } from './validators';

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
export const MAX_ATTACHMENTS_TOTAL_BYTES = 50 * 1024 * 1024;
export const MAX_ATTACHMENT_NAME_LENGTH = 50;

const CONTENT_TYPES: Record<string, readonly string[]> = {
  png: ['image/png'],
  jpg: ['image/jpeg'],
  jpeg: ['image/jpeg'],
  pdf: ['application/pdf'],
  txt: ['text/plain'],
  // Windows reports .csv as an Excel file when Excel is installed.
  csv: ['text/csv', 'application/csv', 'text/plain', 'application/vnd.ms-excel'],
  xml: ['application/xml', 'text/xml'],
  zip: ['application/zip', 'application/x-zip-compressed'],
  doc: ['application/msword'],
  docx: ['application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
  xls: ['application/vnd.ms-excel'],
  xlsx: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  odt: ['application/vnd.oasis.opendocument.text'],
  ods: ['application/vnd.oasis.opendocument.spreadsheet'],
};

export const ALLOWED_EXTENSIONS: readonly string[] = Object.keys(CONTENT_TYPES);

/** Characters the portal accepts in a file name. */
const SAFE_NAME = /^[A-Za-z0-9._-]+$/;

/** The extension, lowercased, without its dot; '' when the name has none. */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

function allowedTypesOf(name: string): readonly string[] | undefined {
  const extension = extensionOf(name);
  return Object.hasOwn(CONTENT_TYPES, extension) ? CONTENT_TYPES[extension] : undefined;
}

/** "text/plain; charset=utf-8" → "text/plain". */
function essenceOf(mime: string): string {
  return (mime.split(';')[0] ?? '').trim().toLowerCase();
}

/** True when a file with this name may have this content type (a .png must be image/png). */
export function isAllowedMimeForExtension(name: string, mime: string): boolean {
  return allowedTypesOf(name)?.includes(essenceOf(mime)) ?? false;
}

/** The one content type a stored file with this name is served as; undefined if not allowed. */
export function contentTypeFor(name: string): string | undefined {
  return allowedTypesOf(name)?.[0];
}

export interface AttachmentFacts {
  name: string;
  size: number;
  /** The content type as the browser reports it; '' when it does not know. */
  type: string;
}

/** Why the portal would refuse this file; [] when it accepts it. */
export function attachmentProblems(file: AttachmentFacts): ProblemCode[] {
  const problems: ProblemCode[] = [];
  if (file.size <= 0) problems.push('file.empty');
  if (file.size >= MAX_ATTACHMENT_BYTES) problems.push('file.tooLarge');
  const allowed = allowedTypesOf(file.name);
  if (!allowed) problems.push('file.extension');
  if (file.name.length > MAX_ATTACHMENT_NAME_LENGTH) problems.push('file.nameTooLong');
  if (!SAFE_NAME.test(file.name) || file.name.startsWith('.')) problems.push('file.nameCharacters');
  if (allowed && file.type !== '' && !allowed.includes(essenceOf(file.type))) problems.push('file.type');
  return problems;
}

/** Letters that Unicode decomposition does not fold to ASCII. */
const TRANSLITERATIONS: Record<string, string> = {
  œ: 'oe',
  Œ: 'OE',
  æ: 'ae',
  Æ: 'AE',
  ß: 'ss',
  ø: 'o',
  Ø: 'O',
  đ: 'd',
  Đ: 'D',
  ł: 'l',
  Ł: 'L',
  þ: 'th',
  Þ: 'TH',
};

function toSafeCharacters(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\x20-\x7e]/g, (char) => TRANSLITERATIONS[char] ?? '_')
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/_{2,}/g, '_')
    .replace(/\.{2,}/g, '.');
}

/** Used when nothing of the original name survives. */
const DEFAULT_BASE_NAME = 'piece-jointe';

/**
 * A name the portal accepts, renamed automatically where possible: the path dropped
 * (C:\Users\…\capture.png), accents folded (é → e, œ → oe), other refused characters
 * replaced by "_", and the base shortened to fit 50 characters with the extension kept.
 * A name without an extension gets `fallbackExtension` (e.g. "png" for a pasted image).
 * What cannot be fixed by renaming (a refused extension) stays for attachmentProblems to explain.
 */
export function fitAttachmentName(name: string, fallbackExtension?: string): string {
  const fileName = name.split(/[/\\]/).at(-1) ?? '';
  const dot = fileName.lastIndexOf('.');
  const hasExtension = dot >= 0 && dot < fileName.length - 1;
  const rawBase = hasExtension ? fileName.slice(0, dot) : fileName;
  const rawExtension = hasExtension ? fileName.slice(dot + 1) : (fallbackExtension ?? '').replace(/^\./, '');
  const extension = toSafeCharacters(rawExtension).replace(/[._]/g, '').toLowerCase();
  const suffix = extension ? `.${extension}` : '';
  const room = Math.max(1, MAX_ATTACHMENT_NAME_LENGTH - suffix.length);
  const base = toSafeCharacters(rawBase).replace(/^[._-]+|[._-]+$/g, '').slice(0, room).replace(/[._-]+$/, '');
  return `${base || DEFAULT_BASE_NAME.slice(0, room)}${suffix}`;
}
