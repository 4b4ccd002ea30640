/**
 * Reach of the server (docs/robustness.md, "Reach"): a document makes the server read only files under the
 * workspace folders (symbolic links resolved) or open in the editor; a file opened without a folder reads under
 * its own folder and project root; a virtual document never makes it read a `file:`; configuration stops at the
 * workspace folder. dist/server.js over stdio.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { TestLspClient } from '../helpers/lspClient';
import { ROOT, uriOf } from '../helpers/service';

const PROGRAMME = fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'rules', 'base.programme.yaml'), 'utf8');
const consultation = (programme: string): string => `programme: ${programme}\nid: C1\nobjet: Travaux\nnature: travaux\nphase: PH-QUI-N-EXISTE-PAS\n`;

describe('server reach: nothing read outside the workspace folders', function () {
  this.timeout(30000);
  let dir: string;
  let ws: string;
  let client: TestLspClient;

  before(() => assert.ok(fs.existsSync(path.join(ROOT, 'dist', 'server.js')), 'dist/server.js is missing: run `npm run build` first'));
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amo-reach-srv-'));
    ws = path.join(dir, 'espace');
    fs.mkdirSync(path.join(ws, 'commun'), { recursive: true });
    fs.mkdirSync(path.join(dir, 'ailleurs'));
    fs.writeFileSync(path.join(ws, 'commun', 'base.programme.yaml'), PROGRAMME);
    fs.writeFileSync(path.join(dir, 'ailleurs', 'secret.programme.yaml'), PROGRAMME);
    fs.symlinkSync(path.join(dir, 'ailleurs', 'secret.programme.yaml'), path.join(ws, 'commun', 'lien.programme.yaml'));
  });
  afterEach(async () => {
    await client?.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function codesOf(uri: string, text: string): Promise<Diagnostic[]> {
    await client.open(uri, text, 1);
    return client.diagnostics(uri);
  }

  it('reads a programme inside the workspace folder; refuses one outside, by path, file: URI or link', async () => {
    client = new TestLspClient();
    await client.initialize({ rootUri: uriOf(ws) });
    const inside = await codesOf(uriOf(path.join(ws, 'a.consultation.yaml')), consultation('./commun/base.programme.yaml'));
    assert.ok(inside.some((d) => d.code === 'REF-001'), `read and checked: ${JSON.stringify(inside)}`);
    const ways = ['../ailleurs/secret.programme.yaml', uriOf(path.join(dir, 'ailleurs', 'secret.programme.yaml')), './commun/lien.programme.yaml'];
    for (const [i, way] of ways.entries()) {
      const d = await codesOf(uriOf(path.join(ws, `b${i}.consultation.yaml`)), consultation(way));
      const ref = d.filter((x) => x.code === 'REF-003');
      assert.deepStrictEqual(ref.map((x) => x.severity), [2], `${way}: ${JSON.stringify(d)}`);
      assert.match(ref[0].message, /hors de l’espace de travail/);
      assert.ok(!d.some((x) => x.code === 'REF-001'), `${way} was read: ${JSON.stringify(d)}`);
    }
  });

  it('an open programme is readable wherever it is; a virtual document never makes the server read a file:', async () => {
    client = new TestLspClient();
    await client.initialize({ rootUri: uriOf(ws) });
    const secret = path.join(dir, 'ailleurs', 'secret.programme.yaml');
    await client.open(uriOf(secret), PROGRAMME, 1);
    const d = await codesOf(uriOf(path.join(ws, 'a.consultation.yaml')), consultation('../ailleurs/secret.programme.yaml'));
    assert.ok(d.some((x) => x.code === 'REF-001') && !d.some((x) => x.code === 'REF-003'), JSON.stringify(d));
    const virtual = await codesOf('vscode-vfs://github/org/depot/c.consultation.yaml', consultation(uriOf(path.join(ws, 'commun', 'base.programme.yaml'))));
    assert.ok(virtual.some((x) => x.code === 'REF-003') && !virtual.some((x) => x.code === 'REF-001'), JSON.stringify(virtual));
  });

  it('without a workspace folder, a file opened alone reads beside it, not above its project', async () => {
    fs.mkdirSync(path.join(ws, '.git'));
    client = new TestLspClient();
    await client.initialize();
    const inside = await codesOf(uriOf(path.join(ws, 'a.consultation.yaml')), consultation('./commun/base.programme.yaml'));
    assert.ok(inside.some((x) => x.code === 'REF-001'), JSON.stringify(inside));
    const outside = await codesOf(uriOf(path.join(ws, 'b.consultation.yaml')), consultation('../ailleurs/secret.programme.yaml'));
    assert.ok(outside.some((x) => x.code === 'REF-003' && /hors de l’espace/.test(x.message)) && !outside.some((x) => x.code === 'REF-001'), JSON.stringify(outside));
  });

  it('untrusted workspace: the same reach (inside read, outside refused)', async () => {
    client = new TestLspClient();
    await client.initialize({ rootUri: uriOf(ws), initializationOptions: { trusted: false } });
    const inside = await codesOf(uriOf(path.join(ws, 'a.consultation.yaml')), consultation('./commun/base.programme.yaml'));
    assert.ok(inside.some((d) => d.code === 'REF-001'), JSON.stringify(inside));
    const outside = await codesOf(uriOf(path.join(ws, 'b.consultation.yaml')), consultation('../ailleurs/secret.programme.yaml'));
    assert.ok(outside.some((x) => x.code === 'REF-003') && !outside.some((x) => x.code === 'REF-001'), JSON.stringify(outside));
  });

  it('takes no amo.config.json from above the workspace folder', async () => {
    fs.writeFileSync(path.join(dir, 'amo.config.json'), JSON.stringify({ rules: { '*': 'off' } }));
    client = new TestLspClient();
    await client.initialize({ rootUri: uriOf(ws) });
    const d = await codesOf(uriOf(path.join(ws, 'a.consultation.yaml')), consultation('./commun/base.programme.yaml'));
    assert.ok(d.some((x) => x.code === 'REF-001'), `silenced from above: ${JSON.stringify(d)}`);
  });
});
