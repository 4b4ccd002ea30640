/**
 * Print-perfect layout (server/src/render/layout.ts): every deliverable of every bundled example, rendered as the
 * exported HTML/PDF, laid out by headless Chromium in print media; no element may end right of the A4
 * printable width (portrait, or landscape inside a landscape section). With AMO_LAYOUT_ARTEFACTS=<dir>,
 * the PDF of each deliverable is written there (CI keeps them as artefacts).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { buildDeliverable, offeredDeliverables, renderHtmlDocument, type DeliverableId } from '../../server/src/render';
import { PrintLayout } from '../helpers/printLayout';
import { uriOf } from '../helpers/service';
import { EXAMPLES, renderEnv } from '../unit/render/renderHelpers';

const CHROMIUM = '/usr/bin/chromium';

function exampleFiles(): string[] {
  const top = fs.readdirSync(EXAMPLES).filter((f) => /\.(programme|consultation)\.yaml$/.test(f));
  const errs = fs.readdirSync(path.join(EXAMPLES, 'erreurs')).map((f) => path.join('erreurs', f));
  return [...top, ...errs].sort();
}

describe('print layout of every deliverable (headless Chromium, print media)', function () {
  this.timeout(300000);
  let layout: PrintLayout | undefined;

  before(async function () {
    if (!fs.existsSync(CHROMIUM)) {
      if (process.env.CI) throw new Error(`${CHROMIUM} is missing: CI must install Debian's chromium (see .ci/run).`);
      console.log(`      (skipped: ${CHROMIUM} is absent and CI is not set; install it with apt-get install -y chromium)`);
      this.skip();
    }
    layout = await PrintLayout.open(CHROMIUM);
  });

  after(async () => layout?.close());

  it('nothing is wider than the A4 printable width, in any deliverable of the examples', async () => {
    const artefacts = process.env.AMO_LAYOUT_ARTEFACTS;
    if (artefacts) fs.mkdirSync(artefacts, { recursive: true });
    const problems: string[] = [];
    let n = 0;
    for (const f of exampleFiles()) {
      const file = path.join(EXAMPLES, f);
      const doc = { uri: uriOf(file), text: fs.readFileSync(file, 'utf8') };
      // Siblings: the programme's planning sees the consultations of its folder, as `amo render` does.
      const siblings = fs.readdirSync(path.dirname(file)).filter((x) => x.endsWith('.consultation.yaml')).map((x) => uriOf(path.join(path.dirname(file), x)));
      const env = renderEnv({}, siblings);
      for (const { id } of offeredDeliverables(env, doc)) {
        const r = buildDeliverable(env, doc, id as DeliverableId);
        assert.ok(r.model, `${f} ${id}: ${r.error}`);
        const html = renderHtmlDocument(r.model);
        n++;
        const over = await (layout as PrintLayout).overflows(html);
        if (over.length) problems.push(`${f} → ${id}: ${over.length} element(s), first: ${over.slice(0, 3).map((o) => `${o.what} ends at ${o.right} px for ${o.limit}`).join(' | ')}`);
        if (artefacts) fs.writeFileSync(path.join(artefacts, `${path.basename(f, '.yaml')}-${id}.pdf`), await (layout as PrintLayout).pdf(html));
      }
    }
    assert.ok(n >= 20, `only ${n} deliverables rendered`);
    assert.deepStrictEqual(problems, [], `overflowing the printable width:\n${problems.join('\n')}`);
  });

  it('catches an overflow (the check is not blind)', async () => {
    const html = '<!DOCTYPE html><html><body><article class="amo-doc"><div style="width:2000px">trop large</div></article></body></html>';
    const over = await (layout as PrintLayout).overflows(html);
    assert.ok(over.some((o) => o.right >= 2000), JSON.stringify(over));
  });
});
