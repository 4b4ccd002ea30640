/**
 * Every deliverable of every bundled example, exported to DOCX, opened by a real word processor:
 * LibreOffice Writer (Debian's `libreoffice-writer-nogui`, installed by .ci/run) converts each file to
 * plain text, and the text must hold the deliverable's title and every heading of its model. A DOCX
 * that Word-compatible software refuses, or opens empty, fails here, which the XML-level tests of
 * test/unit/render/docx.test.ts cannot see. Skipped with a printed reason only outside CI when
 * `soffice` is absent; in CI its absence is a failure.
 */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildDeliverable, offeredDeliverables, type DeliverableId } from '../../server/src/render';
import { renderDocx } from '../../server/src/render/docx';
import { uriOf } from '../helpers/service';
import { EXAMPLES, renderEnv } from '../unit/render/renderHelpers';

function soffice(): string | undefined {
  const r = spawnSync('sh', ['-c', 'command -v soffice || command -v libreoffice'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

/** Folds what LibreOffice's text export may change: spacing, non-breaking spaces, typographic quotes. */
const fold = (s: string): string => s.replace(/[\s\u00a0\u202f]+/g, ' ').replace(/[’']/g, "'").trim();

describe('DOCX exports opened by LibreOffice Writer', function () {
  this.timeout(240000);
  const bin = soffice();

  before(function () {
    if (bin) return;
    if (process.env.CI) assert.fail('soffice not found: .ci/run installs libreoffice-writer-nogui');
    console.log('      (skipped: LibreOffice is not installed here — apt-get install libreoffice-writer-nogui; CI installs it)');
    this.skip();
  });

  it('converts every deliverable of every example, with its title and headings', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amo-docx-'));
    try {
      const files = fs.readdirSync(EXAMPLES).filter((f) => /\.(programme|consultation)\.yaml$/.test(f)).sort();
      const expected = new Map<string, string[]>();
      for (const f of files) {
        const file = path.join(EXAMPLES, f);
        const text = fs.readFileSync(file, 'utf8');
        const env = renderEnv();
        const doc = { uri: uriOf(file), text };
        for (const { id } of offeredDeliverables(env, doc)) {
          const r = buildDeliverable(env, doc, id as DeliverableId);
          assert.ok(r.model, `${f} ${id}: ${r.error}`);
          const name = `${f.replace(/\.yaml$/, '')}-${id}`;
          fs.writeFileSync(path.join(dir, `${name}.docx`), await renderDocx(r.model));
          expected.set(name, [r.model.title, ...r.model.blocks.flatMap((b) => (b.kind === 'heading' ? [b.text] : []))]);
        }
      }
      assert.ok(expected.size >= 16, `only ${expected.size} deliverables rendered`);
      const out = path.join(dir, 'txt');
      // A private profile: no interference with a user's LibreOffice, no first-start dialogs.
      const conv = spawnSync(bin as string, [`-env:UserInstallation=file://${path.join(dir, 'profile')}`, '--headless', '--norestore', '--convert-to', 'txt:Text (encoded):UTF8', '--outdir', out, ...[...expected.keys()].map((n) => path.join(dir, `${n}.docx`))], { encoding: 'utf8', timeout: 200000 });
      assert.strictEqual(conv.status, 0, `soffice failed: ${conv.stderr}`);
      for (const [name, want] of expected) {
        const txtFile = path.join(out, `${name}.txt`);
        assert.ok(fs.existsSync(txtFile), `LibreOffice did not convert ${name}.docx:\n${conv.stdout}\n${conv.stderr}`);
        const got = fold(fs.readFileSync(txtFile, 'utf8'));
        for (const h of want) assert.ok(got.includes(fold(h)), `${name}: « ${h} » not found in the text LibreOffice read`);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the planning of the largest example is at most four pages in LibreOffice (a readable Gantt, never one letter per line)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amo-docx-pages-'));
    try {
      // The largest programme of the examples, with the consultations of its folder (as amo render does).
      const programmes = fs.readdirSync(EXAMPLES).filter((f) => f.endsWith('.programme.yaml'));
      const largest = programmes.map((f) => path.join(EXAMPLES, f)).sort((a, b) => fs.statSync(b).size - fs.statSync(a).size)[0];
      const siblings = fs.readdirSync(EXAMPLES).filter((f) => f.endsWith('.consultation.yaml')).map((f) => uriOf(path.join(EXAMPLES, f)));
      const r = buildDeliverable(renderEnv({}, siblings), { uri: uriOf(largest), text: fs.readFileSync(largest, 'utf8') }, 'planning');
      assert.ok(r.model, r.error);
      fs.writeFileSync(path.join(dir, 'planning.docx'), await renderDocx(r.model));
      const conv = spawnSync(bin as string, [`-env:UserInstallation=file://${path.join(dir, 'profile')}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', dir, path.join(dir, 'planning.docx')], { encoding: 'utf8', timeout: 120000 });
      assert.strictEqual(conv.status, 0, `soffice failed: ${conv.stderr}`);
      const pdf = fs.readFileSync(path.join(dir, 'planning.pdf')).toString('latin1');
      const pages = Math.max(...[...pdf.matchAll(/\/Count (\d+)/g)].map((m) => Number(m[1])));
      assert.ok(pages >= 2 && pages <= 4, `${path.basename(largest)} planning: ${pages} pages in LibreOffice (at most 4)`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
