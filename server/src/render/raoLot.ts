import { admissible, offerId, priceOf, priceSetup as rankingPriceSetup, scoreLotOffers, type PriceSetup as RankingPriceSetup, type RankingLot } from '../language-service/model/lotRanking';
import { detectOab, PRICE_FORMULAS, simulate, type LotScore } from '../language-service/scoring';
import { num, obj, own, str, type Obj } from '../language-service/util/data';
import type { SourceDoc } from './context';
import type { CriteriaView } from './criteria';
import { decimal, money, score, signedPercent } from './format';
import { enumLabel, OFFER_STATUS_BASIS } from './labels';
import { cell, heading, num as numCell, para, strong, type Block, type Row, type Table } from './model';
import { appreciationBlocks, shortLabel } from './raoReport';

/** The offers of one lot (ranked by language-service/lotRanking.ts), with everything the RAO prints about them. */
export interface LotOffers extends RankingLot {
  title: string;
  view: CriteriaView;
}

interface PriceSetup extends RankingPriceSetup {
  baseWarning?: string;
}

/** The lot's price setup, with the warning the RAO prints when base TTC falls back to HT. */
function priceSetup(data: Obj, lot: LotOffers): PriceSetup {
  const setup = rankingPriceSetup(data, lot.offers);
  if (!setup.missingTtc.length) return setup;
  const names = setup.missingTtc.map(({ o }) => str(o.candidat) ?? str(o.id) ?? '?');
  return { ...setup, baseWarning: `Base TTC demandée, mais sans prix TTC pour ${names.join(', ')} : les prix sont comparés HT pour ce lot.` };
}

const name = (o: Obj): string => str(o.candidat) ?? str(o.id) ?? '?';

function regularity(src: SourceDoc, lot: LotOffers, n: string): Block[] {
  return [
    heading(3, `${n}.1 Régularité et recevabilité des offres`),
    {
      kind: 'table',
      columns: [{ label: 'Candidat' }, { label: 'Prix HT', align: 'right' }, { label: 'Prix TTC', align: 'right' }, { label: 'Statut' }, { label: 'Fondement' }],
      rows: lot.offers.map(({ o, i }) => ({
        line: src.src.at('offres', i),
        kind: admissible(o) ? undefined : 'flag',
        cells: [cell(name(o)), numCell(num(o.prix_ht) === undefined ? '—' : money(num(o.prix_ht) as number)), numCell(num(o.prix_ttc) === undefined ? '—' : money(num(o.prix_ttc) as number)), cell(enumLabel('consultation', 'offres.statut', o.statut ?? 'recevable'), { tone: admissible(o) ? 'ok' : 'crit' }), cell(own(OFFER_STATUS_BASIS, str(o.statut) ?? 'recevable') ?? '—')],
      })),
    },
  ];
}

