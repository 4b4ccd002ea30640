import * as assert from 'assert';
import type { DeliverableId } from '../../../server/src/render';
import { renderDocx } from '../../../server/src/render/docx';
import { readZip, wordText } from '../../helpers/zip';
import { CONSULTATION_FILE, headings, PROGRAMME_FILE, RECEPTION_FILE, renderExample, renderText, renderXssConsultation, SUIVI_FILE, XSS_PROGRAMME } from './renderHelpers';

async function open(file: string, d: DeliverableId): Promise<{ parts: Map<string, Buffer>; xml: string; text: string[]; h: string[] }> {
  const r = renderExample(file, d);
  assert.ok(r.model, r.error);
  const buf = await renderDocx(r.model);
  assert.strictEqual(buf.subarray(0, 2).toString('latin1'), 'PK', 'a ZIP container');
  const parts = readZip(buf);
  const xml = parts.get('word/document.xml')?.toString('utf8') ?? '';
  return { parts, xml, text: wordText(xml), h: headings(r.model) };
}

describe('render / DOCX back end', function () {
  this.timeout(20000);

  it('is a Word package with real heading styles, a table of contents and page numbers', async () => {
    const { parts, xml, h } = await open(PROGRAMME_FILE, 'programme');
    for (const p of ['[Content_Types].xml', 'word/document.xml', 'word/styles.xml', 'word/settings.xml']) assert.ok(parts.has(p), `missing ${p}`);
    const h1 = xml.match(/<w:pStyle w:val="Heading1"\/>/g)?.length ?? 0;
    const h2 = xml.match(/<w:pStyle w:val="Heading2"\/>/g)?.length ?? 0;
    assert.strictEqual(h1 + h2, h.length, 'one Word heading per heading of the model');
    assert.strictEqual(h1, 11, 'the eleven sections are Titre 1');
    assert.match(xml, /<w:pStyle w:val="Title"\/>/);
    assert.match(xml, /TOC \\h \\o &quot;1-2&quot;/, 'a TOC field over headings 1-2');
    assert.match(parts.get('word/settings.xml')?.toString() ?? '', /<w:updateFields(?: w:val="(?:true|1)")?\/>/, 'Word refreshes the TOC on open');
    const footers = [...parts.keys()].filter((k) => /^word\/footer\d*\.xml$/.test(k)).map((k) => parts.get(k)?.toString() ?? '');
    assert.ok(footers.some((f) => /PAGE/.test(f) && /NUMPAGES/.test(f)), 'Page n / N in the footer');
    assert.match(xml, /<w:pgSz w:w="11906" w:h="16838"/, 'A4');
  });

  it('writes the tables with their figures, the heading row repeated on each page', async () => {
    const { xml, text } = await open(PROGRAMME_FILE, 'programme');
    assert.ok((xml.match(/<w:tbl>/g)?.length ?? 0) >= 8);
    assert.match(xml, /<w:tblHeader\/>/);
    assert.ok(text.includes('1\u00a0705\u00a0m²'), 'total of the surfaces');
    assert.ok(text.includes('4\u00a0200\u00a0000\u00a0€'), 'EFP total');
  });

  it('RAO: ranking figures, proposal and simulation, as in the HTML', async () => {
    const { text, xml } = await open(CONSULTATION_FILE, 'rao');
    for (const figure of ['85,18', '80,05', '79,95', '559\u00a0567,84\u00a0€', '14,29']) assert.ok(text.some((t) => t.includes(figure)), `missing ${figure}`);
    assert.ok(text.includes('Perrin et Fils'));
    assert.match(xml, /Annexe — Simulation de la notation du prix/);
  });

  it('figures become tables: a shaded heat-map grid and a Gantt by quarter', async () => {
    const risks = await open(PROGRAMME_FILE, 'risques');
    assert.match(risks.xml, /w:fill="F4B4AE"/, 'critical cells shaded');
    assert.ok(risks.text.includes('TEC-AMIANTE'));
    const planning = await open(PROGRAMME_FILE, 'planning');
    assert.ok(planning.text.some((t) => /^T[1-4] \d\d$/.test(t)), 'quarter columns');
    assert.ok(planning.text.includes('■'));
  });

  it('follow-up deliverables: charts become their tables, the PV keeps tall blank signature rows', async () => {
    const suivi = await open(SUIVI_FILE, 'suivi');
    for (const figure of ['43 j', '37,5 %', '28/11/2026 (valeurs actuelles)', '2\u00a0460 k€ HT', '+29 j']) assert.ok(suivi.text.includes(figure), `missing ${figure}`);
    const pv = await open(RECEPTION_FILE, 'reception');
    assert.strictEqual(pv.xml.match(/<w:trHeight w:val="1130" w:hRule="atLeast"\/>/g)?.length, 6, 'six signature rows: the maître d’œuvre and the titulaire of each of the three lots');
    const decision = await open(RECEPTION_FILE, 'decision');
    assert.ok(decision.text.some((t) => t.includes('garantie de parfait achèvement jusqu’au 27\u00a0février 2027')), 'the GPA end in the décision');
    const log = await open(RECEPTION_FILE, 'reserves');
    assert.ok(log.text.includes('258 j'));
    assert.match(log.xml, /w:fill="FFF8E1"/, 'overdue rows shaded');
  });

  it('keeps user text as text (no field codes or markup injected)', async () => {
    const r = renderText('x.programme.yaml', XSS_PROGRAMME, 'programme');
    const parts = readZip(await renderDocx(r.model!));
    const xml = parts.get('word/document.xml')?.toString() ?? '';
    assert.ok(xml.includes('&lt;script&gt;window.__amoXss = 1&lt;/script&gt;Gymnase'));
    assert.ok(!xml.includes('<script'));
    for (const d of ['reception', 'reserves'] as const) {
      const c = readZip(await renderDocx(renderXssConsultation(d).model!)).get('word/document.xml')?.toString() ?? '';
      assert.ok(c.includes('&lt;script&gt;window.__amoXss=38&lt;/script&gt;'), `${d}: payload as text`);
      assert.ok(!c.includes('<script'));
    }
  });
});

