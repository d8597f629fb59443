/**
 * What the extension captured itself (error messages, page titles, steps, technical details, the
 * page's address) is cleaned before it goes into a request: a page's text can carry more than
 * support needs. Addresses lose their query and fragment (tokens, search terms), e-mail
 * addresses other than the user's own connection id are masked, and long digit runs that are
 * neither a SIRET nor one of the page's invoice numbers (phone, IBAN, card or file numbers) are
 * shortened. What the user typed is left as typed.
 */
import { isValidSiret } from './siret';

export const MASKED_ADDRESS = '[adresse masquée]';
/** Digit runs this long or longer are shortened; a SIREN (9 digits) is kept. */
export const LONG_DIGITS = 10;

export interface RedactionContext {
  /** The user's own connection id (an e-mail address on the portal): kept. */
  ownConnectionId?: string;
  /** The page's invoice numbers: kept whole. */
  invoiceNumbers?: readonly string[];
}

const ADDRESS = /[a-z][a-z0-9+.-]*:\/\/[^\s<>"']*/gi;
const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;
const DIGIT_RUN = new RegExp(`\\d{${LONG_DIGITS},}`, 'g');

/** An address without its query and fragment. */
export function withoutQuery(address: string): string {
  return address.replace(/[?#].*$/s, '');
}

export function redactCaptured(text: string, context: RedactionContext = {}): string {
  const own = context.ownConnectionId?.trim().toLowerCase();
  const invoices = context.invoiceNumbers ?? [];
  return text
    .replace(ADDRESS, withoutQuery)
    .replace(EMAIL, (address) => (own && address.toLowerCase() === own ? address : MASKED_ADDRESS))
    .replace(DIGIT_RUN, (digits) => (isValidSiret(digits) || invoices.some((invoice) => invoice.includes(digits)) ? digits : `${digits.slice(0, 2)}…${digits.slice(-2)}`));
}
