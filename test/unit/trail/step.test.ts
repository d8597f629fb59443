// @vitest-environment node
// Pure module: no DOM needed.
import { describe, expect, it } from 'vitest';
import { clickStep, errorStep, isTrailStep, pageStep, STEP_TEXT_LIMITS, submitStep } from '../../../src/trail/step';

const AT = Date.UTC(2026, 5, 2, 12, 30);

describe('step builders', () => {
  it('fold whitespace and line breaks in labels', () => {
    expect(clickStep(AT, '  Valider\n\t et   envoyer ')).toEqual({ kind: 'click', at: AT, label: 'Valider et envoyer' });
    expect(submitStep(AT, 'Dépôt\r\nde facture')).toEqual({ kind: 'submit', at: AT, form: 'Dépôt de facture' });
    expect(errorStep(AT, 'Erreur\u0007 technique')).toEqual({ kind: 'error', at: AT, text: 'Erreur technique' });
  });

  it('cap a click label at 80 characters with an ellipsis', () => {
    const step = clickStep(AT, 'x'.repeat(200));
    expect(step?.label).toHaveLength(80);
    expect(step?.label.endsWith('x…')).toBe(true);
    expect(clickStep(AT, 'y'.repeat(80))?.label).toBe('y'.repeat(80));
  });

  it('cap an error text at 300 characters', () => {
    expect(errorStep(AT, 'e'.repeat(301))?.text).toHaveLength(300);
    expect(errorStep(AT, 'e'.repeat(300))?.text).toBe('e'.repeat(300));
  });

  it('never split a surrogate pair when cutting', () => {
    const label = 'a'.repeat(78) + '😀😀';
    const step = clickStep(AT, label);
    expect(step?.label).toBe('a'.repeat(78) + '…');
    expect(isTrailStep(step)).toBe(true);
  });

  it('record nothing for an empty label, form or message', () => {
    expect(clickStep(AT, ' \n ')).toBeUndefined();
    expect(submitStep(AT, '')).toBeUndefined();
    expect(errorStep(AT, '\t')).toBeUndefined();
  });

  it('build a page step, dropping empty heading and section entries, keeping the path as given', () => {
    const step = pageStep(AT, {
      title: ' Chorus Pro ',
      heading: '  ',
      section: ['Factures émises', ' ', 'Rechercher'],
      path: '/cpp/facture?execution=',
    });
    expect(step).toEqual({
      kind: 'page',
      at: AT,
      title: 'Chorus Pro',
      section: ['Factures émises', 'Rechercher'],
      path: '/cpp/facture?execution=',
    });
    expect(pageStep(AT, { title: 'T', heading: 'H', path: '/p  q' })).toEqual({ kind: 'page', at: AT, title: 'T', heading: 'H', path: '/p  q' });
  });

  it('keep the innermost sections of a too deep breadcrumb', () => {
    const section = Array.from({ length: 12 }, (_, i) => `S${i}`);
    expect(pageStep(AT, { title: 'T', section, path: '/' }).section).toEqual(section.slice(4));
  });

  it('build only steps that pass validation', () => {
    const long = 'z'.repeat(5000);
    const steps = [
      pageStep(AT, { title: long, heading: long, section: [long, long], path: '/' + long }),
      clickStep(AT, long),
      submitStep(AT, long),
      errorStep(AT, long),
    ];
    for (const step of steps) expect(isTrailStep(step)).toBe(true);
  });
});

describe('isTrailStep', () => {
  it('accepts each kind of step', () => {
    expect(isTrailStep({ kind: 'page', at: AT, title: 'Accueil', path: '/cpp/' })).toBe(true);
    expect(isTrailStep({ kind: 'page', at: AT, title: '', heading: 'Facture', section: ['Factures émises'], path: '/' })).toBe(true);
    expect(isTrailStep({ kind: 'click', at: AT, label: 'Rechercher' })).toBe(true);
    expect(isTrailStep({ kind: 'submit', at: AT, form: 'Dépôt' })).toBe(true);
    expect(isTrailStep({ kind: 'error', at: AT, text: 'Dépôt impossible' })).toBe(true);
  });

  it('accepts optional page fields present as undefined (structured clone keeps them)', () => {
    expect(isTrailStep({ kind: 'page', at: AT, title: 'T', heading: undefined, section: undefined, path: '/' })).toBe(true);
  });

  it.each([
    ['null', null],
    ['a string', 'click'],
    ['an array', [{ kind: 'click', at: AT, label: 'x' }]],
    ['an unknown kind', { kind: 'scroll', at: AT, label: 'x' }],
    ['an inherited kind name', { kind: 'toString', at: AT }],
    ['no kind', { at: AT, label: 'x' }],
    ['an extra key (a typed value riding along)', { kind: 'submit', at: AT, form: 'Dépôt', value: 'secret' }],
    ['a key of another kind', { kind: 'click', at: AT, label: 'x', text: 'y' }],
    ['a string time', { kind: 'click', at: String(AT), label: 'x' }],
    ['a fractional time', { kind: 'click', at: AT + 0.5, label: 'x' }],
    ['a negative time', { kind: 'click', at: -1, label: 'x' }],
    ['an infinite time', { kind: 'click', at: Infinity, label: 'x' }],
    ['no time', { kind: 'click', label: 'x' }],
    ['an empty label', { kind: 'click', at: AT, label: '' }],
    ['a label too long', { kind: 'click', at: AT, label: 'x'.repeat(STEP_TEXT_LIMITS.label + 1) }],
    ['a form too long', { kind: 'submit', at: AT, form: 'x'.repeat(STEP_TEXT_LIMITS.form + 1) }],
    ['an error too long', { kind: 'error', at: AT, text: 'x'.repeat(STEP_TEXT_LIMITS.error + 1) }],
    ['a label with a line break', { kind: 'click', at: AT, label: 'a\nb' }],
    ['a number label', { kind: 'click', at: AT, label: 42 }],
    ['a page without path', { kind: 'page', at: AT, title: 'T' }],
    ['a page without title', { kind: 'page', at: AT, path: '/' }],
    ['a title too long', { kind: 'page', at: AT, title: 'x'.repeat(STEP_TEXT_LIMITS.title + 1), path: '/' }],
    ['a null heading', { kind: 'page', at: AT, title: 'T', heading: null, path: '/' }],
    ['a string section', { kind: 'page', at: AT, title: 'T', section: 'Factures', path: '/' }],
    ['a section with a number', { kind: 'page', at: AT, title: 'T', section: ['a', 1], path: '/' }],
    ['a section with an empty entry', { kind: 'page', at: AT, title: 'T', section: [''], path: '/' }],
    ['a section too deep', { kind: 'page', at: AT, title: 'T', section: Array(STEP_TEXT_LIMITS.sectionDepth + 1).fill('s'), path: '/' }],
    ['a path too long', { kind: 'page', at: AT, title: 'T', path: '/' + 'x'.repeat(STEP_TEXT_LIMITS.path) }],
  ])('rejects %s', (_, value) => {
    expect(isTrailStep(value)).toBe(false);
  });
});
