import { mdCode } from './util/markdown';
import { MarkupKind, type Hover } from 'vscode-languageserver-types';
import { isScalar, isSeq, type Node } from 'yaml';
import { criterionEntry, subCriterionEntry } from './catalog/criteria';
import { phaseEntry } from './catalog/phases';
import { procedureEntry } from './catalog/procedures';
import { RISK_CATALOG, riskCategory } from './catalog/risks';
import { categoryDoc, criterionDoc, criterionTypeDoc, phaseDoc, priceMethodDoc, procedureDoc, riskDoc, strategyDoc } from './catalogDocs';
import { subCriteriaFacts, weightTotalFacts } from './hover/criteriaFacts';
import { HoverData, type HoverEnv } from './hover/hoverData';
import { deliverableFacts, indicatorFacts, milestoneFacts, receptionFacts, reserveFacts } from './hover/followUpFacts';
import { noteFacts, offerFacts } from './hover/offerFacts';
import { delayFacts, thresholdFacts } from './hover/procedureFacts';
import { riskFacts } from './hover/riskFacts';
import type { ParsedDocument } from './parse';
import { nodeAtOffset } from './position';
import { bilingual, catalogOf, enumLabel, pattern, schemaAtPath, schemaDoc, titleOf } from './schemaPath';
import type { DocKind, Locale, PathSegment } from './types';

export type { HoverEnv } from './hover/hoverData';

/**
 * Hover at an offset: the schema documentation of a key (French and English, in locale order), the
 * catalogue entry of a value with its legal or professional basis, and facts computed from the document
 * (criticality, weight totals, an offer's score and rank, the tender period, the EU threshold).
 */
export function hoverAt(parsed: ParsedDocument, offset: number, env: HoverEnv): Hover | null {
  const kind = parsed.kind;
  if (!kind) return null;
  const at = nodeAtOffset(parsed, offset);
  let path = at.path;
  let range = at.node?.range ? [at.node.range[0], at.node.range[1]] : undefined;
  if (at.on === 'collection') {
    // On the `- ` of a list item: the item that starts on the cursor's line.
    const line = parsed.lines.positionAt(offset).line;
    const i = isSeq(at.node) ? at.node.items.findIndex((n) => (n as Node).range && parsed.lines.positionAt((n as Node).range![0]).line === line) : -1;
    if (i < 0) return null;
    path = [...path, i];
    range = [offset - parsed.lines.positionAt(offset).character, parsed.lines.lineEnd(line)];
  }
  const d = new HoverData(parsed, env);
  const sections: string[] = [];
  if (at.on === 'value' && isScalar(at.node)) sections.push(...valueSections(kind, path, at.node.value, env.locale));
  const facts = factSections(d, kind, path);
  if (at.on === 'key' || (sections.length === 0 && facts.length === 0 && at.on === 'value')) {
    const doc = keySection(kind, path, env.locale);
    if (doc) sections.unshift(doc);
  }
  sections.push(...facts);
  if (sections.length === 0 || !range) return null;
  return { contents: { kind: MarkupKind.Markdown, value: sections.join('\n\n---\n\n') }, range: parsed.lines.range(range[0], range[1]) };
}

function keySection(kind: DocKind, path: PathSegment[], locale: Locale): string | undefined {
  const schema = schemaAtPath(kind, path);
  const key = path[path.length - 1];
  if (!schema || typeof key !== 'string') return undefined;
  const title = titleOf(schema);
  const head = title ? `**${title}** · ${mdCode(key)}` : mdCode(key);
  const doc = schemaDoc(schema, locale);
  return doc ? `${head}\n\n${doc}` : head;
}

