import { isAlias, isMap, isPair, isScalar, isSeq, parseDocument, type Document, type Node } from 'yaml';
import type { ParsedDocument, SyntaxProblem } from './parse';
import { LineIndex } from './lineIndex';
import { docKindOf, type Msg } from './types';
import { estimate, MIN_SCANNED_LENGTH, type Estimate } from './prescan';

/**
 * Resource limits of the service: what a hostile or accidental document (alias bomb, 10,000 nested
 * brackets, a 50 MB log pasted in) may cost. Figures and the reasoning behind them: docs/robustness.md.
 */

/** Above this length (UTF-16 code units, about 2 MB or 40,000 lines), schema, rules and the link are skipped. */
export const MAX_VALIDATED_LENGTH = 2_000_000;
/**
 * A document of more lines than this, or with a line longer than MAX_LINE_LENGTH, is treated as one over
 * MAX_VALIDATED_LENGTH (syntax only, off the server's main thread, features off) whatever its length: a real
 * file of 2 MB holds about 40,000 lines of under 1,000 characters, while 160,000 one-item lines (1 MB) or one
 * line of 160,000 flow items (320 kB) held the server's main thread for seconds in the `yaml` parse alone.
 */
export const MAX_LINES = 60_000;
export const MAX_LINE_LENGTH = 100_000;

/** The last text estimated and its estimate: the server asks again for the same text (validation, then every feature request). */
let lastEstimate: { text: string; estimate: Estimate } | undefined;

function estimated(text: string): Estimate {
  if (lastEstimate?.text !== text) lastEstimate = { text, estimate: estimate(text) };
  return lastEstimate.estimate;
}

/** Over the entity budget by the pre-scan: a collection of more than MAX_COLLECTION_ITEMS items, or more than MAX_NODES nodes. */
function overEstimate(e: Estimate): { items: number; start: number } | { nodes: number } | undefined {
  if (e.items > MAX_COLLECTION_ITEMS) return { items: e.items, start: e.itemsAt };
  if (e.nodes > MAX_NODES) return { nodes: e.nodes };
  return undefined;
}

export type HeavyReason = { length: number } | { lines: number } | { longestLine: number } | { topLevel: number } | { items: number; start: number } | { nodes: number };

/**
 * Why a text gets syntax only (and, in the server, off the main thread), from the pre-scan (`estimate`):
 * over 2 MB; over the entity budget (a collection of more than 20,000 items, more than 300,000 nodes), which
 * the parse would find only after paying for it; too many lines, a too long line, too many root entries.
 * Undefined: it is checked in full.
 */
export function heavy(text: string): HeavyReason | undefined {
  if (text.length > MAX_VALIDATED_LENGTH) return { length: text.length };
  if (text.length < MIN_SCANNED_LENGTH) return undefined;
  const e = estimated(text);
  const over = overEstimate(e);
  if (over) return over;
  if (e.lines > MAX_LINES) return { lines: e.lines };
  if (e.longestLine > MAX_LINE_LENGTH) return { longestLine: e.longestLine };
  // One root list or map of more entries than the entity budget allows: known before the parse (25,000 keys held the main thread 1 s).
  if (e.topLevel > MAX_COLLECTION_ITEMS) return { topLevel: e.topLevel };
  return undefined;
}

/**
 * What the `yaml` parse of a text over the entity budget would cost, counted by the pre-scan (nodes,
 * anchors and aliases), over which its syntax is not checked at all: 120,000 take about 0.8 s to parse on
 * this machine (a flow sequence of 160,000 items 1.0 s, a block sequence of 160,000 items 1.2 s, 100,000
 * anchored items 1.4 s; 900,000 flow items 5.4 s and 900 MB). The server as users run it (production
 * bundle, the client's process options: their small young generation and early collections apply to the
 * worker too) added the worker's start and 30–50 % of collections: with 200,000, a block sequence of 160,000
 * items took 2.1 s to its first diagnostics; 120,000 keeps every such text within 2 s. The `yaml` CST parser
 * alone is no way out: it costs 75–90 % of the whole parse and finds almost no syntax error itself (the
 * composer does: bad indentation, unclosed brackets and quotes, duplicate keys).
 */
export const MAX_SYNTAX_COST = 120_000;

/** The pre-scan's counts when the text is over the entity budget and too costly to parse even for its syntax (MAX_SYNTAX_COST); undefined otherwise. */
export function unaffordable(text: string): Estimate | undefined {
  if (text.length < MIN_SCANNED_LENGTH || text.length > MAX_PARSED_LENGTH) return undefined;
  const e = estimated(text);
  return overEstimate(e) && e.nodes + e.anchors + e.aliases > MAX_SYNTAX_COST ? e : undefined;
}

