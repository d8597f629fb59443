/** The help knowledge base in English; portal labels are quoted as the English portal shows them. */
import type { HelpTexts } from './types';

export const englishTexts: HelpTexts = {
  login: {
    title: 'Logging in to Chorus Pro',
    summary: 'You log in on the portal home page with your login (your email address) and your password.',
    steps: [
      'Open https://chorus-pro.gouv.fr/cpp/utilisateur?execution=e1s1&lang=en_US and click "Log in".',
      'Type your login exactly as when the account was created, with no space before or after.',
      'Check that Caps Lock is off.',
      'After a failed attempt, use "Forgotten password?" rather than trying again and again.',
    ],
    keywords: ['login', 'log in', 'sign in', 'password', 'credentials', 'authentication', 'cannot connect'],
  },
  'forgotten-password': {
    title: 'Forgotten password',
    summary: 'The "Forgotten password?" link on the login page sends an email to choose a new password.',
    steps: [
      'On the login page, click "Forgotten password?".',
      'Enter your login (your email address) and confirm.',
      'Open the email and follow the link soon: it is valid for a limited time.',
      'Nothing received? Look in your spam folder, then ask again.',
    ],
    keywords: ['forgot', 'reset', 'new password', 'change password', 'email', 'link'],
  },
  'locked-account': {
    title: 'Locked account',
    summary: 'After several wrong passwords, the account is locked to protect it.',
    steps: [
      'Stop trying to log in with the old password.',
      'Choose a new password with "Forgotten password?".',
      'Still locked? Write to support through "Contact us" with your SIRET and contact details.',
    ],
    keywords: ['locked', 'blocked', 'disabled', 'attempts', 'access denied', 'unlock'],
  },
  'create-account': {
    title: 'Creating an account',
    summary: "You create the account from the home page and activate it with a link sent by email; it is then attached to your company's structure (its SIRET).",
    steps: [
      'On the home page, click "Create an account".',
      'Enter your email address: it becomes your login.',
      'Activate the account with the link you receive by email.',
      'Enter your structure\'s SIRET: create the structure or ask to join it.',
    ],
    keywords: ['sign up', 'register', 'new account', 'activation', 'structure', 'join', 'manager'],
  },
  'contact-without-account': {
    title: 'Contact us without an account',
    summary: 'Without a Chorus Pro account, the "Contact us" link on the home page lets you write to support. Give your SIRET and contact details, or support cannot answer you.',
    steps: [
      'Click "Contact us" at the bottom of the portal home page.',
      "Enter your structure's SIRET (14 digits).",
      'Give your contact details: name, email address and phone number.',
      'Describe the problem and attach a screenshot.',
    ],
    keywords: ['no account', 'without account', 'contact', 'SIRET', 'contact details', 'phone'],
  },
  'required-field': {
    title: 'A required field is empty',
    summary: 'The form will not send while a required field (marked with an asterisk *) is empty.',
    steps: [
      'Look for fields shown in red or marked with an asterisk (*).',
      'Fill them in, in the expected format (date, amount, SIRET).',
      'Submit the form again.',
    ],
    keywords: ['required', 'mandatory', 'asterisk', 'empty field', 'form', 'date'],
  },
  'attachment-rules': {
    title: 'Attachment rules',
    summary: 'Each file must be under 10 MB, with a name of at most 50 characters including its extension, in an accepted format.',
    steps: [
      'Keep each file under 10 MB: compress or split it if needed.',
      'Shorten the file name to 50 characters at most and keep its extension (.pdf, .png…).',
      'Use an accepted format: PNG, JPG/JPEG, PDF, TXT, CSV, XML, ZIP, DOC, DOCX, XLS, XLSX, ODT or ODS.',
      'Avoid special characters in the file name.',
    ],
    keywords: ['attachment', 'file', 'size', 'format', 'extension', 'file name', 'MB', 'too large', 'upload'],
  },
  'attach-screenshot': {
    title: 'Attaching a screenshot to a request',
    summary: 'A screenshot of the error lets the support specialist understand the problem at a glance.',
    steps: [
      'In the request, click "Save".',
      'In the "Attachments" block, click "Attachments management".',
      'Click "Browse" and choose the file.',
      'Select the attachment type (request), then click "Add"; repeat for each file.',
      'Click "Save", then "Validate and send".',
    ],
    keywords: ['screenshot', 'screen capture', 'picture', 'image', 'attach', 'add a file', 'attachments'],
  },
  'invoice-rejected': {
    title: 'Rejected invoice',
    summary: 'The "Rejected" status means the public recipient refuses the invoice; it will not be paid as it is. The reason is shown in the invoice.',
    steps: [
      'In "Issued invoices", open the invoice.',
      'Read the rejection reason and the comment in its history.',
      'For a question about the reason, write to your client, the recipient of the invoice.',
    ],
    keywords: ['rejection', 'refused', 'refusal', 'reason', 'rejected', 'status'],
  },
  'resubmit-after-rejection': {
    title: 'Processing a rejected invoice',
    summary: 'A rejected invoice can no longer be changed: fix what the reason points to, then submit a new invoice.',
    steps: [
      'Read the rejection reason in the invoice.',
      'Fix the cause: recipient SIRET, service code, commitment number, amount or missing document.',
      'Submit the corrected invoice from "Issued invoices".',
      'If unsure what to correct, ask your client before submitting again.',
    ],
    keywords: ['resubmit', 'correct', 'new invoice', 'rejection', 'process', 'submit again'],
  },
  'invoice-suspended': {
    title: 'Suspended invoice',
    summary: 'The "Suspended" status means the recipient is waiting for more information or a correction before going on.',
    steps: [
      'Open the invoice in "Issued invoices" and read the reason for the suspension.',
      'Complete the invoice with the action offered, for example by adding the requested document.',
      'Answer within the time given, or the invoice may be rejected.',
      'For any question about the request, contact your client.',
    ],
    keywords: ['suspension', 'suspended', 'complete', 'on hold', 'waiting', 'missing document'],
  },
  'recipient-not-active': {
    title: 'Recipient not active: cannot submit',
    summary: 'The public structure given as recipient does not accept invoices in Chorus Pro for this SIRET. The billing SIRET often differs from that of another department.',
    steps: [
      'Check the recipient SIRET on the purchase order or contract.',
      "Search the structure in the portal's directory to find the right SIRET.",
      'Ask your client for the SIRET and, if there is one, the service code to use.',
    ],
    keywords: ['recipient', 'not active', 'inactive', 'SIRET', 'public structure', 'cannot submit', 'client'],
  },
  'recipient-not-found': {
    title: 'Recipient SIRET not found',
    summary: 'The SIRET entered matches no public structure in Chorus Pro: often a typing mistake or the SIRET of another establishment.',
    steps: [
      'Check the 14 digits of the SIRET, with no spaces.',
      "Search the structure by name in the portal's directory.",
      'Ask your client for the exact billing SIRET.',
    ],
    keywords: ['not found', 'unknown', 'SIRET', 'recipient', 'directory', 'structure'],
  },
  'service-code-or-commitment-required': {
    title: 'Service code or commitment number required',
    summary: 'Some recipients require a service code, a commitment number (often the purchase order number), or both, to accept the invoice.',
    steps: [
      'Look for the service code and commitment number on the purchase order.',
      'Enter them in the invoice\'s "Service code" and "Commitment number" fields.',
      'Without them, ask your client before submitting.',
    ],
    keywords: ['service code', 'commitment', 'engagement', 'purchase order', 'order number', 'required'],
  },
  'duplicate-invoice-number': {
    title: 'Invoice number already used',
    summary: 'An invoice number can be submitted only once for your structure: the portal refuses a duplicate.',
    steps: [
      'Search for this number in "Issued invoices": the invoice may already have been submitted.',
      'If it was, do not send it again: follow its status.',
      'If it is a different invoice, give it a new number.',
    ],
    keywords: ['duplicate', 'already used', 'invoice number', 'already exists', 'submitted twice'],
  },
  'invoice-not-found': {
    title: 'Invoice not found',
    summary: 'A search does not find the invoice: often a criterion too narrow, another structure selected, or a mistyped number.',
    steps: [
      'Check the invoice number, with no extra space or character.',
      'Widen the dates of the search in "Issued invoices" > "Search".',
      'Check that the right structure (the right SIRET) is selected.',
      'Still nothing? Write to support with the number and the submission date.',
    ],
    keywords: ['not found', 'search', 'no result', 'invoice number', 'find', 'missing invoice'],
  },
  'follow-invoice': {
    title: 'Following an invoice and its statuses',
    summary: "An invoice's status tells where it stands: Submitted (Déposée), Being routed, Made available to the recipient (Mise à disposition), Suspended, Rejected, Service done, Mandated, Payment initiated (Mise en paiement)…",
    steps: [
      'Open "Issued invoices" > "Search" and find the invoice by its number.',
      'Open the invoice and look at its status and history.',
      'For a question about how the invoice is being processed, write to your client.',
    ],
    keywords: ['follow', 'track', 'status', 'state', 'history', 'submitted', 'made available', 'where is'],
  },
  'invoice-not-paid': {
    title: 'Invoice not paid yet',
    summary: 'Payment depends on the public recipient and its accountant, not on Chorus Pro support. The "Payment initiated" (Mise en paiement) status means payment has started.',
    steps: [
      'Check the status of the invoice in "Issued invoices".',
      'Before "Payment initiated", the recipient is still processing the invoice.',
      'For a question about payment or a delay, write to your client.',
    ],
    keywords: ['payment', 'paid', 'late payment', 'transfer', 'payment initiated', 'mandated', 'delay'],
  },
  'send-request': {
    title: 'Entering a request',
    summary: 'With an account, you write a request in "Sent requests" > "Input request"; its category and sub-category decide who receives it.',
    steps: [
      'Open "Sent requests", then "Input request".',
      'Choose the category and sub-category that describe your request.',
      'Choose the issuer, your structure, so that you can be contacted.',
      'Describe the problem in as much detail as possible.',
      'Click "Validate and send".',
    ],
    keywords: ['input request', 'request', 'write', 'send a request', 'issuer', 'category'],
  },
  'follow-request': {
    title: 'Following a request',
    summary: 'Requests sent from the classic portal are followed in the "Sent requests" area.',
    steps: [
      'Open "Sent requests", then "Search" or "Synthesis".',
      'Open the request to read the answer and its status.',
      'If you are asked for information, complete the request rather than creating a new one.',
    ],
    keywords: ['sent requests', 'follow', 'answer', 'reply', 'my requests', 'track'],
  },
  'services-portal-tickets': {
    title: 'Following tickets on the services portal',
    summary: 'On the services portal, a request is a ticket. The tabs Actions required, In progress, Closed and Drafts sort them.',
    steps: [
      'Open https://portail.chorus-pro.gouv.fr/, then "Support" > "My tickets".',
      'Check "Actions required" first: support is waiting for your answer there.',
      'Pick up an unsent ticket in "Drafts".',
      'Find finished tickets in "Closed".',
    ],
    keywords: ['ticket', 'my tickets', 'actions required', 'in progress', 'closed', 'drafts', 'follow'],
  },
  'which-route': {
    title: 'Chorus Pro support or your client?',
    summary: 'Chorus Pro support helps with the technical use of the portal. Your client, the public recipient, answers about the follow-up of your invoices. The category and sub-category of the request decide who receives it.',
    steps: [
      'Login, submission or portal error: choose a Chorus Pro support category.',
      'Question about a rejected, suspended or unpaid invoice: choose a category that goes to your client.',
      'The "Enter a request and follow your progress" guide on communaute.chorus-pro.gouv.fr lists the categories.',
    ],
    keywords: ['who receives', 'category', 'sub-category', 'support', 'client', 'who to contact', 'route'],
  },
  'what-support-needs': {
    title: 'What support needs',
    summary: 'A complete request is handled faster. Always give these details.',
    steps: [
      'Give your connection id and your phone number.',
      'Say which browser you use and its version (for example Firefox 128).',
      'Briefly describe the problem and give the related invoice number.',
      'Give the path that led to the problem and the error message displayed.',
      'Without an account, give your SIRET and contact details; attach a screenshot.',
    ],
    keywords: ['details', 'complete request', 'browser', 'version', 'path', 'error message', 'what to provide'],
  },
  claudia: {
    title: "ClaudIA, the portal's assistant",
    summary: 'ClaudIA answers your questions 24/7. Its answers are better when you are logged in.',
    steps: [
      'Click the portal\'s "Need help?" button.',
      'Ask a short question, in complete sentences.',
      'Rate its answers with the icons: a negative vote offers you an advisor.',
      'Type "Call an agent" to talk to a person.',
    ],
    keywords: ['assistant', 'chatbot', 'help', 'need help', 'question', 'artificial intelligence'],
  },
  livechat: {
    title: 'LiveChat with an advisor',
    summary: 'An advisor answers live Monday to Friday, 8:30 am to 6:30 pm, on business days. You reach it through ClaudIA.',
    steps: [
      'Open ClaudIA with the "Need help?" button.',
      'Ask to talk to an advisor, or give an answer a negative vote.',
      'After two misunderstood questions, ClaudIA also offers LiveChat.',
      'Outside opening hours, enter a request.',
    ],
    keywords: ['chat', 'advisor', 'specialist', 'talk', 'opening hours', 'live', 'speak to someone'],
  },
  'supported-browsers': {
    title: 'Which browser to use',
    summary: 'The portal works with a recent, up-to-date browser (Firefox, Chrome, Edge). An old browser may show incomplete pages or buttons that do nothing.',
    steps: [
      'Update your browser.',
      'Try another browser to see whether the problem remains.',
      'Note the browser name and version for your request to support.',
    ],
    keywords: ['browser', 'Firefox', 'Chrome', 'Edge', 'compatibility', 'update', 'version'],
  },
  'clear-cache': {
    title: "Clearing the browser's cache",
    summary: 'A badly displayed page or a button that does nothing often comes from old data kept by the browser.',
    steps: [
      "Clear the browser's cache and cookies (Ctrl+Shift+Delete).",
      'Close all browser windows, then open it again.',
      'Log in again and redo the operation.',
    ],
    keywords: ['cache', 'cookies', 'display', 'blank page', 'button does not work', 'clear'],
  },
  'popups-blocked': {
    title: 'Windows blocked by the browser',
    summary: 'Some actions (download, invoice preview) open a new window that the browser may block.',
    steps: [
      'Look for the blocked window icon in the address bar.',
      'Allow pop-ups for chorus-pro.gouv.fr.',
      'Do the action again.',
    ],
    keywords: ['window', 'pop-up', 'popup blocker', 'download', 'preview', 'nothing opens'],
  },
  'session-expired': {
    title: 'Session expired',
    summary: 'After a while without activity, the session closes. A page address containing "execution=" kept as a bookmark or open in another tab is then no longer valid.',
    steps: [
      'Start again from the home page and log in again.',
      'Do not bookmark an address containing "execution=".',
      'Avoid working on the portal in several tabs at once.',
    ],
    keywords: ['session', 'expired', 'logged out', 'inactivity', 'bookmark', 'execution', 'timeout'],
  },
  'technical-error': {
    title: 'Technical error',
    summary: 'A technical error (for example "error 500") comes from the portal, not from you. It is often temporary.',
    steps: [
      'Wait a few minutes, then try again.',
      'If it happens again, take a screenshot of the message.',
      'Report it to support with the path you followed and the error message.',
    ],
    keywords: ['technical error', 'bug', 'outage', 'unavailable', 'error 500', 'try again', 'slow'],
  },
  'page-not-found': {
    title: 'Page not found (error 404)',
    summary: 'The page requested does not exist or no longer exists: an old link, an outdated bookmark or a badly copied address.',
    steps: [
      'Start again from the home page and use the menus.',
      'Update your bookmarks.',
      'If a link of the portal leads to this page, report it to support with a screenshot.',
    ],
    keywords: ['404', 'not found', 'broken link', 'missing page', 'bookmark'],
  },
  'edi-api-connections': {
    title: 'EDI and API connections',
    summary: 'Invoicing software can send invoices to Chorus Pro by EDI or API, without typing them on the portal. Connections are managed in the "EDI and API connections" area.',
    steps: [
      'Open the "EDI and API connections" area to see or request a connection.',
      'Read the technical documentation on communaute.chorus-pro.gouv.fr.',
      'For a data flow error, give support the file name and the date it was sent.',
    ],
    keywords: ['EDI', 'API', 'connection', 'data flow', 'software', 'integration', 'technical connection'],
  },
  'services-portal': {
    title: 'The services portal',
    summary: 'Since 2022, the services portal (https://portail.chorus-pro.gouv.fr/) brings support together: requests there are tickets, with category, sub-category, description and captcha.',
    steps: [
      'Open https://portail.chorus-pro.gouv.fr/, then "Support".',
      'Create a ticket: category, sub-category, email address, title and description.',
      'Copy the captcha, then click "Submit".',
    ],
    keywords: ['services portal', 'new portal', 'ticket', 'support', 'assistance'],
  },
  'portal-version': {
    title: 'Finding the portal version',
    summary: 'The portal version is shown at the bottom of every page, for example "V2.0.1 - R13". It helps support place a problem.',
    steps: [
      'Scroll to the very bottom of the page.',
      'Note the version shown in the footer.',
      'Give it in your request to support.',
    ],
    keywords: ['version', 'footer', 'release', 'release notes', 'portal update'],
  },
};
