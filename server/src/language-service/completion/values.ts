import { CompletionItemKind, type CompletionItem } from 'vscode-languageserver-types';
import { isMap, isScalar, isSeq } from 'yaml';
import { criterionEntryFor, SERVICE_SUBCRITERIA, type SubCriterionEntry } from '../catalog/criteria';
import { PHASES } from '../catalog/phases';
import { procedureEntry } from '../catalog/procedures';
import { RISK_CATEGORIES } from '../catalog/risks';
import { categoryDoc, categoryValue, criterionDoc, criterionTypeDoc, phaseDoc, priceMethodDoc, procedureDoc, strategyDoc } from '../catalogDocs';
import { nodeAt } from '../parse';
import { bilingual, catalogOf, enumLabel, enumOf, pattern, typesOf, type JsonSchema } from '../schemaPath';
import type { DocKind, Path } from '../types';
import { makeItem, pickMsg, sortKey, valueLead, yamlScalar, type CompletionRequest } from './items';
import { catalogueCriteria, fieldText, hasReferenceValues, referenceItems, scalarAt } from './refs';

/**
 * Values at the cursor: ids defined elsewhere, catalogue codes (phases in the legal order, risk
 * categories, award criteria and their sub-criteria), enum values with their labels, booleans.
 */
const CRITERIA_VALUES = /(^|\.)(criteres\.\[\]|sous_criteres\.\[\])\.(id|libelle)$/;

/** Whether a value at `path` has completions (a key completion then re-opens the suggestions). */
export function hasValues(kind: DocKind, path: Path, schema: JsonSchema): boolean {
  return enumOf(schema).length > 0 || typesOf(schema).includes('boolean') || !!catalogOf(schema) || hasReferenceValues(kind, path) || CRITERIA_VALUES.test(pattern(path));
}

export function valueItems(req: CompletionRequest, schema: JsonSchema): CompletionItem[] {
  const items = allValues(req, schema);
  // In a list (`supports`, `elements`, a risk's `phases`): values already listed are not proposed again.
  const path = req.ctx.path;
  const index = path[path.length - 1];
  const list = typeof index === 'number' ? nodeAt(req.parsed.doc, path.slice(0, -1)) : undefined;
  if (!isSeq(list)) return items;
  const listed = new Set(list.items.filter((n, i) => i !== index && isScalar(n)).map((n) => String((n as { value: unknown }).value)));
  return items.filter((it) => !listed.has(it.label));
}

function allValues(req: CompletionRequest, schema: JsonSchema): CompletionItem[] {
  const refs = referenceItems(req);
  if (refs) return refs;
  const pat = pattern(req.ctx.path);
  const catalog = catalogOf(schema);
  if (catalog === 'phases') return phaseValues(req, pat.startsWith('moe.'));
  if (catalog === 'risk-categories') return categoryValues(req);
  if (/(^|\.)criteres\.\[\]\.id$/.test(pat)) return criterionIdValues(req);
  if (/(^|\.)criteres\.\[\]\.libelle$/.test(pat)) return criterionLabelValues(req);
  const sub = /(^|\.)sous_criteres\.\[\]\.(id|libelle)$/.exec(pat);
  if (sub) return subCriterionValues(req, sub[2] as 'id' | 'libelle');
  const values = enumOf(schema);
  if (values.length) return enumValues(req, schema, pat, values);
  if (typesOf(schema).includes('boolean')) {
    const yes = req.env.locale === 'en' ? ['Yes', 'No'] : ['Oui', 'Non'];
    return ['true', 'false'].map((v, i) => makeItem(req, { label: v, kind: CompletionItemKind.Value, detail: yes[i], text: valueLead(req) + v, sort: sortKey(i), filter: v }));
  }
  return [];
}

function extraDoc(pat: string, value: string, req: CompletionRequest): string | undefined {
  const { locale } = req.env;
  if (pat === 'procedure.type') {
    const p = procedureEntry(value);
    return p && procedureDoc(p, locale);
  }
  if (/(^|\.)criteres\.\[\]\.type$/.test(pat)) return criterionTypeDoc(value, locale);
  if (pat === 'risques.[].strategie') return strategyDoc(value, locale);
  if (pat === 'notation_prix.methode') return priceMethodDoc(value, locale);
  return undefined;
}

function enumValues(req: CompletionRequest, schema: JsonSchema, pat: string, values: unknown[]): CompletionItem[] {
  const { locale } = req.env;
  return values.map((v, i) => {
    const value = String(v);
    const label = enumLabel(schema, v);
    const doc = [label ? bilingual(label, locale) : undefined, extraDoc(pat, value, req)].filter(Boolean).join('\n\n---\n\n');
    return makeItem(req, {
      label: value,
      kind: CompletionItemKind.EnumMember,
      detail: label ? pickMsg(label, locale) : undefined,
      doc: doc || undefined,
      text: valueLead(req) + (typeof v === 'number' ? value : yamlScalar(value)),
      sort: sortKey(i),
      filter: value,
    });
  });
}

