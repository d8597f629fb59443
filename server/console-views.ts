/**
 * The agent console's pages: server-rendered, no script at all, styles from one stylesheet
 * (the CSP allows nothing inline). Everything shown from a request goes through `html`.
 */
import { contentTypeFor } from '../src/report/attachments';
import { CATEGORIES, ROUTES, ROUTE_LABEL_KEYS, findCategory, findSubCategory } from '../src/report/categories';
import type { Route } from '../src/report/categories';
import { identifierLabel, STRUCTURE_IDENTIFIER_TYPE_KEYS } from '../src/report/render-text';
import type { ForwarderName, ForwardingState, OutboxEntry } from './forwarding/outbox';
import { overallState } from './forwarding/outbox';
import { Html, html } from './html';
import { translateFr as t } from './messages';
import { parisDateTime } from './paris-time';
import { REQUEST_STATUSES } from './store';
import type { RequestFilter, RequestStatus, RequestSummary, StoredAttachment, StoredRequest } from './store';

export const CONSOLE_CSS = `
:root { color-scheme: light dark; --text: #1d1d1f; --muted: #55565a; --line: #d5d7dc; --panel: #f4f5f7; --accent: #0b57d0; --ok: #146c2e; --wait: #7a4d00; --bad: #b3261e;
  font: 1rem/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; color: var(--text); background: #fff; }
@media (prefers-color-scheme: dark) {
  :root { --text: #ececf1; --muted: #b4b6bd; --line: #3d4047; --panel: #202329; --accent: #a8c7fa; --ok: #7dd28f; --wait: #f2c46d; --bad: #ffb4ab; background: #121316; }
}
body { margin: 0 auto; max-width: 78rem; padding: 0 1.25rem 3rem; }
a { color: var(--accent); }
:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
.skip { position: absolute; left: -100vw; }
.skip:focus { left: 1rem; top: .5rem; background: var(--panel); padding: .5rem 1rem; }
header { display: flex; gap: 1rem; align-items: center; justify-content: space-between; padding: .75rem 0; border-bottom: 1px solid var(--line); margin-bottom: 1.25rem; }
header p { margin: 0; font-weight: 600; }
h1 { font-size: 1.6rem; line-height: 1.25; margin: .5rem 0 1rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 .75rem; padding-bottom: .25rem; border-bottom: 1px solid var(--line); }
button, input, select { font: inherit; color: inherit; }
button { padding: .4rem .9rem; border: 1px solid var(--accent); border-radius: .35rem; background: var(--accent); color: #fff; cursor: pointer; }
@media (prefers-color-scheme: dark) { button { color: #0b1d3a; } }
button.quiet { background: transparent; color: var(--accent); }
input, select { padding: .35rem .5rem; border: 1px solid var(--muted); border-radius: .3rem; background: transparent; }
select option { background: var(--panel); }
form.filters, form.status { display: flex; flex-wrap: wrap; gap: .75rem 1rem; align-items: end; margin: 0 0 1.25rem; padding: 1rem; background: var(--panel); border-radius: .5rem; }
label { display: flex; flex-direction: column; gap: .2rem; font-size: .9rem; color: var(--muted); }
label input, label select { color: var(--text); }
.search input { min-width: 18rem; }
.count { color: var(--muted); margin: 0 0 .5rem; }
table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
th, td { text-align: left; padding: .55rem .6rem; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-size: .85rem; text-transform: uppercase; letter-spacing: .03em; color: var(--muted); }
tbody tr:hover { background: var(--panel); }
td.reference { white-space: nowrap; font-weight: 600; }
time { white-space: nowrap; }
.state { display: inline-block; padding: 0 .45rem; border-radius: .3rem; border: 1px solid currentColor; font-size: .85rem; white-space: nowrap; }
.state-delivered { color: var(--ok); }
.state-pending { color: var(--wait); }
.state-failed { color: var(--bad); }
nav.pages { display: flex; gap: 1.5rem; justify-content: center; margin: 1.25rem 0; }
dl { display: grid; grid-template-columns: minmax(10rem, max-content) 1fr; gap: .4rem 1.5rem; margin: 0; }
dt { font-weight: 600; color: var(--muted); }
dd { margin: 0; white-space: pre-wrap; overflow-wrap: anywhere; }
.error { color: var(--bad); }
.description { white-space: pre-wrap; overflow-wrap: anywhere; border-left: 4px solid var(--line); padding: .25rem 0 .25rem 1rem; max-width: 70ch; }
ol.steps, ul.errors, ul.diagnostics { padding-left: 1.75rem; max-width: 90ch; }
ol.steps li, ul.errors li { margin: .2rem 0; overflow-wrap: anywhere; }
ul.diagnostics { font-family: ui-monospace, monospace; font-size: .85rem; }
.files { display: grid; grid-template-columns: repeat(auto-fill, minmax(16rem, 1fr)); gap: 1rem; }
figure { margin: 0; padding: .75rem; border: 1px solid var(--line); border-radius: .5rem; }
figure img { display: block; max-width: 100%; max-height: 18rem; margin: 0 auto .5rem; border: 1px solid var(--line); }
figcaption { font-size: .9rem; overflow-wrap: anywhere; }
`;

