import { docKindOf, type TextDocumentLike } from '../language-service';
import { RenderRequest, type RenderParams, type RenderResult } from '../protocol';
import { buildDeliverable, isDeliverableId, renderHtml, renderHtmlDocument, type RenderEnv } from '../render';
import { workbooksOf } from '../render/deliverables';
import { renderDocxBase64 } from '../render/docx';
import { runSafe } from '../runner';
import type { Feature, FeatureContext } from './types';

const FORMATS = new Set(['html', 'html-document', 'docx']);

/** The consultations known to the server (open or in the workspace), read lazily for a programme's planning. */
function consultations(ctx: FeatureContext): TextDocumentLike[] {
  const uris = new Set([...(ctx.listDocuments?.() ?? []), ...ctx.documents.all().map((d) => d.uri)]);
  const out: TextDocumentLike[] = [];
  for (const uri of uris) {
    if (docKindOf(uri) !== 'consultation') continue;
    const text = ctx.documents.get(uri)?.getText() ?? ctx.readText?.(uri);
    if (text !== undefined) out.push({ uri, text });
  }
  return out;
}

async function render(ctx: FeatureContext, params: RenderParams): Promise<RenderResult> {
  const doc = ctx.documents.get(params.uri);
  if (!doc) return { html: '', version: null, deliverables: [], error: 'Document non ouvert dans le serveur AMO.' };
  if (!FORMATS.has(params.format)) return { html: '', version: doc.version, deliverables: [], error: `Format de rendu inconnu : ${String(params.format)}.` };
  const requested = isDeliverableId(params.deliverable) ? params.deliverable : undefined;
  const env: RenderEnv = {
    service: ctx.service,
    readText: (uri) => ctx.documents.get(uri)?.getText() ?? ctx.readText?.(uri),
    today: ctx.today?.() ?? new Date().toISOString().slice(0, 10),
    consultations: () => consultations(ctx),
    trusted: ctx.trusted?.(),
  };
  const version = doc.version;
  const r = buildDeliverable(env, { uri: doc.uri, text: doc.getText() }, requested);
  const base: Omit<RenderResult, 'html'> = { version, deliverable: r.deliverable, deliverables: [...r.deliverables], workbooks: workbooksOf(docKindOf(doc.uri)) };
  if (!r.model) return { ...base, html: '', error: r.error };
  const title = `${r.model.title} — ${r.model.subtitle}`;
  if (r.model.author) base.author = r.model.author;
  if (params.format === 'docx') return { ...base, html: '', title, data: await renderDocxBase64(r.model) };
  return { ...base, title, html: params.format === 'html-document' ? renderHtmlDocument(r.model) : renderHtml(r.model) };
}

/**
 * `amo/render`: a deliverable of an open document as an HTML fragment (preview), a self-contained
 * HTML file or a DOCX file. A broken document answers with `error` and no HTML: the preview keeps
 * its last good render.
 */
export const renderFeature: Feature = {
  capabilities: {},
  register(ctx) {
    ctx.connection.onRequest(RenderRequest, (params, token) =>
      runSafe<RenderResult>(ctx.log, `amo/render of ${params.uri}`, token, { html: '', version: null, deliverables: [], error: 'Erreur interne du rendu (voir le journal AMO).' }, () => render(ctx, params)),
    );
  },
};
