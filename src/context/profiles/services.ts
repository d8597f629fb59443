import { SENSITIVE_FIELDS } from './sensitive-fields';
import type { PortalProfile } from './types';

/**
 * The services portal (ServiceNow-style `?id=` pages), where requests are tickets. Its markup is
 * not public: these selectors are common service-portal and Bootstrap classes, tried beside the
 * ARIA roles and labels every extractor reads, and an administrator can replace them by policy.
 * fact: portal.services-address; fact: portal.version-footer; fact: portal.markup, assumed
 */
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
  sensitiveFields: SENSITIVE_FIELDS,
};
