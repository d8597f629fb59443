/**
 * What each help entry knows about the portal: where it applies and what the portal's error
 * messages say. Both languages share these, since a user with an English browser may well
 * use the French portal. Section names are the portal's labels in French and English (the
 * classic portal in French, its English version, and the services portal).
 */
import type { HelpEntryId, HelpEntryPortalFacts } from './types';

const LOGIN = ['Connexion', 'Se connecter', 'Log in', 'Login'];
const MY_ACCOUNT = ['Mon compte', 'My account', 'Compte utilisateur', 'Gestion des habilitations'];
const CONTACT_US = ['Nous contacter', 'Contact us'];
const ISSUED_INVOICES = ['Factures émises', 'Issued invoices', 'Dépôt de facture', 'Saisie de facture'];
const INVOICE_FOLLOW_UP = ['Factures émises', 'Issued invoices', 'Suivi de facture', 'Consulter une facture', 'Statut de facture'];
const SENT_REQUESTS = ['Sollicitations émises', 'Sent requests'];
const INPUT_REQUEST = ['Saisir sollicitation', 'Saisir une sollicitation', 'Input request'];
const SERVICES_SUPPORT = ['Support', 'Mes tickets', 'Créer un ticket', 'Nouveau ticket'];
const EDI_API = ['Raccordements EDI et API', 'EDI and API connections', 'Raccordement EDI / API'];

