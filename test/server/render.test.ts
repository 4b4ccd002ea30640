import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { RenderRequest, type RenderParams, type RenderResult } from '../../server/src/protocol';
import { withServer, type TestLspClient } from '../helpers/lspClient';
import { readZip } from '../helpers/zip';
import { ROOT } from '../helpers/service';

const EXAMPLES = path.join(ROOT, 'examples');

describe('amo/render over stdio (dist/server.js)', function () {
  this.timeout(30000);
  const FILES = Object.fromEntries(['ecole-jules-ferry.programme.yaml', 'ecole-jules-ferry-travaux.consultation.yaml'].map((f) => [f, fs.readFileSync(path.join(EXAMPLES, f), 'utf8')]));

  const render = (client: TestLspClient, params: RenderParams): Promise<RenderResult> => client.connection.sendRequest(RenderRequest, params);

  it('renders the first deliverable of an open programme, with its version and the list of deliverables', () =>
    withServer({ files: FILES }, async ({ client, dir, uri: at }) => {
      const uri = at('ecole-jules-ferry.programme.yaml');
      await client.open(uri, fs.readFileSync(path.join(dir, 'ecole-jules-ferry.programme.yaml'), 'utf8'), 3);
      const r = await render(client, { uri, format: 'html' });
      assert.strictEqual(r.error, undefined);
      assert.strictEqual(r.version, 3);
      assert.strictEqual(r.deliverable, 'programme');
      assert.deepStrictEqual(r.deliverables.map((d) => d.id), ['programme', 'risques', 'planning']);
      // With the formats of the deliverables table, for the export picker; a programme has no workbook-only deliverable.
      assert.deepStrictEqual(r.deliverables.map((d) => d.formats.join(',')), ['html,docx,pdf', 'html,docx,pdf,xlsx', 'html,docx,pdf,xlsx']);
      assert.deepStrictEqual(r.workbooks, []);
      assert.match(r.html, /^<article class="amo-doc" data-deliverable="programme">/);
      assert.match(r.html, /data-line="\d+"/);
    }));

  it('renders the RAO of a consultation with its programme for context, then a DOCX', () =>
    withServer({ files: FILES }, async ({ client, dir, uri: at }) => {
      const uri = at('ecole-jules-ferry-travaux.consultation.yaml');
      await client.open(uri, fs.readFileSync(path.join(dir, 'ecole-jules-ferry-travaux.consultation.yaml'), 'utf8'));
      const r = await render(client, { uri, deliverable: 'rao', format: 'html-document' });
      assert.strictEqual(r.deliverable, 'rao');
      assert.deepStrictEqual(r.workbooks, [{ id: 'grille', label: 'Grille d’analyse pour la commission technique' }], 'the analysis grid, offered for export only');
      assert.match(r.html, /^<!DOCTYPE html>/);
      assert.match(r.html, /<dt>Opération<\/dt><dd>Réhabilitation et extension du groupe scolaire Jules-Ferry<\/dd>/, 'the programme, read from disk');
      assert.match(r.html, />85,18</);
      const docx = await render(client, { uri, deliverable: 'rc', format: 'docx' });
      assert.ok(docx.data, 'base64 DOCX');
      const parts = readZip(Buffer.from(docx.data, 'base64'));
      assert.match(parts.get('word/document.xml')?.toString() ?? '', /Critères de jugement des offres/);
    }));

  it('follows edits and answers a broken document with an error (the preview keeps its last render)', () =>
    withServer({ files: FILES }, async ({ client, uri: at }) => {
      const uri = at('x.programme.yaml');
      await client.open(uri, 'operation: {id: X, intitule: Gymnase}\n', 1);
      assert.match((await render(client, { uri, format: 'html' })).html, /<h1>Gymnase<\/h1>/);
      await client.replace(uri, 'operation: {id: X, intitule: Piscine}\n', 2);
      const second = await render(client, { uri, format: 'html' });
      assert.strictEqual(second.version, 2);
      assert.match(second.html, /<h1>Piscine<\/h1>/);
      await client.replace(uri, 'operation: {id: X, intitule: [\n', 3);
      const broken = await render(client, { uri, format: 'html' });
      assert.strictEqual(broken.version, 3);
      assert.strictEqual(broken.html, '');
      assert.match(broken.error ?? '', /Erreur de syntaxe YAML ligne/);
    }));

  it('refuses unknown documents, deliverables of the other kind and unknown formats without failing', () =>
    withServer({ files: FILES }, async ({ client, uri: at }) => {
      const closed = await render(client, { uri: at('nowhere.programme.yaml'), format: 'html' });
      assert.match(closed.error ?? '', /non ouvert/);
      const uri = at('y.programme.yaml');
      await client.open(uri, 'operation: {id: Y, intitule: Y}\n');
      assert.match((await render(client, { uri, deliverable: 'rao', format: 'html' })).error ?? '', /indisponible/);
      assert.match((await render(client, { uri, format: 'pdf' as never })).error ?? '', /Format de rendu inconnu/);
    }));
});
