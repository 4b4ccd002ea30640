/**
 * French typography applied once to a whole document model, before either back end
 * writes it: real plurals and no-break spaces in every printed string, ISO dates in words in prose
 * (paragraphs, lists and table cells: what the YAML's free text holds). Code spans (ids, keys) are left as written.
 */
import type { Block, Cell, DocModel, Inline } from './model';
import { isoDatesInWords, numericDatesInWords, typeset } from './typography';

/** Prose (paragraphs, lists): every date in words. */
const words = (s: string): string => numericDatesInWords(isoDatesInWords(s));

function inline(c: Inline, prose: boolean): Inline {
  if (typeof c === 'string') return typeset(prose ? words(c) : c);
  if (c.code) return c;
  return { ...c, text: typeset(prose ? words(c.text) : c.text) };
}

/** Cells: free text from the YAML may carry ISO dates too ("demandées par écrit le 2027-01-27"). */
function cell(c: Cell): Cell {
  return { ...c, text: typeset(isoDatesInWords(c.text)) };
}

function block(b: Block): Block {
  switch (b.kind) {
    case 'heading':
      return { ...b, text: typeset(b.text) };
    case 'paragraph':
      return { ...b, content: b.content.map((c) => inline(c, true)) };
    case 'list':
      return { ...b, items: b.items.map((i) => ({ ...i, content: i.content.map((c) => inline(c, true)) })) };
    case 'facts':
      return { ...b, items: b.items.map((i) => ({ ...i, label: typeset(i.label), value: typeset(i.value) })) };
    case 'table':
      return { ...b, caption: b.caption === undefined ? undefined : typeset(b.caption), columns: b.columns.map((c) => ({ ...c, label: typeset(c.label) })), rows: b.rows.map((r) => ({ ...r, cells: r.cells.map(cell) })) };
    case 'figure':
      return { ...b, caption: typeset(b.caption), fallback: block(b.fallback) as typeof b.fallback };
  }
}

/**
 * Consistent section numbering: numbered level-2 headings ("5. Offres anormalement basses") are
 * renumbered 1, 2, 3… in order, and their "5.1" sub-headings follow, so that a section left out (no
 * note éliminatoire) leaves no gap.
 */
export function renumber(blocks: Block[]): Block[] {
  let major = 0;
  let from: string | undefined;
  return blocks.map((b) => {
    if (b.kind !== 'heading') return b;
    const top = /^(\d+)\. /.exec(b.text);
    if (b.level === 2 && top) {
      major++;
      from = top[1];
      return { ...b, text: `${major}. ${b.text.slice(top[0].length)}` };
    }
    const sub = /^(\d+)\.(\d+) /.exec(b.text);
    if (b.level === 3 && sub && sub[1] === from) return { ...b, text: `${major}.${sub[2]} ${b.text.slice(sub[0].length)}` };
    return b;
  });
}

export function typesetModel(m: DocModel): DocModel {
  return { ...m, title: typeset(m.title), subtitle: typeset(m.subtitle), meta: m.meta.map((x) => ({ label: typeset(x.label), value: typeset(x.value) })), blocks: renumber(m.blocks).map(block) };
}