export const portalFacts: Record<HelpEntryId, HelpEntryPortalFacts> = {
  login: {
    sections: LOGIN,
    errorPatterns: [
      'identifiant ou mot de passe incorrect',
      'mot de passe incorrect',
      'identifiant incorrect',
      'identifiants incorrects',
      "échec de l'authentification",
      'authentification échouée',
      'incorrect login or password',
      'invalid credentials',
      'authentication failed',
    ],
    route: 'support',
  },
  'forgotten-password': {
    sections: [...LOGIN, ...MY_ACCOUNT, 'Mot de passe oublié', 'Forgotten password'],
    errorPatterns: ['mot de passe oublié', 'réinitialisation du mot de passe', 'lien de réinitialisation', 'password reset', 'reset link'],
    route: 'support',
  },
  'locked-account': {
    sections: LOGIN,
    errorPatterns: [
      'compte est bloqué',
      'compte bloqué',
      'compte verrouillé',
      'compte désactivé',
      'trop de tentatives',
      'account is locked',
      'account locked',
      'account is blocked',
      'account has been locked',
      'too many attempts',
    ],
    route: 'support',
  },
  'create-account': {
    sections: [...LOGIN, ...MY_ACCOUNT, 'Créer un compte', 'Création de compte', 'Create an account'],
    errorPatterns: ['adresse électronique est déjà utilisée', 'compte existe déjà', "lien d'activation", 'activation link', 'account already exists'],
    route: 'support',
  },
  'contact-without-account': {
    sections: CONTACT_US,
    errorPatterns: ['siret de la structure', 'siret est obligatoire', 'siret invalide', 'invalid siret'],
    route: 'support',
  },
  'required-field': {
    sections: [...ISSUED_INVOICES, ...INPUT_REQUEST, ...CONTACT_US],
    errorPatterns: ['est obligatoire', 'sont obligatoires', 'champ obligatoire', 'champs obligatoires', 'is required', 'are required', 'mandatory field', 'required field'],
  },
  'attachment-rules': {
    sections: [...INPUT_REQUEST, ...ISSUED_INVOICES, ...SERVICES_SUPPORT, ...CONTACT_US],
    errorPatterns: [
      'taille du fichier',
      'taille maximale',
      '10 mo',
      '10 mb',
      'dépasse',
      'fichier trop volumineux',
      'extension non autorisée',
      'format de fichier',
      'format non autorisé',
      'nom du fichier',
      '50 caractères',
      'pièce jointe',
      'file size',
      'file is too large',
      'file name',
      '50 characters',
      'extension not allowed',
      'file type',
      'attachment',
    ],
    route: 'support',
  },
  'attach-screenshot': {
    sections: [...INPUT_REQUEST, ...SENT_REQUESTS, 'Gestion des pièces jointes', 'Attachments management'],
    errorPatterns: ['gestion des pièces jointes', 'type de pièce jointe', 'attachments management', 'attachment type'],
    route: 'support',
  },
  'invoice-rejected': {
    sections: INVOICE_FOLLOW_UP,
    errorPatterns: ['rejetée', 'rejet', 'motif de rejet', 'rejected', 'rejection reason'],
    route: 'client',
  },
  'resubmit-after-rejection': {
    sections: ISSUED_INVOICES,
    errorPatterns: ['facture rejetée', 'traiter le rejet', 'invoice rejected'],
    route: 'client',
  },
  'invoice-suspended': {
    sections: INVOICE_FOLLOW_UP,
    errorPatterns: ['suspendue', 'suspension', 'à compléter', 'suspended', 'to be completed'],
    route: 'client',
  },
  'recipient-not-active': {
    sections: ISSUED_INVOICES,
    errorPatterns: [
      "destinataire n'est pas actif",
      "n'est pas actif",
      'non actif',
      'inactif',
      'structure inactive',
      'dépôt impossible',
      'recipient is not active',
      'not active',
      'inactive',
    ],
    route: 'client',
  },
  'recipient-not-found': {
    sections: ISSUED_INVOICES,
    errorPatterns: [
      'destinataire introuvable',
      'destinataire inconnu',
      'structure introuvable',
      'structure inconnue',
      'siret introuvable',
      'siret inconnu',
      "n'existe pas dans chorus pro",
      'recipient not found',
      'unknown recipient',
      'structure not found',
      'unknown siret',
    ],
    route: 'client',
  },
  'service-code-or-commitment-required': {
    sections: ISSUED_INVOICES,
    errorPatterns: [
      'code service',
      "numéro d'engagement",
      'engagement obligatoire',
      'service code',
      'commitment number',
      'purchase order number',
    ],
    route: 'client',
  },
  'duplicate-invoice-number': {
    sections: ISSUED_INVOICES,
    errorPatterns: ['doublon', 'déjà utilisé', 'existe déjà', 'déjà été déposée', 'duplicate', 'already used', 'already exists', 'already been submitted'],
    route: 'support',
  },
  'invoice-not-found': {
    sections: INVOICE_FOLLOW_UP,
    errorPatterns: ['introuvable', 'aucune facture', 'aucun résultat', 'invoice not found', 'no invoice', 'no result'],
    route: 'support',
  },
  'follow-invoice': {
    sections: [...INVOICE_FOLLOW_UP, 'Rechercher', 'Search', 'Synthèse', 'Synthesis'],
    errorPatterns: ['statut', 'mise à disposition', 'déposée', 'status', 'made available'],
    route: 'client',
  },
  'invoice-not-paid': {
    sections: INVOICE_FOLLOW_UP,
    errorPatterns: ['mise en paiement', 'en attente de paiement', 'mandatée', 'payment', 'paid'],
    route: 'client',
  },
  'send-request': {
    sections: [...INPUT_REQUEST, ...CONTACT_US],
    errorPatterns: ['catégorie', 'sous-catégorie', 'émetteur', 'category', 'sub-category', 'issuer'],
  },
  'follow-request': {
    sections: [...SENT_REQUESTS, 'Sollicitations reçues', 'Received requests', 'Synthèse', 'Synthesis', 'Rechercher', 'Search'],
    errorPatterns: ['sollicitation', 'request'],
  },
  'services-portal-tickets': {
    sections: [...SERVICES_SUPPORT, 'Actions requises', 'En cours', 'Clôturés', 'Brouillons', 'Suivre mes tickets'],
    errorPatterns: ['ticket', 'captcha', "caractères de l'image"],
    route: 'support',
  },
  'which-route': {
    sections: [...INPUT_REQUEST, ...SERVICES_SUPPORT, ...CONTACT_US],
    errorPatterns: ['catégorie', 'sous-catégorie', 'category', 'sub-category'],
  },
  'what-support-needs': {
    sections: [...INPUT_REQUEST, ...SERVICES_SUPPORT, ...CONTACT_US],
    errorPatterns: ['contactez le support', 'contact support', 'contact the support'],
    route: 'support',
  },
  claudia: {
    sections: ['Accueil', 'Home', 'Accueil connecté', 'Logged-in homepage', 'Aide', 'Help'],
    errorPatterns: ['claudia', "besoin d'aide", 'need help'],
    route: 'support',
  },
  livechat: {
    sections: ['Accueil', 'Home', 'Aide', 'Help'],
    errorPatterns: ['livechat', 'conseiller', 'advisor', 'agent'],
    route: 'support',
  },
  'supported-browsers': {
    errorPatterns: ['navigateur non supporté', "navigateur n'est pas compatible", 'browser not supported', 'unsupported browser', 'javascript'],
    route: 'support',
  },
  'clear-cache': {
    errorPatterns: ['affichage', 'cache', 'cookies', 'display'],
    route: 'support',
  },
  'popups-blocked': {
    errorPatterns: ['fenêtre contextuelle', 'pop-up', 'popup', 'fenêtres bloquées', 'blocked'],
    route: 'support',
  },
  'session-expired': {
    sections: LOGIN,
    errorPatterns: [
      'session a expiré',
      'session expirée',
      'votre session',
      "délai d'inactivité",
      'execution',
      'nosuchflowexecutionexception',
      'flow execution',
      'session has expired',
      'session expired',
      'timed out',
    ],
    route: 'support',
  },
  'technical-error': {
    errorPatterns: [
      'erreur technique',
      'réessayer ultérieurement',
      'réessayer plus tard',
      'service indisponible',
      'code 500',
      'erreur 500',
      'erreur 503',
      'technical error',
      'try again later',
      'internal server error',
      'service unavailable',
    ],
    route: 'support',
  },
  'page-not-found': {
    errorPatterns: [
      'page introuvable',
      "la page demandée n'existe pas",
      "n'est plus disponible",
      'erreur 404',
      'code 404',
      '404',
      'page not found',
      'page does not exist',
      'no longer available',
    ],
    route: 'support',
  },
  'edi-api-connections': {
    sections: EDI_API,
    errorPatterns: ['edi', 'api', 'raccordement', 'flux', 'sftp', 'as2', 'connection', 'data flow'],
    route: 'support',
  },
  'services-portal': {
    sections: [...SERVICES_SUPPORT, 'Portail des services', 'Services portal'],
    errorPatterns: ['portail des services', 'services portal'],
    route: 'support',
  },
  'portal-version': {
    errorPatterns: ['version', 'notes de version', 'release notes'],
    route: 'support',
  },
};
