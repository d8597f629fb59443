/**
 * The in-page offer's words, looked up by the background and handed to the page with the offer:
 * a content script's first i18n lookup costs the portal page's main thread (Chromium: a
 * synchronous round trip to the browser process; Firefox: the locale data read in the page's
 * process), and the offer shows on pages already in trouble.
 */
import type { Translate } from '../i18n';

export interface OfferTexts {
  /** Accessible name of the offer's group of buttons. */
  group: string;
  help: string;
  /** Accessible name of the help button, with ERROR_SLOT where the error's text goes. */
  helpLabel: string;
  declinePage: string;
  declineAll: string;
}

/** Stands for the error in `helpLabel` (a private-use character no translation contains). */
const ERROR_SLOT = '\uF8FF';
/** The error as the help button's accessible name quotes it, at most. */
const MAX_QUOTED_ERROR = 160;

export function offerTexts(t: Translate): OfferTexts {
  return {
    group: t('offerGroupLabel'),
    help: t('offerHelp'),
    helpLabel: t('offerHelpLabel', [ERROR_SLOT]),
    declinePage: t('offerDeclinePage'),
    declineAll: t('offerDeclineAll'),
  };
}

const TEXT_FIELDS = ['group', 'help', 'helpLabel', 'declinePage', 'declineAll'] as const;

/** What a page may take for the offer's words: the five texts, the error's place in the label. */
export function isOfferTexts(value: unknown): value is OfferTexts {
  if (typeof value !== 'object' || value === null) return false;
  const texts = value as Record<string, unknown>;
  return TEXT_FIELDS.every((field) => typeof texts[field] === 'string' && texts[field] !== '') && (texts['helpLabel'] as string).includes(ERROR_SLOT);
}

/** The help button's accessible name for this error (as text: the error is never read as markup). */
export function helpLabelFor(texts: OfferTexts, error: string): string {
  const quoted = error.length > MAX_QUOTED_ERROR ? `${error.slice(0, MAX_QUOTED_ERROR - 1)}…` : error;
  // A function, so that "$&" or "$1" in the error stay as they are.
  return texts.helpLabel.replace(ERROR_SLOT, () => quoted);
}
