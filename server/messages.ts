/**
 * The extension's French messages, bundled into the server: the console shows categories,
 * sub-categories and routes with the very labels the user chose from.
 */
import type { Translate } from '../src/i18n';
import frMessages from '../public/_locales/fr/messages.json';

const MESSAGES = frMessages as Record<string, { message: string } | undefined>;

/** browser.i18n's rules for the messages this project writes: $1…$9 and "$$". */
export const translateFr: Translate = (key, substitutions = []) =>
  (MESSAGES[key]?.message ?? key).replace(/\$(\d|\$)/g, (_, n: string) => (n === '$' ? '$' : (substitutions[Number(n) - 1] ?? '')));
