import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { TestLspClient } from '../helpers/lspClient';
import { ROOT, TEST_TODAY } from '../helpers/service';

// One version, package.json's, in every place that announces one (server/src/version.ts).
const VERSION = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

function amo(args: string[]) {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'amo.js'), ...args], { cwd: ROOT, env: { ...process.env, AMO_TODAY: TEST_TODAY }, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('the package version (built bundles)', function () {
  this.timeout(30000);

  before(() => {
    assert.ok(fs.existsSync(path.join(ROOT, 'dist', 'cli.js')), 'dist/ is missing: run `npm run build` first');
    assert.match(VERSION, /^\d+\.\d+\.\d+/);
  });

  it('amo --version prints it', () => {
    const r = amo(['--version']);
    assert.strictEqual(r.code, 0, r.err);
    assert.strictEqual(r.out.trim(), VERSION);
  });

  it('SARIF carries it as the tool version', () => {
    const r = amo(['check', 'examples/ecole-jules-ferry.programme.yaml', '--format', 'sarif']);
    const sarif = JSON.parse(r.out) as { runs: { tool: { driver: { name: string; version: string } } }[] };
    assert.strictEqual(sarif.runs[0].tool.driver.version, VERSION);
  });

  it('the server announces it in serverInfo', async () => {
    const client = new TestLspClient();
    try {
      const init = await client.initialize();
      assert.deepStrictEqual(init.serverInfo, { name: 'amo-language-server', version: VERSION });
    } finally {
      await client.dispose();
    }
  });

  it('the bundles inline the version, not the whole package.json', () => {
    for (const bundle of ['cli.js', 'server.js']) {
      const text = fs.readFileSync(path.join(ROOT, 'dist', bundle), 'utf8');
      assert.ok(!text.includes('activationEvents'), `dist/${bundle} bundles package.json whole`);
    }
  });
});
