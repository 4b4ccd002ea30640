import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { DocumentSymbol, FoldingRange, Location, SelectionRange, SymbolInformation, TextDocumentEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { withServer, type TestLspClient } from '../helpers/lspClient';
import { CONSULTATION, CONSULTATION_2, CONSULTATION_OTHER, PROGRAMME } from '../helpers/navigationWorkspace';
import { uriOf } from '../helpers/service';

describe('navigation over stdio (dist/server.js)', function () {
  this.timeout(30000);
  const FILES = {
    'op.programme.yaml': PROGRAMME,
    'c1.consultation.yaml': CONSULTATION,
    'c2.consultation.yaml': CONSULTATION_2,
    'autre/c3.consultation.yaml': CONSULTATION_OTHER,
    // A consultation under node_modules names the programme too: the workspace scan skips it.
    'node_modules/pkg/x.consultation.yaml': CONSULTATION_2.replace('op.programme.yaml', '../../op.programme.yaml'),
  };
  const CAPABILITIES = { workspace: { workspaceEdit: { documentChanges: true } }, textDocument: { documentSymbol: { hierarchicalDocumentSymbolSupport: true } } };
  const write = (dir: string, rel: string, text: string): string => {
    const file = path.join(dir, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    return uriOf(file);
  };
  const position = (text: string, needle: string, shift = 0) => {
    const offset = text.indexOf(needle) + shift;
    const before = text.slice(0, offset);
    return { line: before.split('\n').length - 1, character: offset - before.lastIndexOf('\n') - 1 };
  };
  /** The workspace served, with the programme (version 3) and c1 open. */
  const navigation = (run: (s: { client: TestLspClient; dir: string; prog: string; c1: string }) => Promise<void>): Promise<void> =>
    withServer({ files: FILES, initialize: { capabilities: CAPABILITIES } }, async ({ client, dir, uri }) => {
      const prog = uri('op.programme.yaml');
      const c1 = uri('c1.consultation.yaml');
      await client.open(prog, PROGRAMME, 3);
      await client.open(c1, CONSULTATION, 1);
      await run({ client, dir, prog, c1 });
    });

  it('goes from a consultation phase to the programme phase', () =>
    navigation(async ({ client, prog, c1 }) => {
      const defs = await client.request<Location[]>('textDocument/definition', { textDocument: { uri: c1 }, position: position(CONSULTATION, 'PH-ACT', 2) });
      assert.deepStrictEqual(defs, [{ uri: prog, range: { start: { line: 18, character: 8 }, end: { line: 18, character: 14 } } }]);
    }));

  it('finds references in open and closed consultations of the workspace, and in files created later', () =>
    navigation(async ({ client, dir, prog }) => {
      const params = { textDocument: { uri: prog }, position: position(PROGRAMME, 'id: PH-ACT', 4), context: { includeDeclaration: false } };
      const refs = await client.request<Location[]>('textDocument/references', params);
      assert.deepStrictEqual(refs.map((r) => path.basename(new URL(r.uri).pathname)).sort(), ['c1.consultation.yaml', 'c2.consultation.yaml', 'op.programme.yaml']);
      const c4 = write(dir, 'c4.consultation.yaml', CONSULTATION_2);
      await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: c4, type: 1 }] });
      const after = await client.request<Location[]>('textDocument/references', params);
      assert.ok(after.some((r) => r.uri === c4), JSON.stringify(after));
    }));

  it('renames across files with document versions, and refuses a taken or invalid name with a message', () =>
    navigation(async ({ client, prog, c1 }) => {
      const edit = await client.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri: prog }, position: position(PROGRAMME, 'id: PH-ACT', 4), newName: 'PH-CONS' });
      const changes = edit.documentChanges as TextDocumentEdit[];
      const versions = Object.fromEntries(changes.map((c) => [path.basename(new URL(c.textDocument.uri).pathname), c.textDocument.version]));
      assert.deepStrictEqual(versions, { 'op.programme.yaml': 3, 'c1.consultation.yaml': 1, 'c2.consultation.yaml': null });
      assert.ok(changes.every((c) => c.edits.every((e) => e.newText === 'PH-CONS')));
      await assert.rejects(
        client.request('textDocument/rename', { textDocument: { uri: prog }, position: position(PROGRAMME, 'id: PH-ACT', 4), newName: 'PH-ETU' }),
        (err: Error) => /existe déjà|porte déjà/.test(err.message),
      );
      await assert.rejects(
        client.request('textDocument/rename', { textDocument: { uri: prog }, position: position(PROGRAMME, 'id: PH-ACT', 4), newName: 'PH ACT' }),
        /n’est pas un identifiant valide/,
      );
      await assert.rejects(client.request('textDocument/prepareRename', { textDocument: { uri: prog }, position: position(PROGRAMME, 'Gymnase') }), /Placez le curseur/);
      const prepared = await client.request<{ placeholder: string }>('textDocument/prepareRename', { textDocument: { uri: c1 }, position: position(CONSULTATION, 'lot: L2', 5) });
      assert.strictEqual(prepared.placeholder, 'L2');
    }));

  it('answers document symbols, workspace symbols, folding and selection ranges', () =>
    navigation(async ({ client, prog, c1 }) => {
      const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: prog } });
      const phases = symbols.find((s) => s.name === 'phases');
      assert.deepStrictEqual(phases?.children?.map((c) => c.name), ['PH-ETU', 'PH-ACT']);
      const ws = await client.request<SymbolInformation[]>('workspace/symbol', { query: 'TECH' });
      assert.deepStrictEqual(ws.map((s) => s.name).sort(), ['TECH', 'TECH-1', 'TECH-2']);
      const folds = await client.request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri: prog } });
      assert.ok(folds.some((f) => f.startLine === 9 && f.endLine === 22));
      const [sel] = await client.request<SelectionRange[]>('textDocument/selectionRange', { textDocument: { uri: c1 }, positions: [position(CONSULTATION, 'Gros oeuvre', 1)] });
      assert.deepStrictEqual(sel.range, { start: { line: 9, character: 14 }, end: { line: 9, character: 18 } });
      assert.ok(sel.parent?.parent, 'a chain of ranges');
    }));
});
