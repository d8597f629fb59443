/**
 * The check of the form filler's report, apart from the channel that asks for it: the sidebar
 * checks the same report in the background's answers and needs none of the channel's code.
 */
import type { FillReport } from './portal-form';

const isStringList = (value: unknown): value is string[] => Array.isArray(value) && value.every((entry) => typeof entry === 'string');
const isStringRecord = (value: unknown) => typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every((entry) => typeof entry === 'string');

/** A report as the page sent it back: checked in full, the page's scripts could have meddled with it. */
export function isFillReport(value: unknown): value is FillReport {
  if (typeof value !== 'object' || value === null) return false;
  const report = value as Record<string, unknown>;
  return (
    typeof report['formFound'] === 'boolean' &&
    ['filled', 'missing', 'truncated', 'filesNotAttached'].every((key) => isStringList(report[key])) &&
    isStringRecord(report['shown']) &&
    isStringRecord(report['why']) &&
    typeof report['captcha'] === 'boolean' &&
    typeof report['submitLabel'] === 'string'
  );
}