/** What a scalar value means: its enum label, its catalogue entry (phase, procedure, criterion, risk…). */
function valueSections(kind: DocKind, path: PathSegment[], value: unknown, locale: Locale): string[] {
  if (typeof value !== 'string' && typeof value !== 'number') return [];
  const v = String(value);
  const schema = schemaAtPath(kind, path);
  const pat = pattern(path);
  const out: string[] = [];
  const label = schema ? enumLabel(schema, value) : undefined;
  const catalogued = (): string | undefined => {
    if (pat === 'procedure.type') return procedureEntry(v) && procedureDoc(procedureEntry(v)!, locale);
    if (/(^|\.)criteres\.\[\]\.type$/.test(pat)) return criterionTypeDoc(v, locale);
    if (/(^|\.)criteres\.\[\]\.id$/.test(pat)) return criterionEntry(v) && criterionDoc(criterionEntry(v)!, locale);
    if (/sous_criteres\.\[\]\.id$/.test(pat)) {
      const s = subCriterionEntry(v);
      return s && `\`${s.id}\` — ${locale === 'en' ? `${s.en} *(${s.fr})*` : `${s.fr} *(${s.en})*`}`;
    }
    if (pat === 'risques.[].strategie') return strategyDoc(v, locale);
    if (pat === 'notation_prix.methode') return priceMethodDoc(v, locale);
    if (schema && catalogOf(schema) === 'phases') return phaseEntry(v) && phaseDoc(phaseEntry(v)!, locale);
    const risk = RISK_CATALOG.find((r) => r.code === v.toUpperCase());
    if ((pat === 'risques.[].id' || pat === 'risques.[].categorie') && risk) return riskDoc(risk, locale);
    if (pat === 'risques.[].categorie') {
      const cat = riskCategory(v);
      return cat && cat !== 'custom' ? categoryDoc(cat, locale) : undefined;
    }
    return undefined;
  };
  const cat = catalogued();
  // Catalogue entries that open with the code already name the value.
  if (label && !cat?.startsWith(`**${v}**`)) out.push(`**${v}** — ${bilingual(label, locale)}`);
  if (cat) out.push(cat);
  return out;
}

/** Facts computed from the document for the node at `path`. */
function factSections(d: HoverData, kind: DocKind, path: PathSegment[]): string[] {
  const pat = pattern(path);
  const one = (s: string | undefined): string[] => (s ? [s] : []);
  if (kind === 'programme') {
    if (/^risques\.\[\](\.(id|probabilite|impact|criticite|probabilite_residuelle|impact_residuel))?$/.test(pat)) return one(riskFacts(d, path[1] as number));
    if (/^phases\.\[\]\.livrables\.\[\](\.(id|echeance|statut|date_reception|emetteur|revues))?$/.test(pat)) return one(deliverableFacts(d, path[1] as number, path[3] as number));
    if (/^phases\.\[\]\.jalons\.\[\](\.(id|date|date_reelle))?$/.test(pat)) return one(milestoneFacts(d, path[1] as number, path[3] as number));
    if (/^indicateurs\.\[\](\.(id|libelle|cible|sens|mesures))?$/.test(pat)) return one(indicatorFacts(d, path[1] as number));
    return [];
  }
  if (pat === 'criteres' || pat === 'lots.[].criteres') return one(weightTotalFacts(d, path));
  if (/^reception(\.(date_opr|date_reception|decision))?$/.test(pat)) return one(receptionFacts(d));
  if (/^reception\.reserves\.\[\](\.(id|statut|date_constat|date_levee_prevue|date_levee|entreprise|lot))?$/.test(pat)) return one(reserveFacts(d, path[2] as number));
  const crit = /^((lots\.\[\]\.)?criteres\.\[\])(\.(id|ponderation|sous_criteres))?$/.exec(pat);
  if (crit) return one(subCriteriaFacts(d, path.slice(0, crit[2] ? 4 : 2)));
  if (['date_lancement', 'date_envoi_avis', 'date_envoi_invitation', 'date_limite_offres'].includes(pat)) return [delayFacts(d)];
  if (pat === 'valeur_estimee_ht' || pat === 'procedure' || pat === 'procedure.type') return [thresholdFacts(d)];
  if (/^offres\.\[\](\.(id|candidat|notes|lot|prix_ht|prix_ttc|statut))?$/.test(pat)) return one(offerFacts(d, path[1] as number));
  if (/^offres\.\[\]\.notes\.[^.]+$/.test(pat)) return one(noteFacts(d, path[1] as number, String(path[3])));
  return [];
}
