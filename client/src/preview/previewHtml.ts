/**
 * The HTML shell of the preview webview: a pure function of the resource URIs, the CSP source and a
 * nonce (unit-tested for its CSP). The deliverable itself arrives later by message and is inserted by
 * dist/preview.js. Nothing remote, no inline script, forms off; settings travel in an escaped
 * `data-` attribute.
 */
import { DELIVERABLE_CSS } from '../../../server/src/render/css';
import { escapeHtml } from '../../../server/src/render/html';

/** The shell's own words, in VS Code's display language (the deliverables themselves are French documents). */
export interface PreviewStrings {
  /** Accessible name of the deliverable tabs. */
  deliverables: string;
  /** Shown until the first render arrives. */
  loading: string;
  /** Banner when a render fails and no message came with it. */
  renderFailed: string;
  /** Appended to the error banner when the last good render stays on screen. */
  lastGoodBelow: string;
}

/** The French words, used when no strings are given (tests, and the webview's fallback). */
export const FRENCH_PREVIEW_STRINGS: PreviewStrings = {
  deliverables: 'Livrables',
  loading: 'Rendu en cours…',
  renderFailed: 'Rendu impossible.',
  lastGoodBelow: 'Dernier rendu valide affiché ci-dessous.',
};

export interface PreviewShellOptions {
  /** `webview.cspSource`. */
  cspSource: string;
  /** A fresh random value per HTML document (base64 or hex). */
  nonce: string;
  /** `webview.asWebviewUri(dist/preview.js)`. */
  scriptUri: string;
  /** The previewed document. */
  uri: string;
  deliverable?: string;
  title: string;
  /** Localised words of the shell; French when absent. */
  strings?: PreviewStrings;
}

/** The Content-Security-Policy of the preview (also asserted by the tests). */
export function previewCsp(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `img-src ${cspSource} data:`,
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `script-src 'nonce-${nonce}'`,
    "form-action 'none'",
    "base-uri 'none'",
  ].join('; ');
}

const SHELL_CSS = `
body { margin: 0; padding: 0; background: var(--amo-bg); }
#amo-bar { position: sticky; top: 0; z-index: 2; display: flex; flex-wrap: wrap; gap: .25rem; padding: .4rem .8rem; background: var(--vscode-editor-background, var(--amo-bg)); border-bottom: 1px solid var(--amo-line); }
#amo-bar button { font: inherit; font-size: .85rem; padding: .2rem .7rem; border: 1px solid var(--amo-line); border-radius: 3px; background: transparent; color: var(--amo-fg); cursor: pointer; }
#amo-bar button[aria-selected="true"] { background: var(--vscode-button-background, #1f5fa8); color: var(--vscode-button-foreground, #fff); border-color: transparent; }
#amo-banner { margin: .6rem .8rem 0; padding: .5rem .8rem; border-left: 4px solid var(--amo-crit); background: var(--amo-warn-bg); color: var(--amo-fg); white-space: pre-wrap; }
#amo-banner[hidden] { display: none; }
.amo-loading { padding: 2rem; color: var(--amo-muted); }
#amo-content [data-line] { cursor: pointer; }
`;

export function buildPreviewHtml(o: PreviewShellOptions): string {
  const strings = o.strings ?? FRENCH_PREVIEW_STRINGS;
  // Without strings, the webview script falls back to the same French words.
  const settings = JSON.stringify(o.strings ? { uri: o.uri, deliverable: o.deliverable, strings } : { uri: o.uri, deliverable: o.deliverable });
  return [
    '<!DOCTYPE html>',
    '<html lang="fr">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(previewCsp(o.cspSource, o.nonce))}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta id="amo-preview-settings" data-settings="${escapeHtml(settings)}">`,
    `<title>${escapeHtml(o.title)}</title>`,
    `<style nonce="${escapeHtml(o.nonce)}">${DELIVERABLE_CSS}${SHELL_CSS}</style>`,
    '</head>',
    '<body>',
    `<nav id="amo-bar" role="tablist" aria-label="${escapeHtml(strings.deliverables)}"></nav>`,
    '<div id="amo-banner" role="alert" hidden></div>',
    `<main id="amo-content"><p class="amo-loading">${escapeHtml(strings.loading)}</p></main>`,
    `<script nonce="${escapeHtml(o.nonce)}" src="${escapeHtml(o.scriptUri)}"></script>`,
    '</body>',
    '</html>',
  ].join('\n');
}
