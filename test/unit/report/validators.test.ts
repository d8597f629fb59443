// @vitest-environment node
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  PROBLEM_CODES,
  emailProblem,
  normalizePhone,
  phoneProblem,
  problemMessageKey,
  siretFieldProblem,
} from '../../../src/report/validators';
import { translatorFor } from '../../support/i18n';

describe('emailProblem', () => {
  it('accepts the addresses people type', () => {
    for (const email of ['jean.dupont@exemple.fr', 'a+b@sous.domaine.gouv.fr', ' x_y-z@exemple.com ', "o'brien@example.ie"]) {
      expect(emailProblem(email), email).toBeNull();
    }
  });

  it('refuses malformed addresses with email.format', () => {
    for (const email of ['jean', 'jean@', '@exemple.fr', 'jean@exemple', 'jean@@exemple.fr', 'jean dupont@exemple.fr', 'jean@exemple.f', 'jean@-exemple.fr', 'jean..d@exemple.fr', '.jean@exemple.fr', 'jean@exemple.123']) {
      expect(emailProblem(email), email).toBe('email.format');
    }
  });

  it('says required when empty and tooLong past 254 characters', () => {
    expect(emailProblem('  ')).toBe('required');
    expect(emailProblem(`${'a'.repeat(60)}@${'b'.repeat(200)}.fr`)).toBe('tooLong');
    expect(emailProblem(`${'a'.repeat(65)}@exemple.fr`)).toBe('email.format');
  });
});

describe('normalizePhone and phoneProblem', () => {
  it.each([
    ['01 23 45 67 89', '+33123456789'],
    ['06.12.34.56.78', '+33612345678'],
    ['06-12-34-56-78', '+33612345678'],
    ['0612345678', '+33612345678'],
    ['09\u00a012\u00a034\u00a056\u00a078', '+33912345678'],
    ['+33 6 12 34 56 78', '+33612345678'],
    ['+33 (0)6 12 34 56 78', '+33612345678'],
    ['0033 6 12 34 56 78', '+33612345678'],
    ['+44 20 7946 0958', '+442079460958'],
    ['+1 415 555 2671', '+14155552671'],
    ['0044 20 7946 0958', '+442079460958'],
    ['+262 262 12 34 56', '+262262123456'],
  ])('%s → %s', (typed, e164) => {
    expect(normalizePhone(typed)).toBe(e164);
    expect(phoneProblem(typed)).toBeNull();
  });

  it.each(['0123', '00 12 34 56 78', '01 23 45 67 89 0', '+33 0 12 34 56 78', '+33 6 12 34 56', '+0 123 456 789', '+1234567', '+1234567890123456', '06 12 34 56 7a', '(01) 23 45 67 89', '+33 6 12 34 56 78 ext 2', 'téléphone'])(
    'refuses %s',
    (typed) => {
      expect(normalizePhone(typed)).toBeNull();
      expect(phoneProblem(typed)).toBe('phone.format');
    },
  );

  it('says required when empty', () => {
    expect(phoneProblem(' ')).toBe('required');
  });

  it('never throws and returns null or a known code, for any input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (value) => {
        expect([null, 'required', 'phone.format']).toContain(phoneProblem(value));
        expect([null, 'required', 'tooLong', 'email.format']).toContain(emailProblem(value));
        expect([null, 'required', 'siret.format', 'siret.checksum']).toContain(siretFieldProblem(value));
        const e164 = normalizePhone(value);
        if (e164 !== null) expect(e164).toMatch(/^\+[1-9]\d{7,14}$/);
      }),
    );
  });

  it('normalizes every French national number to +33 and nine digits', () => {
    const separator = fc.constantFrom('', ' ', '.', '-');
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9 }), fc.array(fc.integer({ min: 0, max: 99 }), { minLength: 4, maxLength: 4 }), fc.integer({ min: 0, max: 9 }), separator, (first, pairs, last, sep) => {
        const groups = [`0${first}`, ...pairs.map((pair) => String(pair).padStart(2, '0'))];
        const typed = groups.join(sep);
        expect(normalizePhone(typed)).toBe(`+33${first}${groups.slice(1).join('')}`);
        expect(phoneProblem(`${typed}${last}`)).toBe('phone.format');
      }),
    );
  });
});

describe('siretFieldProblem', () => {
  it('reuses siret.ts, La Poste rule included', () => {
    expect(siretFieldProblem('732 829 320 00074')).toBeNull();
    expect(siretFieldProblem('35600000000029')).toBeNull();
    expect(siretFieldProblem('35600000000031')).toBe('siret.checksum');
    expect(siretFieldProblem('73282932000075')).toBe('siret.checksum');
    expect(siretFieldProblem('7328293200007')).toBe('siret.format');
    expect(siretFieldProblem('')).toBe('required');
  });
});

describe('problem messages', () => {
  it('every code has a message in French and in English', () => {
    for (const locale of ['fr', 'en'] as const) {
      const t = translatorFor(locale);
      for (const code of PROBLEM_CODES) expect(t(problemMessageKey(code)), `${locale} ${code}`).not.toBe('');
    }
    expect(problemMessageKey('siret.checksum')).toBe('problemSiretChecksum');
    expect(problemMessageKey('tooLong')).toBe('problemTooLong');
  });
});
