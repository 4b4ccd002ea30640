import { reserveOpen } from '../model/reception';
import { isMap, isPair, isSeq, type Node, type Pair } from 'yaml';
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver-types';
import type { ParsedDocument } from '../parse';
import { pick, type Locale } from '../types';
import { date, own } from '../util/data';
import { SYMBOL_KIND } from './kinds';
import { field, keyText, nodeSpan, pairSpan, scalarNumber, scalarText } from './yamlSpans';

interface Ctx {
  parsed: ParsedDocument;
  locale: Locale;
}

type Describe = (ctx: Ctx, item: Node) => { detail?: string; children?: DocumentSymbol[] };

/** How each top-level key of a programme or consultation appears in the outline (others: a property). */
const PROGRAMME: Record<string, (ctx: Ctx, pair: Pair) => DocumentSymbol | undefined> = {
  operation: (ctx, pair) => section(ctx, pair, SymbolKind.Package, join(text(pair.value, 'id'), text(pair.value, 'intitule'))),
  acteurs: list(SYMBOL_KIND.acteur, (_, a) => ({ detail: join(text(a, 'role'), text(a, 'nom')) })),
  objectifs: list(SYMBOL_KIND.objectif, (_, o) => ({ detail: text(o, 'libelle') })),
  besoins: list(SYMBOL_KIND.besoin, (_, b) => ({ detail: text(b, 'libelle') })),
  phases: list(SYMBOL_KIND.phase, (ctx, p) => ({
    detail: join(text(p, 'code'), text(p, 'libelle')),
    children: [...items(ctx, field(p, 'livrables'), SYMBOL_KIND.livrable, (_, l) => ({ detail: join(text(l, 'libelle'), text(l, 'echeance')) })), ...items(ctx, field(p, 'jalons'), SYMBOL_KIND.jalon, (_, j) => ({ detail: join(text(j, 'libelle'), text(j, 'date')) }))],
  })),
  risques: list(SYMBOL_KIND.risque, (ctx, r) => ({ detail: join(criticality(ctx, r), text(r, 'titre')) })),
  enveloppe_financiere: (ctx, pair) => section(ctx, pair, SymbolKind.Namespace, amount(ctx, field(pair.value, 'montant_ht')), items(ctx, field(pair.value, 'decomposition'), SYMBOL_KIND.decomposition, (c, d) => ({ detail: join(text(d, 'libelle'), amount(c, field(d, 'montant_ht'))) }))),
  financement: list(SYMBOL_KIND.financement, (c, f) => ({ detail: join(text(f, 'financeur'), amount(c, field(f, 'montant_ht'))) })),
  indicateurs: list(SymbolKind.Number, (ctx, i) => ({ detail: join(text(i, 'libelle'), lastMeasure(ctx, i)) })),
};

const CONSULTATION: Record<string, (ctx: Ctx, pair: Pair) => DocumentSymbol | undefined> = {
  procedure: (ctx, pair) => section(ctx, pair, SymbolKind.Enum, join(text(pair.value, 'type'), text(pair.value, 'motif'))),
  lots: list(SYMBOL_KIND.lot, (ctx, l) => ({ detail: join(text(l, 'intitule'), amount(ctx, field(l, 'valeur_estimee_ht'))), children: criteria(ctx, field(l, 'criteres')) })),
  criteres: (ctx, pair) => section(ctx, pair, SymbolKind.Array, total(pair.value), criteria(ctx, pair.value)),
  offres: list(SYMBOL_KIND.offre, (ctx, o) => ({ detail: join(text(o, 'candidat'), text(o, 'lot'), amount(ctx, field(o, 'prix_ht'))) })),
  reception: (ctx, pair) => {
    const reserves = field(pair.value, 'reserves');
    const children = items(ctx, reserves, SymbolKind.Event, (c, r) => ({ detail: join(reserveState(c, r), text(r, 'lot'), text(r, 'entreprise'), text(r, 'localisation')) }));
    return section(ctx, pair, SymbolKind.Namespace, join(text(pair.value, 'decision'), text(pair.value, 'date_reception'), openReserves(ctx, reserves)), children);
  },
};

/** Outline, breadcrumbs and sticky scroll each ask for the symbols of the same version: built once per parse and locale. */
const cache = new WeakMap<ParsedDocument, Partial<Record<Locale, DocumentSymbol[]>>>();