export const STATUS_LABELS: Record<RequestStatus, string> = {
  received: 'Reçue',
  in_progress: 'En cours de traitement',
  waiting_for_user: "En attente de l'utilisateur",
  resolved: 'Résolue',
  closed: 'Clôturée',
};

const IMAGE_TYPES = new Set(['image/png', 'image/jpeg']);

function layout(title: string, body: Html, csrfToken?: string): string {
  return html`<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} — Console du support Chorus Pro</title>
<link rel="stylesheet" href="/console/console.css">
</head>
<body>
<a class="skip" href="#contenu">Aller au contenu</a>
<header>
<p><a href="/console">Demandes reçues</a></p>
${csrfToken === undefined ? '' : html`<form method="post" action="/console/logout"><input type="hidden" name="csrf" value="${csrfToken}"><button class="quiet" type="submit">Se déconnecter</button></form>`}
</header>
<main id="contenu">
${body}
</main>
</body>
</html>`.markup;
}

export function loginPage(failed: boolean): string {
  return layout(
    'Connexion',
    html`<h1>Console du support</h1>
${failed ? html`<p class="error" role="alert">Jeton incorrect.</p>` : ''}
<form method="post" action="/console/login">
<label>Jeton de la console <input type="password" name="token" autocomplete="current-password" required></label>
<button type="submit">Se connecter</button>
</form>`,
  );
}

function routeLabel(route: string): string {
  return ROUTES.includes(route as Route) ? t(ROUTE_LABEL_KEYS[route as Route]) : route;
}

function categoryLabel(categoryId: string, subCategoryId: string): string {
  const category = findCategory(categoryId);
  const subCategory = findSubCategory(categoryId, subCategoryId);
  return `${category ? t(category.labelKey) : categoryId} › ${subCategory ? t(subCategory.labelKey) : subCategoryId}`;
}

export const FORWARDER_LABELS: Record<ForwarderName, string> = { email: 'E-mail', glpi: 'GLPI', webhook: 'Webhook' };

export const FORWARDING_STATE_LABELS: Record<ForwardingState, string> = {
  pending: 'En attente',
  delivered: 'Transmise',
  failed: 'Échec',
};

/** The date in Paris time; the exact UTC instant on hover and for machines. */
function dateTime(iso: string): Html {
  return html`<time datetime="${iso}" title="${iso.replace('T', ' ').replace(/\.\d+Z$|Z$/, '')} UTC">${parisDateTime(iso)}</time>`;
}

function stateBadge(state: ForwardingState, text = FORWARDING_STATE_LABELS[state]): Html {
  return html`<span class="state state-${state}">${text}</span>`;
}

function options(values: readonly string[], selected: string | undefined, label: (value: string) => string): Html {
  return html`<option value="">Tous</option>${values.map((value) => html`<option value="${value}"${value === selected ? html` selected` : ''}>${label(value)}</option>`)}`;
}

export interface ListView {
  rows: readonly RequestSummary[];
  forwarding: ReadonlyMap<string, readonly OutboxEntry[]>;
  filter: RequestFilter;
  /** From 1. */
  page: number;
  /** How many requests come before this page. */
  offset: number;
  hasNext: boolean;
  /** The search box's text as typed. */
  searchText: string;
}

function listUrl(filter: RequestFilter, searchText: string, page: number): string {
  const query = new URLSearchParams();
  const add = (name: string, value: string | undefined) => {
    if (value) query.set(name, value);
  };
  add('q', searchText.trim());
  add('status', filter.status);
  add('category', filter.category);
  add('route', filter.route);
  add('from', filter.fromDay);
  add('to', filter.toDay);
  if (page > 1) query.set('page', String(page));
  const text = query.toString();
  return text ? `/console?${text}` : '/console';
}

function forwardingCell(entries: readonly OutboxEntry[] | undefined): Html {
  const state = overallState(entries ?? []);
  if (!state) return html`—`;
  const detail = (entries ?? []).map((entry) => `${FORWARDER_LABELS[entry.target]} : ${FORWARDING_STATE_LABELS[entry.state]}`).join(', ');
  return stateBadge(state, `${FORWARDING_STATE_LABELS[state]} (${detail})`);
}

