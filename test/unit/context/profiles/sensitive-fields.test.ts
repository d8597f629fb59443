import { describe, expect, test } from 'vitest';
import { listOf, profileFor } from '../../../../src/context/profiles/index';
import { SENSITIVE_FIELDS } from '../../../../src/context/profiles/sensitive-fields';

describe('fields masked in screenshots', () => {
  test('both portal generations mask the same fields, from one list', () => {
    const classic = profileFor('https://chorus-pro.gouv.fr/cpp/accueil');
    const services = profileFor('https://portail.chorus-pro.gouv.fr/aife_csm?id=aife_index');
    expect(classic?.generation).toBe('classic');
    expect(services?.generation).toBe('services');
    expect(classic?.sensitiveFields).toBe(SENSITIVE_FIELDS);
    expect(services?.sensitiveFields).toBe(SENSITIVE_FIELDS);
    expect(listOf(null, 'sensitiveFields')).toEqual(SENSITIVE_FIELDS);
  });

  test('passwords, bank details and phone numbers are among them', () => {
    for (const selector of ['input[type=password]', '[name*="iban" i]', '[name$="rib" i]', 'input[type=tel]']) expect(SENSITIVE_FIELDS).toContain(selector);
  });
});
