/** The help knowledge base in French: plain words for suppliers who are not technical. */
import type { HelpTexts } from './types';

export const frenchTexts: HelpTexts = {
  login: {
    title: 'Se connecter à Chorus Pro',
    summary: "La connexion se fait avec votre identifiant (votre adresse électronique) et votre mot de passe, sur la page d'accueil du portail.",
    steps: [
      'Ouvrez https://chorus-pro.gouv.fr/cpp/utilisateur?execution=e1s1 et cliquez sur « Se connecter ».',
      "Saisissez l'identifiant exactement comme à la création du compte, sans espace avant ou après.",
      'Vérifiez que la touche majuscule (Verr. Maj.) est désactivée.',
      'Après un échec, utilisez « Mot de passe oublié ? » plutôt que de multiplier les essais.',
    ],
    keywords: ['connexion', 'identifiant', 'mot de passe', 'échec de connexion', 'authentification', 'se connecter', 'login'],
  },
  'forgotten-password': {
    title: 'Mot de passe oublié',
    summary: 'Le lien « Mot de passe oublié ? » de la page de connexion envoie un courriel pour choisir un nouveau mot de passe.',
    steps: [
      'Sur la page de connexion, cliquez sur « Mot de passe oublié ? ».',
      'Saisissez votre identifiant (votre adresse électronique) et validez.',
      'Ouvrez le courriel reçu et suivez le lien sans attendre : il a une durée de validité limitée.',
      'Rien reçu ? Regardez dans les courriers indésirables, puis refaites la demande.',
    ],
    keywords: ['oubli', 'réinitialiser', 'nouveau mot de passe', 'changer de mot de passe', 'courriel', 'lien'],
  },
  'locked-account': {
    title: 'Compte bloqué',
    summary: 'Après plusieurs essais de mot de passe erronés, le compte est bloqué pour le protéger.',
    steps: [
      "N'essayez plus de vous connecter avec l'ancien mot de passe.",
      'Choisissez un nouveau mot de passe avec « Mot de passe oublié ? ».',
      'Toujours bloqué ? Écrivez au support par « Nous contacter » avec votre SIRET et vos coordonnées.',
    ],
    keywords: ['bloqué', 'verrouillé', 'désactivé', 'tentatives', 'accès refusé', 'débloquer'],
  },
  'create-account': {
    title: 'Créer un compte',
    summary: "Le compte est créé depuis la page d'accueil, puis activé par un lien envoyé par courriel ; il est ensuite rattaché à la structure de votre entreprise (son SIRET).",
    steps: [
      "Sur la page d'accueil, cliquez sur « Créer un compte ».",
      'Saisissez votre adresse électronique : elle deviendra votre identifiant.',
      'Activez le compte avec le lien reçu par courriel.',
      'Indiquez le SIRET de votre structure : créez-la ou demandez à y être rattaché.',
    ],
    keywords: ['inscription', 'nouveau compte', 'création de compte', 'activation', 'structure', 'rattachement', 'gestionnaire'],
  },
  'contact-without-account': {
    title: 'Nous contacter sans compte',
    summary: "Sans compte Chorus Pro, le lien « Nous contacter » de la page d'accueil permet d'écrire au support. Donnez votre SIRET et vos coordonnées, sinon le support ne peut pas vous répondre.",
    steps: [
      "Cliquez sur « Nous contacter » en bas de la page d'accueil du portail.",
      'Indiquez le SIRET de votre structure (14 chiffres).',
      'Donnez vos coordonnées : nom, adresse électronique et téléphone.',
      "Décrivez le problème et joignez une capture d'écran.",
    ],
    keywords: ['sans compte', 'pas de compte', 'contact', 'SIRET', 'coordonnées', 'téléphone'],
  },
  'required-field': {
    title: 'Un champ obligatoire est vide',
    summary: "Le formulaire refuse l'envoi tant qu'un champ obligatoire (marqué d'un astérisque *) n'est pas rempli.",
    steps: [
      "Cherchez les champs signalés en rouge ou marqués d'un astérisque (*).",
      'Remplissez-les, en respectant le format demandé (date, montant, SIRET).',
      'Validez à nouveau le formulaire.',
    ],
    keywords: ['obligatoire', 'astérisque', 'champ vide', 'formulaire', 'saisie', 'date'],
  },
  'attachment-rules': {
    title: 'Règles des pièces jointes',
    summary: 'Chaque fichier doit peser moins de 10 Mo et avoir un nom de 50 caractères au plus, extension comprise, dans un format accepté.',
    steps: [
      'Gardez chaque fichier sous 10 Mo : compressez-le ou découpez-le si besoin.',
      'Raccourcissez le nom du fichier à 50 caractères au plus et gardez son extension (.pdf, .png…).',
      'Utilisez un format accepté : PNG, JPG/JPEG, PDF, TXT, CSV, XML, ZIP, DOC, DOCX, XLS, XLSX, ODT ou ODS.',
      'Évitez les caractères spéciaux dans le nom du fichier.',
    ],
    keywords: ['pièce jointe', 'PJ', 'fichier', 'taille', 'poids', 'trop lourd', 'format', 'extension', 'nom de fichier', 'Mo', 'trop volumineux'],
  },
  'attach-screenshot': {
    title: "Joindre une capture d'écran à une sollicitation",
    summary: "Une capture d'écran de l'erreur aide le support à comprendre le problème du premier coup d'œil.",
    steps: [
      'Dans la sollicitation, cliquez sur « Enregistrer ».',
      'Dans le bloc « Pièces jointes », cliquez sur « Gestion des pièces jointes ».',
      'Cliquez sur « Parcourir » et choisissez le fichier.',
      'Choisissez le type de pièce jointe (sollicitation), puis cliquez sur « Ajouter » ; recommencez pour chaque fichier.',
      'Cliquez sur « Enregistrer », puis sur « Valider et envoyer ».',
    ],
    keywords: ['capture', "capture d'écran", "copie d'écran", 'image', 'joindre', 'ajouter un fichier', 'pièces jointes'],
  },
  'invoice-rejected': {
    title: 'Facture rejetée',
    summary: "Le statut « Rejetée » veut dire que le destinataire public refuse la facture ; elle ne sera pas payée en l'état. Le motif du rejet est indiqué dans la facture.",
    steps: [
      'Dans « Factures émises », ouvrez la facture.',
      'Lisez le motif du rejet et le commentaire dans son historique.',
      'Pour une question sur ce motif, écrivez à votre client, le destinataire de la facture.',
    ],
    keywords: ['rejet', 'refus', 'refusée', 'motif', 'rejetée', 'statut'],
  },
  'resubmit-after-rejection': {
    title: 'Traiter un rejet de facture',
    summary: 'Une facture rejetée ne peut plus être modifiée : corrigez ce que le motif indique, puis déposez une nouvelle facture.',
    steps: [
      'Lisez le motif du rejet dans la facture.',
      "Corrigez la cause : SIRET du destinataire, code service, numéro d'engagement, montant ou pièce manquante.",
      'Déposez la facture corrigée depuis « Factures émises ».',
      'En cas de doute sur la correction attendue, demandez à votre client avant de redéposer.',
    ],
    keywords: ['redéposer', 'corriger', 'nouvelle facture', 'rejet', 'traiter', 'déposer à nouveau'],
  },
  'invoice-suspended': {
    title: 'Facture suspendue',
    summary: 'Le statut « Suspendue » veut dire que le destinataire attend un complément ou une correction avant de poursuivre le traitement.',
    steps: [
      'Ouvrez la facture dans « Factures émises » et lisez le motif de la suspension.',
      "Complétez la facture avec l'action proposée, par exemple en ajoutant la pièce demandée.",
      'Répondez dans le délai indiqué, sinon la facture peut être rejetée.',
      'Pour toute question sur la demande, contactez votre client.',
    ],
    keywords: ['suspension', 'suspendue', 'compléter', 'complément', 'en attente', 'pièce manquante'],
  },
  'recipient-not-active': {
    title: "Destinataire non actif : dépôt impossible",
    summary: "La structure publique indiquée comme destinataire n'accepte pas de factures dans Chorus Pro pour ce SIRET. Le SIRET de facturation est souvent différent de celui d'un autre service.",
    steps: [
      'Vérifiez le SIRET du destinataire sur le bon de commande ou le contrat.',
      "Recherchez la structure dans l'annuaire du portail pour trouver le bon SIRET.",
      "Demandez à votre client le SIRET et, s'il y en a un, le code service à utiliser.",
    ],
    keywords: ['destinataire', 'non actif', 'inactif', 'SIRET', 'structure publique', 'dépôt impossible', 'client'],
  },
  'recipient-not-found': {
    title: 'SIRET du destinataire introuvable',
    summary: "Le SIRET saisi ne correspond à aucune structure publique dans Chorus Pro : c'est souvent une erreur de saisie ou le SIRET d'un autre établissement.",
    steps: [
      'Vérifiez les 14 chiffres du SIRET, sans espace.',
      "Recherchez la structure dans l'annuaire du portail par son nom.",
      'Demandez à votre client le SIRET exact de facturation.',
    ],
    keywords: ['introuvable', 'inconnu', 'SIRET', 'destinataire', 'annuaire', 'structure'],
  },
  'service-code-or-commitment-required': {
    title: "Code service ou numéro d'engagement obligatoire",
    summary: "Certains destinataires exigent un code service, un numéro d'engagement (souvent le numéro du bon de commande), ou les deux, pour accepter la facture.",
    steps: [
      "Cherchez le code service et le numéro d'engagement sur le bon de commande.",
      "Saisissez-les dans les champs « Code service » et « Numéro d'engagement » de la facture.",
      'Sans ces informations, demandez-les à votre client avant de déposer.',
    ],
    keywords: ['code service', 'engagement', 'bon de commande', 'numéro de commande', 'obligatoire'],
  },
  'duplicate-invoice-number': {
    title: 'Numéro de facture déjà utilisé',
    summary: "Un même numéro de facture ne peut être déposé qu'une fois pour votre structure : le portail refuse un doublon.",
    steps: [
      'Cherchez ce numéro dans « Factures émises » : la facture a peut-être déjà été déposée.',
      'Si elle est déjà déposée, ne la renvoyez pas : suivez son statut.',
      "S'il s'agit d'une autre facture, donnez-lui un nouveau numéro.",
    ],
    keywords: ['doublon', 'déjà utilisé', 'numéro de facture', 'existe déjà', 'double dépôt'],
  },
  'invoice-not-found': {
    title: 'Facture introuvable',
    summary: 'Une recherche ne trouve pas la facture : souvent un critère trop strict, une autre structure sélectionnée ou un numéro mal saisi.',
    steps: [
      'Vérifiez le numéro de facture, sans espace ni caractère en trop.',
      'Élargissez les dates de la recherche dans « Factures émises » > « Rechercher ».',
      'Vérifiez que la bonne structure (le bon SIRET) est sélectionnée.',
      "Toujours rien ? Écrivez au support avec le numéro et la date de dépôt.",
    ],
    keywords: ['introuvable', 'recherche', 'aucun résultat', 'numéro de facture', 'retrouver'],
  },
  'follow-invoice': {
    title: 'Suivre une facture et ses statuts',
    summary: "Le statut d'une facture dit où elle en est : Déposée, En cours d'acheminement, Mise à disposition du destinataire, Suspendue, Rejetée, Service fait, Mandatée, Mise en paiement…",
    steps: [
      'Ouvrez « Factures émises » > « Rechercher » et retrouvez la facture par son numéro.',
      'Ouvrez la facture et consultez son statut et son historique.',
      'Pour une question sur le traitement de la facture, écrivez à votre client.',
    ],
    keywords: ['suivi', 'statut', 'état', 'historique', 'déposée', 'mise à disposition', 'où en est'],
  },
  'invoice-not-paid': {
    title: 'Facture pas encore payée',
    summary: 'Le paiement dépend du destinataire public et de son comptable, pas du support Chorus Pro. Le statut « Mise en paiement » indique que le paiement est lancé.',
    steps: [
      'Consultez le statut de la facture dans « Factures émises ».',
      'Avant « Mise en paiement », le destinataire traite encore la facture.',
      'Pour une question sur le paiement ou un retard, écrivez à votre client.',
    ],
    keywords: ['paiement', 'payée', 'retard de paiement', 'virement', 'mise en paiement', 'mandatée', 'délai'],
  },
  'send-request': {
    title: 'Saisir une sollicitation',
    summary: "Avec un compte, une demande écrite se fait dans « Sollicitations émises » > « Saisir sollicitation » ; la catégorie et la sous-catégorie choisissent son destinataire.",
    steps: [
      'Ouvrez « Sollicitations émises » puis « Saisir sollicitation ».',
      'Choisissez la catégorie et la sous-catégorie qui décrivent votre demande.',
      "Choisissez l'émetteur, votre structure, pour que l'on puisse vous recontacter.",
      'Décrivez le problème avec le plus de détails possible.',
      'Cliquez sur « Valider et envoyer ».',
    ],
    keywords: ['saisir sollicitation', 'demande', 'écrire', 'envoyer une demande', 'émetteur', 'catégorie'],
  },
  'follow-request': {
    title: 'Suivre une sollicitation',
    summary: "Les demandes envoyées depuis le portail classique se suivent dans l'espace « Sollicitations émises ».",
    steps: [
      'Ouvrez « Sollicitations émises » puis « Rechercher » ou « Synthèse ».',
      'Ouvrez la sollicitation pour lire la réponse et son statut.',
      "Si une information vous est demandée, complétez la sollicitation plutôt que d'en créer une nouvelle.",
    ],
    keywords: ['sollicitations émises', 'suivi', 'réponse', 'demande envoyée', 'mes demandes'],
  },
  'services-portal-tickets': {
    title: 'Suivre ses tickets sur le portail des services',
    summary: 'Sur le portail des services, une demande est un ticket. Les onglets Actions requises, En cours, Clôturés et Brouillons les rangent.',
    steps: [
      'Ouvrez https://portail.chorus-pro.gouv.fr/ puis « Support » > « Mes tickets ».',
      "Regardez d'abord « Actions requises » : le support y attend votre réponse.",
      'Reprenez un ticket non envoyé dans « Brouillons ».',
      'Retrouvez les tickets terminés dans « Clôturés ».',
    ],
    keywords: ['ticket', 'mes tickets', 'actions requises', 'en cours', 'clôturés', 'brouillons', 'suivi'],
  },
  'which-route': {
    title: 'Support Chorus Pro ou votre client ?',
    summary: "Le support Chorus Pro aide pour l'utilisation technique du portail. Votre client, le destinataire public, répond sur le suivi de vos factures. La catégorie et la sous-catégorie de la demande décident qui la reçoit.",
    steps: [
      'Problème de connexion, de dépôt ou erreur du portail : choisissez une catégorie du support Chorus Pro.',
      "Question sur le rejet, la suspension ou le paiement d'une facture : choisissez une catégorie qui va à votre client.",
      'Le guide « Saisir une sollicitation et suivre son avancement » sur communaute.chorus-pro.gouv.fr détaille les catégories.',
    ],
    keywords: ['destinataire de la demande', 'catégorie', 'sous-catégorie', 'support', 'client', 'qui contacter'],
  },
  'what-support-needs': {
    title: 'Ce dont le support a besoin',
    summary: 'Une demande complète est traitée plus vite. Donnez toujours ces informations.',
    steps: [
      'Donnez votre identifiant de connexion et votre numéro de téléphone.',
      'Indiquez votre navigateur et sa version (par exemple Firefox 128).',
      'Décrivez brièvement le problème et donnez le numéro de facture concerné.',
      "Indiquez le chemin suivi jusqu'au problème et le message d'erreur affiché.",
      "Sans compte, indiquez votre SIRET et vos coordonnées ; joignez une capture d'écran.",
    ],
    keywords: ['informations', 'demande complète', 'navigateur', 'version', 'chemin', "message d'erreur", 'que fournir'],
  },
  claudia: {
    title: "ClaudIA, l'assistante du portail",
    summary: 'ClaudIA répond à vos questions 24 h/24, 7 j/7. Ses réponses sont plus justes si vous êtes connecté.',
    steps: [
      "Cliquez sur le bouton « Besoin d'aide ? » du portail.",
      'Posez une question courte, en phrases complètes.',
      'Notez ses réponses avec les icônes : un vote négatif vous propose un conseiller.',
      'Écrivez « Contacter un conseiller » pour parler à une personne.',
    ],
    keywords: ['assistant', 'chatbot', 'aide', "besoin d'aide", 'question', 'intelligence artificielle'],
  },
  livechat: {
    title: 'LiveChat avec un conseiller',
    summary: "Un conseiller répond en direct du lundi au vendredi, de 8 h 30 à 18 h 30, les jours ouvrés. On y accède par ClaudIA.",
    steps: [
      "Ouvrez ClaudIA avec le bouton « Besoin d'aide ? ».",
      'Demandez à parler à un conseiller, ou votez négativement une réponse.',
      'Après deux questions mal comprises, ClaudIA propose aussi le LiveChat.',
      'En dehors des horaires, saisissez une sollicitation.',
    ],
    keywords: ['chat', 'conseiller', 'discuter', 'horaires', 'en direct', "parler à quelqu'un"],
  },
  'supported-browsers': {
    title: 'Navigateur à utiliser',
    summary: "Le portail fonctionne avec un navigateur récent et à jour (Firefox, Chrome, Edge). Un navigateur ancien peut afficher des pages incomplètes ou des boutons inactifs.",
    steps: [
      'Mettez votre navigateur à jour.',
      'Essayez avec un autre navigateur pour voir si le problème persiste.',
      'Notez le nom et la version du navigateur pour votre demande au support.',
    ],
    keywords: ['navigateur', 'Firefox', 'Chrome', 'Edge', 'compatibilité', 'mise à jour', 'version'],
  },
  'clear-cache': {
    title: 'Vider le cache du navigateur',
    summary: "Une page mal affichée ou un bouton qui ne réagit pas vient souvent d'anciennes données gardées par le navigateur.",
    steps: [
      'Videz le cache et les cookies du navigateur (Ctrl+Maj+Suppr).',
      'Fermez toutes les fenêtres du navigateur, puis rouvrez-le.',
      "Reconnectez-vous et refaites l'opération.",
    ],
    keywords: ['cache', 'cookies', 'affichage', 'page blanche', 'bouton ne marche pas', 'vider'],
  },
  'popups-blocked': {
    title: 'Fenêtres bloquées par le navigateur',
    summary: "Certaines actions (téléchargement, aperçu d'une facture) ouvrent une nouvelle fenêtre que le navigateur peut bloquer.",
    steps: [
      "Cherchez l'icône de fenêtre bloquée dans la barre d'adresse.",
      'Autorisez les fenêtres pour chorus-pro.gouv.fr.',
      "Refaites l'action.",
    ],
    keywords: ['fenêtre', 'pop-up', 'bloqueur', 'téléchargement', 'aperçu', "rien ne s'ouvre"],
  },
  'session-expired': {
    title: 'Session expirée',
    summary: "Après un moment d'inactivité, la session se ferme. Une adresse de page contenant « execution= » gardée en favori ou ouverte dans un autre onglet n'est alors plus valable.",
    steps: [
      "Repartez de la page d'accueil et reconnectez-vous.",
      'Ne gardez pas en favori une adresse contenant « execution= ».',
      'Évitez de travailler sur le portail dans plusieurs onglets à la fois.',
    ],
    keywords: ['session', 'expirée', 'déconnecté', 'inactivité', 'favori', 'execution'],
  },
  'technical-error': {
    title: 'Erreur technique',
    summary: "Une erreur technique (par exemple « erreur 500 ») vient du portail, pas de vous. Elle est souvent passagère.",
    steps: [
      'Patientez quelques minutes puis réessayez.',
      "Si elle se répète, faites une capture d'écran du message.",
      "Signalez-la au support avec le chemin suivi et le message d'erreur.",
    ],
    keywords: ['erreur technique', 'bug', 'panne', 'indisponible', 'erreur 500', 'réessayer', 'lenteur'],
  },
  'page-not-found': {
    title: 'Page introuvable (erreur 404)',
    summary: "La page demandée n'existe pas ou plus : lien ancien, favori périmé ou adresse mal copiée.",
    steps: [
      "Repartez de la page d'accueil et naviguez par les menus.",
      'Mettez à jour vos favoris.',
      "Si un lien du portail mène à cette page, signalez-le au support avec une capture d'écran.",
    ],
    keywords: ['404', 'introuvable', 'lien cassé', 'page inexistante', 'favori'],
  },
  'edi-api-connections': {
    title: 'Raccordements EDI et API',
    summary: "Les logiciels de facturation peuvent envoyer les factures à Chorus Pro par EDI ou par API, sans saisie sur le portail. Le raccordement se gère dans l'espace « Raccordements EDI et API ».",
    steps: [
      "Ouvrez l'espace « Raccordements EDI et API » pour voir ou demander un raccordement.",
      'Consultez la documentation technique sur communaute.chorus-pro.gouv.fr.',
      "Pour une erreur de flux, donnez au support le nom du fichier et sa date d'envoi.",
    ],
    keywords: ['EDI', 'API', 'raccordement', 'flux', 'logiciel', 'intégration', 'connexion technique'],
  },
  'services-portal': {
    title: 'Le portail des services',
    summary: "Depuis 2022, le portail des services (https://portail.chorus-pro.gouv.fr/) regroupe l'assistance : les demandes y sont des tickets, avec catégorie, sous-catégorie, description et captcha.",
    steps: [
      'Ouvrez https://portail.chorus-pro.gouv.fr/ puis « Support ».',
      'Créez un ticket : catégorie, sous-catégorie, adresse électronique, titre et description.',
      'Recopiez le captcha puis cliquez sur « Soumettre ».',
    ],
    keywords: ['portail des services', 'nouveau portail', 'ticket', 'support', 'assistance'],
  },
  'portal-version': {
    title: 'Trouver la version du portail',
    summary: "La version du portail est affichée en bas de chaque page, par exemple « V2.0.1 - R13 ». Elle aide le support à situer un problème.",
    steps: [
      'Descendez tout en bas de la page.',
      'Relevez la version affichée dans le pied de page.',
      'Indiquez-la dans votre demande au support.',
    ],
    keywords: ['version', 'pied de page', 'release', 'notes de version', 'mise à jour du portail'],
  },
};
