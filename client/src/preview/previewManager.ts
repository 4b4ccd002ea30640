import * as vscode from 'vscode';
import type { DeliverableId, RenderResult } from '../../../server/src/protocol';
import { AMO_LANGUAGES, type AmoClient } from '../common';
import { parseFromWebview, parseState, type FromWebview, type RenderedMessage, type UpdateMessage } from './messages';
import { buildPreviewHtml } from './previewHtml';

export const PREVIEW_VIEW_TYPE = 'amo.preview';

/** Renders while typing are at most this often; the last keystroke always gets its render. */
export const RENDER_THROTTLE_MS = 150;

export function isAmoDocument(doc: vscode.TextDocument | undefined): doc is vscode.TextDocument {
  return doc !== undefined && (AMO_LANGUAGES as readonly string[]).includes(doc.languageId);
}

/** One preview panel, bound to one document. */
class Preview implements vscode.Disposable {
  private timer: NodeJS.Timeout | undefined;
  private inFlight = false;
  private pending = false;
  private retries = 0;
  private last: UpdateMessage | undefined;
  private scrollTimer: NodeJS.Timeout | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private disposed = false;
  lastRendered: RenderedMessage | undefined;

  constructor(
    readonly panel: vscode.WebviewPanel,
    readonly uri: string,
    private deliverable: DeliverableId | undefined,
    private readonly manager: PreviewManager,
  ) {
    panel.webview.options = manager.webviewOptions();
    panel.webview.html = manager.shellHtml(panel.webview, uri, deliverable);
    this.disposables.push(
      panel.webview.onDidReceiveMessage((raw: unknown) => this.onMessage(parseFromWebview(raw))),
      panel.onDidDispose(() => {
        this.release();
        manager.forget(this);
      }),
    );
    this.renderNow();
  }

  /** Re-renders soon (throttled). */
  schedule(): void {
    if (this.timer || this.disposed) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.renderNow();
    }, RENDER_THROTTLE_MS);
  }

  /** Asks the server for a render now, unless one is in flight (then once more when it returns). */
  /** Shows `deliverable` (an id the server offers, such as `reception`); the server reports an unknown one. */
  select(deliverable: DeliverableId): void {
    this.deliverable = deliverable;
    this.renderNow();
  }

  renderNow(): void {
    if (this.disposed) return;
    if (this.inFlight) {
      this.pending = true;
      return;
    }
    this.inFlight = true;
    void this.manager
      .request(this.uri, this.deliverable)
      .then((r) => this.onResult(r))
      .finally(() => {
        this.inFlight = false;
        if (this.pending) {
          this.pending = false;
          this.schedule();
        }
      });
  }

  private onResult(r: RenderResult): void {
    if (this.disposed) return;
    const doc = this.manager.document(this.uri);
    if (r.deliverable) this.deliverable = r.deliverable;
    const msg: UpdateMessage = { type: 'update', uri: this.uri, version: r.version ?? doc?.version ?? 0, deliverable: r.deliverable, deliverables: r.deliverables, html: r.error ? undefined : r.html, error: r.error };
    // The server may not have received the last change yet: render again until it has.
    if (doc && r.version !== null && r.version < doc.version && this.retries++ < 20) this.pending = true;
    else this.retries = 0;
    this.last = msg;
    void this.panel.webview.postMessage(msg);
  }

  scrollTo(line: number): void {
    if (this.scrollTimer) clearTimeout(this.scrollTimer);
    this.scrollTimer = setTimeout(() => {
      if (!this.disposed) void this.panel.webview.postMessage({ type: 'scrollToLine', uri: this.uri, line });
    }, 50);
  }

  private onMessage(m: FromWebview | undefined): void {
    if (!m || m.uri !== this.uri) return;
    switch (m.type) {
      case 'ready':
        if (this.last) void this.panel.webview.postMessage(this.last);
        return;
      case 'selectDeliverable':
        this.deliverable = m.deliverable as DeliverableId;
        this.renderNow();
        return;
      case 'revealLine':
        void this.manager.revealLine(this.uri, m.line, this.panel.viewColumn);
        return;
      case 'rendered':
        this.lastRendered = m;
        this.manager.fireRendered(m);
        return;
    }
  }

  /** Stops timers and listeners (the panel is closing or closed). */
  private release(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.scrollTimer) clearTimeout(this.scrollTimer);
    this.disposables.forEach((d) => d.dispose());
  }

  dispose(): void {
    this.release();
    this.panel.dispose();
  }
}

