/**
 * Hostile documents sent to dist/server.js over stdio: the server publishes a clear diagnostic, stays
 * alive and keeps answering. The service-level behaviour of each case is in test/unit/hostile.test.ts.
 */
import * as assert from 'assert';
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { withServer, type TestLspClient } from '../helpers/lspClient';
import { ROOT } from '../helpers/service';

function rssMb(pid: number): number | undefined {
  try {
    return Math.round(Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]) / 1024);
  } catch {
    return undefined;
  }
}

/** A request that must be answered within `ms`; resolves to the time it took. */
async function answered(client: TestLspClient, method: string, params: unknown, ms: number): Promise<number> {
  const started = Date.now();
  await Promise.race([
    client.connection.sendRequest(method, params),
    new Promise((_, reject) => setTimeout(() => reject(new Error(`${method} not answered within ${ms} ms`)), ms)),
  ]);
  return Date.now() - started;
}

describe('language server on hostile documents (dist/server.js over stdio)', function () {
  this.timeout(90000);
  it('deep nesting, alias bombs and binary: clear diagnostics, the server alive and answering', () =>
    withServer({}, async ({ client, uri: at }) => {
      let bomb = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
      let prev = 'a';
      for (const n of 'bcdefghi') {
        bomb += `${n}: &${n} [${Array(9).fill(`*${prev}`).join(',')}]\n`;
        prev = n;
      }
      const cases: Record<string, string> = {
        'flow.programme.yaml': `operation: ${'['.repeat(10000)}${']'.repeat(10000)}\n`,
        'compact.consultation.yaml': `${'- '.repeat(2000)}x\n`,
        'bomb.programme.yaml': bomb,
        'amplification.programme.yaml': `m: &a [${Array.from({ length: 1500 }, (_, i) => i).join(',')}]\nphases: [${Array(999).fill('*a').join(', ')}]\n`,
        'binary.consultation.yaml': Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256)).toString('latin1'),
      };
      for (const [name, text] of Object.entries(cases)) {
        const uri = at(name);
        await client.open(uri, text, 1);
        const diags = await client.diagnostics(uri, () => true, 20000);
        // Binary content may even parse (as one odd scalar): then the schema says what is wrong.
        const expected = name.startsWith('binary') ? /^(YAML-00[12]|SCH-00\d)$/ : /^YAML-001$/;
        assert.ok(diags.length > 0 && diags.every((d) => expected.test(String(d.code))), `${name}: ${JSON.stringify(diags.map((d) => d.code))}`);
        await answered(client, 'textDocument/documentSymbol', { textDocument: { uri } }, 5000);
        await answered(client, 'textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 3 } }, 5000);
        assert.strictEqual(client.proc.exitCode, null, `${name}: the server exited. ${client.stderr.join('')}`);
      }
    }));

  it('a 5 MB programme: YAML-003 (syntax only), requests on it and on another document answered; figures in the title', function () {
    return withServer({}, async ({ client, uri: at }) => {
      const example = fs.readFileSync(path.join(ROOT, 'examples', 'ecole-jules-ferry.programme.yaml'), 'utf8');
      const risks = example.slice(example.indexOf('\nrisques:\n') + 10, example.indexOf('\nenergie:'));
      let big = example.slice(0, example.indexOf('\nenergie:')) + '\n';
      for (let i = 0; big.length < 5_000_000; i++) big += risks.replace(/id: (R-[A-Z0-9-]+)/g, `id: $1-${i}`) + '\n';
      const small = at('petit.programme.yaml');
      await client.open(small, example, 1);
      await client.diagnostics(small);
      const rssBefore = rssMb(client.proc.pid!);

      const uri = at('gros.programme.yaml');
      const opened = Date.now();
      await client.open(uri, big, 1);
      // While the big document is validated (in a worker), requests on another document keep being answered.
      let done = false;
      let otherMs = 0;
      const published = client.diagnostics(uri, () => true, 60000).finally(() => (done = true));
      while (!done) {
        otherMs = Math.max(otherMs, await answered(client, 'textDocument/documentSymbol', { textDocument: { uri: small } }, 30000));
        await new Promise((r) => setTimeout(r, 100));
      }
      const diags = await published;
      const validatedMs = Date.now() - opened;
      assert.ok(otherMs < 3000, `a request waited ${otherMs} ms behind the validation of the big document`);
      assert.deepStrictEqual(diags.map((d) => d.code), ['YAML-003']);
      const hoverMs = await answered(client, 'textDocument/hover', { textDocument: { uri }, position: { line: 10, character: 4 } }, 5000);
      const completionMs = await answered(client, 'textDocument/completion', { textDocument: { uri }, position: { line: 10, character: 4 } }, 5000);
      const rssAfter = rssMb(client.proc.pid!);
      assert.strictEqual(client.proc.exitCode, null);
      this.test!.title += ` [first diagnostics ${validatedMs} ms; requests on another document meanwhile answered within ${otherMs} ms; hover ${hoverMs} ms, completion ${completionMs} ms on it; RSS ${rssBefore} → ${rssAfter} MB]`;
    });
  });

  it('a consultation whose programme is a FIFO in the workspace: REF-003, no hang', function () {
    if (spawnSync('mkfifo', ['--version']).status !== 0) this.skip();
    return withServer({}, async ({ client, dir, uri: at }) => {
      execFileSync('mkfifo', [path.join(dir, 'tube.programme.yaml')]);
      const uri = at('c.consultation.yaml');
      await client.open(uri, 'programme: ./tube.programme.yaml\nid: C\nobjet: x\n', 1);
      const diags = await client.diagnostics(uri, () => true, 10000);
      assert.ok(diags.some((d) => d.code === 'REF-003'), JSON.stringify(diags.map((d) => d.code)));
      await answered(client, 'textDocument/completion', { textDocument: { uri }, position: { line: 1, character: 4 } }, 5000);
    });
  });
});
