import * as assert from 'assert';
import type { CompletionList, Hover, MarkupContent, TextEdit } from 'vscode-languageserver-types';
import { withServer } from '../helpers/lspClient';

const PROGRAMME = `operation:
  id: OP
  intitule: Gymnase
acteurs:
  - {id: MOA, role: maitre_ouvrage}
phases:
  - id: PH-ACT
    code: ACT
risques:
  - id: R1
    probabilite: 3
    impact: 4
    proprietaire: 
`;

const CONSULTATION = `programme: ./op.programme.yaml
id: C1
objet: Travaux du gymnase
nature: travaux
phase: 
procedure:
  type: AOO
date_lancement: 2026-09-01
date_limite_offres: 2026-10-01
`;

describe('completion and hover over stdio (dist/server.js)', function () {
  this.timeout(30000);
  const FILES = { 'op.programme.yaml': PROGRAMME };

  it('announces completion (with its trigger characters) and hover', async () => {
    const init = await withServer({ files: FILES }, async (s) => s.init);
    assert.deepStrictEqual(init?.capabilities.completionProvider?.triggerCharacters, [':', ' ', '-']);
    assert.strictEqual(init?.capabilities.hoverProvider, true);
  });

  it('completes ids of the programme and catalogue values', () =>
    withServer({ files: FILES }, async ({ client, uri: at }) => {
      const uri = at('c.consultation.yaml');
      await client.open(uri, CONSULTATION, 1);
      const phases = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: { line: 4, character: 7 }, context: { triggerKind: 2, triggerCharacter: ' ' } });
      assert.deepStrictEqual(phases.items.map((i) => i.label), ['PH-ACT']);
      assert.deepStrictEqual((phases.items[0].textEdit as TextEdit).range, { start: { line: 4, character: 7 }, end: { line: 4, character: 7 } });
      const types = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: { line: 6, character: 8 }, context: { triggerKind: 1 } });
      assert.deepStrictEqual(types.items.map((i) => i.label), ['SPMC', 'MAPA', 'AOO', 'AOR', 'PN', 'DC', 'CONCOURS']);
    }));

  it('completes acteurs for a risk owner, answers an empty list where a blank opens nothing', () =>
    withServer({ files: FILES }, async ({ client, uri: at }) => {
      const uri = at('op.programme.yaml');
      await client.open(uri, PROGRAMME, 1);
      const owners = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: { line: 12, character: 18 }, context: { triggerKind: 1 } });
      assert.deepStrictEqual(owners.items.map((i) => i.label), ['MOA']);
      const indent = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: { line: 1, character: 2 }, context: { triggerKind: 2, triggerCharacter: ' ' } });
      assert.deepStrictEqual(indent.items, []);
    }));

  it('hovers with computed facts, in the client locale', () =>
    withServer({ files: FILES }, async ({ client, uri: at }) => {
      const uri = at('op.programme.yaml');
      await client.open(uri, PROGRAMME, 1);
      const h = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 11, character: 6 } });
      assert.ok(h);
      assert.match((h.contents as MarkupContent).value, /Criticité : 3 × 4 = 12 — critique/);
      assert.deepStrictEqual(h.range, { start: { line: 11, character: 4 }, end: { line: 11, character: 10 } });
      // On the `- ` of an acteur: nothing to document or compute.
      const none = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 4, character: 2 } });
      assert.strictEqual(none, null);
    }));

  it('hovers the tender period of a consultation in English', () =>
    withServer({ files: FILES, initialize: { locale: 'en' } }, async ({ client, uri: at }) => {
      const uri = at('c.consultation.yaml');
      await client.open(uri, CONSULTATION, 1);
      const h = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 8, character: 3 } });
      assert.ok(h);
      assert.match((h.contents as MarkupContent).value, /\*\*30 days\*\* between date_lancement[\s\S]*Legal minimum AOO: 35 days, case standard[\s\S]*✗/);
    }));

  it('answers null for a document that is not open', () =>
    withServer({ files: FILES }, async ({ client, uri: at }) => {
      const h = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: at('closed.consultation.yaml') }, position: { line: 0, character: 0 } });
      assert.strictEqual(h, null);
      const c = await client.request<CompletionList | null>('textDocument/completion', { textDocument: { uri: at('closed.consultation.yaml') }, position: { line: 0, character: 0 } });
      assert.strictEqual(c, null);
    }));
});
