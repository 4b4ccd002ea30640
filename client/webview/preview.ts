/**
 * The script of the preview webview (bundled to dist/preview.js, IIFE). It receives renders from the
 * extension, shows the deliverable tabs, keeps the last good render under an error banner, reveals
 * the source line of a clicked element and follows the editor's scroll through `data-line`.
 * The HTML it inserts is the server's output, where every text from the YAML is escaped.
 */
import { parseToWebview, type FromWebview, type DeliverableTab, type UpdateMessage } from '../src/preview/messages';

interface VsCodeApi {
  postMessage(message: FromWebview): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const settingsEl = document.getElementById('amo-preview-settings');
const settings = JSON.parse(settingsEl?.dataset.settings ?? '{}') as {
  uri?: string;
  deliverable?: string;
  /** The shell's words in VS Code's display language (client/src/preview/previewHtml.ts). */
  strings?: { renderFailed?: string; lastGoodBelow?: string };
};
const renderFailed = typeof settings.strings?.renderFailed === 'string' ? settings.strings.renderFailed : 'Rendu impossible.';
const lastGoodBelow = typeof settings.strings?.lastGoodBelow === 'string' ? settings.strings.lastGoodBelow : 'Dernier rendu valide affiché ci-dessous.';
const uri = settings.uri ?? '';
const bar = document.getElementById('amo-bar') as HTMLElement;
const banner = document.getElementById('amo-banner') as HTMLElement;
const content = document.getElementById('amo-content') as HTMLElement;

let shown: { version: number; deliverable?: string } | undefined;
let hasContent = false;

function post(m: FromWebview): void {
  vscode.postMessage(m);
}

function renderTabs(tabs: DeliverableTab[], active: string | undefined): void {
  const key = tabs.map((t) => `${t.id}:${t.label}`).join('|') + `#${active ?? ''}`;
  if (bar.dataset.key === key) return;
  bar.dataset.key = key;
  bar.replaceChildren(
    ...tabs.map((t) => {
      const b = document.createElement('button');
      b.type = 'button';
      b.setAttribute('role', 'tab');
      b.setAttribute('aria-selected', String(t.id === active));
      b.dataset.deliverable = t.id;
      b.textContent = t.label;
      return b;
    }),
  );
}

function showError(error: string): void {
  banner.textContent = hasContent ? `${error}\n${lastGoodBelow}` : error;
  banner.hidden = false;
}

function onUpdate(m: UpdateMessage): void {
  // Stale versions are dropped: a render of an older text never replaces a newer one.
  if (shown && m.deliverable === shown.deliverable && m.version < shown.version) return;
  renderTabs(m.deliverables, m.deliverable);
  if (m.error !== undefined || m.html === undefined) {
    showError(m.error ?? renderFailed);
    if (!hasContent) content.replaceChildren();
    return;
  }
  banner.hidden = true;
  banner.textContent = '';
  const scrolled = shown?.deliverable === m.deliverable ? window.scrollY : 0;
  content.innerHTML = m.html;
  hasContent = true;
  window.scrollTo(0, scrolled);
  shown = { version: m.version, deliverable: m.deliverable };
  vscode.setState({ uri, deliverable: m.deliverable });
  post({
    type: 'rendered',
    uri,
    version: m.version,
    deliverable: m.deliverable ?? '',
    headings: Array.from(content.querySelectorAll('h1, h2, h3')).map((h) => (h.textContent ?? '').trim()),
  });
}

/** The element whose source line is the closest at or above `line` (first in document order). */
function elementForLine(line: number): HTMLElement | undefined {
  let best: HTMLElement | undefined;
  let bestLine = -1;
  for (const el of Array.from(content.querySelectorAll<HTMLElement>('[data-line]'))) {
    const l = Number(el.dataset.line);
    if (l <= line && l > bestLine) {
      best = el;
      bestLine = l;
    }
  }
  return best;
}

window.addEventListener('message', (event: MessageEvent) => {
  const m = parseToWebview(event.data);
  if (!m || m.uri !== uri) return;
  if (m.type === 'update') onUpdate(m);
  else elementForLine(m.line)?.scrollIntoView({ block: 'start' });
});

bar.addEventListener('click', (e) => {
  const b = (e.target as HTMLElement).closest<HTMLElement>('button[data-deliverable]');
  if (b?.dataset.deliverable) post({ type: 'selectDeliverable', uri, deliverable: b.dataset.deliverable });
});

content.addEventListener('click', (e) => {
  const target = e.target as HTMLElement;
  const link = target.closest('a');
  if (link) {
    // Only in-page anchors (the summary) move; no link ever navigates the webview.
    e.preventDefault();
    const href = link.getAttribute('href') ?? '';
    if (/^#amo-h-\d+$/.test(href)) document.getElementById(href.slice(1))?.scrollIntoView({ block: 'start' });
    return;
  }
  const el = target.closest<HTMLElement>('[data-line]');
  const line = el ? Number(el.dataset.line) : NaN;
  if (Number.isInteger(line) && line >= 0) post({ type: 'revealLine', uri, line });
});

// Saved at once, so that a reload before the first render still restores this preview.
vscode.setState({ uri, deliverable: settings.deliverable });
post({ type: 'ready', uri });
