// @vitest-environment node
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ALLOWED_EXTENSIONS,
  MAX_ATTACHMENT_BYTES,
  attachmentProblems,
  contentTypeFor,
  extensionOf,
  fitAttachmentName,
  isAllowedMimeForExtension,
} from '../../../src/report/attachments';

const png = (name: string, size = 1000) => ({ name, size, type: 'image/png' });

describe('attachmentProblems', () => {
  it('accepts every allowed extension, in any case', () => {
    for (const extension of ALLOWED_EXTENSIONS) {
      expect(attachmentProblems({ name: `fichier.${extension}`, size: 10, type: '' })).toEqual([]);
      expect(attachmentProblems({ name: `FICHIER.${extension.toUpperCase()}`, size: 10, type: '' })).toEqual([]);
    }
  });

  it('draws the size line at 10 MB, strictly below', () => {
    expect(attachmentProblems(png('a.png', MAX_ATTACHMENT_BYTES - 1))).toEqual([]);
    expect(attachmentProblems(png('a.png', MAX_ATTACHMENT_BYTES))).toEqual(['file.tooLarge']);
    expect(attachmentProblems(png('a.png', 0))).toEqual(['file.empty']);
  });

  it('draws the name line at 50 characters, extension included', () => {
    expect(attachmentProblems(png(`${'a'.repeat(46)}.png`))).toEqual([]);
    expect(attachmentProblems(png(`${'a'.repeat(47)}.png`))).toEqual(['file.nameTooLong']);
  });

  it('refuses other extensions, names without one, and refused characters', () => {
    expect(attachmentProblems({ name: 'script.exe', size: 10, type: '' })).toEqual(['file.extension']);
    expect(attachmentProblems({ name: 'capture', size: 10, type: '' })).toEqual(['file.extension']);
    expect(attachmentProblems({ name: '.png', size: 10, type: '' })).toEqual(['file.extension', 'file.nameCharacters']);
    expect(attachmentProblems(png('capture écran.png'))).toEqual(['file.nameCharacters']);
    expect(attachmentProblems(png('../../etc/passwd.png'))).toEqual(['file.nameCharacters']);
  });

  it('refuses a declared type that does not belong to the extension', () => {
    expect(attachmentProblems({ name: 'a.png', size: 10, type: 'text/html' })).toEqual(['file.type']);
    expect(attachmentProblems({ name: 'a.pdf', size: 10, type: 'application/pdf; charset=binary' })).toEqual([]);
  });
});

describe('isAllowedMimeForExtension and contentTypeFor', () => {
  it('matches types to extensions', () => {
    expect(isAllowedMimeForExtension('a.png', 'image/png')).toBe(true);
    expect(isAllowedMimeForExtension('a.PNG', 'IMAGE/PNG')).toBe(true);
    expect(isAllowedMimeForExtension('a.png', 'image/jpeg')).toBe(false);
    expect(isAllowedMimeForExtension('a.jpg', 'image/jpeg')).toBe(true);
    expect(isAllowedMimeForExtension('a.csv', 'application/vnd.ms-excel')).toBe(true);
    expect(isAllowedMimeForExtension('a.txt', 'text/plain;charset=utf-8')).toBe(true);
    expect(isAllowedMimeForExtension('a.html', 'text/html')).toBe(false);
    expect(isAllowedMimeForExtension('a.png', '')).toBe(false);
    expect(isAllowedMimeForExtension('constructor', 'x')).toBe(false);
  });

  it('gives one canonical type per allowed extension, never for others', () => {
    expect(contentTypeFor('a.JPEG')).toBe('image/jpeg');
    expect(contentTypeFor('a.csv')).toBe('text/csv');
    expect(contentTypeFor('a.svg')).toBeUndefined();
    expect(contentTypeFor('a.__proto__')).toBeUndefined();
    expect(extensionOf('archive.tar.ZIP')).toBe('zip');
    expect(extensionOf('.bashrc')).toBe('');
  });
});

describe('fitAttachmentName', () => {
  it.each([
    ['C:\\Users\\Jean\\Bureau\\capture.png', undefined, 'capture.png'],
    ['/home/jean/capture.png', undefined, 'capture.png'],
    ["Capture d'écran 2026-03-02 à 10.15.03.png", undefined, 'Capture_d_ecran_2026-03-02_a_10.15.03.png'],
    ['Œuvre façade Ærø.pdf', undefined, 'OEuvre_facade_AEro.pdf'],
    ['facture n°42 (copie).PDF', undefined, 'facture_n_42_copie.pdf'],
    ['image', 'png', 'image.png'],
    ['', 'png', 'piece-jointe.png'],
    ['😀😀.png', undefined, 'piece-jointe.png'],
    ['rapport.exe', 'png', 'rapport.exe'],
  ])('%s → %s', (name, fallback, expected) => {
    expect(fitAttachmentName(name, fallback)).toBe(expected);
  });

  it('shortens the base and keeps the extension', () => {
    const fitted = fitAttachmentName(`${'très long nom de fichier '.repeat(5)}.xlsx`);
    expect(fitted.length).toBeLessThanOrEqual(50);
    expect(fitted.endsWith('.xlsx')).toBe(true);
    expect(fitted.startsWith('tres_long_nom_de_fichier_')).toBe(true);
  });

  it('turns any name with an allowed extension into one the portal accepts', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), fc.constantFrom(...ALLOWED_EXTENSIONS), (base, extension) => {
        const fitted = fitAttachmentName(`${base}.${extension}`);
        expect(attachmentProblems({ name: fitted, size: 1, type: '' })).toEqual([]);
        expect(fitAttachmentName(fitted)).toBe(fitted);
      }),
    );
  });

  it('never throws and never returns more than 50 characters when the extension fits', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), fc.option(fc.constantFrom(...ALLOWED_EXTENSIONS), { nil: undefined }), (name, fallback) => {
        const fitted = fitAttachmentName(name, fallback);
        expect(fitted).toMatch(/^[A-Za-z0-9._-]+$/);
        if (extensionOf(fitted).length <= 10) expect(fitted.length).toBeLessThanOrEqual(50);
      }),
    );
  });
});