function abnormallyLow(src: SourceDoc, lot: LotOffers, n: string): Block[] {
  const { data } = src;
  // Detection looks at every offer that is a genuine offer (abnormally low ones included), on HT prices.
  const sample = lot.offers.filter(({ o }) => !['irreguliere', 'inacceptable', 'inappropriee'].includes(str(o.statut) ?? '') && num(o.prix_ht) !== undefined);
  const r = detectOab(str(obj(data.oab).detection), sample.map(({ o, i }) => ({ id: offerId(o, i), price: num(o.prix_ht) as number })), num(lot.lot?.valeur_estimee_ht));
  const rows: Row[] = sample.map(({ o, i }) => {
    const id = offerId(o, i);
    const below = r.below.includes(id);
    const rejected = str(o.statut) === 'anormalement_basse';
    const outcome = rejected
      ? `${below ? 'Sous le seuil. ' : 'Retenue sur un faisceau d’indices. '}Précisions demandées, justifications insuffisantes : offre rejetée (R2152-4).${str(o.justification_oab) ? ` ${str(o.justification_oab)}` : ''}`
      : below
        ? str(o.justification_oab)
          ? `Sous le seuil : précisions demandées (R2152-3), justifications admises. ${str(o.justification_oab)}`
          : 'Sous le seuil : demander par écrit des précisions et justifications (R2152-3) avant de classer l’offre.'
        : '—';
    const p = num(o.prix_ht) as number;
    return { line: src.src.at('offres', i), kind: below || rejected ? 'flag' : undefined, cells: [cell(name(o)), numCell(money(p)), numCell(r.mean ? signedPercent(p - r.mean, r.mean) : '—'), cell(below ? 'oui' : 'non', { tone: below ? 'warn' : undefined }), cell(outcome, { tone: rejected ? 'crit' : below && !str(o.justification_oab) ? 'warn' : undefined })] };
  });
  const stats = [
    `${r.n} offre(s) examinée(s), prix HT`,
    r.mean !== undefined ? `moyenne ${money(r.mean)}` : undefined,
    r.sigma !== undefined ? `écart-type σ ${money(r.sigma)}` : undefined,
    r.mean2 !== undefined ? `seconde moyenne ${money(r.mean2)}` : undefined,
    r.threshold !== undefined ? `seuil d’anomalie ${money(r.threshold)}` : 'seuil non calculable',
  ].filter(Boolean);
  return [
    heading(3, `${n}.2 Détection des offres anormalement basses`, src.src.at('oab')),
    para([`Indicateur : ${str(obj(data.oab).detection) ?? 'moyenne moins un écart-type (par défaut)'}${r.declared ? '' : ' — non reconnu, moyenne moins un écart-type appliquée'}. `, strong(r.formula), `. ${stats.join(' ; ')}.`], { line: src.src.at('oab', 'detection') }),
    { kind: 'table', columns: [{ label: 'Candidat' }, { label: 'Prix HT', align: 'right' }, { label: 'Écart à la moyenne', align: 'right' }, { label: 'Sous le seuil' }, { label: 'Suite donnée' }], rows },
    para('Le seuil n’est qu’un indice : il déclenche la procédure contradictoire, jamais un rejet automatique (L2152-6, R2152-3, R2152-4 ; CJUE 29 mars 2012, C-599/10). Une offre n’est rejetée qu’après examen de ses justifications.', { tone: 'legal' }),
  ];
}

function scoringGrid(src: SourceDoc, lot: LotOffers, n: string, setup: PriceSetup, s: LotScore): Block[] {
  const ranked = lot.offers.filter(({ o }) => admissible(o));
  const ids = ranked.map(({ o, i }) => offerId(o, i));
  const scored = new Map(s.offers.map((x) => [x.id, x]));
  const out: Block[] = [heading(3, `${n}.3 Notation par critère et sous-critère`)];
  const price = lot.view.criteria.find((c) => c.isPrice);
  if (price && setup.method && s.stats) {
    const f = PRICE_FORMULAS[setup.method];
    out.push(para([`Prix (${setup.base}) : méthode ${setup.method}, `, strong(f), `, Nmax = ${decimal(setup.nmax)} ; Pmin = ${money(s.stats.pmin)}, Pmax = ${money(s.stats.pmax)}, Pmoy = ${money(s.stats.pmoy)} sur les ${s.stats.n} offre(s) classée(s).`], { line: src.src.at('notation_prix') }));
    out.push({
      kind: 'table',
      columns: [{ label: 'Candidat' }, { label: `Prix ${setup.base}`, align: 'right' }, { label: 'Calcul' }, { label: 'Note du prix', align: 'right' }],
      rows: ranked
        .filter(({ o, i }) => !scored.get(offerId(o, i))?.excluded)
        .map(({ o, i }) => {
          const p = priceOf(o, setup.base);
          const note = scored.get(offerId(o, i))?.notes[price.id]?.note;
          const st = s.stats as NonNullable<LotScore['stats']>;
          const calc = p === undefined ? '—' : setup.method === 'classique' ? `${decimal(setup.nmax)} × ${money(st.pmin)} / ${money(p)}` : setup.method === 'lineaire' ? `${decimal(setup.nmax)} × (${money(st.pmax)} − ${money(p)}) / (${money(st.pmax)} − ${money(st.pmin)})` : `${decimal(setup.nmax)} × [1 − (${money(p)} − ${money(st.pmin)}) / (2 × (${money(st.pmoy)} − ${money(st.pmin)}))]`;
          return { line: src.src.at('offres', i), cells: [cell(name(o)), numCell(p === undefined ? '—' : money(p)), cell(calc), numCell(note === undefined ? '—' : score(note), { strong: true })] };
        }),
    });
  } else if (price && !setup.method) {
    out.push(para('Méthode de notation du prix personnalisée (« autre ») : les notes du prix sont celles saisies dans « notes ».', { tone: 'note' }));
  }
  const rows: Row[] = [];
  for (const c of lot.view.criteria) {
    rows.push({ line: c.line, cells: [cell(`${c.label} (${c.weightText})`, { strong: true }), ...ids.map((id) => numCell(fmt(scored.get(id)?.notes[c.id]?.note), { strong: true }))] });
    for (const sc of c.subs) {
      rows.push({ kind: 'sub', line: sc.line, cells: [cell(`${sc.label} (${sc.weightText})`), ...ranked.map(({ o }) => numCell(fmt(num(obj(o.notes)[sc.id]))))] });
    }
  }
  out.push(
    // Four candidates or more, or long names (groups), need a landscape page.
    { kind: 'table', columns: [{ label: `Notes sur ${decimal(setup.nmax)}` }, ...ranked.map(({ o }) => ({ label: name(o), align: 'right' as const }))], rows, wide: ranked.length >= 4 || ranked.reduce((n, { o }) => n + name(o).length, 0) > 90 ? true : undefined },
    para('Note d’un critère à sous-critères = Σ (note du sous-critère × sa pondération) / Σ des pondérations des sous-critères. Une note manquante compte pour 0.', { tone: 'note' }),
  );
  return out;
}

