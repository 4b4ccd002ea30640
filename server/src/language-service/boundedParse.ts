import { Composer, isAlias, isMap, isScalar, isSeq, parseDocument, Parser, YAMLParseError, type CST, type Document, type DocumentOptions, type ParseOptions, type SchemaOptions } from 'yaml';
import { MAX_NESTING_DEPTH, type StructureProblem } from './limits';

/**
 * The `yaml` parse with its guards (docs/robustness.md, "Limits"): a gross nesting bomb refused on the raw
 * text before any parse, the nesting depth checked on the concrete syntax tree before the recursive composer
 * runs, and duplicate keys found in linear time after it. limits.ts holds the bounds and the notices.
 */

/** Raw bracket or `- - -` nesting at which the text is refused before any parse (the CST parse of 8 MB of `[` takes ~50 s). */
const MAX_RAW_NESTING = 1000;

function tooDeep(offset: number): StructureProblem {
  return {
    start: offset,
    end: offset + 1,
    message: {
      fr: `Imbrication trop profonde : plus de ${MAX_NESTING_DEPTH} niveaux de listes ou d’objets. Un fichier AMO n’en demande que quelques-uns ; vérifiez les crochets, les accolades et l’indentation. Le document n’est pas analysé.`,
      en: `Nesting too deep: more than ${MAX_NESTING_DEPTH} levels of lists or maps. An AMO file needs only a few; check brackets, braces and indentation. The document is not analysed.`,
    },
  };
}

/**
 * A linear over-estimate of nesting on the raw text: open brackets and braces (quotes and comments not
 * excluded), `- `, `? ` and `: ` indicators in a row on one line, indentation (each block level needs
 * one more column). Only a fast path for gross bombs, which also keeps yaml's CST parser (recursive
 * when deep nesting closes: RangeError past ~2,000 levels) well within the stack: MAX_RAW_NESTING is
 * ten times the real limit, which is checked exactly on the CST.
 */
function rawNestingBomb(text: string): number | undefined {
  let brackets = 0;
  let compact = 0;
  let indent = 0;
  let lineStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (lineStart && c === 0x20) {
      if (++indent > MAX_RAW_NESTING) return i;
      continue;
    }
    lineStart = false;
    if (c === 0x5b || c === 0x7b) {
      if (++brackets > MAX_RAW_NESTING) return i;
      compact = 0;
    } else if (c === 0x5d || c === 0x7d) {
      if (brackets > 0) brackets--;
      compact = 0;
    } else if ((c === 0x2d || c === 0x3f || c === 0x3a) && (text.charCodeAt(i + 1) === 0x20 || text.charCodeAt(i + 1) === 0x09)) {
      if (++compact > MAX_RAW_NESTING) return i;
    } else if (c === 0x0a || c === 0x0d) {
      compact = 0;
      indent = 0;
      lineStart = true;
    } else if (c !== 0x20 && c !== 0x09) {
      compact = 0;
    }
  }
  return undefined;
}

/** The offset of the first collection nested deeper than MAX_NESTING_DEPTH in the CST; iterative. */
function cstNestingExcess(tokens: readonly CST.Token[]): number | undefined {
  const stack: { token: CST.Token; depth: number }[] = tokens.map((token) => ({ token, depth: 0 }));
  while (stack.length) {
    const { token, depth } = stack.pop()!;
    if (token.type === 'document') {
      if (token.value) stack.push({ token: token.value, depth });
    } else if (token.type === 'block-map' || token.type === 'block-seq' || token.type === 'flow-collection') {
      if (depth + 1 > MAX_NESTING_DEPTH) return token.offset;
      for (const it of token.items as CST.CollectionItem[]) {
        if (it.key) stack.push({ token: it.key, depth: depth + 1 });
        if (it.value) stack.push({ token: it.value, depth: depth + 1 });
      }
    }
  }
  return undefined;
}

type Options = ParseOptions & DocumentOptions & SchemaOptions;

/**
 * `yaml`'s parseDocument (same options, same MULTIPLE_DOCS error), but the nesting depth is checked on
 * the concrete syntax tree before the recursive composer runs. A document nested too deep gives an empty
 * tree and the problem to report: features answer nothing rather than risk the process.
 */
export function parseBounded(text: string, options: Options): { doc: Document.Parsed; tooDeep?: StructureProblem } {
  const raw = rawNestingBomb(text);
  if (raw !== undefined) return { doc: parseDocument('', options), tooDeep: tooDeep(raw) };
  let tokens: CST.Token[];
  try {
    tokens = [...new Parser().parse(text)];
  } catch {
    // A RangeError from a nesting the raw scan under-estimated: refused all the same.
    return { doc: parseDocument('', options), tooDeep: tooDeep(0) };
  }
  const deep = cstNestingExcess(tokens);
  if (deep !== undefined) return { doc: parseDocument('', options), tooDeep: tooDeep(deep) };
  let doc: Document.Parsed | undefined;
  // yaml's own duplicate-key check compares each key with every key before it in its map: 25,000 root keys
  // took 9 s. The same check is made after the compose, linear (duplicateKeys).
  const unique = options.uniqueKeys === true;
  for (const d of new Composer(unique ? { ...options, uniqueKeys: false } : options).compose(tokens, true, text.length)) {
    if (!doc) doc = d;
    else {
      doc.errors.push(new YAMLParseError([d.range[0], d.range[1]], 'MULTIPLE_DOCS', 'Source contains multiple documents; please use YAML.parseAllDocuments()'));
      break;
    }
  }
  // compose(…, forceDoc = true) always yields a document, even for an empty text.
  if (unique) {
    doc!.options.uniqueKeys = true;
    duplicateKeys(doc!);
  }
  return { doc: doc! };
}

/**
 * The DUPLICATE_KEY errors yaml's `uniqueKeys: true` gives (keys equal as yaml compares them: the same
 * node, or scalars of the same value), found with one set per map, merged into the document's errors in
 * the order of their offsets. Aliases are not followed: their maps are checked where they are written.
 */
function duplicateKeys(doc: Document.Parsed): void {
  const found: YAMLParseError[] = [];
  const stack: unknown[] = [doc.contents];
  while (stack.length) {
    const node = stack.pop();
    if (isMap(node)) {
      const seen = new Set<unknown>();
      for (const pair of node.items) {
        const key: unknown = pair.key;
        const id = isScalar(key) ? key.value : key;
        if (seen.has(id)) {
          const start = isScalar(key) || isMap(key) || isSeq(key) || isAlias(key) ? (key.range?.[0] ?? 0) : 0;
          found.push(new YAMLParseError([start, start + 1], 'DUPLICATE_KEY', 'Map keys must be unique'));
        } else seen.add(id);
        stack.push(pair.key, pair.value);
      }
    } else if (isSeq(node)) for (const it of node.items) stack.push(it);
  }
  if (!found.length) return;
  found.sort((a, b) => a.pos[0] - b.pos[0]);
  const merged: YAMLParseError[] = [];
  let k = 0;
  for (const e of doc.errors) {
    while (k < found.length && found[k].pos[0] < e.pos[0]) merged.push(found[k++]);
    merged.push(e);
  }
  while (k < found.length) merged.push(found[k++]);
  doc.errors.splice(0, doc.errors.length, ...merged);
}
