import { describe, expect, it } from 'vitest';
import { isFillReport } from '../../../src/channels/fill-report';

const report = {
  formFound: true,
  filled: ['title', 'description'],
  missing: [],
  truncated: ['description'],
  filesNotAttached: [],
  shown: { title: 'Facture rejetée' },
  why: {},
  captcha: false,
  submitLabel: 'Soumettre',
};

describe('isFillReport', () => {
  it('accepts a report as the form filler sends it', () => {
    expect(isFillReport(report)).toBe(true);
  });

  it('refuses a report with a list, a text or a flag of the wrong kind', () => {
    expect(isFillReport(null)).toBe(false);
    expect(isFillReport({ ...report, filled: 'everything' })).toBe(false);
    expect(isFillReport({ ...report, missing: [42] })).toBe(false);
    expect(isFillReport({ ...report, shown: { title: 1 } })).toBe(false);
    expect(isFillReport({ ...report, why: ['notFound'] })).toBe(false);
    expect(isFillReport({ ...report, captcha: 'no' })).toBe(false);
    const { submitLabel: _omitted, ...withoutLabel } = report;
    expect(isFillReport(withoutLabel)).toBe(false);
  });
});
