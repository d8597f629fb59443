// The extension's one i18n layer: browser.i18n over public/_locales (French by default,
// English when the browser's UI is English).
import { extensionApi as browser } from './native-runtime';
import { localeOf, type Translate } from '../../src/i18n';

export const t: Translate = (key, substitutions) => browser.i18n.getMessage(key, substitutions ? [...substitutions] : undefined);

/** The locale the messages actually resolved to (the `lang` attribute of our pages). */
export const uiLocale = () => localeOf(browser.i18n.getMessage('localeCode') || browser.i18n.getUILanguage());
