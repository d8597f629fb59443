// The components read their words through the extension's i18n API: serve them from the real French messages.
export async function frenchBrowser() {
  const { translatorFor } = await import('../../../support/i18n');
  const t = translatorFor('fr');
  return { extensionApi: { i18n: { getMessage: (key: string, subs?: string[]) => t(key, subs), getUILanguage: () => 'fr' } } };
}
