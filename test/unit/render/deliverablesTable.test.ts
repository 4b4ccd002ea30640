/**
 * One table declares the deliverables (server/src/render/deliverables.ts); every surface is derived from it.
 * These tests read each surface as a user meets it — `amo render --help`, the preview's tabs, the export
 * formats, docs/deliverables.md, the README's usage line — and fail when an entry of the table is missing
 * from one of them.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { parseToWebview } from '../../../client/src/preview/messages';
import { RENDER_USAGE, renderHelp } from '../../../server/src/cli/render';
import { buildDeliverable, DELIVERABLE_TABLE } from '../../../server/src/render';
import { deliverableChoices, deliverablesOf, isXlsxDeliverable, workbooksOf, xlsxDeliverablesOf, type DeliverableSpec } from '../../../server/src/render/deliverables';
import { renderDeliverablesDoc } from '../../../server/src/render/deliverablesDoc';
import { ROOT, uriOf } from '../../helpers/service';
import { CONSULTATION_FILE, PROGRAMME_FILE, RECEPTION_FILE, renderEnv, renderText, SUIVI_FILE } from './renderHelpers';

const TABLE: readonly DeliverableSpec[] = DELIVERABLE_TABLE;
const DOCUMENTS = TABLE.filter((d) => d.build);

/** The tabs the preview shows for a file: what `amo/render` offers, as the webview accepts them. */
function previewTabs(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const r = buildDeliverable(renderEnv({}, [uriOf(CONSULTATION_FILE)]), { uri: uriOf(file), text });
  const msg = parseToWebview({ type: 'update', uri: uriOf(file), version: 1, deliverable: r.deliverable, deliverables: r.deliverables, html: '' });
  assert.ok(msg && msg.type === 'update');
  return msg.deliverables.map((t) => t.id);
}

/** The lines of `amo render --help` under a file kind's heading. */
function helpSection(pattern: string): string[] {
  const lines = renderHelp().split('\n');
  const start = lines.indexOf(`  ${pattern}`);
  assert.ok(start >= 0, `no section ${pattern} in amo render --help`);
  const end = lines.findIndex((l, i) => i > start && !l.startsWith('    '));
  return lines.slice(start + 1, end < 0 ? undefined : end);
}

describe('render / the deliverables table', () => {
  it('has unique, lower-case ids, two labels, at least one format; a document deliverable has a builder and html', () => {
    assert.strictEqual(new Set(TABLE.map((d) => d.id)).size, TABLE.length);
    for (const d of TABLE) {
      assert.match(d.id, /^[a-z]+$/, d.id);
      assert.ok(d.labels.fr && d.labels.en, d.id);
      assert.ok(d.formats.length > 0, d.id);
      assert.strictEqual(!!d.build, d.formats.includes('html'), `${d.id}: a builder exactly when it has html`);
      if (d.build) for (const f of ['docx', 'pdf'] as const) assert.ok(d.formats.includes(f), `${d.id}: a document model gives ${f}`);
    }
  });

  it('every entry is in `amo render --help`, under its file kind, with its labels and formats', () => {
    for (const d of TABLE) {
      const section = helpSection(d.kind === 'programme' ? '*.programme.yaml' : '*.consultation.yaml');
      const line = section.find((l) => l.trim().split(/\s+/)[0] === d.id);
      assert.ok(line, `${d.id} missing from amo render --help`);
      assert.ok(line.includes(d.labels.fr) && line.includes(d.labels.en), `${d.id}: labels in the help line`);
      assert.ok(line.includes(`(${d.formats.join(', ')})`), `${d.id}: formats in the help line`);
      assert.strictEqual(line.includes('si le fichier en a les données'), !!d.offeredWhen, `${d.id}: whether it needs data`);
    }
  });

  it('every entry is a --deliverable choice of the usage line, in table order', () => {
    const m = /--deliverable ([a-z|]+)\]/.exec(RENDER_USAGE);
    assert.ok(m, RENDER_USAGE);
    assert.deepStrictEqual(m[1].split('|'), [...TABLE.map((d) => d.id), 'all']);
    for (const kind of ['programme', 'consultation'] as const) {
      for (const id of xlsxDeliverablesOf(kind)) assert.match(RENDER_USAGE, new RegExp(`\\(xlsx : .*\\b${id}\\b`), `${id} in the xlsx note`);
    }
  });

  it('every document deliverable is a preview tab of a file that has its data, and only of its kind', () => {
    const full = { programme: previewTabs(SUIVI_FILE), consultation: previewTabs(RECEPTION_FILE) };
    for (const d of DOCUMENTS) {
      assert.ok(full[d.kind].includes(d.id), `${d.id} is not a preview tab of a ${d.kind} with its data`);
      assert.ok(!full[d.kind === 'programme' ? 'consultation' : 'programme'].includes(d.id), `${d.id} shown for the other kind`);
    }
    assert.deepStrictEqual([...full.programme, ...full.consultation], DOCUMENTS.map((d) => d.id), 'tabs in table order, no extra tab');
  });

  it('a deliverable offered only with its data is not a tab of a file without it; the others always are', () => {
    const bare = { programme: previewTabs(PROGRAMME_FILE), consultation: previewTabs(CONSULTATION_FILE) };
    for (const d of DOCUMENTS) assert.strictEqual(bare[d.kind].includes(d.id), !d.offeredWhen, d.id);
    const r = renderText('x.consultation.yaml', 'consultation: {id: X, objet: Y}\n', 'reception');
    const missing = TABLE.find((d) => d.id === 'reception')?.offeredWhen?.missing;
    assert.ok(missing && r.error?.includes(missing), r.error);
  });

  it('the formats of the table are the formats accepted: workbooks for the xlsx entries, export picker for the workbook-only ones', () => {
    for (const d of TABLE) {
      assert.strictEqual(isXlsxDeliverable(d.id), d.formats.includes('xlsx'), d.id);
      assert.strictEqual(xlsxDeliverablesOf(d.kind).includes(d.id as never), d.formats.includes('xlsx'), d.id);
      const exportable = [...deliverablesOf(d.kind).map((x) => x.id as string), ...workbooksOf(d.kind).map((w) => w.id as string)];
      assert.ok(exportable.includes(d.id), `${d.id} missing from the export picker of a ${d.kind}`);
      const info = deliverablesOf(d.kind).find((x) => x.id === d.id);
      if (info) assert.deepStrictEqual(info.formats, d.formats, `${d.id}: the formats sent to the export picker`);
    }
  });

  it('docs/deliverables.md is up to date with the table (run `npm run deliverables:doc`) and lists every entry', () => {
    const onDisk = fs.readFileSync(path.join(ROOT, 'docs', 'deliverables.md'), 'utf8');
    assert.strictEqual(onDisk, renderDeliverablesDoc());
    for (const d of TABLE) assert.ok(onDisk.split('\n').some((l) => l.startsWith(`| \`${d.id}\` | ${d.labels.fr} |`)), `${d.id} missing from docs/deliverables.md`);
  });

  it('the README usage line lists the deliverables of the table', () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const m = /^amo render <file> \[--deliverable ([a-z|]+)\]/m.exec(readme);
    assert.ok(m, 'no amo render usage line in README.md');
    assert.strictEqual(m[1], deliverableChoices());
    assert.match(readme, /docs\/deliverables\.md/, 'the README points at docs/deliverables.md');
  });
});
