import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats, { type FormatName } from 'ajv-formats';
import ajvSetup from './ajvSetup.json';
import * as generated from './generated/schemaValidators';
import programmeSchema from '../../../schemas/programme.schema.json';
import consultationSchema from '../../../schemas/consultation.schema.json';
import { locate, nodeAt, type ParsedDocument } from './parse';
import type { DiagnosticData, DocKind, Msg, Path, Severity } from './types';
import { closest } from './util/strings';

export interface SchemaProblem {
  code: string;
  start: number;
  end: number;
  message: Msg;
  severity: Severity;
  /** Machine-readable facts for quick fixes (e.g. the suggested replacement of a misspelt key). */
  data?: DiagnosticData;
}

type JsonSchema = Record<string, unknown>;

let validators: Record<DocKind, ValidateFunction> | undefined;

/** The key scripts/schemaValidators.mjs gives the code it generates: the same function over the same values. */
export function schemaKey(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x1b873593;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193);
  }
  return `${text.length}-${(a >>> 0).toString(16)}-${(b >>> 0).toString(16)}`;
}

/** Whether the validators generated at build time were made from these schemas (false: schemas edited since the build). */
export function generatedValidatorsCurrent(): boolean {
  return generated.key === schemaKey(JSON.stringify([ajvSetup, programmeSchema, consultationSchema]));
}

/** The same validators compiled now (ajv: 150-300 ms and ~20 MB): when the generated ones are stale, and in tests. */
export function compileValidators(): Record<DocKind, ValidateFunction> {
  const ajv = new Ajv({ ...ajvSetup.options });
  ajv.addVocabulary(ajvSetup.vocabulary);
  addFormats(ajv, ajvSetup.formats as FormatName[]);
  return {
    programme: ajv.compile(programmeSchema as JsonSchema),
    consultation: ajv.compile(consultationSchema as JsonSchema),
  };
}

/**
 * The validators: generated at build time (scripts/schemaValidators.mjs, ajv standalone code) so that no
 * process compiles the schemas at start; compiled once per process instead if the schemas changed since.
 */
function getValidators(): Record<DocKind, ValidateFunction> {
  if (!validators) validators = generatedValidatorsCurrent() ? { programme: generated.programme, consultation: generated.consultation } : compileValidators();
  return validators;
}

export function getSchema(kind: DocKind): JsonSchema {
  return (kind === 'programme' ? programmeSchema : consultationSchema) as JsonSchema;
}

