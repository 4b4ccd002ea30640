import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { FIXERS, type FixerName } from '../../server/src/language-service/actions/fixers';
import { allCodes } from '../../server/src/language-service/rules/registry';
import { applyAction } from '../helpers/applyEdits';
import { makeService, ROOT, uriOf } from '../helpers/service';

/**
 * Quick fixes as golden files: each case takes a fixture, applies the action matching `title` offered for the
 * diagnostic `code` on `line`, and compares the whole new text with test/fixtures/fixes/<id>.after.yaml
 * (`UPDATE_GOLDEN=1 npx mocha test/unit/fixGolden.test.ts` rewrites them; review the diff before committing).
 * The fixed text must also lose that diagnostic and gain no error. Every fixer of actions/fixers.ts has a case.
 */
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const FIXES = path.join(ROOT, 'test', 'fixtures', 'fixes');
const RULES = path.join(ROOT, 'test', 'fixtures', 'rules');
const ERREURS = path.join(ROOT, 'examples', 'erreurs');

interface Case {
  id: string;
  file: string;
  code: string;
  /** 1-based line where the diagnostic starts. */
  line: number;
  title: RegExp;
  fixer: FixerName;
}

const CASES: Case[] = [
  { id: 'csl-002-prix', file: path.join(ERREURS, 'ecole-erreurs.consultation.yaml'), code: 'CSL-002', line: 26, title: /Ajouter le critère prix/, fixer: 'addPriceCriterion' },
  { id: 'csl-004-critere-env', file: path.join(ERREURS, 'ecole-erreurs.consultation.yaml'), code: 'CSL-004', line: 26, title: /Ajouter le critère environnemental/, fixer: 'addEnvironmentalCriterion' },
  { id: 'csl-006-ponderations', file: path.join(ERREURS, 'ecole-erreurs.consultation.yaml'), code: 'CSL-006', line: 26, title: /Ramener les pondérations/, fixer: 'normaliseWeights' },
  { id: 'csl-007-sous-criteres', file: path.join(ERREURS, 'ecole-erreurs.consultation.yaml'), code: 'CSL-007', line: 32, title: /Répartir la pondération/, fixer: 'fixSubCriteria' },
  { id: 'csl-011-rejet-automatique', file: path.join(ERREURS, 'ecole-erreurs.consultation.yaml'), code: 'CSL-011', line: 55, title: /rejet_automatique/, fixer: 'fixAbnormallyLowOffers' },
  { id: 'csl-024-rat', file: path.join(ERREURS, 'ecole-erreurs.consultation.yaml'), code: 'CSL-024', line: 65, title: /RAT/, fixer: 'addRat' },
  { id: 'ref-001-creer-lot', file: path.join(ERREURS, 'ecole-erreurs.consultation.yaml'), code: 'REF-001', line: 77, title: /Créer le lot « LOT-99 »/, fixer: 'createMissingTarget' },
  { id: 'ref-001-proprietaire', file: path.join(ERREURS, 'ecole-erreurs.programme.yaml'), code: 'REF-001', line: 143, title: /Propriétaire du risque : AMO/, fixer: 'pickOwnerForUnknown' },
  { id: 'rsk-001-proprietaire', file: path.join(RULES, 'rsk-001-risque-incomplet.programme.yaml'), code: 'RSK-001', line: 52, title: /Propriétaire du risque : MOA/, fixer: 'pickOwnerForIncomplete' },
  { id: 'rsk-008-amiante', file: path.join(ERREURS, 'ecole-erreurs.programme.yaml'), code: 'RSK-008', line: 90, title: /TEC-AMIANTE/, fixer: 'addCatalogueRisk' },
  { id: 'rec-002-lever-reserve', file: path.join(RULES, 'rec-002-reserve-ouverte-apres-gpa.consultation.yaml'), code: 'REC-002', line: 44, title: /levée aujourd’hui \(R01\)/, fixer: 'liftReserve' },
  { id: 'rec-006-date-notee', file: path.join(RULES, 'rec-006-statut-et-date.consultation.yaml'), code: 'REC-006', line: 38, title: /levée le 01\/10\/2026/, fixer: 'liftReserve' },
  { id: 'sui-002-revue', file: path.join(RULES, 'sui-002-003-revues.programme.yaml'), code: 'SUI-002', line: 76, title: /Ajouter une revue/, fixer: 'addReview' },
  { id: 'sch-002-cle', file: path.join(ERREURS, 'ecole-erreurs.consultation.yaml'), code: 'SCH-002', line: 44, title: /« ponderation »/, fixer: 'replaceMisspelling' },
  { id: 'sch-005-date', file: path.join(RULES, 'sch-005-date-mal-formee.consultation.yaml'), code: 'SCH-005', line: 14, title: /2027-01-08/, fixer: 'replaceMisspelling' },
  { id: 'sch-008-valeur-accentuee', file: path.join(FIXES, 'naturel.programme.yaml'), code: 'SCH-008', line: 5, title: /« rehabilitation »/, fixer: 'replaceMisspelling' },
  { id: 'sch-008-oui-non', file: path.join(FIXES, 'naturel.programme.yaml'), code: 'SCH-008', line: 6, title: /« false »/, fixer: 'replaceMisspelling' },
];

