import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { withServer } from '../helpers/lspClient';
import { GYMNASIUM_PROGRAMME, gymnasiumConsultation } from '../helpers/gymnasium';
import { uriOf } from '../helpers/service';

/**
 * Workspace diagnostics (amo.validation.scope, server/src/workspaceValidation.ts): the problems of every AMO
 * file of the workspace are published without the file being opened, kept current by file events and by
 * edits of the programme they name, and left in place when an opened file is closed.
 */

const codes = (ds: { code?: string | number }[]): string[] => ds.map((d) => String(d.code));
/** Errors only: a clean file still has its advice (information, hints). */
const errors = (ds: { code?: string | number; severity?: number }[]): string[] => codes(ds.filter((d) => d.severity === 1));
const hasErrors = (p: { diagnostics: { severity?: number }[] }): boolean => p.diagnostics.some((d) => d.severity === 1);

describe('workspace diagnostics: every AMO file, opened or not', function () {
  this.timeout(30000);
  const FILES = {
    'op.programme.yaml': GYMNASIUM_PROGRAMME,
    'faute.consultation.yaml': gymnasiumConsultation([60, 30]),
    'propre.consultation.yaml': gymnasiumConsultation([70, 30]),
  };

  it('publishes the problems of unopened files at start, and keeps them current from file events', () =>
    withServer({ files: FILES }, async ({ client, dir, uri: at }) => {
      const faulty = at('faute.consultation.yaml');
      const clean = at('propre.consultation.yaml');
      const first = await client.diagnostics(faulty, hasErrors);
      assert.ok(codes(first).includes('CSL-006'), JSON.stringify(codes(first)));
      // The clean file is published too (no error), so a client can tell "checked, clean" from "not checked".
      assert.deepStrictEqual(errors(await client.diagnostics(clean)), []);
      // Fixed on disk: the file event re-checks it.
      fs.writeFileSync(path.join(dir, 'faute.consultation.yaml'), gymnasiumConsultation([70, 30]));
      await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: faulty, type: 2 }] });
      assert.deepStrictEqual(errors(await client.diagnostics(faulty, (p) => !hasErrors(p))), []);
      // Deleted: its problems go with it.
      fs.writeFileSync(path.join(dir, 'faute.consultation.yaml'), gymnasiumConsultation([10, 30]));
      await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: faulty, type: 2 }] });
      await client.diagnostics(faulty, hasErrors);
      fs.rmSync(path.join(dir, 'faute.consultation.yaml'));
      await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: faulty, type: 3 }] });
      assert.deepStrictEqual(await client.diagnostics(faulty, (p) => p.diagnostics.length === 0), []);
    }));

  it('an edit of an open programme re-checks the unopened consultations that name it', () =>
    withServer({ files: FILES }, async ({ client, uri: at }) => {
      const programme = at('op.programme.yaml');
      const clean = at('propre.consultation.yaml');
      assert.deepStrictEqual(errors(await client.diagnostics(clean)), []);
      await client.open(programme, GYMNASIUM_PROGRAMME);
      await client.replace(programme, GYMNASIUM_PROGRAMME.replace('id: PH-ACT', 'id: PH-DCE'), 2);
      const after = await client.diagnostics(clean, hasErrors);
      assert.ok(codes(after).includes('REF-001'), JSON.stringify(codes(after)));
    }));

  it('a closed file keeps the problems of its disk text; an open one shows its buffer', () =>
    withServer({ files: FILES }, async ({ client, uri: at }) => {
      const faulty = at('faute.consultation.yaml');
      await client.diagnostics(faulty, hasErrors);
      await client.open(faulty, gymnasiumConsultation([70, 30]), 1);
      assert.deepStrictEqual(errors(await client.diagnostics(faulty, (p) => p.version === 1)), []);
      await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: faulty } });
      const back = await client.diagnostics(faulty, (p) => p.version === undefined && hasErrors(p));
      assert.ok(codes(back).includes('CSL-006'));
    }));

  it('amo.validation.scope: openFiles publishes nothing for unopened files', () =>
    withServer({ files: FILES, initialize: false }, async ({ client, dir, uri: at }) => {
      const faulty = at('faute.consultation.yaml');
      client.settings = { validation: { scope: 'openFiles' } };
      await client.initialize({ rootUri: uriOf(dir) });
      // An opened file is still validated; by then a workspace pass would have published the unopened one.
      const open = uriOf(path.join(dir, 'lots', 'ouvert.consultation.yaml'));
      await client.open(open, gymnasiumConsultation([60, 30]));
      await client.diagnostics(open, hasErrors);
      await new Promise((r) => setTimeout(r, 500));
      await assert.rejects(client.diagnostics(faulty, () => true, 300), /No matching diagnostics/);
    }));
});
