import { PORTAL_CATEGORY_OPTIONS, PORTAL_SUB_CATEGORY_OPTIONS } from './classic';
import type { RequestFormProfile, PortalProfile } from './index';

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

/** The services portal (ServiceNow-style `?id=` pages), where requests are tickets. */
export const services: PortalProfile = {
  generation: 'services',
  hosts: ['portail.chorus-pro.gouv.fr'],
  path: /^\//,
  errorContainers: ['.alert-danger', '.alert-error', '.erreur', '.message-erreur', '.sp-message-error'],
  infoContainers: ['.alert-success', '.alert-info'],
  fieldErrors: ['.field-error', '.invalid-feedback', '.help-block.error', '.sp-field-message-error'],
  fieldGroups: ['.form-group', '.sp-form-field', '.field'],
  invoiceNumberIds: [],
  versionSelectors: ['.footer-version', 'footer .version'],
  versionPattern: /V\d+(?:\.\d+)+\s*-\s*R\d+/,
  userSelectors: ['.user-connected', '[data-user]', '.header-user-name'],
  userNameLabels: ['Connecté en tant que', 'Logged in as'],
  connectionIdLabels: ['Identifiant de connexion', 'Connection id', 'Login'],
  breadcrumbSelectors: ['nav[aria-label*="Ariane" i]', 'nav[aria-label*="breadcrumb" i]', '.breadcrumb'],
  activeMenuSelectors: [
    'nav[aria-label="Navigation principale"] [aria-current]',
    'nav[aria-label="Menu principal"] [aria-current]',
    'nav[aria-label="Main menu"] [aria-current]',
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
  requestForms: { origin: 'https://portail.chorus-pro.gouv.fr', loggedIn: ticketForm, visitor: ticketForm },
};
