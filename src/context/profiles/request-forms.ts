/**
 * The portal's request forms, per generation, AS DATA: where each form is and how to find its
 * fields (selectors, then labels), for the portal form channel (src/channels/portal-form.ts).
 * Kept apart from the page profiles so that the always-on script, which reads those, does not
 * carry them. A markup change of the portal is fixed here.
 */
import type { FormFieldLocator, OptionChoices, PortalProfile, RequestFormProfile, RequestForms } from './types';

/**
 * The request categories as the portal lists them, for each id of src/report/categories.ts:
 * its option value, then its label. A sub-category the portal has no equivalent for is left
 * out on purpose: the user chooses it, rather than the request being routed wrongly.
 */
export const PORTAL_CATEGORY_OPTIONS: OptionChoices = {
  'assistance-technique': ['Assistance technique', 'Technical assistance'],
  facturation: ['Facturation', 'Invoicing'],
  'suivi-de-facture': ['Suivi de facture', 'Invoice follow-up'],
  'compte-utilisateur': ['Compte utilisateur', 'User account'],
};

export const PORTAL_SUB_CATEGORY_OPTIONS: OptionChoices = {
  connexion: ['probleme-de-connexion', 'Problème de connexion'],
  'message-erreur': ['message-d-erreur', "Message d'erreur"],
  'raccordement-edi-api': ['Raccordement EDI / API'],
  'depot-facture': ['depot-de-facture', 'Dépôt de facture'],
  'rejet-facture': ['rejet-de-facture', 'Rejet de facture'],
  'statut-facture': ['statut-de-facture', 'Statut de facture'],
  paiement: ['facture-en-attente-de-paiement', 'Facture en attente de paiement'],
  'creation-compte': ['creation-de-compte', 'Création de compte'],
  'mot-de-passe': ['mot-de-passe-oublie', 'Mot de passe oublié'],
  habilitations: ['gestion-des-habilitations', 'Gestion des habilitations'],
};

const field = (selectors: readonly string[], labels: readonly string[]): FormFieldLocator => ({ selectors, labels });
const CATEGORY_LABELS = ['Catégorie', 'Category'];
const SUB_CATEGORY_LABELS = ['Sous-catégorie', 'Sub-category', 'Subcategory'];
const DESCRIPTION_LABELS = ['Description', 'Description longue', 'Long description'];

const classicForms: RequestForms = {
  origin: 'https://chorus-pro.gouv.fr',
  // Sollicitations émises → Saisir sollicitation. Attachments go through the "Gestion des pièces
  // jointes" block: a file, its type, then "Ajouter", which the user presses.
  loggedIn: {
    id: 'classic-sollicitation',
    path: '/cpp/sollicitation-saisir',
    form: ['#sollicitation-formulaire', 'form[action*="sollicitation"]'],
    fields: {
      category: field(['#categorie', 'select[name="categorie"]'], CATEGORY_LABELS),
      subCategory: field(['#sous-categorie', 'select[name="sousCategorie"]'], SUB_CATEGORY_LABELS),
      issuer: field(['#emetteur', 'select[name="emetteur"]'], ['Émetteur', 'Issuer']),
      title: field(['#objet', 'input[name="objet"]'], ['Objet', 'Subject']),
      description: field(['#description', 'textarea[name="description"]'], DESCRIPTION_LABELS),
      attachments: field(['#piece-jointe-fichier', 'input[type="file"][name="pieceJointe"]'], ['Fichier', 'Pièce jointe', 'File', 'Attachment']),
      attachmentType: field(['#piece-jointe-type', 'select[name="typePieceJointe"]'], ['Type de pièce jointe', 'Attachment type']),
    },
    categoryOptions: PORTAL_CATEGORY_OPTIONS,
    subCategoryOptions: PORTAL_SUB_CATEGORY_OPTIONS,
    attachmentTypeOptions: ['sollicitation', 'Sollicitation', 'Request'],
  },
  // "Nous contacter", for users without an account: SIRET and contact details, and a captcha
  // that only the user fills.
  visitor: {
    id: 'classic-nous-contacter',
    path: '/cpp/nous-contacter',
    form: ['#contact-formulaire', 'form[action*="nous-contacter"]'],
    fields: {
      siret: field(['#contact-siret', 'input[name="siret"]'], ['SIRET']),
      companyName: field(['#contact-raison-sociale', 'input[name="raisonSociale"]'], ['Raison sociale', 'Company name']),
      lastName: field(['#contact-nom', 'input[name="nom"]'], ['Nom', 'Last name', 'Surname']),
      firstName: field(['#contact-prenom', 'input[name="prenom"]'], ['Prénom', 'First name']),
      email: field(['#contact-email', 'input[name="email"]'], ['Adresse électronique', 'Courriel', 'Email address', 'Email']),
      phone: field(['#contact-telephone', 'input[name="telephone"]'], ['Téléphone', 'Phone']),
      category: field(['#contact-categorie', 'select[name="categorie"]'], CATEGORY_LABELS),
      subCategory: field(['#contact-sous-categorie', 'select[name="sousCategorie"]'], SUB_CATEGORY_LABELS),
      title: field(['#contact-objet', 'input[name="objet"]'], ['Objet', 'Subject']),
      description: field(['#contact-description', 'textarea[name="description"]'], DESCRIPTION_LABELS),
      attachments: field(['#contact-piece-jointe', 'input[type="file"][name="pieceJointe"]'], ['Pièce jointe', 'Attachment']),
    },
    categoryOptions: PORTAL_CATEGORY_OPTIONS,
    subCategoryOptions: PORTAL_SUB_CATEGORY_OPTIONS,
    attachmentTypeOptions: [],
  },
};

/**
 * Support → Nous contacter: the new-ticket form, the same whether logged in or not. Its
 * categories are those of the classic application; the captcha and "Soumettre" are the user's.
 */
const ticketForm: RequestFormProfile = {
  id: 'services-ticket',
  path: '/?id=cpp_nous_contacter',
  form: ['#ticket-formulaire', 'form[action*="cpp_ticket"]'],
  fields: {
    category: { selectors: ['#ticket-categorie', 'select[name="categorie"]'], labels: ['Catégorie', 'Category'] },
    subCategory: { selectors: ['#ticket-sous-categorie', 'select[name="sousCategorie"]'], labels: ['Sous-catégorie', 'Sub-category', 'Subcategory'] },
    email: { selectors: ['#ticket-email', 'input[name="email"]'], labels: ['Adresse électronique', 'Courriel', 'Email address', 'Email'] },
    title: { selectors: ['#ticket-titre', 'input[name="titre"]'], labels: ['Titre / Résumé', 'Titre', 'Résumé', 'Title / Summary', 'Title', 'Summary'] },
    description: { selectors: ['#ticket-description', 'textarea[name="description"]'], labels: ['Description longue', 'Description', 'Long description'] },
    attachments: { selectors: ['#ticket-piece-jointe', 'input[type="file"][name="pieceJointe"]'], labels: ['Pièce jointe', 'Attachment'] },
  },
  categoryOptions: PORTAL_CATEGORY_OPTIONS,
  subCategoryOptions: PORTAL_SUB_CATEGORY_OPTIONS,
  attachmentTypeOptions: [],
};

const servicesForms: RequestForms = { origin: 'https://portail.chorus-pro.gouv.fr', loggedIn: ticketForm, visitor: ticketForm };

export function requestFormsOf(generation: PortalProfile['generation']): RequestForms {
  return generation === 'classic' ? classicForms : servicesForms;
}
