import { isMap, isPair, isScalar, isSeq, type Document, type Node, type Pair, type YAMLMap } from 'yaml';
import { parseIncrementally, type IncrementalState } from './incrementalParse';
import { budgetNotice, checkStructure, heavy, heavyNotice, MAX_PARSED_LENGTH, overBudget, unaffordable, unaffordableNotice, unparsed } from './limits';
import { parseBounded } from './boundedParse';
import { normalise, rawPath, type Spelling } from './model/normalise';
import { LineIndex } from './lineIndex';
import type { DocKind, Msg, Path } from './types';
import { docKindOf } from './types';

/** Aliases expanded beyond this count are treated as an alias bomb (billion laughs). */
const MAX_ALIAS_COUNT = 1000;
/** Lines with a syntax error reported before the rest is summed up in one note. */
const MAX_SYNTAX_ERRORS = 20;

export interface SyntaxProblem {
  code: 'YAML-001' | 'YAML-002' | 'YAML-003';
  start: number;
  end: number;
  message: Msg;
  severity: 'error' | 'warning' | 'information';
}

/** One parse of one document version, shared by every feature. */
export interface ParsedDocument {
  uri: string;
  text: string;
  kind: DocKind | undefined;
  lines: LineIndex;
  doc: Document.Parsed;
  /** The plain data (undefined when the YAML could not be turned into data). */
  data: unknown;
  problems: SyntaxProblem[];
  /** True when there is no syntax error: schema and rules only run on well-formed documents. */
  ok: boolean;
  /** Set when the text is over a size limit (limits.ts): schema and rules, or even the parse, were skipped (YAML-003). */
  skipped?: 'rules' | 'parse';
  /** What was read in another spelling than the format's (model/normalise.ts): hints SCH-008, errors SCH-002. */
  spellings?: Spelling[];
  /** The data exactly as written, when normalisation changed it (`data` is then the canonical form). */
  raw?: unknown;
}

/** Per parsed YAML document, the canonical path of each renamed key → the key as written (model/normalise.ts). */
const renames = new WeakMap<Document, ReadonlyMap<string, string>>();

/** `data` read as the format's canonical form; the YAML document keeps the text as written. */
function normalised(parsed: ParsedDocument): ParsedDocument {
  if (!parsed.kind || parsed.data === undefined || parsed.skipped) return parsed;
  const n = normalise(parsed.kind, parsed.data);
  if (n.renamed.size) renames.set(parsed.doc, n.renamed);
  else renames.delete(parsed.doc);
  if (n.data !== parsed.data) parsed.raw = parsed.data;
  parsed.data = n.data;
  if (n.spellings.length) parsed.spellings = n.spellings;
  return parsed;
}

function written(doc: Document, path: Path): Path {
  const r = renames.get(doc);
  return r ? rawPath(r, path) : path;
}

/**
 * The entity budget (limits.ts): a well-formed document with a list of more than 20,000 items or more than
 * 300,000 nodes gets its syntax checked only (one YAML-003), before normalisation, schema and rules walk it.
 */
function withinBudget(parsed: ParsedDocument): ParsedDocument {
  if (parsed.skipped) return parsed;
  const over = overBudget(parsed.doc);
  if (!over) return parsed;
  parsed.skipped = 'rules';
  parsed.problems = [...parsed.problems, { code: 'YAML-003', start: over.start, end: over.start + 1, severity: 'information', message: budgetNotice(over) }];
  return parsed;
}

/** Where the next parse of the same document starts from (incrementalParse.ts). */
const incremental = new WeakMap<ParsedDocument, IncrementalState>();

/**
 * Parses a document. With `previous`, the parse of an earlier text of the same document, only the parts
 * of the text that changed are parsed again (incrementalParse.ts); `previous`'s node offsets are then no
 * longer valid.
 */