describe('quick fixes (golden input/output files)', () => {
  for (const c of CASES) {
    it(`${c.id}: ${c.code} line ${c.line} → ${c.fixer}`, () => {
      const text = fs.readFileSync(c.file, 'utf8');
      const uri = uriOf(c.file);
      const service = makeService();
      const before = service.getDiagnostics({ uri, text });
      const diag = before.find((d) => d.code === c.code && d.range.start.line + 1 === c.line);
      assert.ok(diag, `no ${c.code} on line ${c.line} of ${path.relative(ROOT, c.file)}: ${before.map((d) => `${d.range.start.line + 1}:${d.code}`).join(' ')}`);
      const meta = allCodes().find((r) => r.id === c.code);
      assert.ok(meta?.fixes?.includes(c.fixer), `${c.code} does not declare ${c.fixer}`);
      const actions = service.getCodeActions({ uri, text }, diag.range, [diag], { only: ['quickfix'] });
      const action = actions.find((a) => c.title.test(a.title));
      assert.ok(action, `no action matching ${c.title}: ${JSON.stringify(actions.map((a) => a.title))}`);
      const after = applyAction(action, uri, text);
      const golden = path.join(FIXES, `${c.id}.after.yaml`);
      if (UPDATE) fs.writeFileSync(golden, after);
      assert.ok(fs.existsSync(golden), `${path.relative(ROOT, golden)} is missing (UPDATE_GOLDEN=1 to write it)`);
      assert.strictEqual(after, fs.readFileSync(golden, 'utf8'), `${c.id} differs from ${path.relative(ROOT, golden)} (UPDATE_GOLDEN=1 to accept)`);
      // The fix does what it says: one finding fewer of its code, or (a finding with several causes: RSK-001
      // lists every missing field) the same finding with less to say; and no new error appears anywhere.
      const fixed = service.getDiagnostics({ uri, text: after });
      const ofCode = (ds: typeof before): string[] => ds.filter((d) => d.code === c.code).map((d) => d.message);
      const gone = ofCode(fixed).length < ofCode(before).length;
      const narrowed = !gone && ofCode(fixed).every((m) => ofCode(before).includes(m) || m.length < diag.message.length) && !ofCode(fixed).includes(diag.message);
      assert.ok(gone || narrowed, `${c.code} unchanged after the fix: ${ofCode(fixed).join(' / ')}`);
      const errorCodes = (ds: typeof before): string[] => [...new Set(ds.filter((d) => d.severity === 1).map((d) => d.code))];
      const fresh = errorCodes(fixed).filter((code) => !errorCodes(before).includes(code));
      assert.deepStrictEqual(fresh, [], `the fix adds errors: ${fresh.join(', ')}`);
    });
  }

  it('every fixer of actions/fixers.ts has a golden case, and every rule fix is a known fixer', () => {
    const tested = new Set(CASES.map((c) => c.fixer));
    assert.deepStrictEqual(Object.keys(FIXERS).filter((f) => !tested.has(f as FixerName)), []);
    const declared = allCodes().flatMap((r) => r.fixes ?? []);
    assert.deepStrictEqual(Object.keys(FIXERS).filter((f) => !declared.includes(f as FixerName)), [], 'fixers no rule declares');
  });
});
