import programmeSchema from '../../../schemas/programme.schema.json';
import consultationSchema from '../../../schemas/consultation.schema.json';
import { phaseEntry } from '../language-service/catalog/phases';
import { riskCategory, STRATEGIES } from '../language-service/catalog/risks';
import { own } from '../language-service/util/data';

/**
 * Labels of enum values, read from the schemas' `x-enum-labels` (one source for completion, hover and
 * the deliverables). Keys are property paths without array indexes: `financement.statut`,
 * `notation_prix.methode`; shared definitions are keyed `#name` (`#categorie_acheteur`).
 */
type Labels = Map<string, Record<string, { fr: string; en: string }>>;

function collect(schema: unknown): Labels {
  const out: Labels = new Map();
  const walk = (node: unknown, path: string[]): void => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      node.forEach((n) => walk(n, path));
      return;
    }
    const o = node as Record<string, unknown>;
    const labels = o['x-enum-labels'];
    if (labels && typeof labels === 'object') out.set(path.join('.'), labels as Record<string, { fr: string; en: string }>);
    for (const [k, v] of Object.entries(o)) {
      if (k === 'properties' && v && typeof v === 'object') {
        for (const [pk, pv] of Object.entries(v as Record<string, unknown>)) walk(pv, [...path, pk]);
      } else if (k === 'items' || k === 'additionalProperties' || k === 'oneOf' || k === 'anyOf' || k === 'allOf') {
        walk(v, path);
      } else if (k === 'definitions' && v && typeof v === 'object') {
        for (const [dk, dv] of Object.entries(v as Record<string, unknown>)) walk(dv, [`#${dk}`]);
      }
    }
  };
  walk(schema, []);
  return out;
}

let cached: { programme: Labels; consultation: Labels } | undefined;

function tables(): { programme: Labels; consultation: Labels } {
  cached ??= { programme: collect(programmeSchema), consultation: collect(consultationSchema) };
  return cached;
}

/** The French label of `value` at `path` of a programme or consultation; the value itself when unknown. */
export function enumLabel(kind: 'programme' | 'consultation', path: string, value: unknown): string {
  if (value === undefined || value === null || value === '') return '—';
  const v = String(value);
  return tables()[kind].get(path)?.[v]?.fr ?? v;
}

/** "OPP — Études d’opportunité"-style label of a phase code (the code when not in the catalogue). */
export function phaseLabel(code: string | undefined): string | undefined {
  return phaseEntry(code)?.fr;
}

export function categoryLabel(value: string | undefined): string {
  if (!value) return '—';
  const c = riskCategory(value);
  return c && c !== 'custom' ? c.fr : value;
}

export function strategyLabel(value: string | undefined): string {
  if (!value) return '—';
  return STRATEGIES.find((s) => s.code === value)?.fr ?? value;
}

export const CONSTRAINT_HEADINGS: readonly { key: string; fr: string }[] = [
  { key: 'sociale', fr: 'Qualité sociale' },
  { key: 'urbanistique', fr: 'Qualité urbanistique' },
  { key: 'architecturale', fr: 'Qualité architecturale' },
  { key: 'fonctionnelle', fr: 'Qualité fonctionnelle' },
  { key: 'technique', fr: 'Qualité technique' },
  { key: 'economique', fr: 'Qualité économique' },
  { key: 'paysage', fr: 'Insertion dans le paysage' },
  { key: 'environnement', fr: 'Protection de l’environnement' },
];

export const OFFER_STATUS_BASIS: Readonly<Record<string, string>> = {
  recevable: '—',
  irreguliere: 'L2152-2',
  inacceptable: 'L2152-3',
  inappropriee: 'L2152-4',
  anormalement_basse: 'L2152-5, L2152-6, R2152-4',
};

/** Labels of the usual actor roles (programme `acteurs[].role`, free text written as a code). */
const ROLE_LABELS: Readonly<Record<string, string>> = {
  maitre_ouvrage: 'Maître d’ouvrage',
  representant_maitre_ouvrage: 'Représentant du maître d’ouvrage',
  maitre_ouvrage_delegue: 'Maître d’ouvrage délégué',
  mandataire: 'Mandataire du maître d’ouvrage',
  amo: 'Assistant à maîtrise d’ouvrage (AMO)',
  programmiste: 'Programmiste',
  conducteur_operation: 'Conducteur d’opération',
  conduite_operation: 'Conduite d’opération',
  moe: 'Maître d’œuvre',
  maitre_oeuvre: 'Maître d’œuvre',
  opc: 'Ordonnancement, pilotage et coordination (OPC)',
  controleur_technique: 'Contrôleur technique',
  coordonnateur_sps: 'Coordonnateur SPS',
  csps: 'Coordonnateur SPS',
  geotechnicien: 'Géotechnicien',
  geometre: 'Géomètre',
  utilisateur: 'Utilisateur',
  exploitant: 'Exploitant',
  financeur: 'Financeur',
};

/** "maitre_ouvrage" → "Maître d’ouvrage"; an unknown code → its words with a capital ("chef_projet" → "Chef projet"); free text as written. */
export function roleLabel(role: string | undefined): string {
  if (!role || !role.trim()) return '—';
  const key = role.trim().toLowerCase();
  const known = own(ROLE_LABELS, key);
  if (known) return known;
  if (!/^[a-z0-9_]+$/.test(key)) return role.trim();
  const words = key.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
