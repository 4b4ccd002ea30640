import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { renderHtml, renderHtmlDocument } from '../../../server/src/render';
import { errorCount, nonConformityMark } from '../../../server/src/render/conformity';
import { renderDocx } from '../../../server/src/render/docx';
import type { DocModel } from '../../../server/src/render/model';
import { makeService, uriOf } from '../../helpers/service';
import { readZip } from '../../helpers/zip';
import { CONSULTATION_FILE, EXAMPLES, PROGRAMME_FILE, renderExample, renderText } from './renderHelpers';

const ERREURS = path.join(EXAMPLES, 'erreurs', 'ecole-erreurs.consultation.yaml');

function model(r: { model?: DocModel; error?: string }): DocModel {
  assert.ok(r.model, r.error);
  return r.model;
}

function checkErrors(file: string): number {
  const uri = uriOf(file);
  return makeService({}).getDiagnostics({ uri, text: fs.readFileSync(file, 'utf8') }).filter((d) => d.severity === 1).length;
}

describe('render / honest documents (non conforme)', () => {
  it('counts in words with real plurals, FR and EN', () => {
    assert.strictEqual(nonConformityMark(1), 'Projet — document non conforme\u00a0: 1\u00a0erreur');
    assert.strictEqual(nonConformityMark(15), 'Projet — document non conforme\u00a0: 15\u00a0erreurs');
    assert.strictEqual(nonConformityMark(2, 'en'), 'Draft — non-compliant document: 2 errors');
    assert.strictEqual(errorCount(1, 'en'), '1 error');
  });

  it('marks the RAO of a file with errors with the error count of amo check, in HTML, the printed pages and DOCX', async () => {
    const m = model(renderExample(ERREURS, 'rao'));
    const n = checkErrors(ERREURS);
    assert.ok(n > 5, `the erreurs example has errors (${n})`);
    assert.strictEqual(m.conformity?.errors, n);
    const mark = nonConformityMark(n);
    assert.ok(renderHtml(m).includes(`<p class="amo-nonconforme" role="alert">${mark}</p>`));
    // Every printed page: a page margin box, not just the first page.
    const doc = renderHtmlDocument(m);
    assert.ok(doc.includes(`@page { @top-right { content: "Projet — document non conforme\\a0 \\3a  ${n}\\a0 erreurs"`), "margin box with the mark");
    const docx = readZip(await renderDocx(m));
    const header = [...docx.entries()].filter(([name]) => /^word\/header\d*\.xml$/.test(name)).map(([, b]) => b.toString());
    assert.ok(header.some((x) => x.includes('Projet — document non conforme')), 'the DOCX running header carries the mark');
  });

  it('leaves a clean example unmarked', () => {
    for (const [file, d] of [[CONSULTATION_FILE, 'rao'], [PROGRAMME_FILE, 'programme']] as const) {
      const m = model(renderExample(file, d));
      assert.strictEqual(m.conformity, undefined, `${d} of a clean file`);
      assert.ok(!renderHtml(m).includes('non conforme'));
      assert.ok(!renderHtmlDocument(m).includes('@top-right'));
    }
  });

  it('shows a value the schema refuses instead of dropping it (localisation as a list)', () => {
    const text = fs.readFileSync(PROGRAMME_FILE, 'utf8').replace(/^(\s+)localisation: .*$/m, '$1localisation: [12 rue des Écoles, Saint-Aubin]');
    assert.ok(text.includes('localisation: [12 rue des Écoles'), 'the fixture edit applied');
    const m = model(renderText('loc.programme.yaml', text, 'programme'));
    assert.ok(m.conformity && m.conformity.refused.length >= 1);
    const html = renderHtml(m);
    assert.match(html, /Valeurs refusées par le format/);
    assert.match(html, /localisation: \[12 rue des Écoles/);
    assert.match(html, /SCH-003/);
  });

  it('an address object is a form of the format: printed as one address line, nothing refused', () => {
    const text = fs.readFileSync(PROGRAMME_FILE, 'utf8').replace(/^(\s+)localisation: .*$/m, '$1localisation: { adresse: 12 rue des Écoles, code_postal: 49100, commune: Saint-Aubin }');
    assert.ok(text.includes('adresse: 12 rue des Écoles'), 'the fixture edit applied');
    const m = model(renderText('loc.programme.yaml', text, 'programme'));
    assert.ok(!m.conformity || m.conformity.refused.length === 0, JSON.stringify(m.conformity?.refused));
    assert.match(renderHtml(m), /12 rue des Écoles, 49100 Saint-Aubin/);
  });
});
