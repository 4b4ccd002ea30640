import * as assert from 'assert';
import type { CodeAction, CodeLens, InlayHint, TextEdit } from 'vscode-languageserver-types';
import { applyAction, applyEdits } from '../helpers/applyEdits';
import { withServer } from '../helpers/lspClient';

const PROGRAMME = `operation:
  id: OP
  intitule: Gymnase
phases:
  - id: PH-ACT
    code: ACT
    debut: 2027-01-04
    fin: 2027-03-31
`;

function consultation(phase: string, weights: number[]): string {
  return `programme: ./op.programme.yaml
id: C1
objet: Travaux du gymnase
nature: travaux
phase: ${phase}
procedure:
  type: MAPA
date_lancement: 2027-01-11
date_limite_offres: 2027-02-15
non_allotissement:
  motif: Ouvrage unique de faible montant
# Critères du RC
criteres:
  - {id: PRIX, type: prix, ponderation: ${weights[0]}}
  - {id: VT, type: qualite, ponderation: ${weights[1]}}
  - {id: ENV, type: environnement, ponderation: ${weights[2]}}
`;
}

describe('code actions, inlay hints, code lens and formatting over stdio (dist/server.js)', function () {
  this.timeout(30000);
  const FILES = { 'op.programme.yaml': PROGRAMME };

  it('announces the capabilities', () =>
    withServer({ files: FILES }, async ({ init }) => {
      const { capabilities } = init!;
      assert.deepStrictEqual(capabilities.codeActionProvider, { codeActionKinds: ['quickfix', 'refactor.rewrite'] });
      assert.strictEqual(capabilities.inlayHintProvider, true);
      assert.deepStrictEqual(capabilities.codeLensProvider, { resolveProvider: false });
      assert.strictEqual(capabilities.documentFormattingProvider, true);
      assert.strictEqual(capabilities.documentRangeFormattingProvider, true);
    }));

  it('normalises the weights with the CSL-006 quick fix; the diagnostic goes away', () =>
    withServer({ files: FILES }, async ({ client, uri: at }) => {
      const uri = at('c.consultation.yaml');
      const text = consultation('PH-ACT', [33, 33, 33]);
      await client.open(uri, text, 1);
      const diags = await client.diagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'CSL-006'));
      const csl006 = diags.find((d) => d.code === 'CSL-006')!;
      const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: csl006.range, context: { diagnostics: [csl006] } });
      assert.deepStrictEqual(actions.map((a) => a.title), ['Ramener les pondérations à 100 (34/33/33)', 'Ignorer CSL-006 sur cette ligne (# amo-disable-line)']);
      const fixed = applyAction(actions[0], uri, text);
      assert.match(fixed, /# Critères du RC\ncriteres:\n {2}- \{id: PRIX, type: prix, ponderation: 34\}\n/);
      await client.replace(uri, fixed, 2);
      const after = await client.diagnostics(uri, (p) => p.version === 2);
      assert.ok(!after.some((d) => d.code === 'CSL-006'), JSON.stringify(after));
    }));

  it('creates a missing phase in the programme file (cross-file edit), in the client’s locale', () =>
    withServer({ files: FILES, initialize: { locale: 'en' } }, async ({ client, uri: at }) => {
      const uri = at('c.consultation.yaml');
      const progUri = at('op.programme.yaml');
      await client.open(uri, consultation('PH-CONS', [40, 45, 15]), 1);
      const diags = await client.diagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'REF-001'));
      const ref = diags.find((d) => d.code === 'REF-001')!;
      const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: ref.range, context: { diagnostics: [ref], only: ['quickfix'] } });
      const create = actions.find((a) => a.title.startsWith('Create phase'));
      assert.ok(create, JSON.stringify(actions.map((a) => a.title)));
      assert.deepStrictEqual(Object.keys(create.edit?.changes ?? {}), [progUri]);
      assert.strictEqual(applyAction(create, progUri, PROGRAMME), `${PROGRAMME}  - id: PH-CONS\n    code: CONS\n    libelle: Consultation des entreprises\n`);
      const none = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: ref.range, context: { diagnostics: [ref], only: ['refactor'] } });
      assert.deepStrictEqual(none, []);
    }));

  it('answers inlay hints and code lenses', () =>
    withServer({ files: FILES }, async ({ client, uri: at }) => {
      const uri = at('c.consultation.yaml');
      const text = consultation('PH-ACT', [40, 45, 10]);
      await client.open(uri, text, 1);
      const hints = await client.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 20, character: 0 } } });
      assert.deepStrictEqual(hints.map((h) => h.label), ['35 j', 'Σ 40/100', 'Σ 85/100', 'Σ 95/100']);
      const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
      assert.deepStrictEqual(lenses.map((l) => [l.range.start.line, l.command?.title]), [[12, '⚠ Σ pondérations = 95 % (attendu 100)']]);
    }));

  it('formats a document and a range with the editor’s tab size', () =>
    withServer({ files: FILES }, async ({ client, uri: at }) => {
      const uri = at('c.consultation.yaml');
      const messy = 'id:   C1\nprocedure:\n      type: MAPA   \n\n\n\nobjet: x\n';
      await client.open(uri, messy, 1);
      const edits = await client.request<TextEdit[]>('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 4, insertSpaces: true } });
      assert.strictEqual(applyEdits(messy, edits), 'id: C1\nprocedure:\n    type: MAPA\n\nobjet: x\n');
      const ranged = await client.request<TextEdit[]>('textDocument/rangeFormatting', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } }, options: { tabSize: 2, insertSpaces: true } });
      assert.strictEqual(applyEdits(messy, ranged), messy.replace('id:   C1', 'id: C1'));
    }));
});
