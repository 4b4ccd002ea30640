/**
 * Malformed requests and notifications over stdio (docs/robustness.md, "Handler errors"): each gets the empty
 * result of its method (or is dropped, for a notification) and nothing reaches the server's log as an error.
 * The soak (soak.test.ts) throws thousands of them at random; here, one of each kind, named.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { DidChangeTextDocumentNotification, LogMessageNotification, MessageType } from 'vscode-languageserver-protocol/node';
import { TestLspClient } from '../helpers/lspClient';
import { ROOT, uriOf } from '../helpers/service';

const FILE = path.join(ROOT, 'examples', 'ecole-jules-ferry.programme.yaml');

describe('malformed params over stdio: an empty answer, never an error in the log', function () {
  this.timeout(30000);
  let client: TestLspClient;
  const errors: string[] = [];
  const warnings: string[] = [];
  const uri = uriOf(FILE);

  before(async () => {
    assert.ok(fs.existsSync(path.join(ROOT, 'dist', 'server.js')), 'dist/server.js is missing: run `npm run build` first');
    client = new TestLspClient();
    client.connection.onNotification(LogMessageNotification.type, (m) => {
      if (m.type === MessageType.Error) errors.push(m.message);
      if (m.type === MessageType.Warning) warnings.push(m.message);
    });
    await client.initialize();
    await client.open(uri, fs.readFileSync(FILE, 'utf8'), 1);
    await client.diagnostics(uri);
  });
  after(() => client.dispose());

  const cases: [string, unknown, unknown][] = [
    ['textDocument/hover', {}, null],
    ['textDocument/hover', { textDocument: { uri }, position: { line: 0.5, character: 0 } }, null],
    ['textDocument/completion', { textDocument: { uri } }, null],
    ['textDocument/definition', { textDocument: { uri }, position: 'a' }, []],
    ['textDocument/references', { textDocument: { uri }, position: { line: 3, character: 2 } }, []],
    ['textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 } } }, []],
    ['textDocument/formatting', { textDocument: { uri } }, []],
    ['textDocument/rename', { textDocument: { uri }, position: { line: 3, character: 2 }, newName: 7 }, null],
    ['textDocument/selectionRange', { textDocument: { uri }, positions: [null] }, []],
    ['textDocument/inlayHint', { textDocument: { uri: 42 } }, []],
    ['textDocument/documentSymbol', { textDocument: null }, []],
  ];
  for (const [method, params, empty] of cases) {
    it(`${method} ${JSON.stringify(params).replace(/file:[^"]+/, '<uri>')} → ${JSON.stringify(empty)}`, async () => {
      const answer = await client.connection.sendRequest(method, params);
      assert.deepStrictEqual(answer, empty);
      assert.deepStrictEqual(errors, []);
    });
  }

  it('a didChange without a version is dropped with a warning; the document is unchanged and still served', async () => {
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri }, contentChanges: [{ text: 'perdu' }] });
    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 2 }, contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# ok\n' }] });
    const d = await client.diagnostics(uri, (p) => p.version === 2);
    assert.ok(d, 'validated after the valid change');
    const symbols = (await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } })) as unknown[];
    assert.ok(symbols.length > 3, 'the document was not replaced by « perdu »');
    assert.deepStrictEqual(errors, []);
    assert.ok(warnings.some((w) => /didChange ignored: malformed/.test(w)), JSON.stringify(warnings));
  });
});
