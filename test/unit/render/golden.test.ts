import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { renderHtml, type DeliverableId } from '../../../server/src/render';
import { ROOT } from '../../helpers/service';
import { CONSULTATION_FILE, PROGRAMME_FILE, RECEPTION_FILE, renderExample, SUIVI_FILE } from './renderHelpers';

/**
 * Golden HTML of each deliverable of the examples, and of the follow-up deliverables of
 * test/fixtures/render/suivi.programme.yaml and reception.consultation.yaml (the `<article>` fragment, at TEST_TODAY).
 * `UPDATE_GOLDEN=1 npx mocha` rewrites test/fixtures/render/*.html; review the diff before committing.
 */
const GOLDEN_DIR = path.join(ROOT, 'test', 'fixtures', 'render');
const UPDATE = process.env.UPDATE_GOLDEN === '1';

const CASES: [string, DeliverableId][] = [
  [PROGRAMME_FILE, 'programme'],
  [PROGRAMME_FILE, 'risques'],
  [PROGRAMME_FILE, 'planning'],
  [CONSULTATION_FILE, 'rc'],
  [CONSULTATION_FILE, 'rao'],
  // Follow-up deliverables (docs/deliverables.md) from their own fixtures: the examples may carry no follow-up data.
  [SUIVI_FILE, 'suivi'],
  [RECEPTION_FILE, 'reception'],
  [RECEPTION_FILE, 'decision'],
  [RECEPTION_FILE, 'reserves'],
];

function firstDifference(a: string, b: string): string {
  const x = a.split('\n');
  const y = b.split('\n');
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    if (x[i] !== y[i]) return `line ${i + 1}:\n  expected: ${(y[i] ?? '<none>').slice(0, 300)}\n  actual:   ${(x[i] ?? '<none>').slice(0, 300)}`;
  }
  return 'no difference';
}

describe('render / golden HTML of the examples', () => {
  for (const [file, deliverable] of CASES) {
    it(`${path.basename(file)} → ${deliverable}.html`, () => {
      const r = renderExample(file, deliverable);
      assert.ok(r.model, r.error);
      const html = renderHtml(r.model) + '\n';
      const golden = path.join(GOLDEN_DIR, `${deliverable}.html`);
      if (UPDATE || !fs.existsSync(golden)) {
        fs.mkdirSync(GOLDEN_DIR, { recursive: true });
        fs.writeFileSync(golden, html);
        if (!UPDATE) assert.fail(`${path.relative(ROOT, golden)} did not exist and was written: review it, then run the tests again.`);
        return;
      }
      const expected = fs.readFileSync(golden, 'utf8');
      assert.ok(html === expected, `${deliverable} differs from ${path.relative(ROOT, golden)} (UPDATE_GOLDEN=1 to accept) — ${firstDifference(html, expected)}`);
    });
  }
});
