import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import { RISK_CATALOG, RISK_CATEGORIES } from '../catalog/risks';
import type { Path } from '../types';
import { programmeModel } from '../model/build';
import { closest, fold, obj } from '../util/index';
import { dataOf, isString, isStringList, pathOf, quickFix, type FixContext } from './fixContext';
import { appendToList, setValue, type Entry } from './yamlEdits';

interface Acteur {
  id: string;
  role?: string;
  nom?: string;
}

const modelOf = (ctx: FixContext) => programmeModel(obj(ctx.parsed.data));

function acteurs(ctx: FixContext): Acteur[] {
  return modelOf(ctx).actors
    .map((a) => ({ id: a.id ?? '', role: a.role, nom: a.nom }))
    .filter((a) => a.id !== '');
}

function describe(a: Acteur): string {
  const more = [a.role, a.nom].filter(Boolean).join(', ');
  return more ? `${a.id} (${more})` : a.id;
}

/** One action per acteur: `proprietaire` of the risk at `riskPath` set to its id. */
function ownerActions(ctx: FixContext, diag: Diagnostic, riskPath: Path, preferred: string | undefined): CodeAction[] {
  return acteurs(ctx)
    .map((a) => quickFix(ctx, diag, { fr: `Propriétaire du risque : ${describe(a)}`, en: `Risk owner: ${describe(a)}` }, [setValue(ctx.parsed, [...riskPath, 'proprietaire'], a.id)], { preferred: a.id === preferred }))
    .filter((a): a is CodeAction => a !== undefined);
}

/** REF-001 on a risk's `proprietaire`: pick a defined acteur (the closest spelling is preferred). */
export function pickOwnerForUnknown(ctx: FixContext, diag: Diagnostic): CodeAction[] {
  const path = pathOf(diag);
  if (!path || path.length !== 3 || path[0] !== 'risques' || path[2] !== 'proprietaire') return [];
  const current = modelOf(ctx).risks[path[1] as number]?.proprietaire ?? '';
  const ids = acteurs(ctx).map((a) => a.id);
  return ownerActions(ctx, diag, path.slice(0, 2), closest(current, ids));
}

/** RSK-001 when the owner is missing: pick an acteur (preferred when there is only one). */
export function pickOwnerForIncomplete(ctx: FixContext, diag: Diagnostic): CodeAction[] {
  const path = pathOf(diag);
  const missing = dataOf(diag, 'missing', isStringList);
  if (!path || path.length !== 2 || path[0] !== 'risques' || !missing?.includes('proprietaire')) return [];
  const all = acteurs(ctx);
  return ownerActions(ctx, diag, path, all.length === 1 ? all[0].id : undefined);
}

/** Phases a catalogue risk is usually reviewed in (first match among the programme's phase codes). */
const RISK_PHASES: Record<string, string[]> = {
  'TEC-AMIANTE': ['DIAG', 'FAI', 'PRO', 'ACT'],
  'TEC-SOL': ['FAI', 'APS', 'AVP', 'PRO'],
  'REG-RECOURS-PC': ['APD', 'PRO', 'ACT'],
  'REG-ARCHEO': ['FAI', 'APS', 'AVP'],
  'CHT-SITE-OCCUPE': ['DET', 'TRX'],
  'PROC-RECOURS': ['ACT', 'CONS', 'SEL-MOE'],
};

/** Catalogue owners (MOA, MOE, AMO) as acteurs: same id, or the usual role. */
const OWNER_ROLES: Record<string, string[]> = { MOA: ['maitre_ouvrage', 'moa'], MOE: ['moe', 'maitre_oeuvre'], AMO: ['amo'] };

function ownerFor(ctx: FixContext, owner: string): string | undefined {
  const all = acteurs(ctx);
  const byId = all.find((a) => a.id.toUpperCase() === owner.toUpperCase());
  if (byId) return byId.id;
  const roles = OWNER_ROLES[owner.toUpperCase()] ?? [];
  return all.find((a) => a.role && roles.includes(fold(a.role)))?.id;
}

/**
 * RSK-008: the expected catalogue risk (asbestos, soil, permit appeal…) added to `risques` with the
 * catalogue's category, owner, strategy and treatment. Likelihood and impact are a moderate starting
 * point (2 × 3) that the consultant re-assesses; the title says so.
 */
export function addCatalogueRisk(ctx: FixContext, diag: Diagnostic): CodeAction[] {
  const code = dataOf(diag, 'catalog', isString);
  const entry = RISK_CATALOG.find((r) => r.code === code);
  if (!entry) return [];
  const model = modelOf(ctx);
  const ids = new Set(model.risks.map((r) => r.id));
  let id = entry.code;
  for (let n = 2; ids.has(id); n++) id = `${entry.code}-${n}`;
  const category = RISK_CATEGORIES.find((c) => c.code === entry.category);
  const owner = ownerFor(ctx, entry.owner);
  const phases = (RISK_PHASES[entry.code] ?? [])
    .map((c) => model.phases.find((p) => p.code === c)?.id)
    .filter((p): p is string => p !== undefined)
    .slice(0, 1);
  const entries: Entry[] = [
    ['id', id],
    ['titre', entry.fr],
    ['categorie', category ? fold(category.fr) : entry.category],
    ['probabilite', 2],
    ['impact', 3],
    ...(owner ? [['proprietaire', owner] as Entry] : []),
    ['strategie', entry.strategie],
    ['actions', { block: [entry.treatment] }],
    ...(phases.length ? [['phases', phases] as Entry] : []),
    ['statut', 'ouvert'],
  ];
  const action = quickFix(ctx, diag, { fr: `Ajouter le risque ${entry.code} du catalogue (probabilité et impact à évaluer)`, en: `Add catalogue risk ${entry.code} (assess likelihood and impact)` }, [appendToList(ctx.parsed, ['risques'], entries)], { preferred: true });
  return action ? [action] : [];
}
