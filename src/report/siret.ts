/**
 * SIREN / SIRET checks (INSEE): a SIREN is 9 digits, a SIRET is the SIREN followed by a
 * 5-digit establishment number; both pass the Luhn check. La Poste (SIREN 356000000) numbers
 * its establishments past what Luhn allows: there the 14 digits must sum to a multiple of 5.
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