const fmt = (n: number | undefined): string => (n === undefined ? '—' : score(n));

function ranking(src: SourceDoc, lot: LotOffers, n: string, s: LotScore, k: number): Block[] {
  const byId = new Map(lot.offers.map(({ o, i }) => [offerId(o, i), { o, i }]));
  const order = [...s.offers].sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || b.total - a.total);
  const table: Table = {
    kind: 'table',
    columns: [{ label: 'Rang', align: 'right' }, { label: 'Candidat' }, ...lot.view.criteria.map((c) => ({ label: `${shortLabel(c.label)} (${c.weightText})`, align: 'right' as const })), { label: `Total sur ${decimal(s.maxTotal)}`, align: 'right' }],
    rows: order.map((x) => {
      const { o, i } = byId.get(x.id) as { o: Obj; i: number };
      const why = x.excluded === 'inadmissible' ? `non classée (${enumLabel('consultation', 'offres.statut', o.statut).toLowerCase()})` : x.excluded === 'eliminatoire' ? 'éliminée (note éliminatoire)' : undefined;
      return {
        line: src.src.at('offres', i),
        kind: why ? 'muted' : x.rank === 1 ? 'total' : undefined,
        cells: [numCell(x.rank === undefined ? '—' : String(x.rank)), cell(why ? `${name(o)} — ${why}` : name(o)), ...lot.view.criteria.map((c) => numCell(why ? '—' : score(x.notes[c.id]?.points ?? 0))), numCell(why ? '—' : score(x.total), { strong: true })],
      };
    }),
    caption: 'Points d’un critère = pondération × note / Nmax ; total = somme des points. Classement sur les totaux non arrondis.',
  };
  const first = order.filter((x) => x.rank === 1);
  const out: Block[] = [heading(3, `${n}.${k} Pondération et classement`), table, heading(3, `${n}.${k + 1} Proposition d’attribution`)];
  if (first.length === 1) {
    const { o, i } = byId.get(first[0].id) as { o: Obj; i: number };
    const ht = num(o.prix_ht);
    const ttc = num(o.prix_ttc);
    out.push(para(['Il est proposé d’attribuer ', strong(lot.lotId ? `le lot ${lot.lotId}` : 'le marché'), ' à ', strong(name(o)), `, offre économiquement la plus avantageuse (${score(first[0].total)} points sur ${decimal(s.maxTotal)})`, ht !== undefined ? `, pour un montant de ${money(ht)} HT${ttc !== undefined ? ` (${money(ttc)} TTC)` : ''}` : '', '.'], { line: src.src.at('offres', i) }));
  } else if (first.length > 1) {
    out.push(para(`Égalité au premier rang (${first.map((x) => name((byId.get(x.id) as { o: Obj }).o)).join(', ')}) : le RC doit prévoir la règle de départage.`, { tone: 'warning' }));
  } else {
    out.push(para('Aucune offre classée : le lot peut être déclaré sans suite ou infructueux.', { tone: 'warning' }));
  }
  return out;
}