/** Validates the document's data against its schema; each error is mapped to the precise YAML node. */
export function validateSchema(parsed: ParsedDocument): SchemaProblem[] {
  if (!parsed.kind || !parsed.ok) return [];
  const data = parsed.data ?? null;
  const validate = getValidators()[parsed.kind];
  if (validate(data)) return [];
  const out: SchemaProblem[] = [];
  const seen = new Set<string>();
  for (const err of validate.errors ?? []) {
    const p = mapError(parsed, err);
    if (!p) continue;
    const k = `${p.start}:${p.code}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(p);
  }
  return out;
}

function toPath(instancePath: string): Path {
  if (!instancePath) return [];
  return instancePath
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function describeType(v: unknown): Msg {
  if (v === null || v === undefined) return { fr: 'vide', en: 'empty' };
  if (Array.isArray(v)) return { fr: 'une liste', en: 'a list' };
  if (typeof v === 'object') return { fr: 'un objet', en: 'an object' };
  if (typeof v === 'number') return { fr: 'un nombre', en: 'a number' };
  if (typeof v === 'boolean') return { fr: 'un booléen', en: 'a boolean' };
  return { fr: 'un texte', en: 'a text' };
}

const TYPE_FR: Record<string, string> = {
  string: 'un texte',
  number: 'un nombre',
  integer: 'un nombre entier',
  boolean: 'true ou false',
  object: 'un objet (clés : valeurs)',
  array: 'une liste (éléments « - »)',
  null: 'vide',
};
const TYPE_EN: Record<string, string> = {
  string: 'a text',
  number: 'a number',
  integer: 'an integer',
  boolean: 'true or false',
  object: 'an object (key: value)',
  array: 'a list ("- " items)',
  null: 'empty',
};

function mapError(parsed: ParsedDocument, err: ErrorObject): SchemaProblem | undefined {
  const path = toPath(err.instancePath);
  const parentSchema = (err.parentSchema ?? {}) as JsonSchema;
  const ruleCode = typeof parentSchema['x-rule'] === 'string' ? (parentSchema['x-rule'] as string) : undefined;
  const where = path.length ? `« ${path.join('.')} »` : 'racine';
  const whereEn = path.length ? `'${path.join('.')}'` : 'root';
  switch (err.keyword) {
    case 'required': {
      const missing = (err.params as { missingProperty: string }).missingProperty;
      const [start, end] = locate(parsed.doc, path, 'key');
      return {
        code: 'SCH-001',
        start,
        end,
        severity: 'error',
        message: {
          fr: `Clé obligatoire manquante : « ${missing} » (dans ${where}). Ajoutez-la.`,
          en: `Missing required key '${missing}' (in ${whereEn}). Add it.`,
        },
      };
    }
    case 'additionalProperties': {
      const extra = (err.params as { additionalProperty: string }).additionalProperty;
      const [start, end] = locate(parsed.doc, [...path, extra], 'key');
      const known = Object.keys((parentSchema.properties ?? {}) as JsonSchema);
      // A key already present in the object is no suggestion: renaming to it would duplicate it.
      const present = err.data && typeof err.data === 'object' ? (err.data as Record<string, unknown>) : {};
      const guess = closest(extra, known.filter((k) => !Object.hasOwn(present, k)));
      return {
        code: 'SCH-002',
        start,
        end,
        // A likely misspelling hides the value the rules expect: that is an error. An unknown key that
        // resembles nothing is reported as a warning (it is ignored, nothing is lost).
        severity: guess ? 'error' : 'warning',
        data: guess ? { replacement: guess } : undefined,
        message: guess
          ? { fr: `Clé inconnue « ${extra} » : vouliez-vous dire « ${guess} » ?`, en: `Unknown key '${extra}': did you mean '${guess}'?` }
          : {
              fr: `Clé inconnue « ${extra} » : elle est ignorée. Clés possibles : ${known.join(', ')}.`,
              en: `Unknown key '${extra}': it is ignored. Possible keys: ${known.join(', ')}.`,
            },
      };
    }
    case 'type': {
      const [start, end] = locate(parsed.doc, path, 'value');
      const types = String((err.params as { type: string | string[] }).type).split(',');
      const got = describeType(err.data);
      return {
        code: ruleCode ?? 'SCH-003',
        start,
        end,
        severity: 'error',
        message: {
          fr: `Type incorrect pour ${where} : attendu ${types.map((t) => TYPE_FR[t] ?? t).join(' ou ')}, trouvé ${got.fr}.`,
          en: `Wrong type for ${whereEn}: expected ${types.map((t) => TYPE_EN[t] ?? t).join(' or ')}, found ${got.en}.`,
        },
      };
    }
    case 'enum': {
      const [start, end] = locate(parsed.doc, path, 'value');
      const allowed = ((err.params as { allowedValues: unknown[] }).allowedValues ?? []).map(String);
      const guess = typeof err.data === 'string' ? closest(err.data, allowed) : undefined;
      const hint = guess ? { fr: ` Vouliez-vous dire « ${guess} » ?`, en: ` Did you mean '${guess}'?` } : { fr: '', en: '' };
      return {
        code: ruleCode ?? 'SCH-004',
        start,
        end,
        severity: 'error',
        data: guess ? { replacement: guess } : undefined,
        message: {
          fr: `Valeur « ${String(err.data)} » non admise pour ${where}. Valeurs possibles : ${allowed.join(', ')}.${hint.fr}`,
          en: `Value '${String(err.data)}' is not allowed for ${whereEn}. Allowed: ${allowed.join(', ')}.${hint.en}`,
        },
      };
    }
    case 'format':
    case 'pattern': {
      const [start, end] = locate(parsed.doc, path, 'value');
      const fmt = err.keyword === 'format' ? (err.params as { format: string }).format : 'pattern';
      const isMonth = err.keyword === 'pattern' && String((err.params as { pattern: string }).pattern).includes('(0[1-9]|1[0-2])$');
      const expected =
        fmt === 'date'
          ? { fr: 'une date AAAA-MM-JJ (ex. 2027-03-15)', en: 'a date YYYY-MM-DD (e.g. 2027-03-15)' }
          : isMonth
            ? { fr: 'un mois AAAA-MM (ex. 2026-09)', en: 'a month YYYY-MM (e.g. 2026-09)' }
            : { fr: `le motif ${(err.params as { pattern?: string }).pattern ?? ''}`, en: `the pattern ${(err.params as { pattern?: string }).pattern ?? ''}` };
      // A French date (JJ/MM/AAAA): never guessed silently, one error whose quick fix writes it in ISO.
      const iso = fmt === 'date' && typeof err.data === 'string' ? frenchDateToIso(err.data) : undefined;
      if (iso) {
        return {
          code: ruleCode ?? 'SCH-005',
          start,
          end,
          severity: 'error',
          data: { replacement: iso },
          message: {
            fr: `Date « ${err.data as string} » au format JJ/MM/AAAA pour ${where} : le format attend AAAA-MM-JJ, soit ${iso}.`,
            en: `Date '${err.data as string}' written DD/MM/YYYY for ${whereEn}: the format expects YYYY-MM-DD, that is ${iso}.`,
          },
        };
      }
      return {
        code: ruleCode ?? 'SCH-005',
        start,
        end,
        severity: 'error',
        message: { fr: `Format incorrect pour ${where} : attendu ${expected.fr}.`, en: `Wrong format for ${whereEn}: expected ${expected.en}.` },
      };
    }
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
    case 'minLength':
    case 'maxLength':
    case 'minItems':
    case 'maxItems': {
      const [start, end] = locate(parsed.doc, path, 'value');
      const limit = (err.params as { limit: number }).limit;
      const op: Record<string, [string, string]> = {
        minimum: ['≥', '≥'],
        maximum: ['≤', '≤'],
        exclusiveMinimum: ['>', '>'],
        exclusiveMaximum: ['<', '<'],
        minLength: ['d’au moins', 'at least'],
        maxLength: ['d’au plus', 'at most'],
        minItems: ['d’au moins', 'at least'],
        maxItems: ['d’au plus', 'at most'],
      };
      const [fr, en] = op[err.keyword];
      const unit = err.keyword.endsWith('Length') ? [' caractère(s)', ' character(s)'] : err.keyword.endsWith('Items') ? [' élément(s)', ' item(s)'] : ['', ''];
      return {
        code: ruleCode ?? 'SCH-006',
        start,
        end,
        severity: 'error',
        message: {
          fr: `Valeur hors limites pour ${where} : attendu ${fr} ${limit}${unit[0]}.`,
          en: `Value out of range for ${whereEn}: expected ${en} ${limit}${unit[1]}.`,
        },
      };
    }
    case 'uniqueItems': {
      const [start, end] = locate(parsed.doc, path, 'value');
      const { i, j } = err.params as { i: number; j: number };
      return {
        code: ruleCode ?? 'SCH-007',
        start,
        end,
        severity: 'error',
        message: { fr: `Valeur en double dans ${where} (éléments ${j + 1} et ${i + 1}, peut-être écrits autrement) : gardez-en un.`, en: `Duplicate value in ${whereEn} (items ${j + 1} and ${i + 1}, perhaps spelt differently): keep one.` },
      };
    }
    case 'if':
    case 'anyOf':
    case 'oneOf':
    case 'allOf':
      // The sub-errors that explain these are reported on their own.
      return undefined;
    default: {
      if (!nodeAt(parsed.doc, path) && path.length) return undefined;
      const [start, end] = locate(parsed.doc, path, 'value');
      return {
        code: ruleCode ?? 'SCH-007',
        start,
        end,
        severity: 'error',
        message: { fr: `Valeur non conforme pour ${where} (${err.message ?? err.keyword}).`, en: `Invalid value for ${whereEn} (${err.message ?? err.keyword}).` },
      };
    }
  }
}

/** `20/08/2027`, `20-08-2027`, `20.08.2027` (day first, as in France) → `2027-08-20`, when it is a real date. */
export function frenchDateToIso(text: string): string | undefined {
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text.trim());
  if (!m) return undefined;
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== mo - 1 || t.getUTCDate() !== d) return undefined;
  return `${m[3]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
