// Injected into the portal page's own world (scripting.executeScript with world 'MAIN') next
// to the capture engine, on request only: html2canvas cannot read its copy of the document from
// Firefox's content-script world. It draws the bands the engine asks for and posts each back as
// a PNG Blob under the engine's token; the engine trusts nothing else (src/capture/page-compat.ts).
import html2canvas from 'html2canvas';
import { installCompatRunner, type Html2Canvas } from '../../src/capture/page-compat';

installCompatRunner(window, html2canvas as unknown as Html2Canvas);