/** Phase codes in the legal and professional order (rank), MOE mission elements only under `moe.mission`. */
function phaseValues(req: CompletionRequest, moeOnly: boolean): CompletionItem[] {
  const { locale } = req.env;
  return PHASES.map((p, i) => ({ p, i }))
    .filter(({ p }) => !moeOnly || p.family === 'moe')
    .map(({ p, i }) =>
      makeItem(req, {
        label: p.code,
        kind: CompletionItemKind.EnumMember,
        detail: locale === 'en' ? p.en : p.fr,
        doc: phaseDoc(p, locale),
        text: valueLead(req) + p.code,
        // The catalogue lists phases in the legal order; equal ranks keep the catalogue's order.
        sort: sortKey(p.rank) + sortKey(i),
        filter: p.code,
      }),
    );
}

function categoryValues(req: CompletionRequest): CompletionItem[] {
  const { locale } = req.env;
  const items = RISK_CATEGORIES.map((c, i) =>
    makeItem(req, { label: categoryValue(c), kind: CompletionItemKind.EnumMember, detail: locale === 'en' ? c.en : c.fr, doc: categoryDoc(c, locale), text: valueLead(req) + categoryValue(c), sort: sortKey(i, '1') }),
  );
  // Categories declared in `categories_risques` come first: they are this programme's own.
  const custom = nodeAt(req.parsed.doc, ['categories_risques']);
  if (isSeq(custom)) {
    custom.items.forEach((n, i) => {
      const code = isMap(n) ? n.get('code') : isScalar(n) ? n.value : undefined;
      if (typeof code !== 'string') return;
      const libelle = isMap(n) ? n.get('libelle') : undefined;
      items.push(makeItem(req, { label: code, kind: CompletionItemKind.Value, detail: typeof libelle === 'string' ? libelle : undefined, text: valueLead(req) + yamlScalar(code), sort: sortKey(i, '0') }));
    });
  }
  return items;
}

/** Ids already used in the list that holds the item at `path` (`[…, list, i, 'id']`). */
function idsInList(req: CompletionRequest, path: Path): Set<string> {
  const list = nodeAt(req.parsed.doc, path.slice(0, -2));
  const out = new Set<string>();
  if (isSeq(list)) list.items.forEach((n, i) => i !== path[path.length - 2] && isMap(n) && typeof n.get('id') === 'string' && out.add(n.get('id') as string));
  return out;
}

function criterionIdValues(req: CompletionRequest): CompletionItem[] {
  const used = idsInList(req, req.ctx.path);
  return catalogueCriteria(req.parsed).filter((c) => !used.has(c.code)).map((c, i) =>
    makeItem(req, { label: c.code, kind: CompletionItemKind.EnumMember, detail: pickMsg(c, req.env.locale), doc: criterionDoc(c, req.env.locale), text: valueLead(req) + c.code, sort: sortKey(i) }),
  );
}

function criterionLabelValues(req: CompletionRequest): CompletionItem[] {
  const at = req.ctx.path.slice(0, -1);
  const own = criterionEntryFor(fieldText(req.parsed, at, 'id'), fieldText(req.parsed, at, 'type'));
  return catalogueCriteria(req.parsed).map((c, i) =>
    makeItem(req, { label: c.fr, kind: CompletionItemKind.Value, detail: c.code, doc: criterionDoc(c, req.env.locale), text: valueLead(req) + yamlScalar(c.fr), sort: sortKey(i, c === own ? '0' : '1'), preselect: c === own }),
  );
}

function subCriterionValues(req: CompletionRequest, field: 'id' | 'libelle'): CompletionItem[] {
  const parent = req.ctx.path.slice(0, -3);
  const entry = criterionEntryFor(fieldText(req.parsed, parent, 'id'), fieldText(req.parsed, parent, 'type'));
  if (!entry) return [];
  const nature = scalarAt(req.parsed, ['nature']);
  const services = entry.code === 'VT' && (nature === 'services' || nature === 'maitrise_oeuvre');
  const subs: readonly SubCriterionEntry[] = services ? [...SERVICE_SUBCRITERIA, ...entry.sousCriteres] : entry.sousCriteres;
  const { locale } = req.env;
  return subs.map((s, i) => {
    const label = field === 'id' ? s.id : s.fr;
    const env = s.env ? (locale === 'en' ? ' · environmental' : ' · environnemental') : '';
    return makeItem(req, {
      label,
      kind: CompletionItemKind.Value,
      detail: `${field === 'id' ? pickMsg(s, locale) : s.id}${env}`,
      doc: locale === 'en' ? `${s.en} *(${s.fr})*` : `${s.fr} *(${s.en})*`,
      text: valueLead(req) + yamlScalar(label),
      sort: sortKey(i),
    });
  });
}
