/**
 * What makes the RAO a report and not a scoring annex: its metadata (date, author,
 * version — never today's date), the candidatures stage, the negotiation when the procedure has one,
 * the written appreciation of each offer per criterion (placeholder boxes where the file has none),
 * the proposed decision and the visa blocks. Internal notes (`note_interne`, YAML comments) are never
 * printed. Pure.
 */
import { entities } from '../language-service/model/build';
import { admissible, offerId } from '../language-service/model/lotRanking';
import { procedureType } from '../language-service/model/consultation';
import { date, list, obj, str, type Obj } from '../language-service/util/data';
import type { SourceDoc } from './context';
import { decimal } from './format';
import { enumLabel } from './labels';
import { cell, heading, para, type Block, type Row, type Table } from './model';
import type { LotOffers } from './raoLot';
import { dateWords, plural } from './typography';

/** Procedures whose RAO records the negotiation (R2123-5 MAPA: optional but to be stated; PN; dialogue). */
const NEGOTIATED = new Set(['MAPA', 'PN', 'DC']);

const PLACEHOLDER = 'À rédiger : points forts et points faibles de l’offre au regard du critère.';

/** A criterion's short label for a column header: "Valeur technique, appréciée au vu du mémoire" → "Valeur technique". */
export function shortLabel(label: string): string {
  const head = label.split(/[,(:;]/)[0].trim();
  return head.length > 48 ? `${head.slice(0, 47)}…` : head || label;
}

/** Strips the internal caveats a deliverable must not show ("[à vérifier …]", "Formule retenue par AMO Authoring"). */
export function publicText(s: string): string {
  return s
    .replace(/\s*Formule retenue par AMO Authoring\s*\[[^\]]*\]\s*;?\s*/g, ' ')
    .replace(/\s*\[à vérifier[^\]]*\]/gi, '')
    // Advice to the file's author ("déclarez « methode: autre »…") is not for the report's readers.
    .replace(/\s*;?\s*si le RC fixe une autre formule[^.]*\./g, '.')
    .replace(/\.\s*\./g, '.')
    .replace(/\s{2,}/g, ' ')
    .trim();
}

export interface ReportMeta {
  date?: string;
  auteur?: string;
  version?: string;
}

export function reportMeta(data: Obj): ReportMeta {
  const r = obj(data.rapport);
  return { date: date(r.date), auteur: str(r.auteur)?.trim() || undefined, version: str(r.version)?.trim() || undefined };
}

/** Meta lines of the cover: the report's date (or « à compléter »), its author and version. */
export function reportMetaLines(data: Obj): { label: string; value: string }[] {
  const m = reportMeta(data);
  return [
    { label: 'Date du rapport', value: m.date ? dateWords(m.date) : 'à compléter' },
    ...(m.auteur ? [{ label: 'Rédigé par', value: m.auteur }] : []),
    ...(m.version ? [{ label: 'Version', value: m.version }] : []),
  ];
}

/** Examen des candidatures: admitted / rejected with reason, or a box to fill. */
export function candidaturesBlocks(src: SourceDoc, n: string): Block[] {
  const { data } = src;
  const out: Block[] = [heading(2, `${n}. Examen des candidatures`, src.src.at('candidatures'))];
  const list = entities(data, 'candidatures', []);
  if (!list.length) {
    out.push(
      para('À compléter («\u00a0candidatures\u00a0») : candidats admis et écartés, avec le motif de chaque rejet (capacités, pièces manquantes après demande de complément, R2144-2 à R2144-7).', { tone: 'warning', line: src.src.at('offres') }),
      { kind: 'table', columns: [{ label: 'Candidat' }, { label: 'Décision' }, { label: 'Motif ou observations' }], rows: [{ kind: 'blank', cells: [cell(''), cell(''), cell('')] }] },
    );
    return out;
  }
  const rejected = list.filter(({ o }) => str(o.statut) === 'rejetee').length;
  out.push(para(`${plural(list.length, 'candidature examinée', 'candidatures examinées')}, dont ${plural(list.length - rejected, 'admise', 'admises')} et ${plural(rejected, 'rejetée', 'rejetées')}.`));
  out.push({
    kind: 'table',
    columns: [{ label: 'Candidat' }, { label: 'Décision' }, { label: 'Motif ou observations' }],
    rows: list.map(({ o, path }): Row => ({
      line: src.src.at(...path),
      kind: str(o.statut) === 'rejetee' ? 'flag' : undefined,
      cells: [cell(str(o.candidat) ?? '—'), cell(o.statut === undefined ? 'à compléter' : enumLabel('consultation', 'candidatures.statut', o.statut), { tone: str(o.statut) === 'rejetee' ? 'crit' : undefined }), cell(str(o.motif) ?? (str(o.statut) === 'rejetee' ? 'motif à préciser' : '—'))],
    })),
  });
  return out;
}

