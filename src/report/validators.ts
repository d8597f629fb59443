/**
 * Field validators shared by the sidebar (messages at the field, before sending) and the
 * reference server (the same rules, enforced). Each returns null when the value is fine, or a
 * problem code; `problemMessageKey` turns a code into the message key that explains it.
 */
import { siretProblem, structureIdentifierProblem, type StructureIdentifierType } from './siret';

/** Every code a validator or parseSupportRequest can return. */
export const PROBLEM_CODES = [
  'required',
  'type',
  'format',
  'tooLong',
  'tooMany',
  'unknownKey',
  'duplicate',
  'schemaVersion.unsupported',
  'email.format',
  'phone.format',
  'siret.format',
  'siret.checksum',
  'identifier.format',
  'category.unknown',
  'subCategory.unknown',
  'route.mismatch',
  'url.format',
  'date.format',
  'sha256.format',
  'file.empty',
  'file.tooLarge',
  'file.extension',
  'file.nameTooLong',
  'file.nameCharacters',
  'file.type',
  'file.mismatch',
  'file.missing',
  'file.unexpected',
  'files.tooLarge',
] as const;

export type ProblemCode = (typeof PROBLEM_CODES)[number];

/** 'siret.checksum' → 'problemSiretChecksum' (message keys allow no dots). */
export function problemMessageKey(code: ProblemCode): string {
  return 'problem' + code.split('.').map((part) => part.charAt(0).toUpperCase() + part.slice(1)).join('');
}

/** RFC 5321 limits: 254 characters in all, 64 before the @. */
const MAX_EMAIL_LENGTH = 254;
const MAX_EMAIL_LOCAL_LENGTH = 64;
// Deliberately simpler than RFC 5322: the addresses people really type, with a dotted domain
// whose last label is alphabetic (a TLD). Quoted local parts and IP literals are refused.
const EMAIL_LOCAL = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const DOMAIN_LABEL = /^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$/;

export function emailProblem(value: string): 'required' | 'tooLong' | 'email.format' | null {
  const email = value.trim();
  if (email === '') return 'required';
  if (email.length > MAX_EMAIL_LENGTH) return 'tooLong';
  const at = email.lastIndexOf('@');
  const local = email.slice(0, at);
  const labels = email.slice(at + 1).split('.');
  const tld = labels.at(-1) ?? '';
  const wellFormed =
    at > 0 &&
    local.length <= MAX_EMAIL_LOCAL_LENGTH &&
    EMAIL_LOCAL.test(local) &&
    labels.length >= 2 &&
    labels.every((label) => DOMAIN_LABEL.test(label)) &&
    /^[A-Za-z]{2,63}$/.test(tld);
  return wellFormed ? null : 'email.format';
}

/** The separators people type inside a phone number: spaces (any kind), dots, dashes. */
const PHONE_SEPARATORS = /[\s.-]/g;
/** French numbers: a 0 and nine digits, the first of them 1–9. */
const FRENCH_NATIONAL = /^0([1-9]\d{8})$/;
/** "+33 (0)6 …": the national 0 some people keep in brackets after the country code. */
const FRENCH_TRUNK_IN_BRACKETS = /^(\+33|0033)\(0\)/;
/** E.164: a country code not starting with 0, 8 to 15 digits in all. */
const E164 = /^\+([1-9]\d{7,14})$/;

/**
 * The phone number in E.164 form ("+33123456789"), or null when it is not one we accept:
 * French national (01 23 45 67 89, with spaces, dots or dashes), French international
 * (+33 1 23 45 67 89, 0033 1…, +33 (0)1…), or any international number (+44 20 7946 0958).
 */
export function normalizePhone(value: string): string | null {
  const compact = value.replace(PHONE_SEPARATORS, '').replace(FRENCH_TRUNK_IN_BRACKETS, '$1');
  const national = FRENCH_NATIONAL.exec(compact);
  if (national) return `+33${national[1]}`;
  // Ten digits starting with 0 is a French number mistyped, not an international one.
  if (/^0\d{9}$/.test(compact)) return null;
  const international = compact.startsWith('00') ? `+${compact.slice(2)}` : compact;
  const e164 = E164.exec(international);
  if (!e164) return null;
  // A French number has exactly nine digits after +33, the first of them not 0.
  if (international.startsWith('+33') && !/^\+33[1-9]\d{8}$/.test(international)) return null;
  return international;
}

export function phoneProblem(value: string): 'required' | 'phone.format' | null {
  if (value.trim() === '') return 'required';
  return normalizePhone(value) === null ? 'phone.format' : null;
}

/**
 * A structure's identifier of any type the portal accepts: a SIRET is checked in full, the
 * other types loosely (structureIdentifierProblem), in the codes of this module.
 */
export function structureIdentifierFieldProblem(type: StructureIdentifierType, value: string): 'required' | 'siret.format' | 'siret.checksum' | 'identifier.format' | null {
  if (type === 'siret') return siretFieldProblem(value);
  const problem = structureIdentifierProblem(type, value);
  return problem === 'empty' ? 'required' : problem ? 'identifier.format' : null;
}

/** siretProblem (siret.ts) in the codes of this module. */
export function siretFieldProblem(value: string): 'required' | 'siret.format' | 'siret.checksum' | null {
  switch (siretProblem(value)) {
    case null:
      return null;
    case 'empty':
      return 'required';
    case 'format':
      return 'siret.format';
    case 'checksum':
      return 'siret.checksum';
  }
}
