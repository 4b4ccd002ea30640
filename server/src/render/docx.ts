/**
 * DOCX back end: real Word headings (Titre 1, 2), tables with header rows repeated across pages,
 * a table of contents (updated by Word when the file opens), A4 pages with a running header and
 * "Page n / N" in the footer. Figures become their fallback tables (a shaded heat-map grid, a Gantt
 * by quarter). Pure: builds the file in memory with docx's Packer; writing it is the caller's job.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  HeadingLevel,
  HeightRule,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  ShadingType,
  Table as DocxTable,
  TableCell,
  TableOfContents,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
  type FileChild,
  type ISectionOptions,
} from 'docx';
import { nonConformityMark } from './conformity';
import { columnNeeds, isWide, sections } from './layout';
import type { Block, Cell, DocModel, Inline, Paragraph as ModelParagraph, Row, Table, Tone } from './model';
import { xmlSafe } from './xmlText';

const LEVEL_FILL: Record<string, string> = { faible: 'CDEBD3', modere: 'FBEEB8', eleve: 'FCD3A8', critique: 'F4B4AE' };
const TONE_COLOR: Partial<Record<Tone, string>> = { ok: '1A7F37', warn: '9A6700', crit: 'B42318', muted: '59636E' };
const PARA_FILL: Record<string, string> = { note: 'F4F8FC', warning: 'FFF8E1', legal: 'F6F3FB' };
const PARA_BORDER: Record<string, string> = { note: '1F5FA8', warning: '9A6700', legal: '7D5BBE' };

function runs(content: Inline[], base: { bold?: boolean; color?: string; size?: number } = {}): TextRun[] {
  return content.map((c) =>
    typeof c === 'string'
      ? new TextRun({ text: c, ...base })
      : new TextRun({ text: c.text, bold: c.strong || base.bold, italics: c.em, font: c.code ? 'Consolas' : undefined, color: base.color, size: base.size }),
  );
}

function paragraph(p: ModelParagraph): Paragraph {
  const tone = p.tone;
  return new Paragraph({
    children: runs(p.content, tone === 'note' || tone === 'legal' ? { size: 19 } : {}),
    spacing: { before: 60, after: 100 },
    ...(tone
      ? {
          shading: { type: ShadingType.CLEAR, fill: PARA_FILL[tone], color: 'auto' },
          border: { left: { style: BorderStyle.SINGLE, size: 18, color: PARA_BORDER[tone], space: 6 } },
        }
      : {}),
  });
}

function align(a: Cell['align']): (typeof AlignmentType)[keyof typeof AlignmentType] {
  return a === 'right' ? AlignmentType.RIGHT : a === 'center' ? AlignmentType.CENTER : AlignmentType.LEFT;
}

/** Text width of the printable area, in twips: A4 minus the side margins (1020 twips each). */
const PORTRAIT_TWIPS = 11906 - 2 * 1020;
const LANDSCAPE_TWIPS = 16838 - 2 * 1020;

/**
 * Column widths from the content (shared with HTML/PDF, render/layout.ts): each column gets a share of the printable width in
 * proportion to what it holds — its longest word (never split) and, up to a cap, its typical text
 * length — so that a "P × I" column is narrow and a description wide.
 */
export function columnWidths(t: Table, total: number): number[] {
  const need = columnNeeds(t);
  const sum = need.reduce((a, b) => a + b, 0) || 1;
  const widths = need.map((x) => Math.max(360, Math.floor((x / sum) * total)));
  // Back to the total after the minimums.
  const over = widths.reduce((a, b) => a + b, 0) - total;
  if (over > 0) {
    const k = widths.indexOf(Math.max(...widths));
    widths[k] = Math.max(360, widths[k] - over);
  }
  return widths;
}

function tableCell(c: Cell, row: Row | undefined, header: boolean, width?: number, dense = false): TableCell {
  const bold = header || c.strong || row?.kind === 'total';
  const fill = header ? 'E8ECF0' : c.level ? LEVEL_FILL[c.level] : c.tone === 'info' ? 'CFE2F7' : row?.kind === 'total' ? 'F3F5F7' : row?.kind === 'flag' ? 'FFF8E1' : undefined;
  const color = c.tone ? TONE_COLOR[c.tone] : row?.kind === 'muted' ? '59636E' : undefined;
  return new TableCell({
    children: [new Paragraph({ alignment: align(c.align), indent: row?.kind === 'sub' && c === row.cells[0] ? { left: 280 } : undefined, children: [new TextRun({ text: c.text, bold, color, size: dense ? 16 : 18 })] })],
    shading: fill ? { type: ShadingType.CLEAR, fill, color: 'auto' } : undefined,
    columnSpan: c.colSpan,
    width: width === undefined ? undefined : { size: width, type: WidthType.DXA },
    margins: dense ? { top: 10, bottom: 10, left: 50, right: 50 } : { top: 30, bottom: 30, left: 70, right: 70 },
  });
}

