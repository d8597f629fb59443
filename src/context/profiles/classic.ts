import { SENSITIVE_FIELDS } from './sensitive-fields';
import type { PortalProfile } from './types';

/**
 * The classic application (Spring Web Flow pages under /cpp/, invoice screens on cpro.). The
 * markup is not public either: its selectors are assumed, and an administrator can replace them.
 * fact: portal.classic-flow-urls; fact: portal.version-footer; fact: portal.markup, assumed
 */
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
  sensitiveFields: SENSITIVE_FIELDS,
};
