/**
 * The request's categories and sub-categories. Both are mandatory on the portal and together
 * decide where the request goes (routing.ts). The portal's own lists are not public: these
 * group the topics its documentation covers, and the portal form channel maps each id to
 * the portal's options where one exists (fact ticket.categories.list is "assumed").
 * Labels are message keys; ids are the values sent in a SupportRequest.
 */
import { ROUTING, routeOfSubCategory, type Route, type SubCategoryId } from './routing';

export { ROUTES, ROUTE_LABEL_KEYS, type Route } from './routing';

export interface SubCategory {
  id: SubCategoryId;
  labelKey: string;
  route: Route;
}

export interface Category {
  id: string;
  labelKey: string;
  subCategories: readonly SubCategory[];
  /** Ids of docs/portal-facts.md this category relies on. */
  facts: readonly string[];
}

const sub = (id: SubCategoryId, labelKey: string): SubCategory => ({ id, labelKey, route: ROUTING[id].route });

export const CATEGORIES: readonly Category[] = [
  {
    id: 'assistance-technique',
    labelKey: 'requestCategoryTechnicalAssistance',
    facts: ['ticket.categories.list'],
    subCategories: [
      sub('connexion', 'requestSubCategoryLogin'),
      sub('message-erreur', 'requestSubCategoryErrorMessage'),
      sub('pieces-jointes', 'requestSubCategoryAttachments'),
      sub('raccordement-edi-api', 'requestSubCategoryEdiApi'),
      sub('reforme-facturation-electronique', 'requestSubCategoryReform'),
      sub('autre', 'requestSubCategoryOtherTechnical'),
    ],
  },
  {
    id: 'facturation',
    labelKey: 'requestCategoryInvoicing',
    facts: ['ticket.categories.list'],
    subCategories: [
      sub('depot-facture', 'requestSubCategoryInvoiceSubmission'),
      sub('format-facture', 'requestSubCategoryInvoiceFormat'),
      sub('destinataire-introuvable', 'requestSubCategoryRecipientNotFound'),
      sub('code-service-engagement', 'requestSubCategoryServiceCode'),
      sub('factures-travaux', 'requestSubCategoryWorksInvoices'),
    ],
  },
  {
    id: 'suivi-de-facture',
    labelKey: 'requestCategoryInvoiceFollowUp',
    facts: ['ticket.categories.list', 'ticket.routing'],
    subCategories: [
      sub('statut-facture', 'requestSubCategoryInvoiceStatus'),
      sub('facture-a-recycler', 'requestSubCategoryInvoiceToRecycle'),
      sub('facture-suspendue', 'requestSubCategoryInvoiceSuspended'),
      sub('rejet-facture', 'requestSubCategoryInvoiceRejected'),
      sub('paiement', 'requestSubCategoryPayment'),
      sub('memoire-frais-de-justice', 'requestSubCategoryJusticeFees'),
      sub('statut-bloque', 'requestSubCategoryStatusStuck'),
    ],
  },
  {
    id: 'compte-utilisateur',
    labelKey: 'requestCategoryUserAccount',
    facts: ['ticket.categories.list'],
    subCategories: [
      sub('creation-compte', 'requestSubCategoryAccountCreation'),
      sub('mot-de-passe', 'requestSubCategoryPassword'),
      sub('authentification', 'requestSubCategoryAuthentication'),
      sub('rattachement-structure', 'requestSubCategoryStructureMembership'),
      sub('structure', 'requestSubCategoryStructure'),
      sub('habilitations', 'requestSubCategoryPermissions'),
    ],
  },
];

export function findCategory(categoryId: string): Category | undefined {
  return CATEGORIES.find((category) => category.id === categoryId);
}

export function findSubCategory(categoryId: string, subCategoryId: string): SubCategory | undefined {
  return findCategory(categoryId)?.subCategories.find((subCategory) => subCategory.id === subCategoryId);
}

/** The category a sub-category belongs to (sub-category ids are unique across categories). */
export function categoryOfSubCategory(subCategoryId: string): Category | undefined {
  return CATEGORIES.find((category) => category.subCategories.some((subCategory) => subCategory.id === subCategoryId));
}

/** Where a request of this category and sub-category goes; undefined for an unknown pair. */
export function routeOf(categoryId: string, subCategoryId: string): Route | undefined {
  return findSubCategory(categoryId, subCategoryId) ? routeOfSubCategory(subCategoryId) : undefined;
}
