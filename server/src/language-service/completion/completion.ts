import type { CompletionItem, CompletionList } from 'vscode-languageserver-types';
import { isMap, isSeq } from 'yaml';
import { nodeAt, type ParsedDocument } from '../parse';
import { itemsOf, pattern, schemaAtPath, typesOf, type JsonSchema } from '../schemaPath';
import type { PathSegment } from '../types';
import { criteriaSetSnippets, criterionSnippets } from './criteriaSnippets';
import { cursorContext, type CursorContext } from './cursorContext';
import type { CompletionEnv, CompletionRequest } from './items';
import { keyItems } from './keys';
import { indicatorSnippets, receptionSnippets, reserveSnippets, reviewSnippets } from './followUpSnippets';
import { notesKeyItems } from './refs';
import { offerSnippets, phaseSnippets, riskSnippets } from './snippets';
import { valueItems } from './values';

/**
 * Completion at an offset: keys still missing in the map at the cursor, values (enums, catalogues, ids
 * defined elsewhere) and whole-block snippets for list items. Reads the text around the cursor and the
 * cached parse; never re-parses, never throws on incomplete YAML.
 */
export function completionList(parsed: ParsedDocument, offset: number, env: CompletionEnv): CompletionList {
  const ctx = parsed.kind ? cursorContext(parsed, offset) : undefined;
  if (!ctx || !triggerAllows(ctx, env.triggerCharacter)) return { isIncomplete: false, items: [] };
  const req: CompletionRequest = { parsed, ctx, env, range: parsed.lines.range(ctx.start, ctx.end) };
  return { isIncomplete: false, items: itemsFor(req) };
}

/**
 * A trigger character opens suggestions only where they make sense: ` ` after `key:` or `- ` (not while
 * indenting), `:` right after a key with values, `-` inside an id being typed (`SEL-`).
 */
function triggerAllows(ctx: CursorContext, ch: string | undefined): boolean {
  if (ch === ' ') return ctx.kind === 'value' || ctx.afterDash || ctx.flow;
  if (ch === ':') return ctx.kind === 'value' && ctx.needsSpace;
  if (ch === '-') return ctx.word.includes('-');
  return true;
}

function itemsFor(req: CompletionRequest): CompletionItem[] {
  const { ctx, parsed } = req;
  const kind = parsed.kind;
  const schema = kind ? schemaAtPath(kind, ctx.path) : undefined;
  if (!kind || !schema) return [];
  if (ctx.kind === 'value') return valueItems(req, schema);
  const types = typesOf(schema);
  if (ctx.kind === 'item' || (types.includes('array') && !types.includes('object'))) return newItems(req, schema, ctx.path, ctx.kind === 'item' ? ctx.index : 0);
  if (!types.includes('object')) return ctx.afterDash ? valueItems(req, schema) : [];
  const items = keyItems(req, schema);
  const pat = pattern(ctx.path);
  if (pat === 'offres.[].notes') items.push(...notesKeyItems(req));
  if (ctx.afterDash) {
    const seq = ctx.path.slice(0, -1);
    items.push(...blockSnippets(req, seq, true, Number(ctx.path[ctx.path.length - 1])));
  }
  const criteriaOwner = kind === 'consultation' && (pat === '' || pat === 'lots.[]');
  if (criteriaOwner && !ctx.existing.has('criteres') && !ctx.flow && !ctx.colonAfter) items.push(...criteriaSetSnippets(req, true));
  if (kind === 'consultation' && pat === '' && !ctx.existing.has('reception') && !ctx.flow && !ctx.colonAfter && !ctx.afterDash) items.push(...receptionSnippets(req));
  return items;
}

/** A new item of the list at `seqPath`, where the cursor has no `- ` yet: every insertion starts with one. */
function newItems(req: CompletionRequest, seqSchema: JsonSchema, seqPath: PathSegment[], index: number): CompletionItem[] {
  const kind = req.parsed.kind;
  const item = kind ? itemsOf(kind, seqSchema) : undefined;
  if (!item || req.ctx.flow) return [];
  const ctx: CursorContext = { ...req.ctx, path: [...seqPath, index], existing: new Set() };
  if (!typesOf(item).includes('object')) return valueItems({ ...req, ctx, lead: '- ' }, item);
  // The keys of the item, as `- key: `: continuation lines of objects go under the key, two columns in.
  const keys = keyItems({ ...req, ctx: { ...ctx, col: ctx.col + 2 }, lead: '- ' }, item);
  return [...keys, ...blockSnippets(req, seqPath, false, index)];
}

function blockSnippets(req: CompletionRequest, seqPath: PathSegment[], inline: boolean, index: number): CompletionItem[] {
  const kind = req.parsed.kind;
  const pat = pattern(seqPath);
  if (kind === 'programme' && pat === 'risques') return riskSnippets(req, inline);
  if (kind === 'programme' && pat === 'phases') return phaseSnippets(req, inline, seqPath, index);
  if (kind === 'consultation' && pat === 'offres') return offerSnippets(req, inline);
  if (kind === 'programme' && pat === 'phases.[].livrables.[].revues') return reviewSnippets(req, inline, seqPath);
  if (kind === 'programme' && pat === 'indicateurs') return indicatorSnippets(req, inline, seqPath);
  if (kind === 'consultation' && pat === 'reception.reserves') return reserveSnippets(req, inline, seqPath);
  if (kind === 'consultation' && (pat === 'criteres' || pat === 'lots.[].criteres')) {
    const list = nodeAt(req.parsed.doc, seqPath);
    const used = new Set<string>();
    if (isSeq(list)) for (const n of list.items) if (isMap(n) && typeof n.get('id') === 'string') used.add(n.get('id') as string);
    const singles = criterionSnippets(req, inline, used);
    return !inline && index === 0 ? [...criteriaSetSnippets(req, false), ...singles] : singles;
  }
  return [];
}
