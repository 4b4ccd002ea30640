/**
 * Follow-up and reception features (docs/format.md) over stdio, as another editor would use them: completion
 * of a reserve's firm and of a reviewer, the REC-002 and SUI-002 quick fixes, the lifting refactor, the
 * hover of a reserve. The server runs with AMO_TODAY = TEST_TODAY (2026-11-28).
 */
import * as assert from 'assert';
import type { CodeAction, CompletionList, Hover, MarkupContent } from 'vscode-languageserver-types';
import { applyAction } from '../helpers/applyEdits';
import { withServer } from '../helpers/lspClient';
import { TEST_TODAY } from '../helpers/service';

const PROGRAMME = `operation:
  id: OP
  intitule: Médiathèque
acteurs:
  - {id: VILLE, role: maitre_ouvrage}
  - {id: CONSEIL, role: amo}
phases:
  - id: PH-DET
    code: DET
    livrables:
      - id: LIV-1
        echeance: 2026-11-01
        statut: valide
        revues:
          - date: 2026-10-30
            relecteur: 
`;

const CONSULTATION = `programme: ./op.programme.yaml
id: C-TRX
objet: Travaux de la médiathèque
nature: travaux
lots:
  - {id: LOT-01, intitule: Gros œuvre}
criteres:
  - {id: PRIX, type: prix, ponderation: 60}
  - {id: VT, type: qualite, ponderation: 40}
offres:
  - {id: O1, candidat: Bâti Sud, lot: LOT-01, prix_ht: 500000, notes: {VT: 12}}
  - {id: O2, candidat: Maçonnerie Dupont, lot: LOT-01, prix_ht: 480000, notes: {VT: 16}}
reception:
  date_reception: 2025-11-03
  decision: avec_reserves
  reserves:
    - id: RES-01
      lot: LOT-01
      entreprise: 
      date_constat: 2025-11-03
      statut: ouverte
`;

describe('follow-up and reception features over stdio (dist/server.js)', function () {
  this.timeout(30000);
  const FILES = { 'op.programme.yaml': PROGRAMME };

  it('completes a reserve’s firm (retained offer first) and a reviewer (the AMO’s acteur among the acteurs)', () =>
    withServer({ files: FILES }, async ({ client, uri: at }) => {
      const progUri = at('op.programme.yaml');
      const consUri = at('c.consultation.yaml');
      await client.open(consUri, CONSULTATION, 1);
      const firms = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri: consUri }, position: { line: 18, character: 18 }, context: { triggerKind: 2, triggerCharacter: ' ' } });
      assert.deepStrictEqual(firms.items.map((i) => i.label), ['Maçonnerie Dupont', 'Bâti Sud']);
      assert.strictEqual(firms.items[0].preselect, true);
      await client.open(progUri, PROGRAMME, 1);
      const reviewers = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri: progUri }, position: { line: 15, character: 23 }, context: { triggerKind: 1 } });
      assert.deepStrictEqual(reviewers.items.map((i) => i.label), ['VILLE', 'CONSEIL']);
    }));

  it('lifts a reserve open after the GPA with the REC-002 quick fix; the diagnostic goes away', () =>
    withServer({ files: FILES }, async ({ client, uri: at }) => {
      const consUri = at('c.consultation.yaml');
      const text = CONSULTATION.replace('entreprise: \n', 'entreprise: Maçonnerie Dupont\n');
      await client.open(consUri, text, 1);
      const diags = await client.diagnostics(consUri, (p) => p.diagnostics.some((d) => d.code === 'REC-002'));
      const rec = diags.find((d) => d.code === 'REC-002')!;
      const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: consUri }, range: rec.range, context: { diagnostics: [rec] } });
      assert.deepStrictEqual(actions.map((a) => [a.kind, a.title]), [
        ['quickfix', 'Marquer la réserve comme levée aujourd’hui (RES-01)'],
        ['quickfix', 'Ignorer REC-002 sur cette ligne (# amo-disable-line)'],
      ]);
      // The same lifting is a refactor without any diagnostic, where the client asks for refactors only.
      const refactors = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: consUri }, range: rec.range, context: { diagnostics: [], only: ['refactor'] } });
      assert.deepStrictEqual(refactors.map((a) => [a.kind, a.title]), [['refactor.rewrite', 'Marquer la réserve comme levée aujourd’hui (RES-01)']]);
      const fixed = applyAction(actions[0], consUri, text);
      assert.match(fixed, new RegExp(`statut: levee\\n {6}date_levee: ${TEST_TODAY}\\n$`));
      await client.replace(consUri, fixed, 2);
      const after = await client.diagnostics(consUri, (p) => p.version === 2);
      assert.ok(!after.some((d) => d.code === 'REC-002' || d.code === 'REC-006'), JSON.stringify(after.map((d) => d.code)));
      // Lifted: no refactor left on it.
      assert.deepStrictEqual(await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: consUri }, range: rec.range, context: { diagnostics: [], only: ['refactor'] } }), []);
    }));

  it('adds the review a validated deliverable lacks (SUI-002), by the AMO, dated today', () =>
    withServer({ files: FILES }, async ({ client, uri: at }) => {
      const progUri = at('op.programme.yaml');
      const text = PROGRAMME.replace(/ {8}revues:[\s\S]*$/, '');
      await client.open(progUri, text, 1);
      const diags = await client.diagnostics(progUri, (p) => p.diagnostics.some((d) => d.code === 'SUI-002'));
      const sui = diags.find((d) => d.code === 'SUI-002')!;
      const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: progUri }, range: sui.range, context: { diagnostics: [sui], only: ['quickfix'] } });
      assert.strictEqual(actions[0].title, 'Ajouter une revue (28/11/2026, CONSEIL, favorable)');
      const fixed = applyAction(actions[0], progUri, text);
      assert.strictEqual(fixed, `${text}        revues:\n          - date: ${TEST_TODAY}\n            relecteur: CONSEIL\n            avis: favorable\n`);
      await client.replace(progUri, fixed, 2);
      const after = await client.diagnostics(progUri, (p) => p.version === 2);
      assert.ok(!after.some((d) => d.code === 'SUI-002'), JSON.stringify(after.map((d) => d.code)));
    }));

  it('hovers a reserve with the end of the GPA, in the client locale', () =>
    withServer({ files: FILES, initialize: { locale: 'en' } }, async ({ client, uri: at }) => {
      const consUri = at('c.consultation.yaml');
      await client.open(consUri, CONSULTATION, 1);
      const h = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: consUri }, position: { line: 16, character: 11 } });
      assert.ok(h);
      assert.match((h.contents as MarkupContent).value, /\*\*Reserve RES-01 — open\*\* · lot LOT-01[\s\S]*\*\*GPA ended 25 days ago\*\* \(2026-11-03\) ✗ \(REC-002\)/);
    }));
});
