import programmeSchema from '../../../../schemas/programme.schema.json';
import consultationSchema from '../../../../schemas/consultation.schema.json';
import type { DocKind, Msg, Path } from '../types';
import { closest, fold } from '../util/strings';

/**
 * Natural input, normalised once per parse (docs/format.md, « Natural spellings »): what a French consultant naturally writes is read
 * as the canonical form of the format, the file is left as written.
 *
 * - keys and enum values with accents, capitals or spaces (`sous_critères`, `Qualité`, `arrêté`) and the
 *   synonyms a schema property declares in `x-aliases` (`urbaine` for `urbanistique`, the word of L2421-2);
 * - `oui` / `non` (any case) for booleans;
 * - amounts with spaces (plain, non-breaking or thin), a decimal comma, a trailing `€`, `€ HT`, `EUR`;
 *   weights and rates as `40 %`;
 * - numbers where the format wants a text (a numeric id, a postcode);
 * - a deadline with an hour (`2027-08-20T12:00`): the date is the day, the hour goes to `heure_<key>`
 *   when the schema has it.
 *
 * A misspelt key close to exactly one known key of its object (`critères` → `criteres`, `sous_critere` →
 * `sous_criteres`) is read as that key: it gives one error (SCH-002, with a quick fix) instead of one per
 * value it holds, and its content is still checked.
 *
 * The walk follows the JSON Schema (properties, items, additionalProperties, local $ref). It copies only the
 * objects and lists on the path of a change: a file written canonically comes back as the same object.
 * Every change is recorded as a Spelling (canonical path, raw key or value, canonical form) for the hint
 * SCH-008 and its quick fix, and renamed keys are mapped back to the YAML nodes by `rawPath`.
 */

type JsonSchema = Record<string, unknown>;

export interface Spelling {
  /** The path in the normalised data. */
  path: Path;
  /** Whether the key or the value was read differently. */
  target: 'key' | 'value';
  /** As written. */
  written: string;
  /** As read; undefined when there is no canonical spelling to offer (numeric id, hour split off). */
  canonical?: string;
  /** A misspelling read as the closest key (an error), rather than an accepted spelling (a hint). */
  misspelt?: boolean;
  message: Msg;
}

export interface Normalised {
  data: unknown;
  spellings: Spelling[];
  /** Canonical path of each renamed key (as JSON) → the key as written. Empty for most files. */
  renamed: Map<string, string>;
}