/** The outline of a programme or consultation; empty for other documents or an empty one. */
export function getDocumentSymbols(parsed: ParsedDocument, locale: Locale): DocumentSymbol[] {
  let byLocale = cache.get(parsed);
  if (!byLocale) cache.set(parsed, (byLocale = {}));
  return (byLocale[locale] ??= buildSymbols(parsed, locale));
}

function buildSymbols(parsed: ParsedDocument, locale: Locale): DocumentSymbol[] {
  const root = parsed.doc.contents;
  if (!parsed.kind || !isMap(root)) return [];
  const ctx: Ctx = { parsed, locale };
  const builders = parsed.kind === 'programme' ? PROGRAMME : CONSULTATION;
  const out: DocumentSymbol[] = [];
  for (const pair of root.items) {
    if (!isPair(pair)) continue;
    const build = own(builders, keyText(pair));
    const sym = build ? build(ctx, pair) : section(ctx, pair, SymbolKind.Property, short(scalarText(pair.value)));
    if (sym) out.push(sym);
  }
  return out;
}

function range(ctx: Ctx, span: [number, number]) {
  return ctx.parsed.lines.range(span[0], span[1]);
}

/** A symbol for `key: value`, named after the key. */
function section(ctx: Ctx, pair: Pair, kind: SymbolKind, detail?: string, children?: DocumentSymbol[]): DocumentSymbol | undefined {
  const span = pairSpan(ctx.parsed.text, pair);
  const key = nodeSpan(ctx.parsed.text, pair.key);
  if (!span || !key || !keyText(pair)) return undefined;
  return { name: keyText(pair), kind, detail, range: range(ctx, span), selectionRange: range(ctx, key), children: children ?? [] };
}

/** A list section (`acteurs:`…) whose items are symbols of `kind`. */
function list(kind: SymbolKind, describe: Describe) {
  return (ctx: Ctx, pair: Pair) => {
    const children = items(ctx, pair.value, kind, describe);
    return section(ctx, pair, SymbolKind.Array, String(children.length), children);
  };
}

/** One symbol per item of a sequence, named after its id (else its label, else its position). */
function items(ctx: Ctx, seq: unknown, kind: SymbolKind, describe: Describe): DocumentSymbol[] {
  if (!isSeq(seq)) return [];
  const out: DocumentSymbol[] = [];
  seq.items.forEach((item, i) => {
    const span = nodeSpan(ctx.parsed.text, item);
    if (!span || !isMap(item)) return;
    const idNode = field(item, 'id');
    const name = scalarText(idNode) || text(item, 'libelle') || text(item, 'titre') || text(item, 'candidat') || `#${i + 1}`;
    const idSpan = nodeSpan(ctx.parsed.text, idNode);
    const selection = idSpan && idSpan[0] >= span[0] && idSpan[1] <= span[1] ? idSpan : [span[0], Math.min(span[1], ctx.parsed.lines.lineEnd(ctx.parsed.lines.positionAt(span[0]).line))] as [number, number];
    const { detail, children } = describe(ctx, item);
    out.push({ name, kind, detail, range: range(ctx, span), selectionRange: range(ctx, selection), children: children ?? [] });
  });
  return out;
}

/** A criteria list as a tree: criteria, then their sub-criteria, with the weight in `detail`. */
function criteria(ctx: Ctx, seq: unknown): DocumentSymbol[] {
  return items(ctx, seq, SYMBOL_KIND.critere, (c, crit) => ({
    detail: join(weight(c, crit), text(crit, 'libelle')),
    children: items(c, field(crit, 'sous_criteres'), SYMBOL_KIND.critere, (c2, sub) => ({ detail: join(weight(c2, sub), text(sub, 'libelle')) })),
  }));
}

function weight(ctx: Ctx, crit: Node): string | undefined {
  const p = scalarNumber(field(crit, 'ponderation'));
  if (p !== undefined) return String(p);
  const f = field(crit, 'fourchette');
  const [min, max] = [scalarNumber(field(f, 'min')), scalarNumber(field(f, 'max'))];
  if (min !== undefined && max !== undefined) return `${min}–${max}`;
  const rank = scalarNumber(field(crit, 'rang'));
  return rank !== undefined ? `${pick({ fr: 'rang', en: 'rank' }, ctx.locale)} ${rank}` : undefined;
}

