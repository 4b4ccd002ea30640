import { normalKey } from './model/normalise';
import { getSchema } from './schema';
import type { DocKind, Locale, Msg, Path } from './types';

/**
 * Navigation in the JSON Schemas by document path, for completion and hover: the sub-schema of a key,
 * its properties, enum labels (`x-enum-labels`) and bilingual documentation (`description` in French,
 * `x-description-en` in English).
 */

export type JsonSchema = Record<string, unknown>;

/** A document path as a pattern: indices become `[]` (`risques.[].proprietaire`). */
export function pattern(path: Path): string {
  return path.map((s) => (typeof s === 'number' ? '[]' : s)).join('.');
}

function isSchema(v: unknown): v is JsonSchema {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Follows a local `$ref` (`#/definitions/x`); other refs are left as they are. */
function deref(root: JsonSchema, s: JsonSchema): JsonSchema {
  let cur = s;
  for (let i = 0; i < 8 && typeof cur.$ref === 'string'; i++) {
    const parts = (cur.$ref as string).replace(/^#\//, '').split('/');
    let next: unknown = root;
    for (const p of parts) next = isSchema(next) ? next[p] : undefined;
    if (!isSchema(next)) break;
    // Keywords next to the $ref (title, description) describe the use site: they win.
    const local = { ...cur };
    delete local.$ref;
    cur = { ...next, ...local };
  }
  return cur;
}

/** The schema of the node at `path` in a document of `kind`, or undefined (unknown key). */
export function schemaAtPath(kind: DocKind, path: Path): JsonSchema | undefined {
  const root = getSchema(kind);
  let s: JsonSchema | undefined = root;
  for (const seg of path) {
    if (!s) return undefined;
    s = childSchema(root, s, seg);
  }
  return s ? deref(root, s) : undefined;
}

function childSchema(root: JsonSchema, parent: JsonSchema, seg: string | number): JsonSchema | undefined {
  const s = deref(root, parent);
  if (typeof seg === 'number') return isSchema(s.items) ? deref(root, s.items) : undefined;
  const props = s.properties;
  if (isSchema(props) && isSchema(props[seg])) return deref(root, props[seg]);
  // A key written in an accepted spelling (`sous_critères`, `urbaine`): the property it is read as.
  if (isSchema(props) && !isSchema(s.additionalProperties)) {
    const k = normalKey(seg);
    const hit = Object.entries(props).find(([n, p]) => normalKey(n) === k || (isSchema(p) && Array.isArray(p['x-aliases']) && p['x-aliases'].some((a) => typeof a === 'string' && normalKey(a) === k)));
    if (hit && isSchema(hit[1])) return deref(root, hit[1]);
  }
  // A map keyed by ids (offres[].notes): every key has the schema of additionalProperties.
  return isSchema(s.additionalProperties) ? deref(root, s.additionalProperties) : undefined;
}

export function typesOf(s: JsonSchema): string[] {
  const t = s.type;
  if (Array.isArray(t)) return t.map(String);
  if (typeof t === 'string') return [t];
  if (isSchema(s.properties)) return ['object'];
  return [];
}

/** The properties of an object schema (in schema order), resolved. */
export function propertiesOf(kind: DocKind, s: JsonSchema): [string, JsonSchema][] {
  const root = getSchema(kind);
  const props = s.properties;
  if (!isSchema(props)) return [];
  return Object.entries(props).filter((e): e is [string, JsonSchema] => isSchema(e[1])).map(([k, v]) => [k, deref(root, v)]);
}

export function requiredOf(s: JsonSchema): Set<string> {
  return new Set(Array.isArray(s.required) ? s.required.map(String) : []);
}

/** The item schema of an array schema, resolved. */
export function itemsOf(kind: DocKind, s: JsonSchema): JsonSchema | undefined {
  return isSchema(s.items) ? deref(getSchema(kind), s.items) : undefined;
}

export function enumOf(s: JsonSchema): unknown[] {
  if (Array.isArray(s.enum)) return s.enum;
  // One value or a list of them (operation.nature): the values are the text branch's.
  if (isSchema(s.then) && Array.isArray(s.then.enum)) return s.then.enum;
  return [];
}

export function enumLabel(s: JsonSchema, value: unknown): Msg | undefined {
  const labels = s['x-enum-labels'];
  if (!isSchema(labels)) return undefined;
  const l = labels[String(value)];
  return isSchema(l) && typeof l.fr === 'string' && typeof l.en === 'string' ? { fr: l.fr, en: l.en } : undefined;
}

export function catalogOf(s: JsonSchema): string | undefined {
  return typeof s['x-catalog'] === 'string' ? s['x-catalog'] : undefined;
}

export function titleOf(s: JsonSchema): string | undefined {
  return typeof s.title === 'string' ? s.title : undefined;
}

export function descriptionOf(s: JsonSchema): Msg | undefined {
  const fr = typeof s.description === 'string' ? s.description : undefined;
  const en = typeof s['x-description-en'] === 'string' ? (s['x-description-en'] as string) : undefined;
  if (!fr && !en) return undefined;
  return { fr: fr ?? en ?? '', en: en ?? fr ?? '' };
}

/** Two-language markdown: the locale's language first, the other one below, in italics. */
export function bilingual(msg: Msg, locale: Locale): string {
  if (msg.fr === msg.en) return msg.fr;
  const [first, second, tag] = locale === 'en' ? [msg.en, msg.fr, 'FR'] : [msg.fr, msg.en, 'EN'];
  return `${first}\n\n*${tag} — ${second}*`;
}

/** The documentation of a schema: its description in both languages, per locale order. */
export function schemaDoc(s: JsonSchema, locale: Locale): string {
  const d = descriptionOf(s);
  return d ? bilingual(d, locale) : '';
}
