import type { FormFieldLocator, OptionChoices, PortalProfile } from './index';

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

/** The classic application (Spring Web Flow pages under /cpp/, invoice screens on cpro.). */
export const classic: PortalProfile = {
  generation: 'classic',
  hosts: ['chorus-pro.gouv.fr', '.chorus-pro.gouv.fr'],
  path: /^\/cpp(\/|$)/,
  errorContainers: [
    '.alert-danger',
    '.alert-error',
    '.erreur',
    '.message-erreur',
    '.messages-erreur',
    '.ui-messages-error',
    '.ui-message-error',
  ],
  infoContainers: ['.alert-success', '.alert-info', '.ui-messages-info'],
  fieldErrors: ['.field-error', '.invalid-feedback', '.help-block.error', '.erreur-champ'],
  fieldGroups: ['.form-group', '.champ', '.field'],
  invoiceNumberIds: ['GDP_RechercheDemandePaiement_Criteres_NumeroFacture'],
  versionSelectors: ['.footer-version', '#footer .version', 'footer .version'],
  versionPattern: /V\d+(?:\.\d+)+\s*-\s*R\d+/,
  userSelectors: ['.user-connected', '[data-user]', '.utilisateur-connecte'],
  userNameLabels: ['Connecté en tant que', 'Logged in as'],
  connectionIdLabels: ['Identifiant de connexion', 'Connection id', 'Login'],
  breadcrumbSelectors: ['nav[aria-label*="Ariane" i]', 'nav[aria-label*="breadcrumb" i]', '.breadcrumb', '.fil-ariane'],
  activeMenuSelectors: [
    'nav[aria-label="Menu principal"] [aria-current]',
    'nav[aria-label="Main menu"] [aria-current]',
    '.menu-principal .active',
    '[role=tablist] [role=tab][aria-selected=true]',
    '.nav-tabs .active',
  ],
  sensitiveFields: [
    'input[type=password]',
    '[name*="iban" i]',
    '[id*="iban" i]',
    '[name$="rib" i]',
    '[id$="rib" i]',
    'input[type=tel]',
    '[name*="telephone" i]',
    '[id*="telephone" i]',
    '[data-sensitive]',
  ],
  requestForms: {
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
  },
};
