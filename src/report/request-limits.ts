/**
 * The caps on every text and list of a support request, apart from its parser so that what
 * only needs the caps (drafts, the pre-fill) does not load the whole request model.
 */
export const REQUEST_LIMITS = {
  title: 200,
  description: 10_000,
  step: 300,
  steps: 100,
  error: 1_000,
  errors: 20,
  diagnostic: 1_000,
  diagnostics: 30,
  invoiceNumber: 100,
  invoiceNumbers: 20,
  identifiers: 20,
  identifier: 100,
  attachments: 10,
  /** Short one-line fields: issuer, name, connection id, category ids. */
  shortText: 200,
  phone: 40,
  browser: 300,
  portalVersion: 100,
  pageUrl: 2_000,
  attachmentType: 255,
} as const;
