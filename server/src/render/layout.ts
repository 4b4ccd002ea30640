/**
 * Page layout decisions shared by the HTML/PDF and DOCX back ends: how much room each
 * column of a table needs, and which blocks go on a landscape page. Pure.
 */
import type { Block, Table } from './model';

/**
 * What each column needs, in characters: its longest word (never split) and, up to a cap, its typical
 * (80th percentile) text length; headers count up to 14 characters (they may wrap).
 */
export function columnNeeds(t: Table): number[] {
  return t.columns.map((c, k) => {
    const cells = t.rows.map((r) => (r.cells[k] && (r.cells[k].colSpan ?? 1) === 1 ? r.cells[k].text : ''));
    const words = [c.label, ...cells].flatMap((x) => x.split(/[\s\u00a0\u202f/-]+/));
    const longestWord = Math.max(3, ...words.map((w) => w.length));
    const lengths = cells.map((x) => x.length).sort((a, b) => a - b);
    const typical = lengths.length ? lengths[Math.floor(lengths.length * 0.8)] : c.label.length;
    return Math.max(longestWord + 1, Math.min(typical, 60) * 0.7, Math.min(c.label.length, 14));
  });
}

/** The least each column can take and stay readable: its longest word, 18 characters of wrapped text, 12 of its header. */
export function columnMinimums(t: Table): number[] {
  return t.columns.map((c, k) => {
    const cells = t.rows.map((r) => (r.cells[k] && (r.cells[k].colSpan ?? 1) === 1 ? r.cells[k].text : ''));
    const words = [...cells, c.label.length > 12 ? '' : c.label].flatMap((x) => x.split(/[\s\u00a0\u202f/-]+/));
    const numeric = t.columns[k].align === 'right';
    const longest = Math.max(3, ...words.map((w) => w.length));
    // Right-aligned figures do not wrap ("1 234 567,00 €").
    const figure = numeric ? Math.max(0, ...cells.map((x) => x.length)) : 0;
    return Math.max(longest + 1, figure, Math.min(Math.max(0, ...cells.map((x) => x.length)), 18), Math.min(c.label.length, 12));
  });
}

/** Characters a portrait A4 line holds in a table at the deliverables' print size (≈ 9 pt over 180 mm, cell padding included). */
const PORTRAIT_CHARS = 105;

/** A block that needs the width of a landscape page: a Gantt chart, or a table whose columns need more than a portrait line. */
export function isWide(b: Block): boolean {
  if (b.kind === 'figure') return b.spec.type === 'gantt';
  if (b.kind !== 'table') return false;
  if (b.wide !== undefined) return b.wide;
  // Cell padding costs about two characters per column.
  return columnMinimums(b).reduce((a, n) => a + n + 2, 0) > PORTRAIT_CHARS;
}

/**
 * Portrait runs and landscape sections: a wide block is printed on an A4 landscape page with the
 * heading and note paragraphs just before it, so that a heading never stays alone at the foot of the
 * portrait page; neighbouring landscape blocks share their pages.
 */
export function sections(blocks: readonly Block[]): { landscape: boolean; blocks: Block[] }[] {
  const out: { landscape: boolean; blocks: Block[] }[] = [];
  for (const b of blocks) {
    const wide = isWide(b);
    let last = out[out.length - 1];
    if (wide && last && !last.landscape) {
      let k = last.blocks.length;
      while (k > 0 && last.blocks[k - 1].kind === 'paragraph') k--;
      const start = k > 0 && last.blocks[k - 1].kind === 'heading' ? k - 1 : last.blocks.length;
      const moved = last.blocks.splice(start);
      if (!last.blocks.length) out.pop();
      last = out[out.length - 1];
      if (last && last.landscape) last.blocks.push(...moved);
      else out.push({ landscape: true, blocks: moved });
      last = out[out.length - 1];
    }
    if (!last || last.landscape !== wide) out.push({ landscape: wide, blocks: [b] });
    else last.blocks.push(b);
  }
  return out;
}
