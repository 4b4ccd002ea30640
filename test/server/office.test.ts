import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ImportOffersRequest, XlsxRequest } from '../../server/src/officeProtocol';
import { TestLspClient } from '../helpers/lspClient';
import { readZip } from '../helpers/zip';
import { ROOT, uriOf } from '../helpers/service';

describe('amo/xlsx and amo/importOffers over stdio (dist/server.js)', function () {
  this.timeout(30000);
  let client: TestLspClient;
  let dir: string;
  let uri: string;
  let text: string;

  beforeEach(async () => {
    assert.ok(fs.existsSync(path.join(ROOT, 'dist', 'server.js')), 'dist/server.js is missing: run `npm run build` first');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amo-office-'));
    const file = path.join(dir, 'ecole-jules-ferry-travaux.consultation.yaml');
    fs.copyFileSync(path.join(ROOT, 'examples', 'ecole-jules-ferry-travaux.consultation.yaml'), file);
    text = fs.readFileSync(file, 'utf8');
    uri = uriOf(file);
    client = new TestLspClient();
    await client.initialize({ rootUri: uriOf(dir) });
    await client.open(uri, text, 1);
  });

  afterEach(async () => {
    await client.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('exports the RAO workbook of an open consultation; refuses a programme deliverable', async () => {
    const r = await client.connection.sendRequest(XlsxRequest, { uri, deliverable: 'rao' });
    assert.strictEqual(r.error, undefined);
    assert.ok(readZip(Buffer.from(r.data as string, 'base64')).has('xl/worksheets/sheet1.xml'));
    const bad = await client.connection.sendRequest(XlsxRequest, { uri, deliverable: 'risques' });
    assert.match(bad.error ?? '', /indisponible en XLSX/);
  });

  it('plans an import from a CSV without writing anything: the client applies the text', async () => {
    const m = /- id: (\S+)\n\s+candidat: ([^\n#]+?)\s*\n(?:\s+lot: \S+\n)?\s+prix_ht: (\d+)/.exec(text);
    assert.ok(m, 'a block offer in the example');
    const csv = `id;candidat;prix_ht\n${m[1]};${m[2]};${Number(m[3]) + 1}\n`;
    const r = await client.connection.sendRequest(ImportOffersRequest, { uri, name: 'offres.csv', data: Buffer.from(csv).toString('base64') });
    assert.deepStrictEqual(r.errors, []);
    assert.strictEqual(r.version, 1);
    assert.strictEqual(r.text, text.replace(`prix_ht: ${m[3]}`, `prix_ht: ${Number(m[3]) + 1}`));
    const bad = await client.connection.sendRequest(ImportOffersRequest, { uri, name: 'x.xlsx', data: Buffer.from('not a zip').toString('base64') });
    assert.match(bad.errors[0], /pas une archive ZIP/);
  });
});