/** The YAML-003 information of a text refused by `unaffordable`: what was counted, the bounds, nothing checked, how to get the checks back. */
export function unaffordableNotice(e: Estimate): Msg {
  const fr = (n: number): string => n.toLocaleString('fr-FR');
  const en = (n: number): string => n.toLocaleString('en-GB');
  const cost = e.nodes + e.anchors + e.aliases;
  const what = e.items > MAX_COLLECTION_ITEMS
    ? { fr: `une liste ou un objet d’environ ${fr(e.items)} éléments (au-delà de ${fr(MAX_COLLECTION_ITEMS)})`, en: `a list or map of about ${en(e.items)} items (over ${en(MAX_COLLECTION_ITEMS)})` }
    : { fr: `environ ${fr(e.nodes)} nœuds YAML (au-delà de ${fr(MAX_NODES)})`, en: `about ${en(e.nodes)} YAML nodes (over ${en(MAX_NODES)})` };
  return {
    fr: `Document trop volumineux pour être analysé : ${what.fr}, soit environ ${fr(cost)} nœuds, ancres et alias à lire (au-delà de ${fr(MAX_SYNTAX_COST)}, ce que la vérification de la syntaxe traite en 2 secondes) ; il n’est pas analysé du tout (ni syntaxe, ni schéma, ni règles) et la complétion, le survol et la navigation sont désactivés. Découpez les données en fichiers plus petits pour retrouver toutes les vérifications.`,
    en: `Document too large to analyse: ${what.en}, about ${en(cost)} nodes, anchors and aliases to read (over ${en(MAX_SYNTAX_COST)}, what the syntax check handles in 2 seconds); it is not analysed at all (no syntax, schema or rule check) and completion, hover and navigation are off. Split the data into smaller files to get every check back.`,
  };
}

export function heavyNotice(text: string, why: HeavyReason): Msg {
  const fr = (n: number): string => n.toLocaleString('fr-FR');
  const en = (n: number): string => n.toLocaleString('en-GB');
  if ('length' in why) return sizeNotice(text.length, 'rules');
  if ('items' in why || 'nodes' in why) return budgetNotice({ start: 'start' in why ? why.start : 0, ...why });
  const what = 'lines' in why
    ? { fr: `${fr(why.lines)} lignes (au-delà de ${fr(MAX_LINES)})`, en: `${en(why.lines)} lines (over ${en(MAX_LINES)})` }
    : 'topLevel' in why
      ? { fr: `${fr(why.topLevel)} entrées au premier niveau (au-delà de ${fr(MAX_COLLECTION_ITEMS)})`, en: `${en(why.topLevel)} root entries (over ${en(MAX_COLLECTION_ITEMS)})` }
      : { fr: `une ligne de ${fr(why.longestLine)} caractères (au-delà de ${fr(MAX_LINE_LENGTH)})`, en: `a line of ${en(why.longestLine)} characters (over ${en(MAX_LINE_LENGTH)})` };
  return {
    fr: `Document trop lourd pour être vérifié : ${what.fr} ; seule la syntaxe YAML est vérifiée ; le schéma, les règles, la complétion, le survol et la navigation sont désactivés pour garder l’éditeur réactif. Découpez le fichier pour les réactiver.`,
    en: `Document too heavy to check: ${what.en}; only the YAML syntax is checked; schema, rules, completion, hover and navigation are off to keep the editor responsive. Split the file to turn them back on.`,
  };
}

/** Above this length the text is not parsed at all: the `yaml` parse costs about 1 s and 130 MB per MB. */
export const MAX_PARSED_LENGTH = 6_000_000;
/**
 * Deepest nesting of lists and maps accepted; a real AMO file uses fewer than ten levels. Checked on the
 * concrete syntax tree, before the `yaml` composer recurses: near the stack limit V8 may compile a
 * regular expression and abort the whole process ("RegExpCompiler Allocation failed"), which no
 * try/catch can stop (found with 2,000 nested `- - - x`).
 */
export const MAX_NESTING_DEPTH = 100;
/**
 * Nodes that aliases may add once expanded. The `yaml` package's own guard (maxAliasCount) bounds the
 * number of alias uses, not the size of what they copy: 1,000 aliases of a 1,500-node list pass it and
 * cost 33 s and 850 MB in the schema validator (more: out of memory). Legitimate reuse (a criteria block
 * shared by a few lots) stays far below this.
 */
