/**
 * The portal's request categories and sub-categories. Both are mandatory on the portal and
 * together decide where the request goes: Chorus Pro support (how the portal works) or the
 * recipient public body, "your client" (what happens to a submitted invoice). Labels are
 * message keys; ids are the values sent in a SupportRequest.
 */

export type Route = 'support' | 'client';

export const ROUTES: readonly Route[] = ['support', 'client'];

export const ROUTE_LABEL_KEYS: Record<Route, string> = {
  support: 'requestRouteSupport',
  client: 'requestRouteClient',
};

export interface SubCategory {
  id: string;
  labelKey: string;
  route: Route;
}

export interface Category {
  id: string;
  labelKey: string;
  subCategories: readonly SubCategory[];
}

export const CATEGORIES: readonly Category[] = [
  {
    id: 'assistance-technique',
    labelKey: 'requestCategoryTechnicalAssistance',
    subCategories: [
      { id: 'connexion', labelKey: 'requestSubCategoryLogin', route: 'support' },
      { id: 'message-erreur', labelKey: 'requestSubCategoryErrorMessage', route: 'support' },
      { id: 'pieces-jointes', labelKey: 'requestSubCategoryAttachments', route: 'support' },
      { id: 'raccordement-edi-api', labelKey: 'requestSubCategoryEdiApi', route: 'support' },
      { id: 'autre', labelKey: 'requestSubCategoryOtherTechnical', route: 'support' },
    ],
  },
  {
    id: 'facturation',
    labelKey: 'requestCategoryInvoicing',
    subCategories: [
      { id: 'depot-facture', labelKey: 'requestSubCategoryInvoiceSubmission', route: 'support' },
      { id: 'destinataire-introuvable', labelKey: 'requestSubCategoryRecipientNotFound', route: 'support' },
      // Service codes and commitment numbers are issued by the public body, not by the portal.
      { id: 'code-service-engagement', labelKey: 'requestSubCategoryServiceCode', route: 'client' },
    ],
  },
  {
    id: 'suivi-de-facture',
    labelKey: 'requestCategoryInvoiceFollowUp',
    subCategories: [
      { id: 'statut-facture', labelKey: 'requestSubCategoryInvoiceStatus', route: 'client' },
      { id: 'rejet-facture', labelKey: 'requestSubCategoryInvoiceRejected', route: 'client' },
      { id: 'paiement', labelKey: 'requestSubCategoryPayment', route: 'client' },
      // A status that never changes is a portal fault, which only Chorus Pro support can look into.
      { id: 'statut-bloque', labelKey: 'requestSubCategoryStatusStuck', route: 'support' },
    ],
  },
  {
    id: 'compte-utilisateur',
    labelKey: 'requestCategoryUserAccount',
    subCategories: [
      { id: 'creation-compte', labelKey: 'requestSubCategoryAccountCreation', route: 'support' },
      { id: 'mot-de-passe', labelKey: 'requestSubCategoryPassword', route: 'support' },
      { id: 'rattachement-structure', labelKey: 'requestSubCategoryStructureMembership', route: 'support' },
      { id: 'habilitations', labelKey: 'requestSubCategoryPermissions', route: 'support' },
    ],
  },
];

export function findCategory(categoryId: string): Category | undefined {
  return CATEGORIES.find((category) => category.id === categoryId);
}

export function findSubCategory(categoryId: string, subCategoryId: string): SubCategory | undefined {
  return findCategory(categoryId)?.subCategories.find((subCategory) => subCategory.id === subCategoryId);
}

/** Where a request of this category and sub-category goes; undefined for an unknown pair. */
export function routeOf(categoryId: string, subCategoryId: string): Route | undefined {
  return findSubCategory(categoryId, subCategoryId)?.route;
}
