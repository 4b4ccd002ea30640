/**
 * Reliability and trust (issue #18): bounded output, linear location of schema errors, no self-silencing,
 * one notion of a line break, total handlers, escaped document text. Figures: docs/robustness.md.
 */
import * as assert from 'assert';
import { createLanguageService, type LanguageService } from '../../server/src/language-service';
import { MAX_DIAGNOSTICS } from '../../server/src/language-service/diagnostics';
import { TEST_TODAY } from '../helpers/service';

const PROG = 'file:///virtual/reliability.programme.yaml';

function service(files: Record<string, string> = {}): LanguageService {
  return createLanguageService({ workspace: { readText: (uri) => files[uri] }, today: () => TEST_TODAY });
}

function unknownKeys(n: number): string {
  const parts = ['version: 1\n'];
  for (let i = 0; i < n; i++) parts.push(`k${i}: 1\n`);
  return parts.join('');
}

describe('reliability (issue #18)', function () {
  this.timeout(60000);

  describe('at most MAX_DIAGNOSTICS diagnostics per file', () => {
    it('3,000 unknown keys: 1,000 diagnostics in document order, then one summary note in the locale', () => {
      const s = service();
      const text = unknownKeys(3000);
      const all = s.getDiagnostics({ uri: PROG, text }, { locale: 'en' });
      assert.strictEqual(all.length, MAX_DIAGNOSTICS + 1);
      const note = all[all.length - 1];
      assert.strictEqual(note.code, 'YAML-003');
      assert.strictEqual(note.severity, 3);
      const more = Number(/and (\d+) more/.exec(note.message)?.[1]);
      assert.ok(more >= 2000, note.message);
      const fr = s.getDiagnostics({ uri: PROG, text }, { locale: 'fr' });
      assert.match(fr[fr.length - 1].message, new RegExp(`… et ${more} autres`));
      for (let i = 1; i < MAX_DIAGNOSTICS; i++) assert.ok(all[i - 1].range.start.line <= all[i].range.start.line);
    });

    it('under the cap: no note', () => {
      const all = service().getDiagnostics({ uri: PROG, text: unknownKeys(10) }, { locale: 'en' });
      assert.ok(all.length < MAX_DIAGNOSTICS);
      assert.ok(!all.some((d) => d.code === 'YAML-003'));
    });
  });
});
