import type { DocKind } from '../types';
import { amoRules } from './amo';
import { clauseRules } from './consultation/clauses';
import { contestRules } from './consultation/contest';
import { criteriaRules } from './consultation/criteria';
import { executionRules } from './consultation/execution';
import { procedureRules } from './consultation/procedure';
import { scoringRules } from './consultation/scoring';
import { energyRules } from './energy';
import { followupRules } from './followup';
import { actorRules } from './programme/actors';
import { contentRules } from './programme/content';
import { phaseRules } from './programme/phases';
import { receptionRules } from './reception';
import { referenceRules } from './references';
import { riskRules } from './risks';
import type { Rule, RuleMeta } from './types';

/** Every domain and reference rule, in catalogue order. */
export const RULES: readonly Rule[] = [
  ...criteriaRules,
  ...scoringRules,
  ...procedureRules,
  ...executionRules,
  ...clauseRules,
  ...contestRules,
  ...contentRules,
  ...phaseRules,
  ...actorRules,
  ...riskRules,
  ...energyRules,
  ...followupRules,
  ...receptionRules,
  ...amoRules,
  ...referenceRules,
];

const ids = new Set<string>();
for (const r of RULES) {
  if (ids.has(r.id)) throw new Error(`Rule id ${r.id} is registered twice.`);
  ids.add(r.id);
}

export function rulesFor(kind: DocKind): Rule[] {
  return RULES.filter((r) => r.kind === kind || r.kind === 'both');
}

/** Codes produced by the parser, the schema and the cross-file link rather than by a rule's check. */
export const STRUCTURAL_CODES: readonly RuleMeta[] = [
  { id: 'YAML-001', kind: 'both', severity: 'error', confidence: 'practice', basis: 'YAML 1.2', title: { fr: 'Erreur de syntaxe YAML (ou document refusé : alias en cascade, imbrication de plus de 100 niveaux)', en: 'YAML syntax error (or document refused: nested aliases, nesting deeper than 100 levels)' } },
  { id: 'YAML-002', kind: 'both', severity: 'warning', confidence: 'practice', basis: 'YAML 1.2', title: { fr: 'Avertissement YAML', en: 'YAML warning' } },
  { id: 'YAML-003', kind: 'both', severity: 'information', confidence: 'practice', basis: 'Limites de l’outil (docs/robustness.md)', title: { fr: 'Document volumineux : au-delà de 2 millions de caractères, seule la syntaxe est vérifiée (les autres fonctions sont désactivées) ; au-delà de 6 millions, rien', en: 'Large document: over 2 million characters only the syntax is checked (other features are off); over 6 million, nothing' } },
  { id: 'SCH-001', kind: 'both', severity: 'error', confidence: 'practice', basis: 'Schéma JSON du format', title: { fr: 'Clé obligatoire manquante', en: 'Missing required key' } },
  { id: 'SCH-002', fixes: ['replaceMisspelling'], kind: 'both', severity: 'error', confidence: 'practice', basis: 'Schéma JSON du format', title: { fr: 'Clé inconnue (erreur si elle ressemble à une clé connue, avertissement sinon)', en: 'Unknown key (error when it looks like a known key, warning otherwise)' } },
  { id: 'SCH-003', kind: 'both', severity: 'error', confidence: 'practice', basis: 'Schéma JSON du format', title: { fr: 'Type de valeur incorrect', en: 'Wrong value type' } },
  { id: 'SCH-004', fixes: ['replaceMisspelling'], kind: 'both', severity: 'error', confidence: 'practice', basis: 'Schéma JSON du format', title: { fr: 'Valeur hors de la liste admise (avec suggestion)', en: 'Value not in the allowed list (with a suggestion)' } },
  { id: 'SCH-005', fixes: ['replaceMisspelling'], kind: 'both', severity: 'error', confidence: 'practice', basis: 'Schéma JSON du format', title: { fr: 'Format incorrect (date AAAA-MM-JJ, mois AAAA-MM, motif)', en: 'Wrong format (date YYYY-MM-DD, month YYYY-MM, pattern)' } },
  { id: 'SCH-006', kind: 'both', severity: 'error', confidence: 'practice', basis: 'Schéma JSON du format', title: { fr: 'Valeur hors limites', en: 'Value out of range' } },
  { id: 'SCH-007', kind: 'both', severity: 'error', confidence: 'practice', basis: 'Schéma JSON du format', title: { fr: 'Autre contrainte du schéma', en: 'Other schema constraint' } },
  { id: 'SCH-008', fixes: ['replaceMisspelling'], kind: 'both', severity: 'hint', confidence: 'practice', basis: 'Format des fichiers AMO (orthographes admises, docs/format.md)', title: { fr: 'Orthographe admise, lue sous la forme du format (accents, majuscules, oui/non, montants avec espaces ou €, pourcentages) : correction proposée', en: "Accepted spelling, read as the format's form (accents, capitals, oui/non, amounts with spaces or €, percentages): fix offered" } },
  { id: 'REF-003', kind: 'consultation', severity: 'error', confidence: 'practice', basis: 'Format des fichiers AMO', title: { fr: 'Le fichier programme de la consultation est introuvable ou illisible', en: 'The consultation’s programme file is missing or unreadable' } },
  { id: 'REF-004', kind: 'consultation', severity: 'warning', confidence: 'practice', basis: 'Format des fichiers AMO', title: { fr: 'Le fichier désigné par « programme » n’est pas un programme valide (références non vérifiées)', en: "The file named by 'programme' is not a valid programme (references not checked)" } },
];

export function allCodes(): RuleMeta[] {
  return [...STRUCTURAL_CODES, ...RULES];
}