/** Opens, updates and restores the preview panels ("AMO : Ouvrir l'aperçu"). */
export class PreviewManager implements vscode.Disposable {
  private readonly previews = new Map<string, Preview>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly renderedEmitter = new vscode.EventEmitter<RenderedMessage>();
  /** Fires when a webview reports what it rendered (extension tests wait on it). */
  readonly onDidRender = this.renderedEmitter.event;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly client: AmoClient,
  ) {
    this.disposables.push(
      this.renderedEmitter,
      vscode.window.registerWebviewPanelSerializer(PREVIEW_VIEW_TYPE, { deserializeWebviewPanel: (panel, state) => this.restore(panel, state) }),
      vscode.workspace.onDidChangeTextDocument((e) => this.previews.get(e.document.uri.toString())?.schedule()),
      vscode.window.onDidChangeTextEditorVisibleRanges((e) => {
        const p = this.previews.get(e.textEditor.document.uri.toString());
        if (p && e.visibleRanges.length) p.scrollTo(e.visibleRanges[0].start.line);
      }),
      client.onDidChangeStatus((s) => {
        if (s === 'running') for (const p of this.previews.values()) p.renderNow();
      }),
    );
  }

  webviewOptions(): vscode.WebviewOptions {
    return { enableScripts: true, enableForms: false, localResourceRoots: [vscode.Uri.joinPath(this.context.extensionUri, 'dist'), vscode.Uri.joinPath(this.context.extensionUri, 'media')] };
  }

  shellHtml(webview: vscode.Webview, uri: string, deliverable: string | undefined): string {
    return buildPreviewHtml({
      cspSource: webview.cspSource,
      nonce: nonce(),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(this.context.extensionUri, 'dist', 'preview.js')).toString(),
      uri,
      deliverable,
      title: vscode.l10n.t('AMO preview'),
      strings: {
        deliverables: vscode.l10n.t('Deliverables'),
        loading: vscode.l10n.t('Rendering…'),
        renderFailed: vscode.l10n.t('The preview could not be rendered.'),
        lastGoodBelow: vscode.l10n.t('Last valid render shown below.'),
      },
    });
  }

  document(uri: string): vscode.TextDocument | undefined {
    return vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
  }

  /**
   * Opens (or reveals) the preview of `target` beside it: a URI (explorer and editor menus), or
   * `{uri, deliverable}` (a command link or another extension asking for one deliverable, e.g.
   * `{uri, deliverable: 'reception'}`), or nothing for the active editor.
   */
  async open(target?: unknown): Promise<void> {
    const { uri: targetUri, deliverable } = previewTarget(target);
    const doc = targetUri ? await vscode.workspace.openTextDocument(targetUri) : vscode.window.activeTextEditor?.document;
    if (!isAmoDocument(doc)) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Open an AMO programme or consultation to preview its deliverables.'));
      return;
    }
    const uri = doc.uri.toString();
    const existing = this.previews.get(uri);
    if (existing) {
      existing.panel.reveal(undefined, true);
      if (deliverable) existing.select(deliverable);
      return;
    }
    const panel = vscode.window.createWebviewPanel(PREVIEW_VIEW_TYPE, this.title(doc.uri), { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, { ...this.webviewOptions(), retainContextWhenHidden: false });
    this.previews.set(uri, new Preview(panel, uri, deliverable, this));
  }

  /** Restores a panel after a window reload, from the state its webview saved. */
  private async restore(panel: vscode.WebviewPanel, raw: unknown): Promise<void> {
    const state = parseState(raw);
    if (!state) {
      panel.dispose();
      return;
    }
    try {
      // Opening the document makes the language client send it to the server.
      await vscode.workspace.openTextDocument(vscode.Uri.parse(state.uri));
    } catch {
      // The file is gone: the preview shows the server's error in its banner.
    }
    panel.title = this.title(vscode.Uri.parse(state.uri));
    this.previews.get(state.uri)?.dispose();
    this.previews.set(state.uri, new Preview(panel, state.uri, state.deliverable as DeliverableId | undefined, this));
  }

  async request(uri: string, deliverable: DeliverableId | undefined): Promise<RenderResult> {
    const lc = this.client.languageClient;
    if (!lc || this.client.status !== 'running') return { html: '', version: null, deliverables: [], error: vscode.l10n.t('The AMO language server is not running.') };
    try {
      return await this.client.render({ uri, deliverable, format: 'html' });
    } catch (err) {
      return { html: '', version: null, deliverables: [], error: String(err) };
    }
  }

  /** Shows the source line in the editor of the document (beside the preview when none is visible). */
  async revealLine(uri: string, line: number, previewColumn: vscode.ViewColumn | undefined): Promise<void> {
    const editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri);
    const doc = editor?.document ?? (await vscode.workspace.openTextDocument(vscode.Uri.parse(uri)));
    const l = Math.max(0, Math.min(line, doc.lineCount - 1));
    const pos = new vscode.Position(l, doc.lineAt(l).firstNonWhitespaceCharacterIndex);
    const viewColumn = editor?.viewColumn ?? (previewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One);
    const shown = await vscode.window.showTextDocument(doc, { viewColumn, selection: new vscode.Range(pos, pos), preserveFocus: false });
    shown.revealRange(new vscode.Range(pos, pos), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  /** The URI of the focused preview, if a preview is the active panel. */
  activeUri(): string | undefined {
    return [...this.previews.values()].find((p) => p.panel.active)?.uri;
  }

  /** What the preview of `uri` last reported it rendered. */
  lastRendered(uri: string): RenderedMessage | undefined {
    return this.previews.get(uri)?.lastRendered;
  }

  fireRendered(m: RenderedMessage): void {
    this.renderedEmitter.fire(m);
  }

  forget(p: Preview): void {
    if (this.previews.get(p.uri) === p) this.previews.delete(p.uri);
  }

  private title(uri: vscode.Uri): string {
    return vscode.l10n.t('Preview: {0}', uri.path.split('/').pop() ?? uri.toString());
  }

  dispose(): void {
    for (const p of this.previews.values()) p.dispose();
    this.previews.clear();
    this.disposables.forEach((d) => d.dispose());
  }
}

/** The document and deliverable a command argument designates; anything malformed is ignored (active editor, default deliverable). */
export function previewTarget(target: unknown): { uri?: vscode.Uri; deliverable?: DeliverableId } {
  if (target instanceof vscode.Uri) return { uri: target };
  if (!target || typeof target !== 'object') return {};
  const t = target as { uri?: unknown; deliverable?: unknown };
  let uri: vscode.Uri | undefined;
  if (t.uri instanceof vscode.Uri) uri = t.uri;
  else if (typeof t.uri === 'string') {
    try {
      uri = vscode.Uri.parse(t.uri, true);
    } catch {
      uri = undefined;
    }
  }
  const deliverable = typeof t.deliverable === 'string' && /^[a-z]{1,20}$/.test(t.deliverable) ? (t.deliverable as DeliverableId) : undefined;
  return { uri, deliverable };
}

/** 16 random bytes in base64, from Web Crypto (present in Node 20 and in the web extension host). */
function nonce(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}