export function listPage({ rows, forwarding, filter, page, offset, hasNext, searchText }: ListView, csrfToken: string): string {
  const filtered = Object.values(filter).some((value) => value !== undefined);
  return layout(
    'Demandes',
    html`<h1>Demandes reçues</h1>
<form class="filters" method="get" action="/console" role="search">
<label class="search">Rechercher <input type="search" name="q" value="${searchText}" aria-describedby="aide-recherche"></label>
<label>Statut <select name="status">${options(REQUEST_STATUSES, filter.status, (status) => STATUS_LABELS[status as RequestStatus])}</select></label>
<label>Catégorie <select name="category">${options(
      CATEGORIES.map((category) => category.id),
      filter.category,
      (id) => t(findCategory(id)?.labelKey ?? id),
    )}</select></label>
<label>Destinataire <select name="route">${options(ROUTES, filter.route, routeLabel)}</select></label>
<label>Reçue à partir du <input type="date" name="from" value="${filter.fromDay ?? ''}"></label>
<label>Reçue jusqu'au <input type="date" name="to" value="${filter.toDay ?? ''}"></label>
<button type="submit">Filtrer</button>
${filtered ? html`<a href="/console">Tout afficher</a>` : ''}
</form>
<p id="aide-recherche" class="count">Recherche exacte : référence (ou son numéro), SIRET, numéro de facture ou adresse électronique.</p>
${
  rows.length === 0
    ? html`<p>Aucune demande${filtered ? ' ne correspond à ces critères' : ''}.</p>`
    : html`<table>
<caption class="count">Page ${page} : demandes ${offset + 1} à ${offset + rows.length}, les plus récentes d'abord</caption>
<thead><tr><th scope="col">Référence</th><th scope="col">Reçue le (heure de Paris)</th><th scope="col">Statut</th><th scope="col">Catégorie</th><th scope="col">Titre</th><th scope="col">Transmission</th></tr></thead>
<tbody>
${rows.map(
  (row) => html`<tr><td class="reference"><a href="/console/requests/${row.id}">${row.reference}</a></td><td>${dateTime(row.receivedAt)}</td><td>${STATUS_LABELS[row.status]}</td><td>${categoryLabel(row.category, row.subCategory)}</td><td>${row.title}</td><td>${forwardingCell(forwarding.get(row.id))}</td></tr>
`,
)}</tbody>
</table>`
}
${
  page > 1 || hasNext
    ? html`<nav class="pages" aria-label="Pages">${page > 1 ? html`<a href="${listUrl(filter, searchText, page - 1)}" rel="prev">← Page précédente</a>` : ''}${hasNext ? html`<a href="${listUrl(filter, searchText, page + 1)}" rel="next">Page suivante →</a>` : ''}</nav>`
    : ''
}`,
    csrfToken,
  );
}

function fact(label: string, value: string | Html | undefined): Html {
  const present = value instanceof Html || Boolean(value?.trim());
  return present ? html`<dt>${label}</dt><dd>${value}</dd>` : html``;
}

/** Steps as the extension renders them already start with their number: the list numbers them instead. */
function stepText(step: string): string {
  return step.replace(/^\d+\.\s+/, '');
}

function attachmentView(requestId: string, file: StoredAttachment): Html {
  const url = `/console/files/${requestId}/${file.sha256}`;
  const size = `${Math.max(1, Math.ceil(file.size / 1024))} Ko`;
  const download = html`<a href="${url}" download="${file.name}">Télécharger ${file.name}</a> (${size}, ${file.contentType})`;
  // Only the stored, canonical type decides whether a file is shown as an image.
  return IMAGE_TYPES.has(contentTypeFor(file.name) ?? '')
    ? html`<figure><a href="${url}"><img src="${url}" alt="${file.name}"></a><figcaption>${download}</figcaption></figure>`
    : html`<figure><figcaption>${download}</figcaption></figure>`;
}

