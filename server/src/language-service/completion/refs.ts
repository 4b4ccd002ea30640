import { lotCandidates } from '../model/reception';
import { consultationModel } from '../model/build';
import type { OfferM } from '../model/types';
import { mdCode } from '../util/markdown';
import { CompletionItemKind, type CompletionItem } from 'vscode-languageserver-types';
import { isMap, isScalar } from 'yaml';
import { CRITERIA, isIntellectualServices, type CriterionEntry } from '../catalog/criteria';
import { getIdIndex, type IdKind, type IdOccurrence } from '../idIndex';
import { nodeAt, type ParsedDocument } from '../parse';
import { criterionType } from '../model/consultation';
import { HoverData } from '../hover/hoverData';
import { pattern } from '../schemaPath';
import { obj, str, type Obj } from '../util/data';
import { fold } from '../util/strings';
import type { DocKind, Path } from '../types';
import { makeItem, sortKey, valueLead, yamlScalar, type CompletionRequest } from './items';

/**
 * Completion of ids defined elsewhere (acteurs, phases, lots, criteria), from the id index of the
 * document or of the programme a consultation names. Reads the `yaml` tree, which exists even when
 * the document has syntax errors, never the plain data (absent in that case).
 */

/** The scalar value at `path` in the YAML tree, or undefined. */
export function scalarAt(parsed: ParsedDocument, path: Path): string | number | boolean | undefined {
  const n = nodeAt(parsed.doc, path);
  if (!isScalar(n)) return undefined;
  const v = n.value;
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : undefined;
}

/** The catalogue criteria that suit the consultation: the AMO/MOE ones only when it buys intellectual services. */
export function catalogueCriteria(parsed: ParsedDocument): CriterionEntry[] {
  const services = isIntellectualServices(scalarAt(parsed, ['nature']), scalarAt(parsed, ['mission']));
  return CRITERIA.filter((c) => services || !c.services);
}

/** A field of the map at `path`, as text. */
export function fieldText(parsed: ParsedDocument, path: Path, key: string): string | undefined {
  const n = nodeAt(parsed.doc, path);
  if (!isMap(n)) return undefined;
  const v = n.get(key);
  return typeof v === 'string' || typeof v === 'number' ? String(v) : undefined;
}

const REFS: Record<DocKind, Record<string, IdKind>> = {
  programme: {
    'risques.[].proprietaire': 'acteur',
    'risques.[].actions.[].responsable': 'acteur',
    'risques.[].phases.[]': 'phase',
    'phases.[].livrables.[].emetteur': 'acteur',
    'phases.[].livrables.[].revues.[].relecteur': 'acteur',
  },
  consultation: { phase: 'phase', 'offres.[].lot': 'lot', 'note_eliminatoire.critere': 'critere', 'reception.reserves.[].lot': 'lot' },
};

/** A reserve's firm: a candidate of the offers, not an id (free text, checked by REC-007). */
const RESERVE_FIRM = 'reception.reserves.[].entreprise';

export function hasReferenceValues(kind: DocKind, path: Path): boolean {
  const pat = pattern(path);
  return Object.hasOwn(REFS[kind], pat) || (kind === 'consultation' && pat === RESERVE_FIRM);
}

/** An acteur whose role names the AMO (`amo`, `assistant_maitrise_ouvrage`, `AMO programmiste`…). */
const AMO_ROLE = /(^|[^a-z])amo([^a-z]|$)|assistan/;

/**
 * The acteur ids of a programme, the AMO ones first (role mentioning amo or assistant, or the id `AMO`):
 * who usually reviews a deliverable. Read from the YAML tree: works while the document has syntax errors.
 */
export function acteursAmoFirst(parsed: ParsedDocument): { id: string; amo: boolean }[] {
  return definitions(parsed, 'acteur')
    .map((d) => {
      const role = fold(fieldText(parsed, d.path.slice(0, -1), 'role') ?? '');
      return { id: d.id, amo: AMO_ROLE.test(role) || fold(d.id) === 'amo' };
    })
    .map((a, i) => ({ a, i }))
    .sort((x, y) => Number(y.a.amo) - Number(x.a.amo) || x.i - y.i)
    .map((x) => x.a);
}

