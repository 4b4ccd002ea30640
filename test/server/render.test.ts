import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { RenderRequest, type RenderParams, type RenderResult } from '../../server/src/protocol';
import { TestLspClient } from '../helpers/lspClient';
import { readZip } from '../helpers/zip';
import { ROOT, uriOf } from '../helpers/service';

const EXAMPLES = path.join(ROOT, 'examples');

describe('amo/render over stdio (dist/server.js)', function () {
  this.timeout(30000);
  let client: TestLspClient;
  let dir: string;

  before(() => {
    assert.ok(fs.existsSync(path.join(ROOT, 'dist', 'server.js')), 'dist/server.js is missing: run `npm run build` first');
  });

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amo-render-'));
    for (const f of ['ecole-jules-ferry.programme.yaml', 'ecole-jules-ferry-travaux.consultation.yaml']) fs.copyFileSync(path.join(EXAMPLES, f), path.join(dir, f));
    client = new TestLspClient();
    await client.initialize({ rootUri: uriOf(dir) });
  });

  afterEach(async () => {
    await client.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const render = (params: RenderParams): Promise<RenderResult> => client.connection.sendRequest(RenderRequest, params);

  it('renders the first deliverable of an open programme, with its version and the list of deliverables', async () => {
    const uri = uriOf(path.join(dir, 'ecole-jules-ferry.programme.yaml'));
    await client.open(uri, fs.readFileSync(path.join(dir, 'ecole-jules-ferry.programme.yaml'), 'utf8'), 3);
    const r = await render({ uri, format: 'html' });
    assert.strictEqual(r.error, undefined);
    assert.strictEqual(r.version, 3);
    assert.strictEqual(r.deliverable, 'programme');
    assert.deepStrictEqual(r.deliverables.map((d) => d.id), ['programme', 'risques', 'planning']);
    assert.match(r.html, /^<article class="amo-doc" data-deliverable="programme">/);
    assert.match(r.html, /data-line="\d+"/);
  });

  it('renders the RAO of a consultation with its programme for context, then a DOCX', async () => {
    const uri = uriOf(path.join(dir, 'ecole-jules-ferry-travaux.consultation.yaml'));
    await client.open(uri, fs.readFileSync(path.join(dir, 'ecole-jules-ferry-travaux.consultation.yaml'), 'utf8'));
    const r = await render({ uri, deliverable: 'rao', format: 'html-document' });
    assert.strictEqual(r.deliverable, 'rao');
    assert.match(r.html, /^<!DOCTYPE html>/);
    assert.match(r.html, /<dt>Opération<\/dt><dd>Réhabilitation et extension du groupe scolaire Jules-Ferry<\/dd>/, 'the programme, read from disk');
    assert.match(r.html, />85,18</);
    const docx = await render({ uri, deliverable: 'rc', format: 'docx' });
    assert.ok(docx.data, 'base64 DOCX');
    const parts = readZip(Buffer.from(docx.data, 'base64'));
    assert.match(parts.get('word/document.xml')?.toString() ?? '', /Critères de jugement des offres/);
  });

  it('follows edits and answers a broken document with an error (the preview keeps its last render)', async () => {
    const uri = uriOf(path.join(dir, 'x.programme.yaml'));
    await client.open(uri, 'operation: {id: X, intitule: Gymnase}\n', 1);
    assert.match((await render({ uri, format: 'html' })).html, /<h1>Gymnase<\/h1>/);
    await client.replace(uri, 'operation: {id: X, intitule: Piscine}\n', 2);
    const second = await render({ uri, format: 'html' });
    assert.strictEqual(second.version, 2);
    assert.match(second.html, /<h1>Piscine<\/h1>/);
    await client.replace(uri, 'operation: {id: X, intitule: [\n', 3);
    const broken = await render({ uri, format: 'html' });
    assert.strictEqual(broken.version, 3);
    assert.strictEqual(broken.html, '');
    assert.match(broken.error ?? '', /Erreur de syntaxe YAML ligne/);
  });

  it('refuses unknown documents, deliverables of the other kind and unknown formats without failing', async () => {
    const closed = await render({ uri: uriOf(path.join(dir, 'nowhere.programme.yaml')), format: 'html' });
    assert.match(closed.error ?? '', /non ouvert/);
    const uri = uriOf(path.join(dir, 'y.programme.yaml'));
    await client.open(uri, 'operation: {id: Y, intitule: Y}\n');
    assert.match((await render({ uri, deliverable: 'rao', format: 'html' })).error ?? '', /indisponible/);
    assert.match((await render({ uri, format: 'pdf' as never })).error ?? '', /Format de rendu inconnu/);
  });
});
