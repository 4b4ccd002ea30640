/** The protocol-test fixture (test/helpers/lspClient.ts withServer) cleans up after a failing test too. */
import * as assert from 'assert';
import type { ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { withServer } from '../helpers/lspClient';

function exited(proc: ChildProcess, ms: number): Promise<boolean> {
  if (proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const t = setTimeout(() => resolve(false), ms);
    proc.once('exit', () => {
      clearTimeout(t);
      resolve(true);
    });
  });
}

describe('withServer() (the stdio protocol-test fixture)', function () {
  this.timeout(30000);

  it('serves a folder with its files to an initialized server, then stops the server and removes the folder, even when the test throws', async () => {
    let proc: ChildProcess | undefined;
    let dir = '';
    await assert.rejects(
      withServer({ files: { 'sous/op.programme.yaml': 'operation: {id: OP, intitule: Gymnase}\n' } }, async ({ client, dir: served, uri, init }) => {
        proc = client.proc;
        dir = served;
        assert.ok(init?.capabilities.textDocumentSync, 'initialized');
        assert.ok(fs.existsSync(path.join(served, 'sous', 'op.programme.yaml')));
        assert.strictEqual(uri('sous/op.programme.yaml'), `file://${path.join(served, 'sous', 'op.programme.yaml')}`);
        throw new Error('the test failed');
      }),
      /the test failed/,
    );
    assert.ok(proc && (await exited(proc, 5000)), 'the server process is stopped');
    assert.ok(dir && !fs.existsSync(dir), 'the temporary folder is removed');
  });

  it('keeps a folder it was given, and lets the test initialize itself', async () => {
    await withServer({}, async ({ dir }) => {
      await withServer({ dir, initialize: false }, async ({ client, init }) => {
        assert.strictEqual(init, undefined);
        const result = await client.initialize({ locale: 'en' });
        assert.ok(result.capabilities.hoverProvider);
      });
      assert.ok(fs.existsSync(dir), 'a folder given by the caller stays');
    });
  });
});
