/**
 * Fields masked in screenshots on every generation of the portal: passwords, bank details
 * (IBAN, RIB), phone numbers, and whatever the page marks data-sensitive. One list for both
 * profiles, so that a selector added for one generation protects the other too.
 */
export const SENSITIVE_FIELDS: readonly string[] = [
  'input[type=password]',
  '[name*="iban" i]',
  '[id*="iban" i]',
  '[name$="rib" i]',
  '[id$="rib" i]',
  'input[type=tel]',
  '[name*="telephone" i]',
  '[id*="telephone" i]',
  '[data-sensitive]',
];
