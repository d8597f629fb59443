// @vitest-environment node
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PROBLEM_CODES } from '../../../src/report/validators';
import { parseSupportRequest } from '../../../src/report/request';
import type { FieldError, SupportRequest } from '../../../src/report/request';
import { validRequest } from '../../support/request-fixture';

const screenshot = { name: 'capture.png', type: 'image/png', size: 48_213, sha256: 'a'.repeat(64) };

function errorsOf(value: unknown): FieldError[] {
  const result = parseSupportRequest(value);
  return result.ok ? [] : result.errors;
}

/** The request with one field replaced (or removed, with undefined), as plain JSON. */
function withField(path: string, value: unknown): unknown {
  const request = structuredClone(validRequest({ attachments: [screenshot] })) as unknown as Record<string, unknown>;
  const keys = path.split('.');
  const last = keys.pop() as string;
  let target = request;
  for (const key of keys) target = target[key] as Record<string, unknown>;
  if (value === undefined) delete target[last];
  else target[last] = value;
  return request;
}

describe('parseSupportRequest', () => {
  it('accepts a complete request and returns it unchanged', () => {
    const request = validRequest({ attachments: [screenshot] });
    expect(parseSupportRequest(structuredClone(request))).toEqual({ ok: true, request });
  });

  it('without an account, a SIRET or another identifier of the structure, not both', () => {
    const contact = { email: 'compta@exemple.de', structureIdentifier: { type: 'ue-hors-france', value: 'DE123456789' } };
    const request = withField('contact', contact);
    const loggedOut = { ...(request as Record<string, unknown>), loggedIn: false };
    expect(parseSupportRequest(structuredClone(loggedOut)).ok).toBe(true);
    expect(errorsOf({ ...loggedOut, contact: { email: 'a@b.fr' } })).toEqual([{ field: 'contact.siret', code: 'required' }]);
    expect(errorsOf({ ...loggedOut, contact: { ...contact, siret: '73282932000074' } })).toEqual([{ field: 'contact.structureIdentifier', code: 'duplicate' }]);
    expect(errorsOf({ ...loggedOut, contact: { ...contact, structureIdentifier: { type: 'siret', value: '73282932000074' } } })).toEqual([{ field: 'contact.structureIdentifier.type', code: 'format' }]);
    expect(errorsOf({ ...loggedOut, contact: { ...contact, structureIdentifier: { type: 'ridet', value: 'abc' } } })).toEqual([{ field: 'contact.structureIdentifier.value', code: 'identifier.format' }]);
  });

  it('accepts identifiers read on the page, and refuses malformed ones by field', () => {
    const identifiers = [
      { kind: 'siret', value: '11000201100044', role: 'recipient', label: 'SIRET destinataire' },
      { kind: 'engagementNumber', value: 'EJ-2026-000123' },
      { kind: 'serviceCode', value: 'SE-75', label: 'Code service' },
    ];
    const request = withField('identifiers', identifiers);
    expect(parseSupportRequest(structuredClone(request))).toEqual({ ok: true, request });
    expect(errorsOf(withField('identifiers', [{ kind: 'iban', value: 'FR76' }]))).toEqual([{ field: 'identifiers[0].kind', code: 'format' }]);
    expect(errorsOf(withField('identifiers', [{ kind: 'siret', value: '11000201100045' }]))).toEqual([{ field: 'identifiers[0].value', code: 'siret.checksum' }]);
    expect(errorsOf(withField('identifiers', [{ kind: 'serviceCode', value: 'X', role: 'boss' }]))).toEqual([{ field: 'identifiers[0].role', code: 'format' }]);
    expect(errorsOf(withField('identifiers', [{ kind: 'serviceCode', value: 'X', extra: 1 }]))).toEqual([{ field: 'identifiers[0].extra', code: 'unknownKey' }]);
    expect(errorsOf(withField('identifiers', [{ kind: 'serviceCode', value: 'X'.repeat(101) }]))).toEqual([{ field: 'identifiers[0].value', code: 'tooLong' }]);
    expect(errorsOf(withField('identifiers', Array.from({ length: 21 }, () => ({ kind: 'serviceCode', value: 'X' }))))).toEqual([{ field: 'identifiers', code: 'tooMany' }]);
  });

  it('accepts a minimal request of a user without an account, La Poste SIRET included', () => {
    const request: SupportRequest = validRequest({
      route: 'client',
      category: 'suivi-de-facture',
      subCategory: 'paiement',
      contact: { email: 'compta@exemple.fr', siret: '356 000 000 00029' },
      loggedIn: false,
      invoiceNumbers: [],
      pathSteps: [],
      errors: [],
      capturedAt: '2028-02-29T23:59:59+01:00',
    });
    delete request.issuer;
    delete request.portalVersion;
    expect(parseSupportRequest(request)).toEqual({ ok: true, request });
  });

  it('accepts technical details, and drops an empty list of them', () => {
    const request = validRequest({ diagnostics: ['Failed request — POST https://chorus-pro.gouv.fr/cpp/api/deposer → 500 (at 2:30 PM)'] });
    expect(parseSupportRequest(structuredClone(request))).toEqual({ ok: true, request });
    const empty = parseSupportRequest(withField('diagnostics', []));
    expect(empty.ok && 'diagnostics' in empty.request).toBe(false);
  });

  it('drops optional texts left empty', () => {
    const result = parseSupportRequest(withField('issuer', '  '));
    expect(result.ok && 'issuer' in result.request).toBe(false);
  });

  it.each<[string, unknown, FieldError]>([
    ['title', undefined, { field: 'title', code: 'required' }],
    ['title', '   ', { field: 'title', code: 'required' }],
    ['title', 'x'.repeat(201), { field: 'title', code: 'tooLong' }],
    ['title', 'deux\nlignes', { field: 'title', code: 'format' }],
    ['title', 42, { field: 'title', code: 'type' }],
    ['description', 'x'.repeat(10_001), { field: 'description', code: 'tooLong' }],
    ['description', 'bip\u0007', { field: 'description', code: 'format' }],
    ['schemaVersion', 2, { field: 'schemaVersion', code: 'schemaVersion.unsupported' }],
    ['route', 'elsewhere', { field: 'route', code: 'format' }],
    ['route', 'client', { field: 'route', code: 'route.mismatch' }],
    ['category', 'autre', { field: 'category', code: 'category.unknown' }],
    ['subCategory', 'paiement', { field: 'subCategory', code: 'subCategory.unknown' }],
    ['loggedIn', 'yes', { field: 'loggedIn', code: 'type' }],
    ['contact.email', 'jean@', { field: 'contact.email', code: 'email.format' }],
    ['contact.email', undefined, { field: 'contact.email', code: 'required' }],
    ['contact.phone', '12', { field: 'contact.phone', code: 'phone.format' }],
    ['contact.siret', '73282932000075', { field: 'contact.siret', code: 'siret.checksum' }],
    ['contact.siret', '7328293200007', { field: 'contact.siret', code: 'siret.format' }],
    ['contact.role', 'admin', { field: 'contact.role', code: 'unknownKey' }],
    ['contact', 'jean', { field: 'contact', code: 'type' }],
    ['invoiceNumbers', Array(21).fill('F1'), { field: 'invoiceNumbers', code: 'tooMany' }],
    ['invoiceNumbers', ['F1', ''], { field: 'invoiceNumbers[1]', code: 'required' }],
    ['pathSteps', Array(101).fill('étape'), { field: 'pathSteps', code: 'tooMany' }],
    ['pathSteps', ['ok', 'x'.repeat(301)], { field: 'pathSteps[1]', code: 'tooLong' }],
    ['errors', Array(21).fill('erreur'), { field: 'errors', code: 'tooMany' }],
    ['errors', 'erreur', { field: 'errors', code: 'type' }],
    ['diagnostics', Array(31).fill('Script error — x'), { field: 'diagnostics', code: 'tooMany' }],
    ['diagnostics', ['deux\nlignes'], { field: 'diagnostics[0]', code: 'format' }],
    ['pageUrl', 'javascript:alert(1)', { field: 'pageUrl', code: 'url.format' }],
    ['pageUrl', 'https://user:secret@chorus-pro.gouv.fr/cpp/', { field: 'pageUrl', code: 'url.format' }],
    ['pageUrl', 'pas une adresse', { field: 'pageUrl', code: 'url.format' }],
    ['capturedAt', '2026-02-30T10:00:00Z', { field: 'capturedAt', code: 'date.format' }],
    ['capturedAt', '02/03/2026', { field: 'capturedAt', code: 'date.format' }],
    ['capturedAt', '2026-03-02T24:00:00Z', { field: 'capturedAt', code: 'date.format' }],
    ['capturedAt', '2026-13-02T10:00:00Z', { field: 'capturedAt', code: 'date.format' }],
    ['attachments', Array(11).fill(screenshot), { field: 'attachments', code: 'tooMany' }],
    ['attachments', [{ ...screenshot, name: 'capture.exe' }], { field: 'attachments[0].name', code: 'file.extension' }],
    ['attachments', [{ ...screenshot, name: `${'a'.repeat(47)}.png` }], { field: 'attachments[0].name', code: 'file.nameTooLong' }],
    ['attachments', [{ ...screenshot, type: 'text/html' }], { field: 'attachments[0].type', code: 'file.type' }],
    ['attachments', [{ ...screenshot, size: 10 * 1024 * 1024 }], { field: 'attachments[0].size', code: 'file.tooLarge' }],
    ['attachments', [{ ...screenshot, size: 1.5 }], { field: 'attachments[0].size', code: 'type' }],
    ['attachments', [{ ...screenshot, sha256: 'A'.repeat(64) }], { field: 'attachments[0].sha256', code: 'sha256.format' }],
    ['attachments', [{ ...screenshot, path: '/etc' }], { field: 'attachments[0].path', code: 'unknownKey' }],
    ['attachments', [screenshot, screenshot], { field: 'attachments[1].name', code: 'duplicate' }],
    ['extra', true, { field: 'extra', code: 'unknownKey' }],
  ])('%s = %j → %j', (path, value, expected) => {
    expect(errorsOf(withField(path, value))).toContainEqual(expected);
  });

  it('refuses a __proto__ key as any other unknown key', () => {
    const json = JSON.stringify(validRequest()).replace(/^\{/, '{"__proto__":{"polluted":true},');
    expect(errorsOf(JSON.parse(json))).toEqual([{ field: '__proto__', code: 'unknownKey' }]);
  });

  it('requires a SIRET when the user is not logged in, and only then', () => {
    const request = withField('loggedIn', false) as { contact: Record<string, unknown> };
    delete request.contact['siret'];
    expect(errorsOf(request)).toEqual([{ field: 'contact.siret', code: 'required' }]);
    request.contact['siret'] = ' ';
    expect(errorsOf(request)).toEqual([{ field: 'contact.siret', code: 'required' }]);
    expect(errorsOf(withField('contact.siret', undefined))).toEqual([]);
  });

  it('refuses attachments over 50 MB in total', () => {
    const big = (index: number) => ({ ...screenshot, name: `f${index}.pdf`, type: 'application/pdf', size: 9 * 1024 * 1024 });
    expect(errorsOf(withField('attachments', [0, 1, 2, 3, 4].map(big)))).toEqual([]);
    expect(errorsOf(withField('attachments', [0, 1, 2, 3, 4, 5].map(big)))).toEqual([{ field: 'attachments', code: 'files.tooLarge' }]);
  });

  it('reports every problem at once', () => {
    const errors = errorsOf({ ...validRequest(), title: '', contact: { email: 'x' }, extra: 1 });
    expect(errors).toEqual(
      expect.arrayContaining([
        { field: 'title', code: 'required' },
        { field: 'contact.email', code: 'email.format' },
        { field: 'extra', code: 'unknownKey' },
      ]),
    );
  });

  it('refuses what is not an object', () => {
    for (const value of [null, undefined, 'request', 42, [], [validRequest()]]) expect(errorsOf(value)).toEqual([{ field: '', code: 'type' }]);
  });

  it('never throws and always answers with known codes, whatever it is given', () => {
    const codes = new Set<string>(PROBLEM_CODES);
    const check = (value: unknown) => {
      const result = parseSupportRequest(value);
      if (!result.ok) {
        expect(result.errors.length).toBeGreaterThan(0);
        for (const error of result.errors) {
          expect(codes.has(error.code), error.code).toBe(true);
          expect(typeof error.field).toBe('string');
        }
      }
    };
    fc.assert(fc.property(fc.anything(), check), { numRuns: 300 });
    // Mutations of a valid request reach the deeper checks.
    const keys = Object.keys(validRequest());
    fc.assert(
      fc.property(fc.constantFrom(...keys), fc.jsonValue(), (key, value) => check({ ...validRequest(), [key]: value })),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.constantFrom('name', 'connectionId', 'email', 'phone', 'siret', 'other'), fc.jsonValue(), fc.boolean(), (key, value, loggedIn) =>
        check({ ...validRequest(), loggedIn, contact: { ...validRequest().contact, [key]: value } }),
      ),
      { numRuns: 300 },
    );
  });

  it('accepts what it returned, unchanged (parsing is idempotent)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.array(fc.string({ maxLength: 300 }), { maxLength: 5 }), (title, steps) => {
        const result = parseSupportRequest({ ...validRequest(), title, pathSteps: steps });
        if (result.ok) expect(parseSupportRequest(JSON.parse(JSON.stringify(result.request)))).toEqual(result);
      }),
    );
  });
});
