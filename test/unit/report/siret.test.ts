import { describe, expect, it } from 'vitest';
import { isValidSiren, isValidSiret, luhnValid, normalizeSiret, siretProblem, STRUCTURE_IDENTIFIER_TYPES, structureIdentifierProblem } from '../../../src/report/siret';

const digitSum = (digits: string) => [...digits].reduce((sum, digit) => sum + Number(digit), 0);

describe('luhnValid', () => {
  it('accepts Luhn-valid digit strings and rejects others', () => {
    expect(luhnValid('79927398713')).toBe(true);
    expect(luhnValid('79927398710')).toBe(false);
    expect(luhnValid('0')).toBe(true);
  });

  it('rejects anything that is not only digits', () => {
    expect(luhnValid('')).toBe(false);
    expect(luhnValid('7992 7398 713')).toBe(false);
    expect(luhnValid('7992739871a')).toBe(false);
  });
});

describe('normalizeSiret', () => {
  it('strips spaces, non-breaking spaces and dots', () => {
    expect(normalizeSiret(' 732 829\u00a0320\u202f000.74 ')).toBe('73282932000074');
    expect(normalizeSiret('732.829.320.00074')).toBe('73282932000074');
  });
});

describe('isValidSiren', () => {
  it('checks 9 Luhn-valid digits', () => {
    expect(isValidSiren('732829320')).toBe(true);
    expect(isValidSiren('732 829 320')).toBe(true);
    expect(isValidSiren('732829321')).toBe(false);
    expect(isValidSiren('73282932')).toBe(false);
    expect(isValidSiren('356000000')).toBe(true);
  });
});

describe('isValidSiret', () => {
  it('accepts valid SIRETs, written whole or spaced', () => {
    expect(isValidSiret('73282932000074')).toBe(true);
    expect(isValidSiret('732 829 320 00074')).toBe(true);
    expect(isValidSiret('44306184100013')).toBe(true);
    expect(isValidSiret('54205118000066')).toBe(true);
  });

  it('rejects a Luhn failure, a wrong length and letters', () => {
    expect(isValidSiret('73282932000075')).toBe(false);
    expect(isValidSiret('7328293200007')).toBe(false);
    expect(isValidSiret('732829320000740')).toBe(false);
    expect(isValidSiret('7328293200007A')).toBe(false);
  });

  it('rejects 14 Luhn-valid digits whose SIREN is not Luhn-valid', () => {
    expect(luhnValid('12345678900007')).toBe(true);
    expect(isValidSiren('123456789')).toBe(false);
    expect(isValidSiret('12345678900007')).toBe(false);
  });

  it('accepts a La Poste SIRET that fails Luhn but whose digits sum to a multiple of 5', () => {
    const laPoste = '35600000000029';
    expect(luhnValid(laPoste)).toBe(false);
    expect(digitSum(laPoste) % 5).toBe(0);
    expect(isValidSiret(laPoste)).toBe(true);
    expect(isValidSiret('356 000 000 00029')).toBe(true);
  });

  it('accepts the La Poste head office, which passes Luhn itself', () => {
    expect(luhnValid('35600000000048')).toBe(true);
    expect(isValidSiret('35600000000048')).toBe(true);
  });

  it('keeps the La Poste exception to La Poste', () => {
    const laPosteLike = '35600000000031';
    expect(luhnValid(laPosteLike)).toBe(false);
    expect(digitSum(laPosteLike) % 5).not.toBe(0);
    expect(isValidSiret(laPosteLike)).toBe(false);
    // Same digit-sum rule on another SIREN does not apply.
    const other = '73282932000077';
    expect(luhnValid(other)).toBe(false);
    expect(digitSum(other) % 5).toBe(0);
    expect(isValidSiret(other)).toBe(false);
  });
});

describe('siretProblem', () => {
  it('says why a value is rejected', () => {
    expect(siretProblem('')).toBe('empty');
    expect(siretProblem('  ')).toBe('empty');
    expect(siretProblem('7328293200007')).toBe('format');
    expect(siretProblem('SIRET')).toBe('format');
    expect(siretProblem('73282932000075')).toBe('checksum');
    expect(siretProblem('12345678900007')).toBe('checksum');
    expect(siretProblem('732 829 320 00074')).toBeNull();
    expect(siretProblem('35600000000029')).toBeNull();
  });
});

describe('structureIdentifierProblem', () => {
  it('checks a SIRET with its check digit', () => {
    expect(structureIdentifierProblem('siret', '732 829 320 00074')).toBeNull();
    expect(structureIdentifierProblem('siret', '73282932000075')).toBe('checksum');
  });

  it('accepts the other identifier types of the portal, spaces and dashes removed', () => {
    expect(structureIdentifierProblem('ue-hors-france', 'BE 0123.456.789')).toBeNull();
    expect(structureIdentifierProblem('ridet', '1 234 567 001')).toBeNull();
    expect(structureIdentifierProblem('tahiti', 'A12345-001')).toBeNull();
    expect(structureIdentifierProblem('hors-ue', 'CH-123.456.789')).toBeNull();
    expect(structureIdentifierProblem('particulier', 'DUPONT1980')).toBeNull();
  });

  it('refuses what cannot be an identifier of the type', () => {
    expect(structureIdentifierProblem('ue-hors-france', 'FR12345678901')).toBe('format');
    expect(structureIdentifierProblem('ridet', 'ABC')).toBe('format');
    for (const type of STRUCTURE_IDENTIFIER_TYPES) expect(structureIdentifierProblem(type, ' ')).toBe('empty');
  });
});
