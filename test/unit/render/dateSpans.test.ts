import * as assert from 'assert';
import { renderHtmlDocument } from '../../../server/src/render';
import type { Block, Table } from '../../../server/src/render/model';
import { ticks } from '../../../server/src/render/svg';
import { renderText } from './renderHelpers';

/**
 * Absurd date spans (docs/robustness.md): a phase from year 1 to 9999 once made the planning draw 10,000 year
 * lines and a 40,000-column table (40 such phases: 26 s for the HTML, 59 s and 3.2 GB for the DOCX, the server
 * died). The chart's ticks and the table's period columns are bounded whatever the span.
 */
const head = 'version: 1\nstatut: arrete\noperation:\n  id: OP\n  intitule: Opération\n  maitre_ouvrage: Commune\n  nature: rehabilitation\nphases:\n';
const phase = (i: number, debut: string, fin: string): string => `  - {id: PH-${i}, code: ESQ, libelle: Phase ${i}, debut: ${debut}, fin: ${fin}}\n`;

function tables(blocks: Block[]): Table[] {
  return blocks.flatMap((b): Table[] => (b.kind === 'table' ? [b] : b.kind === 'figure' && b.fallback?.kind === 'table' ? [b.fallback] : []));
}

describe('planning: bounded layout on any date span', () => {
  it('ticks stay about 20 whatever the span, and monthly on a short one', () => {
    assert.ok(ticks('0001-01-01', '9999-12-31').length <= 21, String(ticks('0001-01-01', '9999-12-31').length));
    assert.ok(ticks('2026-01-01', '2040-12-31').length <= 21);
    assert.strictEqual(ticks('2026-01-15', '2026-12-31').length, 11);
  });

  it('a phase from year 1 to 9999: the Gantt table has at most 40 period columns, the SVG at most ~20 ticks', () => {
    const r = renderText('span.programme.yaml', head + phase(1, '0001-01-01', '9999-12-31') + phase(2, '2026-01-05', '2026-06-30'), 'planning');
    assert.ok(r.model, r.error);
    const gantt = tables(r.model.blocks).find((t) => t.columns[0]?.label === 'Phase');
    assert.ok(gantt, 'the Gantt fallback table');
    assert.ok(gantt.columns.length <= 41, `${gantt.columns.length} columns`);
    assert.match(gantt.columns[1].label, /^1–/);
    const html = renderHtmlDocument(r.model);
    const lines = (html.match(/class="amo-grid(-year)?"/g) ?? []).length;
    assert.ok(lines <= 25, `${lines} grid lines`);
  });

  it('an ordinary planning keeps its quarters', () => {
    const r = renderText('q.programme.yaml', head + phase(1, '2026-01-05', '2027-06-30'), 'planning');
    const gantt = tables(r.model!.blocks).find((t) => t.columns[0]?.label === 'Phase');
    assert.deepStrictEqual(gantt!.columns.slice(1).map((c) => c.label), ['T1 26', 'T2 26', 'T3 26', 'T4 26', 'T1 27', 'T2 27']);
  });
});
