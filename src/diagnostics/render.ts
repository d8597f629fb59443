import type { Translate } from '../i18n';
import type { DiagnosticEntry } from './entry';

/** What an entry is, in the user's language: its label in "What we captured". */
export function diagnosticLabel(entry: DiagnosticEntry, t: Translate): string {
  return t(entry.kind === 'script-error' ? 'diagnosticScriptError' : 'diagnosticFailedRequest');
}

/** The entry's facts on one line, with its time (support matches it against its logs). */
export function diagnosticDetails(entry: DiagnosticEntry, t: Translate, formatTime: (epochMs: number) => string): string {
  if (entry.kind === 'script-error') {
    return entry.source
      ? t('diagnosticScriptErrorAt', [entry.message, entry.source, formatTime(entry.at)])
      : t('diagnosticScriptErrorDetails', [entry.message, formatTime(entry.at)]);
  }
  const status = entry.status === 0 ? t('diagnosticNoAnswer') : String(entry.status);
  return t('diagnosticFailedRequestDetails', [entry.method, entry.url, status, formatTime(entry.at)]);
}
