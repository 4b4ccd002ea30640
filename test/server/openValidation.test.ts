import * as assert from 'assert';
import { withServer } from '../helpers/lspClient';
import { GYMNASIUM_PROGRAMME } from '../helpers/gymnasium';

/**
 * server/src/server.ts: opening a document validates it once. TextDocuments fires a content change right
 * after the open for the same version; taken for an edit, it validated every opened document a second time
 * (for a heavy text, a second parse of seconds in the worker before the first keystroke's).
 */

describe('opening a document', function () {
  this.timeout(30000);
  it('validates it once, then once per edit', () =>
    withServer({ files: {}, initialize: { initializationOptions: {} } }, async ({ client, uri }) => {
      const runs: number[] = [];
      client.connection.onNotification('amo/validationStatus', (p: { version: number }) => runs.push(p.version));
      const doc = uri('seul.programme.yaml');
      await client.open(doc, GYMNASIUM_PROGRAMME, 1);
      await client.diagnostics(doc, (p) => p.version === 1);
      // Longer than the debounce (at most 50 ms) and a settings round trip: a second run would have come.
      await new Promise((r) => setTimeout(r, 400));
      assert.deepStrictEqual(runs, [1]);
      await client.replace(doc, GYMNASIUM_PROGRAMME.replace('Gymnase', 'Gymnase B'), 2);
      await client.diagnostics(doc, (p) => p.version === 2);
      await new Promise((r) => setTimeout(r, 400));
      assert.deepStrictEqual(runs, [1, 2]);
    }));
});