function forwardingView(requestId: string, entries: readonly OutboxEntry[], csrfToken: string, retried: boolean): Html {
  if (entries.length === 0) return html`<p>Aucun service support externe n'est configuré pour cette demande.</p>`;
  return html`<table class="forwarding">
<thead><tr><th scope="col">Vers</th><th scope="col">État</th><th scope="col">Tentatives</th><th scope="col">Dernier changement (heure de Paris)</th><th scope="col">Détail</th></tr></thead>
<tbody>
${entries.map(
  (entry) =>
    html`<tr><td>${FORWARDER_LABELS[entry.target]}</td><td>${stateBadge(entry.state)}</td><td>${entry.attempts}</td><td>${dateTime(entry.updatedAt)}</td><td>${
      entry.state === 'pending' && entry.attempts > 0 ? html`Nouvel essai vers ${dateTime(entry.nextAttemptAt)}. ` : ''
    }${entry.lastError ?? ''}${entry.remoteId ? ` (n° ${entry.remoteId})` : ''}</td></tr>
`,
)}</tbody>
</table>
${retried ? html`<p role="status">Transmission relancée : un nouvel essai part dans quelques secondes.</p>` : ''}
${
  entries.some((entry) => entry.state === 'failed')
    ? html`<form class="status" method="post" action="/console/requests/${requestId}/forwarding"><input type="hidden" name="csrf" value="${csrfToken}"><button type="submit">Relancer la transmission</button></form>`
    : ''
}`;
}

/** What the agent's last action did, said once on the page it leads back to. */
export interface DetailNotices {
  statusChanged: boolean;
  forwardingRetried: boolean;
}

export function detailPage(stored: StoredRequest, forwarding: readonly OutboxEntry[], csrfToken: string, { statusChanged, forwardingRetried }: DetailNotices): string {
  const { request } = stored;
  const { contact } = request;
  return layout(
    stored.reference,
    html`<h1>${stored.reference} — ${request.title}</h1>
${statusChanged ? html`<p role="status">Statut enregistré.</p>` : ''}
<form class="status" method="post" action="/console/requests/${stored.id}/status">
<input type="hidden" name="csrf" value="${csrfToken}">
<label>Statut <select name="status">${REQUEST_STATUSES.map((status) => html`<option value="${status}"${status === stored.status ? html` selected` : ''}>${STATUS_LABELS[status]}</option>`)}</select></label>
<button type="submit">Changer le statut</button>
</form>
<dl>
${fact('Statut', STATUS_LABELS[stored.status])}
${fact('Reçue le', dateTime(stored.receivedAt))}
${fact('Mise à jour', dateTime(stored.updatedAt))}
${fact('Destinataire', routeLabel(request.route))}
${fact('Catégorie', categoryLabel(request.category, request.subCategory))}
${fact('Émetteur', request.issuer)}
${fact('Nom', contact.name)}
${fact('Identifiant de connexion', contact.connectionId)}
${fact('Adresse électronique', contact.email)}
${fact('Téléphone', contact.phone)}
${fact('SIRET', contact.siret)}
${contact.structureIdentifier ? fact(`Identifiant (${t(STRUCTURE_IDENTIFIER_TYPE_KEYS[contact.structureIdentifier.type])})`, contact.structureIdentifier.value) : ''}
${fact('Connecté au portail', request.loggedIn ? 'Oui' : 'Non (via « Nous contacter »)')}
${fact('Numéros de facture', request.invoiceNumbers.join(', '))}
${(request.identifiers ?? []).map((identifier) => fact(identifierLabel(identifier, t), identifier.value))}
${fact('Navigateur', request.browser)}
${fact('Version du portail', request.portalVersion)}
${fact('Page', request.pageUrl)}
${Number.isNaN(Date.parse(request.capturedAt)) ? fact('Capturée le', request.capturedAt) : fact('Capturée le', dateTime(request.capturedAt))}
</dl>
<p class="count">Heures de Paris ; l'heure UTC s'affiche au survol.</p>
<h2>Description</h2>
<div class="description">${request.description}</div>
<h2>Enchaînement des écrans</h2>
${request.pathSteps.length ? html`<ol class="steps">${request.pathSteps.map((step) => html`<li>${stepText(step)}</li>`)}</ol>` : html`<p>Aucun.</p>`}
<h2>Messages d'erreur</h2>
${request.errors.length ? html`<ul class="errors">${request.errors.map((error) => html`<li>${error}</li>`)}</ul>` : html`<p>Aucun.</p>`}
${request.diagnostics?.length ? html`<h2>Détails techniques</h2><ul class="diagnostics">${request.diagnostics.map((line) => html`<li>${line}</li>`)}</ul>` : ''}
<h2>Pièces jointes</h2>
${stored.attachments.length ? html`<div class="files">${stored.attachments.map((file) => attachmentView(stored.id, file))}</div>` : html`<p>Aucune.</p>`}
<h2>Transmission au service support</h2>
${forwardingView(stored.id, forwarding, csrfToken, forwardingRetried)}`,
    csrfToken,
  );
}

export function notFoundPage(): string {
  return layout('Introuvable', html`<h1>Demande introuvable</h1><p><a href="/console">Retour à la liste</a></p>`);
}