export function parseText(uri: string, text: string, previous?: ParsedDocument): ParsedDocument {
  // Not parsed at all: an empty tree, so that every feature answers at once with nothing.
  if (text.length > MAX_PARSED_LENGTH) return unparsed(uri, text, 'parse');
  // Over the entity budget by the pre-scan and too costly to parse even for the syntax (limits.ts): not parsed either.
  const refused = unaffordable(text);
  if (refused) return unparsed(uri, text, 'parse', unaffordableNotice(refused));
  const why = heavy(text);
  const skipped = why ? 'rules' : undefined;
  const at = why && 'start' in why ? why.start : 0;
  const notices: SyntaxProblem[] = why ? [{ code: 'YAML-003', start: at, end: at + 1, severity: 'information', message: heavyNotice(text, why) }] : [];
  const state = previous && incremental.get(previous);
  // Over the entity budget, the incremental parse would cut the text into as many pieces as items (160,000
  // block items: 3.3 s against 1.4 s for the whole parse) for a state that a syntax-only check never reuses.
  const inc = why && ('items' in why || 'nodes' in why) ? { state: undefined, edit: undefined, result: undefined } as const : parseIncrementally(text, state);
  // The previous line table, updated around the edit (the previous parse gives it up, as its nodes).
  const lines = previous && inc.edit && previous.lines.text === state?.text ? LineIndex.edited(previous.lines, text, inc.edit.start, inc.edit.oldEnd, inc.edit.newEnd) : new LineIndex(text);
  if (inc.result) {
    // Equal to the whole parse below, which runs when a piece has an error (incrementalParse.ts).
    const parsed: ParsedDocument = { uri, text, kind: docKindOf(uri), lines, doc: inc.result.doc, data: inc.result.data, problems: notices, ok: true, skipped };
    incremental.set(parsed, inc.state);
    return normalised(withinBudget(parsed));
  }
  // A BOM is not content: the yaml parser accepts it, and offsets stay those of the original text.
  // parseDocument with the nesting depth checked before the recursive composer runs (limits.ts).
  // logLevel 'error': yaml would print a process warning for every collection used as a key (stderr noise per keystroke).
  const { doc, tooDeep } = parseBounded(text, { prettyErrors: false, uniqueKeys: true, strict: true, logLevel: 'error' });
  const problems: SyntaxProblem[] = [];
  // One broken line makes yaml report every token after it (229 errors for one missing quote): the first
  // error of each line is kept, up to MAX_SYNTAX_ERRORS lines, then one note says how many follow.
  const errorLines = new Set<number>();
  let dropped = 0;
  for (const e of doc.errors) {
    const line = lines.positionAt(e.pos[0]).line;
    if (errorLines.has(line) || errorLines.size >= MAX_SYNTAX_ERRORS) {
      dropped++;
      continue;
    }
    errorLines.add(line);
    problems.push({
      code: 'YAML-001',
      start: e.pos[0],
      end: Math.max(e.pos[1], e.pos[0] + 1),
      message: yamlMessage(e.code, e.message),
      severity: 'error',
    });
  }
  if (dropped > 0 && errorLines.size >= MAX_SYNTAX_ERRORS) {
    const last = problems[problems.length - 1];
    problems.push({
      code: 'YAML-001', start: last.start, end: last.end, severity: 'information',
      message: { fr: `${dropped} autre(s) erreur(s) de syntaxe plus loin, souvent des conséquences des premières : corrigez celles-ci d’abord.`, en: `${dropped} more syntax error(s) further on, often consequences of the first ones: fix these first.` },
    });
  }
  for (const w of doc.warnings) {
    problems.push({ code: 'YAML-002', start: w.pos[0], end: Math.max(w.pos[1], w.pos[0] + 1), message: yamlMessage(w.code, w.message), severity: 'warning' });
  }
  // Depth and alias expansion are checked before anything recursive (toJS, ajv, rules) walks the tree.
  const excess = tooDeep ?? (doc.errors.length === 0 ? checkStructure(doc) : undefined);
  if (excess) problems.push({ code: 'YAML-001', start: excess.start, end: excess.end, message: excess.message, severity: 'error' });
  let data: unknown;
  if (doc.errors.length === 0 && !excess) {
    try {
      data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (err) {
      // yaml throws a ReferenceError for excessive aliases: report it, keep the server alive.
      problems.push({
        code: 'YAML-001',
        start: 0,
        end: Math.min(text.length, 1),
        message: {
          fr: `Document refusé : trop d'alias YAML (plus de ${MAX_ALIAS_COUNT} expansions). ${String((err as Error).message)}`,
          en: `Document refused: too many YAML aliases (more than ${MAX_ALIAS_COUNT} expansions). ${String((err as Error).message)}`,
        },
        severity: 'error',
      });
    }
  }
  problems.push(...notices);
  const ok = problems.every((p) => p.severity !== 'error');
  const parsed: ParsedDocument = { uri, text, kind: docKindOf(uri), lines, doc, data, problems, ok, skipped };
  if (inc.state) incremental.set(parsed, inc.state);
  return ok ? normalised(withinBudget(parsed)) : parsed;
}

function yamlMessage(code: string, message: string): Msg {
  const first = message.split('\n')[0];
  const fr: Record<string, string> = {
    DUPLICATE_KEY: 'Clé en double dans le même objet : supprimez ou renommez l’une des deux.',
    BAD_INDENT: 'Indentation incorrecte : alignez cette ligne sur les clés de même niveau.',
    MISSING_CHAR: 'Caractère manquant (guillemet, crochet ou accolade fermant ?).',
    MULTILINE_IMPLICIT_KEY: 'Une clé implicite ne peut pas s’étendre sur plusieurs lignes : ajoutez « : » ou corrigez l’indentation.',
    TAB_AS_INDENT: 'Tabulation utilisée pour l’indentation : YAML n’accepte que des espaces.',
    BLOCK_AS_IMPLICIT_KEY: 'Structure invalide : une valeur ne peut pas servir de clé ici ; vérifiez l’indentation.',
    UNEXPECTED_TOKEN: 'Élément inattendu : vérifiez la syntaxe YAML de cette ligne.',
    BAD_SCALAR_START: 'Valeur mal formée : mettez-la entre guillemets.',
    MULTIPLE_DOCS: 'Un fichier AMO ne contient qu’un seul document YAML.',
    RESOURCE_EXHAUSTION: 'Imbrication trop profonde pour être analysée : réduisez l’imbrication des listes et des objets.',
  };
  // yaml reports a stack overflow while composing a deeply nested document as RESOURCE_EXHAUSTION.
  const en = code === 'RESOURCE_EXHAUSTION' ? `YAML: nesting too deep to be analysed (${first})` : `YAML: ${first}`;
  return { fr: `${fr[code] ?? 'Erreur de syntaxe YAML.'} (${first})`, en };
}

/**
 * Per YAML map, its pairs by key (the first of duplicates, as yaml's own lookup): locating a schema error
 * used to scan the map's items (doc.getIn, items.find), quadratic with 25,000 unknown keys (15–44 s).
 * Built on first lookup; a parse makes new nodes, so an index never outlives its document.
 */
const pairIndex = new WeakMap<YAMLMap, Map<string, Pair>>();

function pairOf(map: YAMLMap, key: string | number): Pair | undefined {
  let index = pairIndex.get(map);
  if (!index) {
    index = new Map();
    for (const p of map.items) {
      if (!isPair(p)) continue;
      const k = isScalar(p.key) ? String(p.key.value) : p.key === null || typeof p.key !== 'object' ? String(p.key) : undefined;
      if (k !== undefined && !index.has(k)) index.set(k, p);
    }
    pairIndex.set(map, index);
  }
  return index.get(String(key));
}

/** The child of a collection at one path segment (a map key or a sequence index). */
function childAt(node: unknown, key: string | number): unknown {
  if (isMap(node)) return pairOf(node, key)?.value ?? undefined;
  if (isSeq(node)) {
    const i = typeof key === 'number' ? key : /^\d+$/.test(key) ? Number(key) : -1;
    return i >= 0 && i < node.items.length ? node.items[i] : undefined;
  }
  return undefined;
}

/** The node at `path`, or undefined. */
export function nodeAt(doc: Document.Parsed, path: Path): Node | undefined {
  path = written(doc, path);
  let n: unknown = doc.contents ?? undefined;
  for (const key of path) {
    n = childAt(n, key);
    if (n === undefined) return undefined;
  }
  return n && typeof n === 'object' ? (n as Node) : undefined;
}

/** The key/value pair for the last segment of `path` when its parent is a map. */
export function pairAt(doc: Document.Parsed, path: Path): Pair | undefined {
  path = written(doc, path);
  if (path.length === 0) return undefined;
  let parent: unknown = doc.contents ?? undefined;
  for (let i = 0; i < path.length - 1 && parent !== undefined; i++) parent = childAt(parent, path[i]);
  if (!isMap(parent)) return undefined;
  const pair = pairOf(parent, path[path.length - 1]);
  return pair && isScalar(pair.key) ? pair : undefined;
}

export type Target = 'key' | 'value';

/**
 * The offsets to underline for `path`: the key (missing or extra properties, whole-list rules) or the
 * value (wrong values). A path that does not exist falls back to the nearest existing ancestor's key.
 */
export function locate(doc: Document.Parsed, path: Path, target: Target): [number, number] {
  for (let i = path.length; i >= 0; i--) {
    const p = path.slice(0, i);
    const exact = i === path.length;
    const want: Target = exact ? target : 'key';
    if (want === 'key') {
      const pair = pairAt(doc, p);
      if (pair && isScalar(pair.key) && pair.key.range) return [pair.key.range[0], pair.key.range[1]];
      const node = nodeAt(doc, p);
      if (node && p.length > 0 && typeof p[p.length - 1] === 'number') return itemHead(node);
      if (node && p.length === 0) return firstKey(node);
    } else {
      const node = nodeAt(doc, p);
      if (node?.range) {
        if (isMap(node) || isSeq(node)) return itemHead(node);
        return [node.range[0], node.range[1]];
      }
      const pair = pairAt(doc, p);
      // `key:` with no value: underline the key.
      if (pair && isScalar(pair.key) && pair.key.range) return [pair.key.range[0], pair.key.range[1]];
    }
  }
  return [0, 0];
}

/** For a collection: its first key (maps) or first item (sequences), so the range stays on one line. */
function itemHead(node: Node): [number, number] {
  if (isMap(node)) {
    const first = node.items[0];
    if (first && isScalar(first.key) && first.key.range) return [first.key.range[0], first.key.range[1]];
  }
  if (isSeq(node)) {
    const first = node.items[0] as Node | undefined;
    if (first) return itemHead(first);
  }
  if (node.range) return [node.range[0], Math.min(node.range[1], node.range[0] + 1)];
  return [0, 0];
}

function firstKey(node: Node): [number, number] {
  return itemHead(node);
}
