/**
 * Structure identifiers. A French structure has a SIRET (INSEE): the 9-digit SIREN followed
 * by a 5-digit establishment number, both passing the Luhn check; La Poste (SIREN 356000000)
 * numbers its establishments past what Luhn allows, so there the 14 digits must sum to a
 * multiple of 5 (fact: siret.check-digit, assumed). The portal also accepts structures
 * without a SIRET: European outside France, outside the EU, RIDET, TAHITI, particular type
 * (fact: structure.identifier-types). A failed check says the number is not valid, never
 * that it does not exist: only the portal, which asks INSEE, knows that.
 */

const LA_POSTE_SIREN = '356000000';

/** Luhn check over a string of digits (false for anything that is not only digits). */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
    sum += digit;
  }
  return sum % 10 === 0;
}

/** Drops the spaces (including non-breaking ones, which `\s` covers) and dots people type. */
export function normalizeSiret(value: string): string {
  return value.replace(/[\s.]/g, '');
}

export function isValidSiren(value: string): boolean {
  const siren = normalizeSiret(value);
  return /^\d{9}$/.test(siren) && luhnValid(siren);
}

export function isValidSiret(value: string): boolean {
  return siretProblem(value) === null;
}

function digitSum(digits: string): number {
  let sum = 0;
  for (const digit of digits) sum += Number(digit);
  return sum;
}

/** Why a SIRET is rejected, for field validation messages; null when it is valid. */
export function siretProblem(value: string): 'empty' | 'format' | 'checksum' | null {
  const siret = normalizeSiret(value);
  if (siret === '') return 'empty';
  if (!/^\d{14}$/.test(siret)) return 'format';
  if (!isValidSiren(siret.slice(0, 9))) return 'checksum';
  if (luhnValid(siret)) return null;
  return siret.startsWith(LA_POSTE_SIREN) && digitSum(siret) % 5 === 0 ? null : 'checksum';
}

/** The portal's identifier types for a structure, in the order of its list. */
export const STRUCTURE_IDENTIFIER_TYPES = ['siret', 'ue-hors-france', 'hors-ue', 'ridet', 'tahiti', 'particulier'] as const;

export type StructureIdentifierType = (typeof STRUCTURE_IDENTIFIER_TYPES)[number];

export function isStructureIdentifierType(value: string): value is StructureIdentifierType {
  return (STRUCTURE_IDENTIFIER_TYPES as readonly string[]).includes(value);
}

/** Drops the spaces, dots and dashes people type inside an identifier. */
function compactIdentifier(value: string): string {
  return value.replace(/[\s.-]/g, '').toUpperCase();
}

// The exact formats of the other types are shown by the portal under its field but are not
// published: they are checked loosely here (fact: structure.identifier-formats, assumed).
const LOOSE_FORMATS: Record<Exclude<StructureIdentifierType, 'siret'>, RegExp> = {
  // An intra-EU VAT number: a country code other than France, then its national part.
  'ue-hors-france': /^(?!FR)[A-Z]{2}[A-Z0-9+*]{2,13}$/,
  'hors-ue': /^[A-Z0-9]{1,20}$/,
  ridet: /^\d{6,10}$/,
  tahiti: /^[A-Z0-9]{6,9}$/,
  particulier: /^[A-Z0-9]{1,20}$/,
};

/** Why an identifier of the given type is rejected; null when it is accepted. */
export function structureIdentifierProblem(type: StructureIdentifierType, value: string): 'empty' | 'format' | 'checksum' | null {
  if (type === 'siret') return siretProblem(value);
  const identifier = compactIdentifier(value);
  if (identifier === '') return 'empty';
  return LOOSE_FORMATS[type].test(identifier) ? null : 'format';
}
