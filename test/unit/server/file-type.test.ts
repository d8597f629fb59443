import { describe, expect, it } from 'vitest';
import { contentMatchesName } from '../../../server/file-type';

const bytes = (...values: number[]) => Uint8Array.from(values);
const text = (value: string) => new TextEncoder().encode(value);

describe('contentMatchesName', () => {
  it('accepts each binary format by its signature', () => {
    expect(contentMatchesName('a.png', bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0))).toBe(true);
    expect(contentMatchesName('a.JPG', bytes(0xff, 0xd8, 0xff, 0xe0))).toBe(true);
    expect(contentMatchesName('a.pdf', text('%PDF-1.7'))).toBe(true);
    expect(contentMatchesName('a.docx', text('PK\x03\x04'))).toBe(true);
    expect(contentMatchesName('a.zip', text('PK\x05\x06'))).toBe(true);
    expect(contentMatchesName('a.xls', bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1))).toBe(true);
  });

  it('refuses content of another type, or too short to tell', () => {
    expect(contentMatchesName('a.png', text('%PDF-1.7'))).toBe(false);
    expect(contentMatchesName('a.pdf', text('MZ\x90\x00'))).toBe(false);
    expect(contentMatchesName('a.docx', text('PK\x05\x06'))).toBe(false);
    expect(contentMatchesName('a.png', bytes(0x89, 0x50))).toBe(false);
    expect(contentMatchesName('a.exe', text('MZ'))).toBe(false);
  });

  it('takes text without NUL bytes as text, empty included', () => {
    expect(contentMatchesName('notes.txt', text('bonjour'))).toBe(true);
    expect(contentMatchesName('export.csv', new Uint8Array())).toBe(true);
    expect(contentMatchesName('flux.xml', text('<?xml'))).toBe(true);
    expect(contentMatchesName('notes.txt', bytes(0x4d, 0x5a, 0x00, 0x00))).toBe(false);
  });
});