/** "Lot LOT-02 : attribuer à Perrin et Fils (85,18 points sur 100), 877 800,00 € HT." — the proposal of a lot, for the report's decision section. */
export function proposalLine(src: SourceDoc, lot: LotOffers): string {
  const setup = priceSetup(src.data, lot);
  const s = scoreLotOffers(src.data, lot, setup);
  const first = s.offers.filter((x) => x.rank === 1);
  const label = lot.lotId ? `${lot.title}` : 'Marché';
  if (first.length !== 1) return `${label} : ${first.length ? 'égalité au premier rang, à départager selon le règlement de la consultation' : 'aucune offre classée, déclarer le lot sans suite ou infructueux'}.`;
  const off = lot.offers.find(({ o, i }) => offerId(o, i) === first[0].id);
  const ht = off ? num(off.o.prix_ht) : undefined;
  return `${label} : attribuer à ${off ? name(off.o) : first[0].id} (${score(first[0].total)} points sur ${decimal(s.maxTotal)})${ht !== undefined ? `, pour ${money(ht)} HT` : ''}.`;
}

/** Sections n.1 to n.6 of the RAO for one lot. */
export function lotSections(src: SourceDoc, lot: LotOffers, n: string): Block[] {
  const setup = priceSetup(src.data, lot);
  const s = scoreLotOffers(src.data, lot, setup);
  const appreciation = appreciationBlocks(src, lot, n, setup.nmax);
  return [
    heading(2, `${n}. ${lot.title}`, lot.lot ? src.src.at('lots', (src.data.lots as unknown[]).indexOf(lot.lot)) : undefined),
    ...(setup.baseWarning ? [para(setup.baseWarning, { tone: 'warning' })] : []),
    ...regularity(src, lot, n),
    ...abnormallyLow(src, lot, n),
    ...scoringGrid(src, lot, n, setup, s),
    ...appreciation,
    ...ranking(src, lot, n, s, appreciation.length ? 5 : 4),
  ];
}

/** Annex: the simulation of the price methods at Pmin, 1.25, 1.5 and 2 × Pmin (DAJ recommendation). */
export function simulationTable(src: SourceDoc, lot: LotOffers): Block[] {
  const setup = priceSetup(src.data, lot);
  const s = scoreLotOffers(src.data, lot, setup);
  const price = lot.view.criteria.find((c) => c.isPrice);
  if (!s.stats || !price) return [];
  const w = price.weight;
  const rows = simulate(s.stats.pmin, setup.nmax);
  const chosen = setup.method;
  return [
    heading(3, `${lot.title} — Pmin = ${money(s.stats.pmin)} ${setup.base}`),
    {
      kind: 'table',
      columns: [{ label: 'Prix simulé' }, { label: 'Montant', align: 'right' }, { label: 'Classique', align: 'right' }, { label: 'Linéaire', align: 'right' }, { label: 'Moyenne', align: 'right' }, ...(chosen && w !== undefined ? [{ label: `Points prix (${chosen})`, align: 'right' as const }] : [])],
      rows: rows.map((r) => ({
        cells: [cell(r.ratio === 1 ? 'Pmin' : `Pmin × ${String(r.ratio).replace('.', ',')}`), numCell(money(r.price)), numCell(score(r.notes.classique), { strong: chosen === 'classique' }), numCell(score(r.notes.lineaire), { strong: chosen === 'lineaire' }), numCell(score(r.notes.moyenne), { strong: chosen === 'moyenne' }), ...(chosen && w !== undefined ? [numCell(score((w * r.notes[chosen]) / setup.nmax))] : [])],
      })),
    },
  ];
}