/** `Σ 100`: the sum of the criteria's numeric weights, when there is one. */
function total(seq: unknown): string | undefined {
  if (!isSeq(seq)) return undefined;
  const weights = seq.items.map((c) => scalarNumber(field(c, 'ponderation'))).filter((w): w is number => w !== undefined);
  return weights.length ? `Σ ${weights.reduce((a, b) => a + b, 0)}` : undefined;
}

/** `criticite`, else probability × impact (RSK-002's definition). */
function criticality(ctx: Ctx, risk: Node): string | undefined {
  const declared = scalarNumber(field(risk, 'criticite'));
  const p = scalarNumber(field(risk, 'probabilite'));
  const i = scalarNumber(field(risk, 'impact'));
  const c = declared ?? (p !== undefined && i !== undefined ? p * i : undefined);
  return c === undefined ? undefined : `${pick({ fr: 'criticité', en: 'criticality' }, ctx.locale)} ${c}`;
}

function amount(ctx: Ctx, node: unknown): string | undefined {
  const n = scalarNumber(node);
  if (n === undefined) return undefined;
  const [int, dec] = Math.abs(n).toFixed(n % 1 === 0 ? 0 : 2).split('.');
  const sep = ctx.locale === 'fr' ? ' ' : ',';
  const grouped = (n < 0 ? '-' : '') + int.replace(/\B(?=(\d{3})+(?!\d))/g, sep) + (dec ? (ctx.locale === 'fr' ? ',' : '.') + dec : '');
  return ctx.locale === 'fr' ? `${grouped} € HT` : `€${grouped} excl. VAT`;
}

function text(node: unknown, key: string): string | undefined {
  return short(scalarText(field(node, key)));
}

function short(s: string | undefined): string | undefined {
  if (s === undefined) return undefined;
  const line = s.replace(/\s+/g, ' ').trim();
  return line.length > 80 ? `${line.slice(0, 79)}…` : line || undefined;
}

function join(...parts: (string | undefined)[]): string | undefined {
  const kept = parts.filter((p): p is string => !!p);
  return kept.length ? kept.join(' — ') : undefined;
}

/** A reserve as the REC- rules read it (rules/reception.ts), from its YAML node. */
function isOpen(r: Node): boolean {
  return reserveOpen({ statut: scalarText(field(r, 'statut')), date_levee: scalarText(field(r, 'date_levee')) });
}

/** `ouverte`, `levee`…: the reserve's statut, or what it means when absent (open, or lifted by its date). */
function reserveState(ctx: Ctx, r: Node): string | undefined {
  return text(r, 'statut') ?? (isOpen(r) ? pick({ fr: 'ouverte', en: 'open' }, ctx.locale) : pick({ fr: 'levée', en: 'lifted' }, ctx.locale));
}

/** `2 réserves ouvertes sur 5`. */
function openReserves(ctx: Ctx, seq: unknown): string | undefined {
  if (!isSeq(seq) || seq.items.length === 0) return undefined;
  const open = seq.items.filter((r) => isMap(r) && isOpen(r as Node)).length;
  return pick({ fr: `${open} réserve${open > 1 ? 's' : ''} ouverte${open > 1 ? 's' : ''} sur ${seq.items.length}`, en: `${open} open reserve${open > 1 ? 's' : ''} of ${seq.items.length}` }, ctx.locale);
}

/** `5 % / cible 10`: the indicator's latest measure (by date) against its target. */
function lastMeasure(ctx: Ctx, ind: Node): string | undefined {
  const measures = field(ind, 'mesures');
  if (!isSeq(measures)) return undefined;
  let best: { date: string; value: number } | undefined;
  for (const m of measures.items) {
    const d = date(scalarText(field(m, 'date')));
    const v = scalarNumber(field(m, 'valeur'));
    if (d !== undefined && v !== undefined && (!best || d >= best.date)) best = { date: d, value: v };
  }
  if (!best) return undefined;
  const unit = text(ind, 'unite');
  const target = scalarNumber(field(ind, 'cible'));
  const value = `${ctx.locale === 'fr' ? String(best.value).replace('.', ',') : best.value}${unit ? ` ${unit}` : ''}`;
  const t = ctx.locale === 'fr' ? String(target).replace('.', ',') : String(target);
  return target === undefined ? value : `${value} / ${pick({ fr: 'cible', en: 'target' }, ctx.locale)} ${t}`;
}
