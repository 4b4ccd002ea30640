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
  Paragraph,
  ShadingType,
  Table as DocxTable,
  TableCell,
  TableOfContents,
  TableRow,
  TextRun,
  WidthType,
  type FileChild,
} from 'docx';
import type { Block, Cell, DocModel, Inline, Paragraph as ModelParagraph, Row, Table, Tone } from './model';

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

function tableCell(c: Cell, row: Row | undefined, header: boolean): TableCell {
  const bold = header || c.strong || row?.kind === 'total';
  const fill = header ? 'E8ECF0' : c.level ? LEVEL_FILL[c.level] : c.tone === 'info' ? 'CFE2F7' : row?.kind === 'total' ? 'F3F5F7' : row?.kind === 'flag' ? 'FFF8E1' : undefined;
  const color = c.tone ? TONE_COLOR[c.tone] : row?.kind === 'muted' ? '59636E' : undefined;
  return new TableCell({
    children: [new Paragraph({ alignment: align(c.align), indent: row?.kind === 'sub' && c === row.cells[0] ? { left: 280 } : undefined, children: [new TextRun({ text: c.text, bold, color, size: 18 })] })],
    shading: fill ? { type: ShadingType.CLEAR, fill, color: 'auto' } : undefined,
    columnSpan: c.colSpan,
    margins: { top: 30, bottom: 30, left: 70, right: 70 },
  });
}

function table(t: Table): FileChild[] {
  const rows = [
    new TableRow({ tableHeader: true, children: t.columns.map((c) => tableCell({ text: c.label, align: c.align }, undefined, true)) }),
    // Signature rows are left tall and blank (about 2 cm) for a handwritten signature.
    ...t.rows.map((r) => new TableRow({ cantSplit: true, height: r.kind === 'sign' ? { value: 1130, rule: HeightRule.ATLEAST } : undefined, children: r.cells.map((c) => tableCell(c, r, false)) })),
  ];
  const out: FileChild[] = [new DocxTable({ rows, width: { size: 100, type: WidthType.PERCENTAGE } })];
  out.push(t.caption ? new Paragraph({ style: 'Caption', children: [new TextRun({ text: t.caption })] }) : new Paragraph({ spacing: { after: 60 }, children: [] }));
  return out;
}

function block(b: Block): FileChild[] {
  switch (b.kind) {
    case 'heading':
      return [new Paragraph({ heading: b.level <= 2 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2, children: [new TextRun(b.text)] })];
    case 'paragraph':
      return [paragraph(b)];
    case 'list':
      return b.items.map((i) => new Paragraph({ bullet: { level: 0 }, children: runs(i.content) }));
    case 'facts':
      return b.items.map((i) => new Paragraph({ spacing: { after: 40 }, children: [new TextRun({ text: `${i.label} : `, bold: true }), new TextRun(i.value)] }));
    case 'table':
      return table(b);
    case 'figure':
      return [...table(b.fallback), new Paragraph({ style: 'Caption', children: [new TextRun({ text: b.caption })] })];
  }
}

/** The deliverable as a .docx file (bytes; Node only). */
export async function renderDocx(model: DocModel): Promise<Buffer> {
  return Packer.toBuffer(docxDocument(model));
}

/** The deliverable as a .docx file in base64 (`amo/render`): no Node Buffer, so the browser server has it too. */
export async function renderDocxBase64(model: DocModel): Promise<string> {
  return Packer.toBase64String(docxDocument(model));
}

function docxDocument(model: DocModel): Document {
  const headings = model.blocks.filter((b) => b.kind === 'heading') as Extract<Block, { kind: 'heading' }>[];
  const doc = new Document({
    creator: 'AMO Authoring',
    title: `${model.title} — ${model.subtitle}`,
    description: `Livrable « ${model.deliverable} » généré par AMO Authoring le ${model.date}`,
    features: { updateFields: true },
    styles: {
      default: { document: { run: { font: 'Calibri', size: 20 } } },
      paragraphStyles: [{ id: 'Caption', name: 'Caption', basedOn: 'Normal', next: 'Normal', run: { italics: true, size: 17, color: '59636E' }, paragraph: { spacing: { before: 60, after: 160 } } }],
    },
    sections: [
      {
        properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 1134, bottom: 1134, left: 1020, right: 1020, header: 567, footer: 567 } } },
        headers: { default: new Header({ children: [new Paragraph({ children: [new TextRun({ text: `${model.title} — ${model.subtitle}`, size: 16, color: '59636E' })] })] }) },
        footers: { default: new Footer({ children: [new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun({ children: ['Page ', PageNumber.CURRENT, ' / ', PageNumber.TOTAL_PAGES], size: 16, color: '59636E' })] })] }) },
        children: [
          new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(model.title)] }),
          new Paragraph({ spacing: { after: 120 }, children: [new TextRun({ text: model.subtitle, bold: true, size: 28 })] }),
          ...model.meta.map((m) => new Paragraph({ spacing: { after: 20 }, children: [new TextRun({ text: `${m.label} : `, color: '59636E' }), new TextRun(m.value)] })),
          new TableOfContents('Sommaire', { hyperlink: true, headingStyleRange: '1-2', cachedEntries: headings.map((h) => ({ title: h.text, level: h.level <= 2 ? 1 : 2 })) }),
          ...model.blocks.flatMap(block),
        ],
      },
    ],
  });
  return doc;
}
