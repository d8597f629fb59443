// Runs in the portal page's own world at document start, registered by the background only
// while the user has technical details switched on (options → privacy). See src/diagnostics.
import { createDiagnosticSender } from '../../src/diagnostics/bridge';
import { installPageDiagnostics } from '../../src/diagnostics/page-hooks';

installPageDiagnostics(window, createDiagnosticSender(document));
