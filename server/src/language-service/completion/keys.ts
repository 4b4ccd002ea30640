import { CompletionItemKind, type CompletionItem } from 'vscode-languageserver-types';
import { enumLabel, enumOf, propertiesOf, requiredOf, schemaDoc, titleOf, typesOf, type JsonSchema } from '../schemaPath';
import type { Locale } from '../types';
import { makeItem, sortKey, type CompletionRequest } from './items';
import { hasValues } from './values';

/**
 * Keys still missing in the map at the cursor, from its schema: French title as detail, both
 * descriptions as documentation, and an insertion that opens the value (`key: `, or a new line
 * indented under the key for objects and lists).
 */
export function keyItems(req: CompletionRequest, schema: JsonSchema): CompletionItem[] {
  const kind = req.parsed.kind;
  if (!kind) return [];
  const required = requiredOf(schema);
  const items: CompletionItem[] = [];
  propertiesOf(kind, schema).forEach(([key, s], i) => {
    // Deprecated keys stay valid for old files but are not proposed any more.
    if (req.ctx.existing.has(key) || s.deprecated === true) return;
    const path = [...req.ctx.path, key];
    items.push(
      makeItem(req, {
        label: key,
        kind: CompletionItemKind.Property,
        detail: titleOf(s),
        doc: keyDoc(key, s, req.env.locale, required.has(key)),
        text: keyText(req, key, s),
        snippet: true,
        sort: sortKey(i, required.has(key) ? '0' : '1'),
        retrigger: !req.ctx.colonAfter && hasValues(kind, path, s),
      }),
    );
  });
  return items;
}

function keyText(req: CompletionRequest, key: string, s: JsonSchema): string {
  const { ctx } = req;
  const lead = req.lead ?? '';
  if (ctx.colonAfter) return lead + key;
  if (ctx.flow) return `${lead}${key}: `;
  const types = typesOf(s);
  const pad = ' '.repeat(ctx.col + 2);
  if (types.length === 1 && types[0] === 'object') return `${lead}${key}:\n${pad}$0`;
  if (types.length === 1 && types[0] === 'array') return `${lead}${key}:\n${pad}- $0`;
  return `${lead}${key}: `;
}

function keyDoc(key: string, s: JsonSchema, locale: Locale, required: boolean): string {
  const parts = [`\`${key}\`${required ? (locale === 'en' ? ' (required)' : ' (obligatoire)') : ''}`];
  const doc = schemaDoc(s, locale);
  if (doc) parts.push(doc);
  const values = enumOf(s);
  if (values.length) {
    const list = values.map((v) => {
      const l = enumLabel(s, v);
      return l ? `\`${String(v)}\` (${locale === 'en' ? l.en : l.fr})` : `\`${String(v)}\``;
    });
    parts.push(`${locale === 'en' ? 'Values:' : 'Valeurs :'} ${list.join(', ')}`);
  }
  return parts.join('\n\n');
}
