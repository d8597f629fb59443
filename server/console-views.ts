/**
 * The agent console's pages: server-rendered, no script at all, styles from one stylesheet
 * (the CSP allows nothing inline). Everything shown from a request goes through `html`.
 */
import { contentTypeFor } from '../src/report/attachments';
import { ROUTES, ROUTE_LABEL_KEYS, findCategory, findSubCategory } from '../src/report/categories';
import type { Route } from '../src/report/categories';
import { identifierLabel, STRUCTURE_IDENTIFIER_TYPE_KEYS } from '../src/report/render-text';
import { Html, html } from './html';
import { translateFr as t } from './messages';
import { REQUEST_STATUSES } from './store';
import type { RequestFilter, RequestStatus, RequestSummary, StoredAttachment, StoredRequest } from './store';

export const CONSOLE_CSS = `
:root { color-scheme: light dark; font-family: system-ui, sans-serif; line-height: 1.4; }
body { margin: 0 auto; max-width: 72rem; padding: 1rem; }
header { display: flex; gap: 1rem; align-items: center; justify-content: space-between; border-bottom: 1px solid #8886; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid #8884; vertical-align: top; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; }
dt { font-weight: 600; }
dd { margin: 0; white-space: pre-wrap; overflow-wrap: anywhere; }
form.filters, form.status { display: flex; flex-wrap: wrap; gap: .75rem; align-items: end; margin: 1rem 0; }
label { display: flex; flex-direction: column; gap: .2rem; }
.error { color: #b00020; }
.description { white-space: pre-wrap; overflow-wrap: anywhere; border-left: 3px solid #8886; padding-left: .75rem; }
figure { margin: 0 0 1rem; }
figure img { max-width: 100%; border: 1px solid #8886; }
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
<header>
<p><a href="/console">Demandes reçues</a></p>
${csrfToken === undefined ? '' : html`<form method="post" action="/console/logout"><input type="hidden" name="csrf" value="${csrfToken}"><button type="submit">Se déconnecter</button></form>`}
</header>
<main>
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

function options(values: readonly string[], selected: string | undefined, label: (value: string) => string): Html {
  return html`<option value="">Tous</option>${values.map((value) => html`<option value="${value}"${value === selected ? html` selected` : ''}>${label(value)}</option>`)}`;
}

export function listPage(rows: readonly RequestSummary[], filter: RequestFilter, csrfToken: string): string {
  return layout(
    'Demandes',
    html`<h1>Demandes reçues</h1>
<form class="filters" method="get" action="/console">
<label>Statut <select name="status">${options(REQUEST_STATUSES, filter.status, (status) => STATUS_LABELS[status as RequestStatus])}</select></label>
<label>Destinataire <select name="route">${options(ROUTES, filter.route, routeLabel)}</select></label>
<label>Reçue à partir du <input type="date" name="from" value="${filter.fromDay ?? ''}"></label>
<label>Reçue jusqu'au <input type="date" name="to" value="${filter.toDay ?? ''}"></label>
<button type="submit">Filtrer</button>
</form>
${
  rows.length === 0
    ? html`<p>Aucune demande.</p>`
    : html`<table>
<thead><tr><th scope="col">Référence</th><th scope="col">Reçue le (UTC)</th><th scope="col">Statut</th><th scope="col">Catégorie</th><th scope="col">Titre</th></tr></thead>
<tbody>
${rows.map(
  (row) => html`<tr><td><a href="/console/requests/${row.id}">${row.reference}</a></td><td>${row.receivedAt}</td><td>${STATUS_LABELS[row.status]}</td><td>${categoryLabel(row.category, row.subCategory)}</td><td>${row.title}</td></tr>
`,
)}</tbody>
</table>`
}`,
    csrfToken,
  );
}

function fact(label: string, value: string | undefined): Html {
  return value?.trim() ? html`<dt>${label}</dt><dd>${value}</dd>` : html``;
}

function attachmentView(requestId: string, file: StoredAttachment): Html {
  const url = `/console/files/${requestId}/${file.sha256}`;
  const size = `${Math.max(1, Math.ceil(file.size / 1024))} Ko`;
  // Only the stored, canonical type decides whether a file is shown as an image.
  return IMAGE_TYPES.has(contentTypeFor(file.name) ?? '')
    ? html`<figure><img src="${url}" alt="${file.name}"><figcaption><a href="${url}">${file.name}</a> (${size})</figcaption></figure>`
    : html`<p><a href="${url}" download="${file.name}">${file.name}</a> (${size}, ${file.contentType})</p>`;
}

export function detailPage(stored: StoredRequest, csrfToken: string, statusChanged: boolean): string {
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
${fact('Reçue le (UTC)', stored.receivedAt)}
${fact('Mise à jour (UTC)', stored.updatedAt)}
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
${fact('Capturée le', request.capturedAt)}
</dl>
<h2>Description</h2>
<div class="description">${request.description}</div>
<h2>Enchaînement des écrans</h2>
${request.pathSteps.length ? html`<ol class="steps">${request.pathSteps.map((step) => html`<li>${step}</li>`)}</ol>` : html`<p>Aucun.</p>`}
<h2>Messages d'erreur</h2>
${request.errors.length ? html`<ul class="errors">${request.errors.map((error) => html`<li>${error}</li>`)}</ul>` : html`<p>Aucun.</p>`}
${request.diagnostics?.length ? html`<h2>Détails techniques</h2><ul class="diagnostics">${request.diagnostics.map((line) => html`<li>${line}</li>`)}</ul>` : ''}
<h2>Pièces jointes</h2>
${stored.attachments.length ? stored.attachments.map((file) => attachmentView(stored.id, file)) : html`<p>Aucune.</p>`}`,
    csrfToken,
  );
}

export function notFoundPage(): string {
  return layout('Introuvable', html`<h1>Demande introuvable</h1><p><a href="/console">Retour à la liste</a></p>`);
}
