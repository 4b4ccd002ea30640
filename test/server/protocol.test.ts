import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { execFileSync } from 'child_process';
import { withServer } from '../helpers/lspClient';
import { GYMNASIUM_PROGRAMME, gymnasiumConsultation } from '../helpers/gymnasium';
import { ROOT, TEST_TODAY, uriOf } from '../helpers/service';

describe('language server over stdio (dist/server.js)', function () {
  this.timeout(30000);
  it('publishes diagnostics on open, with codes, ranges, source and version', () =>
    withServer({}, async ({ client, dir, uri: at }) => {
      fs.writeFileSync(path.join(dir, 'op.programme.yaml'), GYMNASIUM_PROGRAMME);
      const uri = at('c.consultation.yaml');
      await client.open(uri, gymnasiumConsultation([60, 35]), 1);
      const diags = await client.diagnostics(uri);
      const csl006 = diags.find((d) => d.code === 'CSL-006');
      assert.ok(csl006, JSON.stringify(diags));
      assert.strictEqual(csl006.source, 'amo');
      assert.strictEqual(csl006.range.start.line, 11);
    }));

  it('revalidates on edit and clears fixed diagnostics', () =>
    withServer({}, async ({ client, dir, uri: at }) => {
      fs.writeFileSync(path.join(dir, 'op.programme.yaml'), GYMNASIUM_PROGRAMME);
      const uri = at('c.consultation.yaml');
      await client.open(uri, gymnasiumConsultation([60, 35]), 1);
      await client.diagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'CSL-006'));
      await client.replace(uri, gymnasiumConsultation([60, 40]), 2);
      const after = await client.diagnostics(uri, (p) => p.version === 2);
      assert.ok(!after.some((d) => d.code === 'CSL-006'), JSON.stringify(after));
    }));

  it('revalidates an open consultation when its open programme is edited', () =>
    withServer({}, async ({ client, dir, uri: at }) => {
      fs.writeFileSync(path.join(dir, 'op.programme.yaml'), GYMNASIUM_PROGRAMME);
      const progUri = at('op.programme.yaml');
      const uri = at('c.consultation.yaml');
      await client.open(progUri, GYMNASIUM_PROGRAMME, 1);
      await client.open(uri, gymnasiumConsultation([60, 40]), 1);
      const before = await client.diagnostics(uri);
      assert.ok(!before.some((d) => d.code === 'REF-001'), JSON.stringify(before));
      // Rename the phase in the buffer only (not on disk): the consultation's reference breaks.
      await client.replace(progUri, GYMNASIUM_PROGRAMME.replace('PH-ACT', 'PH-CONSULT').replace('code: ACT', 'code: CONS'), 2);
      const after = await client.diagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'REF-001'));
      assert.strictEqual(after.find((d) => d.code === 'REF-001')?.range.start.line, 4);
    }));

  it('reports a missing programme file (REF-003) and follows the client locale', () =>
    withServer({ initialize: { locale: 'en' } }, async ({ client, uri: at }) => {
      const uri = at('c.consultation.yaml');
      await client.open(uri, gymnasiumConsultation([60, 40]), 1);
      const diags = await client.diagnostics(uri);
      const ref = diags.find((d) => d.code === 'REF-003');
      assert.ok(ref);
      assert.match(ref.message, /not found/);
    }));

  it('applies amo.rules from the settings', () =>
    withServer({}, async ({ client, dir, uri: at }) => {
      client.settings = { rules: { 'CSL-006': 'off' } };
      fs.writeFileSync(path.join(dir, 'op.programme.yaml'), GYMNASIUM_PROGRAMME);
      const uri = at('c.consultation.yaml');
      await client.open(uri, gymnasiumConsultation([60, 35]), 1);
      const diags = await client.diagnostics(uri);
      assert.ok(!diags.some((d) => d.code === 'CSL-006'));
    }));

  it('reads amo.config.json in a trusted workspace and ignores it in an untrusted one', () =>
    withServer({}, async ({ client, dir, uri: at }) => {
      fs.writeFileSync(path.join(dir, 'op.programme.yaml'), GYMNASIUM_PROGRAMME);
      fs.writeFileSync(path.join(dir, 'amo.config.json'), JSON.stringify({ rules: { 'CSL-006': 'off' } }));
      const uri = at('c.consultation.yaml');
      await client.open(uri, gymnasiumConsultation([60, 35]), 1);
      assert.ok(!(await client.diagnostics(uri)).some((d) => d.code === 'CSL-006'));
      // The same folder served by an untrusted client.
      await withServer({ dir, initialize: { initializationOptions: { trusted: false } } }, async ({ client: untrusted }) => {
        await untrusted.open(uri, gymnasiumConsultation([60, 35]), 1);
        assert.ok((await untrusted.diagnostics(uri)).some((d) => d.code === 'CSL-006'));
      });
    }));

  it('survives garbage: binary content and broken YAML, and still answers', () =>
    withServer({}, async ({ client, uri: at }) => {
      const uri = at('x.consultation.yaml');
      await client.open(uri, '\u0000\u0001\u0002 : : [ {{ \uFFFF', 1);
      const d1 = await client.diagnostics(uri);
      assert.ok(d1.length > 0);
      await client.replace(uri, 'a: b\n'.repeat(3), 2);
      await client.diagnostics(uri, (p) => p.version === 2);
      assert.strictEqual(client.proc.exitCode, null);
    }));

  it('in an untrusted workspace a directive without codes silences nothing', () =>
    withServer({}, async ({ client, dir, uri: at }) => {
      fs.writeFileSync(path.join(dir, 'op.programme.yaml'), GYMNASIUM_PROGRAMME);
      const bare = at('bare.consultation.yaml');
      const named = at('named.consultation.yaml');
      const text = gymnasiumConsultation([60, 35]);
      assert.ok(/\ncriteres:\n/.test(text));
      const withDirective = (codes: string): string => text.replace('\ncriteres:\n', `\ncriteres:  # amo-disable-line${codes}\n`);
      await client.open(bare, withDirective(''), 1);
      assert.ok(!(await client.diagnostics(bare)).some((d) => d.code === 'CSL-006'), 'trusted: no code silences every code of the line');
      await withServer({ dir, initialize: { initializationOptions: { trusted: false } } }, async ({ client: untrusted }) => {
        await untrusted.open(bare, withDirective(''), 1);
        await untrusted.open(named, withDirective(' CSL-006'), 1);
        assert.ok((await untrusted.diagnostics(bare)).some((d) => d.code === 'CSL-006'), 'untrusted: no code silences nothing');
        assert.ok(!(await untrusted.diagnostics(named)).some((d) => d.code === 'CSL-006'), 'untrusted: a named code is still silenced');
      });
    }));

  it('publishes the same diagnostics as the CLI for the examples', () =>
    withServer({}, async ({ client }) => {
      // The examples lie outside this client's workspace folder: each programme is opened before its consultation,
      // so that the server may read it (docs/robustness.md, "Reach"), as the CLI does from the examples' project.
      const files = ['examples/erreurs/ecole-erreurs.programme.yaml', 'examples/erreurs/ecole-erreurs.consultation.yaml', 'examples/ecole-jules-ferry.programme.yaml', 'examples/ecole-jules-ferry-travaux.consultation.yaml'];
      let cliJson: string;
      try {
        cliJson = execFileSync(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), 'check', ...files, '--format', 'json'], { cwd: ROOT, env: { ...process.env, AMO_TODAY: TEST_TODAY } }).toString();
      } catch (err) {
        cliJson = (err as { stdout: Buffer }).stdout.toString();
      }
      const cli = JSON.parse(cliJson) as { file: string; range: unknown; severity: string; code: string; message: string }[];
      const sev = ['', 'error', 'warning', 'information', 'hint'];
      for (const f of files) {
        const uri = uriOf(path.join(ROOT, f));
        await client.open(uri, fs.readFileSync(path.join(ROOT, f), 'utf8'), 1);
        const lsp = await client.diagnostics(uri);
        const fromCli = cli.filter((d) => d.file === f).map((d) => ({ range: d.range, severity: d.severity, code: d.code, message: d.message }));
        const fromLsp = lsp.map((d) => ({ range: d.range, severity: sev[d.severity ?? 1], code: d.code, message: d.message }));
        assert.deepStrictEqual(fromLsp, fromCli, f);
      }
    }));
});
