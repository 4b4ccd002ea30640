import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { allCodes } from '../../server/src/language-service';
import { renderRulesDoc } from '../../server/src/language-service/rulesDoc';
import { ROOT } from '../helpers/service';

describe('docs/rules.md', () => {
  it('is up to date with the registry (run `npm run rules:doc`)', () => {
    const onDisk = fs.readFileSync(path.join(ROOT, 'docs', 'rules.md'), 'utf8');
    assert.strictEqual(onDisk, renderRulesDoc());
  });

  it('lists every code once, each with a basis and a confidence', () => {
    const all = allCodes();
    assert.strictEqual(new Set(all.map((r) => r.id)).size, all.length);
    for (const r of all) {
      assert.ok(r.basis.length > 3, r.id);
      assert.ok(r.title.fr && r.title.en, r.id);
    }
  });

  it('never makes a rule of unverified basis an error by default', () => {
    for (const r of allCodes()) if (r.confidence === 'U') assert.notStrictEqual(r.severity, 'error', r.id);
  });
});
