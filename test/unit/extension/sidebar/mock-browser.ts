// The component reads its words through browser.i18n: serve them from the real French messages.
export async function frenchBrowser() {
  const { translatorFor } = await import('../../../support/i18n');
  const t = translatorFor('fr');
  return { default: { i18n: { getMessage: (key: string, subs?: string[]) => t(key, subs), getUILanguage: () => 'fr' } } };
}