export const MAX_ALIAS_EXPANSION = 10_000;
/**
 * Entity budget: the most items one list or map may hold, and the most nodes a document may hold, for schema
 * and rules to run. A real programme holds tens of phases and hundreds of risks; the 40,000-line benchmark
 * programme holds about 150,000 nodes. Beyond: syntax only (one YAML-003), as over MAX_VALIDATED_LENGTH —
 * 160,000 items of a flow sequence cost 12 s and 1.2 GB in schema and rules (docs/robustness.md).
 */
export const MAX_COLLECTION_ITEMS = 20_000;
export const MAX_NODES = 300_000;

export interface StructureProblem {
  start: number;
  end: number;
  message: Msg;
}

interface Frame {
  node: Node;
  children: unknown[];
  next: number;
  /** Nodes under this one, aliases expanded (this one included). */
  size: number;
}

function childrenOf(node: Node): unknown[] {
  const items = isMap(node) || isSeq(node) ? (node.items as unknown[]) : [];
  return items.flatMap((it) => (isPair(it) ? [it.key, it.value] : [it]));
}

function rangeOf(node: Node): [number, number] {
  const r = node.range;
  return r ? [r[0], Math.max(r[0] + 1, Math.min(r[1], r[0] + 64))] : [0, 0];
}

/**
 * The first alias problem of a well-formed document: an alias with no anchor before it, an alias inside
 * the node it names (cyclic data), or aliases that expand to more than MAX_ALIAS_EXPANSION nodes. Iterative, linear in the written nodes (anchored sizes
 * are memoised in document order). Undefined when the document is within bounds.
 */
export function checkStructure(doc: Document.Parsed): StructureProblem | undefined {
  const anchors = new Map<string, Node>();
  /** Expanded size of each finished anchored collection. */
  const sizes = new Map<Node, number>();
  const open = new Set<Node>();
  const stack: Frame[] = [];
  let extra = 0;

  /** Size of a leaf or alias; undefined when a collection frame was pushed; a problem to stop. */
  const enter = (value: unknown): number | undefined | StructureProblem => {
    if (value === null || typeof value !== 'object') return 0;
    if (isAlias(value)) {
      const source = anchors.get(value.source);
      const [start, end] = rangeOf(value);
      if (!source) {
        // The composer accepts it; toJS would throw later with a misleading message.
        return {
          start,
          end,
          message: {
            fr: `Alias « *${value.source} » sans ancre « &${value.source} » définie avant lui : définissez l’ancre plus haut ou écrivez la valeur en clair.`,
            en: `Alias '*${value.source}' has no anchor '&${value.source}' defined before it: define the anchor above or write the value out.`,
          },
        };
      }
      if (open.has(source)) {
        return {
          start,
          end,
          message: {
            fr: `Alias récursif : « *${value.source} » se trouve à l’intérieur du nœud qu’il désigne. Écrivez la valeur en clair.`,
            en: `Recursive alias: '*${value.source}' is inside the node it names. Write the value out.`,
          },
        };
      }
      const size = isScalar(source) ? 1 : (sizes.get(source) ?? 1);
      extra += size;
      if (extra > MAX_ALIAS_EXPANSION) {
        return {
          start,
          end,
          message: {
            fr: `Document refusé : les alias YAML y ajoutent plus de ${MAX_ALIAS_EXPANSION.toLocaleString('fr-FR')} éléments une fois développés (alias en cascade). Écrivez les valeurs en clair ou réduisez les alias.`,
            en: `Document refused: its YAML aliases add more than ${MAX_ALIAS_EXPANSION.toLocaleString('en-GB')} nodes once expanded (nested aliases). Write the values out or use fewer aliases.`,
          },
        };
      }
      return size;
    }
    const node = value as Node;
    if (node.anchor) anchors.set(node.anchor, node);
    if (!isMap(node) && !isSeq(node)) return 1;
    if (node.anchor) open.add(node);
    stack.push({ node, children: childrenOf(node), next: 0, size: 1 });
    return undefined;
  };

  const first = enter(doc.contents);
  if (typeof first === 'object') return first;
  while (stack.length) {
    const f = stack[stack.length - 1];
    if (f.next < f.children.length) {
      const r = enter(f.children[f.next++]);
      if (typeof r === 'object') return r;
      if (typeof r === 'number') f.size += r;
      continue;
    }
    stack.pop();
    if (f.node.anchor) {
      open.delete(f.node);
      sizes.set(f.node, f.size);
    }
    if (stack.length) stack[stack.length - 1].size += f.size;
  }
  return undefined;
}

/** What makes a document exceed the entity budget: its largest collection, or its node count. */
export interface OverBudget {
  /** Where the largest collection starts (offset), when it is the reason. */
  start: number;
  items?: number;
  nodes?: number;
}