function isSchema(v: unknown): v is JsonSchema {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isPlain(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Follows local `$ref`s (`#/definitions/x`). */
function deref(root: JsonSchema, s: JsonSchema): JsonSchema {
  let cur = s;
  for (let i = 0; i < 8 && typeof cur.$ref === 'string'; i++) {
    let next: unknown = root;
    for (const p of (cur.$ref as string).replace(/^#\//, '').split('/')) next = isSchema(next) ? next[p] : undefined;
    if (!isSchema(next)) break;
    cur = next;
  }
  return cur;
}

function types(s: JsonSchema): string[] {
  const t = s.type;
  if (Array.isArray(t)) return t.map(String);
  if (typeof t === 'string') return [t];
  return isSchema(s.properties) ? ['object'] : [];
}

/** A key or enum value as compared: accents and case folded, spaces, hyphens and apostrophes as `_`. */
export function normalKey(s: string): string {
  return fold(s).trim().replace(/[\s\-’']+/g, '_');
}

const BOOLEAN: Record<string, boolean> = { oui: true, non: false, vrai: true, faux: false, yes: true, no: false };
/** Spaces a French amount may hold: plain, non-breaking (U+00A0), narrow non-breaking (U+202F), thin (U+2009). */
const SPACES = /[\s\u00a0\u202f\u2009]+/g;
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(?::\d{2})?$/;
const UNIT = /[\s\u00a0\u202f\u2009]*(?:€|eur|euros?)?[\s\u00a0\u202f\u2009]*(?:ht|h\.t\.|hors[\s\u00a0\u202f\u2009]+taxes?)?$/i;
const NUMBER = /^[+-]?(?:\d{1,3}(?:[\s\u00a0\u202f\u2009]\d{3})+|\d+)(?:[.,]\d+)?$/;

/**
 * A number written as text: `3 600 000`, `3 600 000 € HT`, `12,5`, `40 %`; undefined otherwise. Spaces
 * are thousands separators only between groups of three digits (`3 6` is no number).
 */
export function parseNumber(text: string): number | undefined {
  let t = text.trim();
  if (t.length === 0 || t.length > 64) return undefined;
  const pct = /^(.*?)[\s\u00a0\u202f\u2009]*%$/.exec(t);
  t = pct ? pct[1] : t.replace(UNIT, '');
  if (!NUMBER.test(t)) return undefined;
  const n = Number(t.replace(SPACES, '').replace(',', '.'));
  return Number.isFinite(n) ? n : undefined;
}

interface Walk {
  root: JsonSchema;
  spellings: Spelling[];
  renamed: Map<string, string>;
}

const KEY_MSG = (written: string, canonical: string): Msg => ({
  fr: `« ${written} » est lu comme la clé « ${canonical} » : remplacez-la par la forme du format si vous le souhaitez.`,
  en: `'${written}' is read as the key '${canonical}': replace it with the format's spelling if you wish.`,
});
const VALUE_MSG = (written: string, canonical: string): Msg => ({
  fr: `« ${written} » est lu comme « ${canonical} » : remplacez-le par la forme du format si vous le souhaitez.`,
  en: `'${written}' is read as '${canonical}': replace it with the format's spelling if you wish.`,
});

function value(w: Walk, v: unknown, schema: JsonSchema | undefined, path: Path): unknown {
  if (!schema) return v;
  const s = deref(w.root, schema);
  const t = types(s);
  if (Array.isArray(v)) {
    const items = isSchema(s.items) ? s.items : undefined;
    if (!items) return v;
    let out: unknown[] | undefined;
    for (let i = 0; i < v.length; i++) {
      const n = value(w, v[i], items, [...path, i]);
      if (n !== v[i]) (out ??= v.slice())[i] = n;
    }
    return out ?? v;
  }
  if (isPlain(v)) return t.includes('object') ? object(w, v, s, path) : v;
  if (typeof v === 'string') return scalarFromText(w, v, s, t, path);
  // A number where only a text is admitted: a numeric id (`id: 12`), a postcode.
  if (typeof v === 'number' && Number.isFinite(v) && t.includes('string') && !t.includes('number') && !t.includes('integer') && !Array.isArray(s.enum) && s.format === undefined) {
    return String(v);
  }
  return v;
}

function scalarFromText(w: Walk, v: string, s: JsonSchema, t: string[], path: Path): unknown {
  if (t.includes('string')) {
    const e = Array.isArray(s.enum) ? (s.enum as unknown[]) : isSchema(s.then) && Array.isArray(s.then.enum) ? (s.then.enum as unknown[]) : undefined;
    if (e && !e.includes(v)) {
      const k = normalKey(v);
      // The value folded (accents, capitals, spaces), else a synonym the schema declares (`x-enum-aliases`:
      // `rénovation` for `rehabilitation`, `valeur technique` for `qualite`).
      const aliases = isSchema(s['x-enum-aliases']) ? (s['x-enum-aliases'] as Record<string, unknown>) : undefined;
      const alias = aliases && Object.hasOwn(aliases, k) ? aliases[k] : undefined;
      const hit = e.find((x) => typeof x === 'string' && normalKey(x) === k) ?? (typeof alias === 'string' && e.includes(alias) ? alias : undefined);
      if (typeof hit === 'string') {
        w.spellings.push({ path, target: 'value', written: v, canonical: hit, message: VALUE_MSG(v, hit) });
        return hit;
      }
    }
    return v;
  }
  if (t.includes('boolean')) {
    const b = BOOLEAN[v.trim().toLowerCase()];
    if (b !== undefined) {
      w.spellings.push({ path, target: 'value', written: v, canonical: String(b), message: VALUE_MSG(v, String(b)) });
      return b;
    }
  }
  if (t.includes('number') || t.includes('integer')) {
    const n = parseNumber(v);
    // `3 600 000 € HT` and `40 %` are forms of the format in their own right (more readable than the
    // bare number): read, with no hint to rewrite them.
    if (n !== undefined) return n;
  }
  return v;
}

function object(w: Walk, v: Record<string, unknown>, s: JsonSchema, path: Path): Record<string, unknown> {
  const props = isSchema(s.properties) ? s.properties : undefined;
  const extra = isSchema(s.additionalProperties) ? s.additionalProperties : undefined;
  // Keys of a map keyed by ids (offres[].notes) are data, not names of the format: never renamed.
  const names = props && !extra ? Object.keys(props) : [];
  let out: Record<string, unknown> | undefined;
  const keys = Object.keys(v);
  const present = new Set(keys);
  const taken = new Set<string>();
  for (const key of keys) {
    let canonical = key;
    if (props && !Object.hasOwn(props, key) && names.length) {
      const k = normalKey(key);
      const alias = names.find((n) => normalKey(n) === k || (Array.isArray((props[n] as JsonSchema)['x-aliases']) && ((props[n] as JsonSchema)['x-aliases'] as unknown[]).some((a) => typeof a === 'string' && normalKey(a) === k)));
      const free = (n: string): boolean => !present.has(n) && !taken.has(n);
      if (alias && free(alias)) {
        canonical = alias;
        w.spellings.push({ path: [...path, alias], target: 'key', written: key, canonical: alias, message: KEY_MSG(key, alias) });
      } else if (!alias) {
        const guess = closest(key, names.filter(free));
        if (guess) {
          canonical = guess;
          w.spellings.push({
            path: [...path, guess], target: 'key', written: key, canonical: guess, misspelt: true,
            message: { fr: `Clé inconnue « ${key} » : vouliez-vous dire « ${guess} » ? Son contenu est vérifié comme « ${guess} ».`, en: `Unknown key '${key}': did you mean '${guess}'? Its content is checked as '${guess}'.` },
          });
        }
      }
    }
    const child = props && Object.hasOwn(props, canonical) ? (props[canonical] as JsonSchema) : extra;
    const childPath = [...path, canonical];
    let val = value(w, v[key], child, childPath);
    if (canonical !== key) {
      taken.add(canonical);
      w.renamed.set(JSON.stringify(childPath), key);
    }
    // A deadline with its hour: the day for every date rule, the hour beside it when the format has a key for it.
    const childSchema = child ? deref(w.root, child) : undefined;
    let hour: [string, string] | undefined;
    if (typeof val === 'string' && childSchema?.format === 'date' && childSchema['x-heure'] !== undefined) {
      const m = DATE_TIME.exec(val.trim());
      if (m && typeof childSchema['x-heure'] === 'string' && !present.has(childSchema['x-heure'])) {
        val = m[1];
        hour = [childSchema['x-heure'], m[2]];
      }
    }
    if (!out && (val !== v[key] || canonical !== key || hour)) {
      // Copy on the first change: the keys before it were neither renamed nor changed.
      out = {};
      for (const k of keys) {
        if (k === key) break;
        out[k] = v[k];
      }
    }
    if (out) {
      out[canonical] = val;
      if (hour) out[hour[0]] = hour[1];
    }
  }
  return out ?? v;
}

export function normalise(kind: DocKind, data: unknown): Normalised {
  const root = (kind === 'programme' ? programmeSchema : consultationSchema) as JsonSchema;
  const w: Walk = { root, spellings: [], renamed: new Map() };
  const out = value(w, data, root, []);
  return { data: out, spellings: w.spellings, renamed: w.renamed };
}

/** The path as written in the YAML for a canonical path (renamed keys mapped back). */
export function rawPath(renamed: ReadonlyMap<string, string>, path: Path): Path {
  if (renamed.size === 0) return path;
  const out: (string | number)[] = [];
  for (let i = 0; i < path.length; i++) {
    const raw = renamed.get(JSON.stringify(path.slice(0, i + 1)));
    out.push(raw ?? path[i]);
  }
  return out;
}