/** Unique definitions of a kind, in document order. */
export function definitions(parsed: ParsedDocument, kind: IdKind): IdOccurrence[] {
  const seen = new Set<string>();
  return getIdIndex(parsed).definitions.filter((d) => d.kind === kind && !seen.has(d.id) && seen.add(d.id));
}

function describe(parsed: ParsedDocument, d: IdOccurrence): string | undefined {
  const at = d.path.slice(0, -1);
  const f = (k: string) => fieldText(parsed, at, k);
  switch (d.kind) {
    case 'acteur':
      return [f('role'), f('nom') ?? f('organisme')].filter(Boolean).join(' — ') || undefined;
    case 'phase': {
      const dates = f('debut') || f('fin') ? ` (${f('debut') ?? '…'} → ${f('fin') ?? '…'})` : '';
      return `${[f('code'), f('libelle')].filter(Boolean).join(' — ')}${dates}` || undefined;
    }
    case 'lot':
      return f('intitule');
    case 'critere': {
      const w = f('ponderation');
      return [f('libelle'), w !== undefined ? `${w}` : undefined].filter(Boolean).join(' — ') || undefined;
    }
    default:
      return f('libelle') ?? f('titre');
  }
}

/** Ids for a reference value (risk owner, phases, lot, criterion), or undefined when the path is not a reference. */
export function referenceItems(req: CompletionRequest): CompletionItem[] | undefined {
  const kind = req.parsed.kind;
  if (!kind) return undefined;
  const key = pattern(req.ctx.path);
  if (kind === 'consultation' && key === RESERVE_FIRM) return firmItems(req);
  const refKind = Object.hasOwn(REFS[kind], key) ? REFS[kind][key] : undefined;
  if (!refKind) return undefined;
  // A consultation's `phase` names a phase of its programme.
  const source = kind === 'consultation' && refKind === 'phase' ? req.env.programme() : req.parsed;
  if (!source) return [];
  const space = valueLead(req);
  return definitions(source, refKind).map((d, i) =>
    makeItem(req, { label: d.id, kind: CompletionItemKind.Reference, detail: describe(source, d), text: space + yamlScalar(d.id), sort: sortKey(i), filter: d.id }),
  );
}

/** The criteria (and sub-criteria) that apply to an offer: its lot's own criteria when the lot has some. */
export function applicableCriteria(parsed: ParsedDocument, lotId: string | undefined): IdOccurrence[] {
  const crit = getIdIndex(parsed).definitions.filter((d) => d.kind === 'critere');
  const lot = lotId !== undefined ? definitions(parsed, 'lot').find((d) => d.id === lotId) : undefined;
  if (lot) {
    const own = crit.filter((c) => c.path[0] === 'lots' && c.path[1] === lot.path[1]);
    if (own.length) return own;
  }
  return crit.filter((c) => c.path[0] === 'criteres');
}

export function isSubCriterion(d: IdOccurrence): boolean {
  return d.path.includes('sous_criteres');
}

export function isPriceCriterion(parsed: ParsedDocument, d: IdOccurrence): boolean {
  const at = d.path.slice(0, -1);
  return !isSubCriterion(d) && criterionType({ id: d.id, type: fieldText(parsed, at, 'type'), libelle: fieldText(parsed, at, 'libelle') }) === 'prix';
}

