import { docKindOf, type TextDocumentLike } from '../language-service';
import { isXlsxDeliverable, renderXlsx } from '../office';
import { parseMapping, planImport } from '../office/importOffers';
import { LIMITS, readCsv, readXlsx, SheetError } from '../office/sheetRead';
import { ImportOffersRequest, XlsxRequest, type ImportOffersParams, type ImportOffersResult, type XlsxParams, type XlsxResult } from '../officeProtocol';
import type { RenderEnv } from '../render';
import { runSafe } from '../runner';
import type { Feature, FeatureContext } from './types';

function env(ctx: FeatureContext): RenderEnv {
  return {
    service: ctx.service,
    readText: (uri) => ctx.documents.get(uri)?.getText() ?? ctx.readText?.(uri),
    today: ctx.today?.() ?? new Date().toISOString().slice(0, 10),
    consultations: () => {
      const uris = new Set([...(ctx.listDocuments?.() ?? []), ...ctx.documents.all().map((d) => d.uri)]);
      const out: TextDocumentLike[] = [];
      for (const uri of uris) {
        const text = docKindOf(uri) === 'consultation' ? (ctx.documents.get(uri)?.getText() ?? ctx.readText?.(uri)) : undefined;
        if (text !== undefined) out.push({ uri, text });
      }
      return out;
    },
  };
}

async function xlsx(ctx: FeatureContext, p: XlsxParams): Promise<XlsxResult> {
  const doc = ctx.documents.get(p.uri);
  if (!doc) return { error: 'Document non ouvert dans le serveur AMO.' };
  if (!isXlsxDeliverable(String(p.deliverable))) return { error: `Livrable XLSX inconnu : ${String(p.deliverable)}.` };
  const r = await renderXlsx(env(ctx), { uri: doc.uri, text: doc.getText() }, p.deliverable);
  return r.bytes ? { data: r.bytes.toString('base64') } : { error: r.error };
}

async function importOffers(ctx: FeatureContext, p: ImportOffersParams): Promise<ImportOffersResult> {
  const doc = ctx.documents.get(p.uri);
  const fail = (e: string): ImportOffersResult => ({ errors: [e], changes: [], newOffers: 0, version: doc?.version ?? null });
  if (!doc || docKindOf(p.uri) !== 'consultation') return fail('Ouvrez une consultation (*.consultation.yaml) / open a consultation.');
  if (typeof p.data !== 'string' || p.data.length > (LIMITS.fileBytes * 4) / 3 + 4) return fail(`fichier trop grand (au plus ${LIMITS.fileBytes} octets) / file too large`);
  try {
    const bytes = Buffer.from(p.data, 'base64');
    const name = String(p.name ?? 'feuille');
    const sheets = /\.csv$/i.test(name) ? readCsv(bytes.toString('utf8'), name.split(/[\\/]/).pop()) : await readXlsx(bytes);
    const mapping = p.mapping === undefined ? undefined : parseMapping(p.mapping);
    const r = planImport(doc.getText(), sheets, mapping);
    return { ...r, version: doc.version };
  } catch (err) {
    if (err instanceof SheetError || err instanceof Error) return fail(`${p.name}: ${err.message}`);
    throw err;
  }
}

/** `amo/xlsx` (XLSX export of the RAO, grid, risks, planning) and `amo/importOffers` (offers from a sheet). */
export const officeFeature: Feature = {
  // Announced so that a client offers XLSX only where a server serves it (not the browser worker).
  capabilities: { experimental: { amoOffice: true } },
  register(ctx) {
    ctx.connection.onRequest(XlsxRequest, (params, token) => runSafe<XlsxResult>(ctx.log, `amo/xlsx of ${params.uri}`, token, { error: 'Erreur interne de l’export XLSX (voir le journal AMO).' }, () => xlsx(ctx, params)));
    ctx.connection.onRequest(ImportOffersRequest, (params, token) =>
      runSafe<ImportOffersResult>(ctx.log, `amo/importOffers of ${params.uri}`, token, { errors: ['Erreur interne de l’import (voir le journal AMO).'], changes: [], newOffers: 0, version: null }, () => importOffers(ctx, params)),
    );
  },
};
