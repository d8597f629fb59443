/**
 * Where a request goes, decided once for every sub-category: Chorus Pro support (how the
 * portal works) or the public body that processes the document, "your client" (the
 * portal's "service métier"). The help entries name a sub-category and take their route
 * from here, and so do the suggestion and the preview, so that they cannot disagree.
 *
 * The portal documents the rule, not its lists: a ticket about an invoice, a mémoire de
 * frais de justice or a refund goes to the body that processes it, everything else to
 * support (facts ticket.routing and ticket.categories.list in docs/portal-facts.md).
 */

export type Route = 'support' | 'client';

export const ROUTES: readonly Route[] = ['support', 'client'];

export const ROUTE_LABEL_KEYS: Record<Route, string> = {
  support: 'requestRouteSupport',
  client: 'requestRouteClient',
};

interface RoutingRule {
  route: Route;
  /** Ids of docs/portal-facts.md that justify the route. */
  facts: readonly string[];
}

const SUPPORT: RoutingRule = { route: 'support', facts: ['ticket.routing'] };
const CLIENT: RoutingRule = { route: 'client', facts: ['ticket.routing'] };

/** Every sub-category id (unique across categories) and its route. */
export const ROUTING = {
  connexion: SUPPORT,
  'message-erreur': SUPPORT,
  'pieces-jointes': { route: 'support', facts: ['ticket.routing', 'attachments.rules'] },
  'raccordement-edi-api': { route: 'support', facts: ['ticket.routing', 'edi.connection-domain'] },
  'reforme-facturation-electronique': { route: 'support', facts: ['ticket.routing', 'reform.public-sector-choice'] },
  autre: SUPPORT,
  'depot-facture': SUPPORT,
  'format-facture': { route: 'support', facts: ['ticket.routing', 'invoice.formats'] },
  // Whether a public structure exists or accepts invoices is known to the portal, not to a body that cannot receive.
  'destinataire-introuvable': { route: 'support', facts: ['ticket.routing', 'invoice.recipient-inactive'] },
  // Service codes and commitment numbers are issued by the public body, not by the portal.
  'code-service-engagement': { route: 'client', facts: ['ticket.routing', 'invoice.commitment-number-mandatory'] },
  'factures-travaux': { route: 'client', facts: ['ticket.routing', 'works.invoices'] },
  'statut-facture': CLIENT,
  'facture-a-recycler': { route: 'client', facts: ['ticket.routing', 'invoice.status.a-recycler'] },
  'facture-suspendue': { route: 'client', facts: ['ticket.routing', 'invoice.status.suspendue'] },
  'rejet-facture': { route: 'client', facts: ['ticket.routing', 'invoice.status.rejetee'] },
  paiement: { route: 'client', facts: ['ticket.routing', 'payment.client-handles-delays'] },
  'memoire-frais-de-justice': { route: 'client', facts: ['ticket.routing', 'justice.memoires'] },
  // A status that never changes is a portal fault, which only Chorus Pro support can look into.
  'statut-bloque': SUPPORT,
  'creation-compte': SUPPORT,
  'mot-de-passe': SUPPORT,
  authentification: { route: 'support', facts: ['ticket.routing', 'account.auth-factors'] },
  'rattachement-structure': { route: 'support', facts: ['ticket.routing', 'structure.attachment-approval'] },
  structure: { route: 'support', facts: ['ticket.routing', 'structure.siret-insee-check'] },
  habilitations: { route: 'support', facts: ['ticket.routing', 'structure.spaces'] },
} as const satisfies Record<string, RoutingRule>;

export type SubCategoryId = keyof typeof ROUTING;

export function isSubCategoryId(value: string): value is SubCategoryId {
  return Object.hasOwn(ROUTING, value);
}

/** The route of a sub-category; undefined for an unknown id. */
export function routeOfSubCategory(subCategoryId: string): Route | undefined {
  return isSubCategoryId(subCategoryId) ? ROUTING[subCategoryId].route : undefined;
}
