/**
 * The portal's request forms, per generation, AS DATA: where each form is and how to find its
 * fields (selectors, then labels), for the portal form channel (src/channels/portal-form.ts).
 * Kept apart from the page profiles so that the always-on script, which reads those, does not
 * carry them. A markup change of the portal is fixed here.
 */
import type { FormFieldLocator, OptionChoices, PortalProfile, RequestForms, WidgetLocator } from './types';

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
  'destinataire-introuvable': ['destinataire-introuvable-ou-inactif', 'Destinataire introuvable ou inactif'],
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
  contactPath: '/cpp/nous-contacter',
  // Sollicitations émises → Saisir sollicitation. Attachments go through the "Gestion des pièces
  // jointes" block: a file, its type, then "Ajouter", which the user presses.
  loggedIn: {
    id: 'classic-sollicitation',
    facts: ['sollicitation.fields', 'sollicitation.attachments', 'sollicitation.form-paths'],
    // fact: sollicitation.form-paths, assumed
    path: '/cpp/sollicitation-saisir',
    route: [],
    submitLabels: ['Valider et envoyer', 'Validate and send'],
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
    facts: ['sollicitation.fields', 'sollicitation.form-paths'],
    // fact: sollicitation.form-paths, assumed
    path: '/cpp/nous-contacter',
    route: [],
    submitLabels: ['Valider et envoyer', 'Envoyer', 'Validate and send', 'Send'],
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
 * The services portal is a ServiceNow service portal: catalogue forms whose choice fields are
 * select2 widgets over a hidden <select>, and whose reference fields (sn-record-picker) are
 * select2 widgets over a hidden input, filled by typing and picking a result.
 */
const SERVICE_PORTAL_WIDGETS: WidgetLocator = {
  containers: ['#s2id_{id}'],
  fieldGroups: ['.sp-form-field', '.form-group', '[id^="element."]'],
  inGroup: ['.select2-container', '[role="combobox"]'],
  opener: ['.select2-choice', '.select2-choices', '[role="combobox"]'],
  shown: ['.select2-chosen', '.select2-search-choice'],
  search: ['.select2-drop-active .select2-input', '.select2-drop-active input[role="combobox"]'],
  options: ['.select2-drop-active .select2-result-selectable', '.select2-drop-active [role="option"]'],
  noResults: ['.select2-drop-active .select2-no-results'],
};

const TICKET_FIELDS = {
  category: field(['#sp_formfield_categorie', 'select[name="categorie"]'], CATEGORY_LABELS),
  subCategory: field(['#sp_formfield_sous_categorie', 'input[name="sous_categorie"]'], SUB_CATEGORY_LABELS),
  title: field(['#sp_formfield_short_description', 'input[name="short_description"]'], ['Titre / Résumé', 'Titre', 'Résumé', 'Title / Summary', 'Title', 'Summary']),
  description: field(['#sp_formfield_description', 'textarea[name="description"]'], ['Description longue', 'Description', 'Long description']),
  attachments: field(['#sp_attachment_input', 'input[type="file"]'], ['Pièces jointes', 'Pièce jointe', 'Attachments', 'Attachment']),
};

/**
 * Routes from the portal's documentation (article KB0011436). Which `?id=` pages they go
 * through is not public: the page ids here are assumed, the visible texts are documented.
 */
const servicesForms: RequestForms = {
  origin: 'https://portail.chorus-pro.gouv.fr',
  // Support → Nous contacter. fact: ticket.page-ids, assumed
  contactPath: '/?id=cpp_nous_contacter',
  // Logged in: Support → "Créer un ticket"; no captcha. fact: ticket.connected-route, assumed
  loggedIn: {
    id: 'services-ticket-connected',
    facts: ['ticket.fields', 'ticket.connected-route', 'ticket.page-ids', 'ticket.form-markup', 'ticket.categories.list'],
    path: '/?id=cpp_accueil',
    route: [['Support'], ['Créer un ticket', 'Create a ticket']],
    form: ['#sc_cat_item form', 'form[name="ticket"]'],
    fields: TICKET_FIELDS,
    widgets: SERVICE_PORTAL_WIDGETS,
    submitLabels: ['Soumettre', 'Submit'],
    categoryOptions: PORTAL_CATEGORY_OPTIONS,
    subCategoryOptions: PORTAL_SUB_CATEGORY_OPTIONS,
    attachmentTypeOptions: [],
  },
  // Not logged in ("mode déconnecté"): Support → Nous contacter → "Envoyer un ticket" →
  // "Créer un ticket de support"; the form asks for the e-mail address, and has a captcha.
  visitor: {
    id: 'services-ticket-disconnected',
    facts: ['ticket.fields', 'ticket.disconnected-mode', 'ticket.page-ids', 'ticket.form-markup', 'ticket.categories.list'],
    path: '/?id=cpp_accueil',
    route: [['Support'], ['Nous contacter', 'Contact us'], ['Envoyer un ticket', 'Send a ticket'], ['Créer un ticket de support', 'Create a support ticket']],
    form: ['#sc_cat_item form', 'form[name="ticket"]'],
    fields: {
      ...TICKET_FIELDS,
      email: field(['#sp_formfield_email', 'input[name="email"]'], ['Adresse électronique', 'Courriel', 'Email address', 'Email']),
    },
    widgets: SERVICE_PORTAL_WIDGETS,
    submitLabels: ['Soumettre', 'Submit'],
    categoryOptions: PORTAL_CATEGORY_OPTIONS,
    subCategoryOptions: PORTAL_SUB_CATEGORY_OPTIONS,
    attachmentTypeOptions: [],
  },
};

export function requestFormsOf(generation: PortalProfile['generation']): RequestForms {
  return generation === 'classic' ? classicForms : servicesForms;
}