/** The entity budget of a well-formed document (MAX_COLLECTION_ITEMS, MAX_NODES): iterative, one pass over the written nodes. */
export function overBudget(doc: Document.Parsed): OverBudget | undefined {
  const stack: unknown[] = [doc.contents];
  let nodes = 0;
  while (stack.length) {
    const v = stack.pop();
    if (v === null || typeof v !== 'object') continue;
    nodes++;
    if (nodes > MAX_NODES) return { start: 0, nodes };
    const node = v as Node;
    if (isMap(node) || isSeq(node)) {
      if (node.items.length > MAX_COLLECTION_ITEMS) return { start: node.range?.[0] ?? 0, items: node.items.length };
      for (const it of node.items as unknown[]) {
        if (isPair(it)) stack.push(it.key, it.value);
        else stack.push(it);
      }
    }
  }
  return undefined;
}

export function budgetNotice(over: OverBudget): Msg {
  const fr = (n: number): string => n.toLocaleString('fr-FR');
  const en = (n: number): string => n.toLocaleString('en-GB');
  return over.items !== undefined
    ? {
        fr: `Document trop volumineux pour être vérifié : une liste ou un objet de ${fr(over.items)} éléments (au-delà de ${fr(MAX_COLLECTION_ITEMS)}) ; seule la syntaxe YAML est vérifiée ; le schéma, les règles, la complétion, le survol et la navigation sont désactivés. Découpez les données pour les réactiver.`,
        en: `Document too large to check: a list or map of ${en(over.items)} items (over ${en(MAX_COLLECTION_ITEMS)}); only the YAML syntax is checked; schema, rules, completion, hover and navigation are off. Split the data to turn them back on.`,
      }
    : {
        fr: `Document trop volumineux pour être vérifié : plus de ${fr(MAX_NODES)} nœuds YAML ; seule la syntaxe est vérifiée ; le schéma, les règles, la complétion, le survol et la navigation sont désactivés. Découpez le fichier pour les réactiver.`,
        en: `Document too large to check: more than ${en(MAX_NODES)} YAML nodes; only the syntax is checked; schema, rules, completion, hover and navigation are off. Split the file to turn them back on.`,
      };
}

/**
 * A parse that did not happen: the real text and line index, an empty tree, the YAML-003 notice. Given
 * for texts over MAX_PARSED_LENGTH, and to features (completion, hover, navigation, editing) for texts
 * over MAX_VALIDATED_LENGTH, so that only the debounced validation pays for parsing a huge document.
 */
export function unparsed(uri: string, text: string, skipped: 'rules' | 'parse', message: Msg = sizeNotice(text.length, skipped)): ParsedDocument {
  const notice: SyntaxProblem = { code: 'YAML-003', start: 0, end: 1, severity: 'information', message };
  return { uri, text, kind: docKindOf(uri), lines: new LineIndex(text), doc: parseDocument(''), data: undefined, problems: [notice], ok: false, skipped: 'parse' };
}

/** The information given instead of schema and rules (or of everything) for a document over a size limit. */
export function sizeNotice(length: number, skipped: 'rules' | 'parse'): Msg {
  const mb = (n: number): string => (n / 1_000_000).toLocaleString('fr-FR', { maximumFractionDigits: 1 });
  const mbEn = (n: number): string => (n / 1_000_000).toLocaleString('en-GB', { maximumFractionDigits: 1 });
  return skipped === 'rules'
    ? {
        fr: `Document volumineux (${mb(length)} millions de caractères, au-delà de ${mb(MAX_VALIDATED_LENGTH)} millions) : seule la syntaxe YAML est vérifiée ; le schéma, les règles, la complétion, le survol et la navigation sont désactivés pour garder l’éditeur réactif. Découpez le fichier pour les réactiver.`,
        en: `Large document (${mbEn(length)} million characters, over ${mbEn(MAX_VALIDATED_LENGTH)} million): only the YAML syntax is checked; schema, rules, completion, hover and navigation are off to keep the editor responsive. Split the file to turn them back on.`,
      }
    : {
        fr: `Document trop volumineux (${mb(length)} millions de caractères, au-delà de ${mb(MAX_PARSED_LENGTH)} millions) : il n’est pas analysé du tout (ni syntaxe, ni schéma, ni règles). Découpez le fichier.`,
        en: `Document too large (${mbEn(length)} million characters, over ${mbEn(MAX_PARSED_LENGTH)} million): it is not analysed at all (no syntax, schema or rule check). Split the file.`,
      };
}