function table(t: Table, total: number): FileChild[] {
  const widths = columnWidths(t, total);
  // Long or many-column tables (a Gantt by quarter, a full planning) are set tighter: 8 pt, thin padding.
  const dense = t.rows.length > 25 || t.columns.length > 12;
  const spanWidth = (r: Row, k: number): number | undefined => {
    let start = 0;
    for (let j = 0; j < k; j++) start += r.cells[j].colSpan ?? 1;
    const span = r.cells[k].colSpan ?? 1;
    const w = widths.slice(start, start + span).reduce((a, b) => a + b, 0);
    return w || undefined;
  };
  const rows = [
    new TableRow({ tableHeader: true, cantSplit: true, children: t.columns.map((c, k) => tableCell({ text: c.label, align: c.align }, undefined, true, widths[k], dense)) }),
    // Signature rows are left tall and blank (about 2 cm) for a handwritten signature.
    ...t.rows.map((r) => new TableRow({ cantSplit: true, height: r.kind === 'sign' ? { value: 1130, rule: HeightRule.ATLEAST } : r.kind === 'blank' ? { value: 850, rule: HeightRule.ATLEAST } : undefined, children: r.cells.map((c, k) => tableCell(c, r, false, spanWidth(r, k), dense)) })),
  ];
  const out: FileChild[] = [new DocxTable({ rows, columnWidths: widths, layout: TableLayoutType.FIXED, width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA } })];
  out.push(t.caption ? new Paragraph({ style: 'Caption', children: [new TextRun({ text: t.caption })] }) : new Paragraph({ spacing: { after: 60 }, children: [] }));
  return out;
}

function block(b: Block, total: number): FileChild[] {
  switch (b.kind) {
    case 'heading':
      // Kept with what follows: a heading never stays alone at the foot of a page.
      return [new Paragraph({ heading: b.level <= 2 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2, keepNext: true, keepLines: true, children: [new TextRun(b.text)] })];
    case 'paragraph':
      return [paragraph(b)];
    case 'list':
      return b.items.map((i) => new Paragraph({ bullet: { level: 0 }, children: runs(i.content) }));
    case 'facts':
      return b.items.map((i) => new Paragraph({ spacing: { after: 40 }, children: [new TextRun({ text: `${i.label} : `, bold: true }), new TextRun(i.value)] }));
    case 'table':
      return table(b, total);
    case 'figure':
      return [...table(b.fallback, total), new Paragraph({ style: 'Caption', children: [new TextRun({ text: b.caption })] })];
  }
}

/** The running header; for a file with errors, the "non conforme" mark on every page. */
function pageHeader(model: DocModel): Header {
  const children = [new Paragraph({ children: [new TextRun({ text: `${model.title} — ${model.subtitle}`, size: 16, color: '59636E' })] })];
  if (model.conformity) children.unshift(new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun({ text: nonConformityMark(model.conformity.errors), bold: true, size: 18, color: 'B42318' })] }));
  return new Header({ children });
}

/** The deliverable as a .docx file (bytes; Node only): portrait sections, and landscape ones for wide tables and the Gantt (html.ts sections). */
export async function renderDocx(model: DocModel): Promise<Buffer> {
  return Packer.toBuffer(docxDocument(model));
}

/** The deliverable as a .docx file in base64 (`amo/render`): no Node Buffer, so the browser server has it too. */
export async function renderDocxBase64(model: DocModel): Promise<string> {
  return Packer.toBase64String(docxDocument(model));
}

function docxDocument(source: DocModel): Document {
  // The one choke point of the DOCX text: every string of the model (document.xml, headers, core.xml's
  // title, subject and author) without the characters XML 1.0 forbids, or Word refuses the file.
  const model = xmlSafe(source);
  const headings = model.blocks.filter((b) => b.kind === 'heading') as Extract<Block, { kind: 'heading' }>[];
  const margin = { top: 1134, bottom: 1134, left: 1020, right: 1020, header: 567, footer: 567 };
  const footer = (): Footer => new Footer({ children: [new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun({ children: ['Page ', PageNumber.CURRENT, ' / ', PageNumber.TOTAL_PAGES], size: 16, color: '59636E' })] })] });
  const cover: FileChild[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(model.title)] }),
    new Paragraph({ spacing: { after: 120 }, children: [new TextRun({ text: model.subtitle, bold: true, size: 28 })] }),
    ...model.meta.map((m) => new Paragraph({ spacing: { after: 20 }, children: [new TextRun({ text: `${m.label} : `, color: '59636E' }), new TextRun(m.value)] })),
    new TableOfContents('Sommaire', { hyperlink: true, headingStyleRange: '1-2', cachedEntries: headings.map((h) => ({ title: h.text, level: h.level <= 2 ? 1 : 2 })) }),
  ];
  const runs = sections(model.blocks);
  // The cover opens the first section, landscape when the document starts with a wide block (the planning's Gantt): no page left nearly empty.
  if (!runs.length) runs.push({ landscape: false, blocks: [] });
  const docSections: ISectionOptions[] = runs.map((run, k) => ({
    properties: { page: { size: { width: 11906, height: 16838, orientation: run.landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT }, margin } },
    headers: { default: pageHeader(model) },
    footers: { default: footer() },
    children: [...(k === 0 ? cover : []), ...run.blocks.flatMap((b) => block(b, run.landscape || isWide(b) ? LANDSCAPE_TWIPS : PORTRAIT_TWIPS))],
  }));
  const doc = new Document({
    creator: model.author ?? 'AMO Authoring',
    lastModifiedBy: model.author ?? 'AMO Authoring',
    title: `${model.title} — ${model.subtitle}`,
    subject: model.title,
    description: `Livrable « ${model.deliverable} » généré par AMO Authoring`,
    features: { updateFields: true },
    styles: {
      default: { document: { run: { font: 'Calibri', size: 20, language: { value: 'fr-FR' } } } },
      paragraphStyles: [{ id: 'Caption', name: 'Caption', basedOn: 'Normal', next: 'Normal', run: { italics: true, size: 17, color: '59636E' }, paragraph: { spacing: { before: 60, after: 160 } } }],
    },
    sections: docSections,
  });
  return doc;
}