describe('render / DOCX print layout', function () {
  this.timeout(20000);

  it('puts the Gantt on a landscape section, as a table with a wide label column (never one letter per line)', async () => {
    const { xml } = await open(PROGRAMME_FILE, 'planning');
    assert.match(xml, /<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"\/>/, 'a landscape section');
    assert.match(xml, /<w:pgSz w:w="11906" w:h="16838" w:orient="portrait"\/>/, 'portrait sections around it');
    const grids = [...xml.matchAll(/<w:tblGrid>(.*?)<\/w:tblGrid>/g)].map((m) => [...m[1].matchAll(/w:w="(\d+)"/g)].map((x) => Number(x[1])));
    const gantt = grids.find((g) => g.length > 12);
    assert.ok(gantt, 'the Gantt table');
    assert.ok(gantt[0] >= 5 * gantt[1], `label column ${gantt[0]} twips against ${gantt[1]} for a quarter`);
  });

  it('sizes columns from their content and keeps headings with what follows', async () => {
    const { xml, h } = await open(PROGRAMME_FILE, 'risques');
    const grids = [...xml.matchAll(/<w:tblGrid>(.*?)<\/w:tblGrid>/g)].map((m) => [...m[1].matchAll(/w:w="(\d+)"/g)].map((x) => Number(x[1])));
    assert.ok(grids.some((g) => new Set(g).size > 1), 'not every table has equal columns');
    assert.match(xml, /<w:tcW w:type="dxa" w:w="\d+"\/>/, 'cell widths');
    assert.ok((xml.match(/<w:keepNext\/>/g)?.length ?? 0) >= h.length, 'every heading kept with next');
  });

  it('fills the document properties: title, subject, author = the programme’s AMO', async () => {
    const { parts } = await open(PROGRAMME_FILE, 'programme');
    const core = parts.get('docProps/core.xml')?.toString() ?? '';
    assert.match(core, /<dc:title>Programme de l’opération — /);
    assert.match(core, /<dc:creator>[^<]*AMO|<dc:creator>[^<]*\(/);
    assert.ok(!/<dc:creator>AMO Authoring</.test(core), 'the author is the AMO actor, not the software');
  });
});
