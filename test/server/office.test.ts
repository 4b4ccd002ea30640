import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { ImportOffersRequest, XlsxRequest } from '../../server/src/officeProtocol';
import { withServer, type TestLspClient } from '../helpers/lspClient';
import { readZip } from '../helpers/zip';
import { ROOT } from '../helpers/service';

describe('amo/xlsx and amo/importOffers over stdio (dist/server.js)', function () {
  this.timeout(30000);
  const NAME = 'ecole-jules-ferry-travaux.consultation.yaml';
  const text = fs.readFileSync(path.join(ROOT, 'examples', NAME), 'utf8');
  /** The example consultation served and open. */
  const withConsultation = (run: (s: { client: TestLspClient; uri: string }) => Promise<void>): Promise<void> =>
    withServer({ files: { [NAME]: text } }, async ({ client, uri: at }) => {
      const uri = at(NAME);
      await client.open(uri, text, 1);
      await run({ client, uri });
    });

  it('exports the RAO workbook of an open consultation; refuses a programme deliverable', () =>
    withConsultation(async ({ client, uri }) => {
      const r = await client.connection.sendRequest(XlsxRequest, { uri, deliverable: 'rao' });
      assert.strictEqual(r.error, undefined);
      assert.ok(readZip(Buffer.from(r.data as string, 'base64')).has('xl/worksheets/sheet1.xml'));
      const bad = await client.connection.sendRequest(XlsxRequest, { uri, deliverable: 'risques' });
      assert.match(bad.error ?? '', /indisponible en XLSX/);
    }));

  it('plans an import from a CSV without writing anything: the client applies the text', () =>
    withConsultation(async ({ client, uri }) => {
      const m = /- id: (\S+)\n\s+candidat: ([^\n#]+?)\s*\n(?:\s+lot: \S+\n)?\s+prix_ht: (\d+)/.exec(text);
      assert.ok(m, 'a block offer in the example');
      const csv = `id;candidat;prix_ht\n${m[1]};${m[2]};${Number(m[3]) + 1}\n`;
      const r = await client.connection.sendRequest(ImportOffersRequest, { uri, name: 'offres.csv', data: Buffer.from(csv).toString('base64') });
      assert.deepStrictEqual(r.errors, []);
      assert.strictEqual(r.version, 1);
      assert.strictEqual(r.text, text.replace(`prix_ht: ${m[3]}`, `prix_ht: ${Number(m[3]) + 1}`));
      const bad = await client.connection.sendRequest(ImportOffersRequest, { uri, name: 'x.xlsx', data: Buffer.from('not a zip').toString('base64') });
      assert.match(bad.errors[0], /pas une archive ZIP/);
    }));
});
