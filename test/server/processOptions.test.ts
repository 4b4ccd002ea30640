/**
 * The process options the VS Code client starts the server with (server/src/node/processOptions.ts): this
 * Node accepts them (an unknown V8 flag makes `node` exit before the server runs) and the server answers
 * with them as it does without.
 */
import * as assert from 'assert';
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { createProtocolConnection, InitializedNotification, InitializeRequest, ShutdownRequest, ExitNotification } from 'vscode-languageserver-protocol/node';
import { StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { SERVER_ENV, SERVER_EXEC_ARGV } from '../../server/src/node/processOptions';
import { ROOT, TEST_TODAY } from '../helpers/service';

describe('server process options (processOptions.ts)', function () {
  this.timeout(30000);

  it('are node or V8 options, and a safe environment', () => {
    for (const a of SERVER_EXEC_ARGV) assert.match(a, /^--[a-z][a-z0-9-]*(=\d+)?$/, a);
    // Nothing that loads code or opens a port (--require, --inspect…): only memory tuning.
    assert.ok(SERVER_EXEC_ARGV.every((a) => !/require|import|inspect|eval|loader/.test(a)));
    for (const k of Object.keys(SERVER_ENV)) assert.match(k, /^MALLOC_[A-Z_]+_$/, k);
  });

  it('dist/server.js starts with them and answers initialize', async () => {
    const server = path.join(ROOT, 'dist', 'server.js');
    assert.ok(fs.existsSync(server), 'dist/server.js is missing: run `npm run build` first');
    const proc = spawn(process.execPath, [...SERVER_EXEC_ARGV, server, '--stdio'], { env: { ...process.env, ...SERVER_ENV, AMO_TODAY: TEST_TODAY }, stdio: ['pipe', 'pipe', 'pipe'] });
    const stderr: string[] = [];
    proc.stderr.on('data', (b: Buffer) => stderr.push(b.toString()));
    const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
    const connection = createProtocolConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
    connection.listen();
    try {
      const result = await Promise.race([
        connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, capabilities: {} }),
        exited.then((code) => Promise.reject(new Error(`the server exited (${code}): ${stderr.join('')}`))),
      ]);
      assert.ok(result.capabilities.textDocumentSync, JSON.stringify(result.capabilities));
      await connection.sendNotification(InitializedNotification.type, {});
      await connection.sendRequest(ShutdownRequest.type);
      await connection.sendNotification(ExitNotification.type);
      assert.strictEqual(await exited, 0);
    } finally {
      connection.dispose();
      if (proc.exitCode === null) proc.kill();
    }
  });
});