/** The negotiation, when the procedure has one (or the file records one). Empty otherwise. */
export function negotiationBlocks(src: SourceDoc, n: string): Block[] {
  const { data } = src;
  const type = procedureType(data);
  const neg = obj(data.negociation);
  const recorded = Object.keys(neg).length > 0;
  if (!recorded && !(type && NEGOTIATED.has(type))) return [];
  const out: Block[] = [heading(2, `${n}. Négociation`, src.src.at('negociation'))];
  if (!recorded || typeof neg.menee !== 'boolean') {
    out.push(para(`À compléter («\u00a0negociation.menee\u00a0») : le rapport indique si la négociation prévue au règlement de la consultation a été mise en œuvre, avec quels candidats et sur quels points${type === 'MAPA' ? ' (R2123-5)' : ''}.`, { tone: 'warning', line: src.src.at('negociation') ?? src.src.at('procedure') }));
    return out;
  }
  if (!neg.menee) {
    out.push(para('L’acheteur n’a pas mis en œuvre la négociation : l’attribution est proposée sur la base des offres initiales, comme le règlement de la consultation le permettait.', { line: src.src.at('negociation', 'menee') }));
    return out;
  }
  const who = list(neg.candidats).map((x) => str(x)).filter((x): x is string => !!x);
  out.push(para(`Une négociation a été menée${date(neg.date) ? ` à partir du ${dateWords(date(neg.date))}` : ''}${who.length ? ` avec ${who.join(', ')}` : ''}, dans le respect de l’égalité de traitement des candidats.`, { line: src.src.at('negociation') }));
  const how = str(neg.deroulement);
  out.push(how ? para(how, { line: src.src.at('negociation', 'deroulement') }) : para('Déroulement et résultat à décrire («\u00a0negociation.deroulement\u00a0»).', { tone: 'warning' }));
  return out;
}

/** Written appreciation of each classed offer, criterion by criterion (sub-criteria when it has them); boxes to fill where absent. */
export function appreciationBlocks(src: SourceDoc, lot: LotOffers, n: string, nmax: number): Block[] {
  const ranked = lot.offers.filter(({ o }) => admissible(o));
  const targets = lot.view.criteria.filter((c) => !c.isPrice).flatMap((c) => (c.subs.length ? c.subs.map((s) => ({ id: s.id, label: s.label })) : [{ id: c.id, label: c.label }]));
  if (!ranked.length || !targets.length) return [];
  const out: Block[] = [heading(3, `${n}.4 Appréciation des offres`)];
  let missing = 0;
  for (const { o, i } of ranked) {
    const notes = obj(o.notes);
    const written = obj(o.appreciations);
    const rows: Row[] = targets.map((t) => {
      const text = str(written[t.id])?.trim();
      if (!text) missing++;
      const note = typeof notes[t.id] === 'number' ? decimal(notes[t.id] as number, 2) : '—';
      return { line: src.src.at('offres', i, 'appreciations', t.id) ?? src.src.at('offres', i), kind: text ? undefined : 'blank', cells: [cell(t.label), cell(note, { align: 'right' }), cell(text ?? PLACEHOLDER, { tone: text ? undefined : 'muted' })] };
    });
    const t: Table = { kind: 'table', columns: [{ label: `${str(o.candidat) ?? offerId(o, i)} — critère` }, { label: `Note /${decimal(nmax)}`, align: 'right' }, { label: 'Appréciation' }], rows, line: src.src.at('offres', i) };
    out.push(t);
  }
  if (missing) out.push(para(`${plural(missing, 'appréciation reste', 'appréciations restent')} à rédiger («\u00a0offres[].appreciations\u00a0», par id de critère ou de sous-critère) : une note sans justification écrite ne permet pas de répondre à un candidat évincé (R2181-3) ni de défendre le classement en référé.`, { tone: 'warning' }));
  return out;
}

/** Proposed decision and the visa/signature blocks that close the report. */
export function closingBlocks(src: SourceDoc, n: number, proposals: string[]): Block[] {
  const { data } = src;
  const r = obj(data.rapport);
  const meta = reportMeta(data);
  const out: Block[] = [heading(2, `${n}. Proposition de décision`, src.src.at('rapport'))];
  const declared = str(r.decision_proposee)?.trim();
  if (declared) out.push(para(declared, { line: src.src.at('rapport', 'decision_proposee') }));
  if (proposals.length) out.push({ kind: 'list', items: proposals.map((p) => ({ content: [p] })) });
  else if (!declared) out.push(para('À compléter : décision proposée au pouvoir adjudicateur.', { tone: 'warning' }));
  const visas = entities(r, 'visas', ['rapport']);
  const rows: Row[] = [
    { kind: 'sign', line: src.src.at('rapport', 'auteur'), cells: [cell('Rédigé par', { strong: true }), cell(meta.auteur ?? ''), cell(meta.date ? `Le ${dateWords(meta.date)}` : '')] },
    ...visas.map(({ o, path }): Row => ({ kind: 'sign', line: src.src.at(...path), cells: [cell(str(o.qualite) ?? 'Visa', { strong: true }), cell(str(o.nom) ?? ''), cell(date(o.date) ? `Le ${dateWords(date(o.date))}` : '')] })),
  ];
  if (!visas.length) rows.push({ kind: 'sign', cells: [cell('Validé par', { strong: true }), cell(''), cell('')] });
  out.push(heading(2, `${n + 1}. Visas`, src.src.at('rapport', 'visas')), { kind: 'table', columns: [{ label: 'Qualité' }, { label: 'Nom' }, { label: 'Date et signature', width: 40 }], rows });
  return out;
}
