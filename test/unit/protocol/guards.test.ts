import { describe, expect, test } from 'vitest';
import { arrayOf, exactObject, isId, isNumber, isString, literal, objectWith, oneOf, orNull, stringUpTo } from '../../../src/protocol/guards';

describe('shape guards', () => {
  const isFile = exactObject({ name: isString, size: isNumber }, { note: isString });

  test('an exact object: its required fields, any of its optional ones, nothing else', () => {
    expect(isFile({ name: 'a.pdf', size: 3 })).toBe(true);
    expect(isFile({ name: 'a.pdf', size: 3, note: 'n' })).toBe(true);
    expect(isFile({ name: 'a.pdf' })).toBe(false);
    expect(isFile({ name: 'a.pdf', size: '3' })).toBe(false);
    expect(isFile({ name: 'a.pdf', size: 3, extra: 1 })).toBe(false);
    // An optional field present must pass its guard, even undefined: nothing rides along under its name.
    expect(isFile({ name: 'a.pdf', size: 3, note: undefined })).toBe(false);
  });

  test('an exact object is a plain object with its own keys', () => {
    expect(isFile(Object.create({ name: 'a.pdf', size: 3 }))).toBe(false);
    expect(isFile([{ name: 'a.pdf', size: 3 }])).toBe(false);
    expect(isFile(new Map<string, unknown>([['name', 'a.pdf'], ['size', 3]]))).toBe(false);
    expect(isFile(null)).toBe(false);
  });

  test('an answer object: its fields checked, other keys let through, optional ones absent or undefined', () => {
    const isAnswer = objectWith({ status: literal('done') }, { parts: isNumber });
    expect(isAnswer({ status: 'done' })).toBe(true);
    expect(isAnswer({ status: 'done', parts: 2, extra: true })).toBe(true);
    expect(isAnswer({ status: 'done', parts: undefined })).toBe(true);
    expect(isAnswer({ status: 'done', parts: '2' })).toBe(false);
    expect(isAnswer({ status: 'failed' })).toBe(false);
  });

  test('literals, arrays, null, unions, bounded strings and ids', () => {
    expect(literal('portal', 'backend')('portal')).toBe(true);
    expect(literal('portal', 'backend')('email')).toBe(false);
    expect(arrayOf(isNumber)([1, 2])).toBe(true);
    expect(arrayOf(isNumber)([1, '2'])).toBe(false);
    expect(arrayOf(isNumber)({ length: 0 })).toBe(false);
    expect(orNull(isString)(null)).toBe(true);
    expect(orNull(isString)(undefined)).toBe(false);
    expect(oneOf(isString, isNumber)(3)).toBe(true);
    expect(oneOf(isString, isNumber)(true)).toBe(false);
    expect(stringUpTo(3)('abc')).toBe(true);
    expect(stringUpTo(3)('abcd')).toBe(false);
    expect(isId('2b7f0c1e-5d1a-4c55-9a65-0d2f3b0c9a11')).toBe(true);
    expect(isId('../../etc')).toBe(false);
    expect(isId('')).toBe(false);
    expect(isId('a'.repeat(101))).toBe(false);
  });
});
