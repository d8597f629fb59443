/**
 * Checks a file's first bytes against the type its name declares, so that, say, an
 * executable cannot be stored as a .pdf. Binary formats must start with their signature;
 * text formats must not hold a NUL byte in their first bytes.
 */
import { extensionOf } from '../src/report/attachments';

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const PDF = [...'%PDF-'].map((char) => char.charCodeAt(0));
/** Office Open XML and OpenDocument files are zip archives. */
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const EMPTY_ZIP = [0x50, 0x4b, 0x05, 0x06];
/** Legacy .doc and .xls: the OLE compound file. */
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

const SIGNATURES: Record<string, readonly (readonly number[])[]> = {
  png: [PNG],
  jpg: [JPEG],
  jpeg: [JPEG],
  pdf: [PDF],
  zip: [ZIP, EMPTY_ZIP],
  docx: [ZIP],
  xlsx: [ZIP],
  odt: [ZIP],
  ods: [ZIP],
  doc: [OLE],
  xls: [OLE],
};

const TEXT_EXTENSIONS = new Set(['txt', 'csv', 'xml']);

function startsWith(head: Uint8Array, signature: readonly number[]): boolean {
  return head.length >= signature.length && signature.every((byte, index) => head[index] === byte);
}

/** True when the first bytes of the file fit the type its name announces. */
export function contentMatchesName(name: string, head: Uint8Array): boolean {
  const extension = extensionOf(name);
  if (TEXT_EXTENSIONS.has(extension)) return !head.includes(0);
  return SIGNATURES[extension]?.some((signature) => startsWith(head, signature)) ?? false;
}