/** Keys of `offres[i].notes`: the ids of the applicable criteria and sub-criteria not noted yet. */
export function notesKeyItems(req: CompletionRequest): CompletionItem[] {
  const { parsed, ctx, env } = req;
  const offer = ctx.path.slice(0, -1);
  const lot = scalarAt(parsed, [...offer, 'lot']);
  const noteMax = scalarAt(parsed, ['notation_prix', 'note_max']) ?? 20;
  const en = env.locale === 'en';
  const all = applicableCriteria(parsed, lot === undefined ? undefined : String(lot));
  return all
    .filter((d) => !ctx.existing.has(d.id))
    .map((d, i) => {
      const sub = isSubCriterion(d);
      const price = isPriceCriterion(parsed, d);
      // A criterion noted through its sub-criteria, or the price computed from the offer's price, comes last.
      const prefix = d.path.slice(0, -1);
      const hasSubs = !sub && all.some((s) => isSubCriterion(s) && prefix.every((seg, k) => s.path[k] === seg));
      const parent = sub ? String(scalarAt(parsed, [...d.path.slice(0, -3), 'id']) ?? '?') : undefined;
      const lines = [
        parent ? (en ? `Sub-criterion of ${mdCode(parent)}.` : `Sous-critère de ${mdCode(parent)}.`) : undefined,
        en ? `Score out of ${String(noteMax)}.` : `Note sur ${String(noteMax)}.`,
        price ? (en ? 'The price score is computed from the offer’s price when the method is classique, lineaire or moyenne.' : 'La note du prix est calculée à partir du prix de l’offre quand la méthode est classique, lineaire ou moyenne.') : undefined,
      ];
      return makeItem(req, {
        label: d.id,
        kind: CompletionItemKind.Field,
        detail: describe(parsed, d),
        doc: lines.filter(Boolean).join('\n\n'),
        text: ctx.colonAfter ? d.id : `${yamlScalar(d.id)}: `,
        sort: sortKey(i, price || hasSubs ? '1' : '0'),
        filter: d.id,
      });
    });
}

/** A firm a reserve can name, with what the offers say of it. */
export interface Firm {
  name: string;
  detail: string;
  /** The candidate of a first-ranked offer of the lot (REC-007's "retained"). */
  retained: boolean;
}

/** The consultation's plain data (converted from the YAML tree while the document has syntax errors). */
function rootOf(req: CompletionRequest): Obj {
  return new HoverData(req.parsed, { locale: req.env.locale, today: req.env.today, programme: req.env.programme }).root;
}

/**
 * The firms a reserve of `lot` can name: the candidates of the offers of that lot, the retained ones
 * first (ranked first by the scoring of the rapport d'analyse des offres, as REC-007 reads them); every
 * candidate of the consultation when the lot has no offer. Each candidate once.
 */
export function firmsOfLot(req: CompletionRequest, lot: string | undefined, root: Obj = rootOf(req)): Firm[] {
  const en = req.env.locale === 'en';
  const offers = consultationModel(root).offers;
  const offerOf = (name: string): OfferM | undefined => offers.find((o) => o.candidat === name && (lot === undefined || o.lot === lot));
  const { retained, all } = lot !== undefined ? lotCandidates(root, lot) : { retained: [], all: [] };
  if (all.length) {
    return all.map((name) => {
      const o = offerOf(name);
      const what = retained.includes(name) ? (en ? 'retained offer' : 'offre retenue') : en ? 'not retained' : 'non retenue';
      return { name, detail: [o?.id, `lot ${lot}`, what].filter(Boolean).join(' — '), retained: retained.includes(name) };
    });
  }
  const seen = new Set<string>();
  return offers
    .filter((o): o is OfferM & { candidat: string } => o.candidat !== undefined && !seen.has(o.candidat) && Boolean(seen.add(o.candidat)))
    .map((o) => ({ name: o.candidat, detail: [o.id, o.lot && `lot ${o.lot}`].filter(Boolean).join(' — '), retained: false }));
}

/** `entreprise` of a reserve: the firms of the reserve's lot, the retained one first and preselected. */
function firmItems(req: CompletionRequest): CompletionItem[] {
  const root = rootOf(req);
  const reserve = obj(req.ctx.path.slice(0, -1).reduce<unknown>((v, seg) => (Array.isArray(v) ? v[seg as number] : obj(v)[seg]), root));
  const space = valueLead(req);
  return firmsOfLot(req, str(reserve.lot), root).map((f, i) =>
    makeItem(req, { label: f.name, kind: CompletionItemKind.Value, detail: f.detail, text: space + yamlScalar(f.name), sort: sortKey(i), filter: f.name, preselect: f.retained }),
  );
}
