import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { DocumentDiagnosticReport, PublishDiagnosticsParams, WorkspaceDocumentDiagnosticReport } from 'vscode-languageserver-protocol';
import { CancellationTokenSource } from 'vscode-jsonrpc';
import { withServer, type TestLspClient } from '../helpers/lspClient';
import { GYMNASIUM_PROGRAMME, gymnasiumConsultation } from '../helpers/gymnasium';

/**
 * LSP 3.17 pull diagnostics (server/src/diagnosticsHub.ts) over stdio, as a client that pulls sees them:
 * `textDocument/diagnostic` for open documents (nothing pushed for them), `workspace/diagnostic` streaming
 * every file of the workspace, opened or not, with result ids; a client that does not pull keeps the push
 * (test/server/workspaceDiagnostics.test.ts).
 */

const FILES = {
  'op.programme.yaml': GYMNASIUM_PROGRAMME,
  'faute.consultation.yaml': gymnasiumConsultation([60, 30]),
  'propre.consultation.yaml': gymnasiumConsultation([70, 30]),
};

const PULL = { textDocument: { diagnostic: { dynamicRegistration: false } }, workspace: { diagnostics: { refreshSupport: true } } };

type Report = WorkspaceDocumentDiagnosticReport;
const errorCodes = (items: { code?: unknown; severity?: number }[]): string[] => items.filter((d) => d.severity === 1).map((d) => String(d.code));

/** A workspace pull with a partial-result token: every streamed report, latest per file. */
function streamWorkspace(client: TestLspClient, previousResultIds: { uri: string; value: string }[] = []) {
  const token = `ws-${Math.random()}`;
  const latest = new Map<string, Report>();
  const batches: Report[][] = [];
  let wake: (() => void) | undefined;
  client.connection.onProgress({ __brand: 'ws' } as never, token, (value: { items: Report[] }) => {
    batches.push(value.items);
    for (const r of value.items) latest.set(r.uri, r);
    wake?.();
  });
  const source = new CancellationTokenSource();
  const done = client.connection.sendRequest('workspace/diagnostic', { previousResultIds, partialResultToken: token }, source.token) as Promise<{ items: Report[] }>;
  return {
    latest,
    batches,
    done,
    cancel: () => source.cancel(),
    /** Waits until `accept` holds of the streamed reports. */
    async until(accept: (latest: Map<string, Report>) => boolean, timeoutMs = 10000): Promise<void> {
      const deadline = Date.now() + timeoutMs;
      while (!accept(latest)) {
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`workspace stream: condition not met; latest ${JSON.stringify([...latest].map(([u, r]) => [path.basename(u), r.kind === 'full' && errorCodes(r.items)]))}`);
        await new Promise<void>((r) => {
          const t = setTimeout(r, left);
          wake = () => {
            clearTimeout(t);
            r();
          };
        });
      }
    },
  };
}

describe('pull diagnostics (LSP 3.17): open documents on request, the workspace streamed', function () {
  this.timeout(30000);

  it('declares the diagnostic provider only to a client that pulls', async () => {
    await withServer({ files: {}, initialize: { capabilities: PULL } }, async ({ init }) => {
      assert.deepStrictEqual(init?.capabilities.diagnosticProvider, { identifier: 'amo-pull', interFileDependencies: true, workspaceDiagnostics: true });
    });
    await withServer({ files: {} }, async ({ init }) => {
      assert.strictEqual(init?.capabilities.diagnosticProvider, undefined);
    });
  });

  it('an open document: its problems on request for its current version, "unchanged" when they are the same, nothing pushed', () =>
    withServer({ files: FILES, initialize: { capabilities: PULL } }, async ({ client, uri: at }) => {
      const pushed: PublishDiagnosticsParams[] = [];
      client.connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => pushed.push(p));
      const uri = at('faute.consultation.yaml');
      await client.open(uri, gymnasiumConsultation([60, 30]), 1);
      const first = await client.request<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri } });
      assert.strictEqual(first.kind, 'full');
      assert.ok(first.kind === 'full' && errorCodes(first.items).includes('CSL-006'), JSON.stringify(first));
      const same = await client.request<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri }, previousResultId: first.resultId });
      assert.deepStrictEqual(same, { kind: 'unchanged', resultId: first.resultId });
      // Fixed in the editor: the pull sent right after the change waits for that version's validation.
      await client.replace(uri, gymnasiumConsultation([70, 30]), 2);
      const fixed = await client.request<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri }, previousResultId: first.resultId });
      assert.ok(fixed.kind === 'full', JSON.stringify(fixed));
      assert.deepStrictEqual(fixed.kind === 'full' && errorCodes(fixed.items), []);
      assert.deepStrictEqual(pushed.filter((p) => p.uri === uri && p.version !== undefined), [], 'open documents are not pushed to a pulling client');
    }));

  it('the workspace pull: every file’s problems without opening it, then file events streamed; cancelling ends the request', () =>
    withServer({ files: FILES, initialize: { capabilities: PULL } }, async ({ client, dir, uri: at }) => {
      const faulty = at('faute.consultation.yaml');
      const clean = at('propre.consultation.yaml');
      const ws = streamWorkspace(client);
      await ws.until((l) => l.has(faulty) && l.has(clean) && l.has(at('op.programme.yaml')));
      const f = ws.latest.get(faulty)!;
      assert.ok(f.kind === 'full' && errorCodes(f.items).includes('CSL-006'), JSON.stringify(f));
      const c = ws.latest.get(clean)!;
      assert.deepStrictEqual(c.kind === 'full' && errorCodes(c.items), []);
      assert.strictEqual(f.version, null, 'an unopened file has no version');
      // Broken on disk: the file event re-checks it and the same request streams the change.
      fs.writeFileSync(path.join(dir, 'propre.consultation.yaml'), gymnasiumConsultation([10, 30]));
      await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: clean, type: 2 }] });
      await ws.until((l) => {
        const r = l.get(clean)!;
        return r.kind === 'full' && errorCodes(r.items).length > 0;
      });
      // Deleted: its report comes back empty.
      fs.rmSync(path.join(dir, 'faute.consultation.yaml'));
      await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: faulty, type: 3 }] });
      await ws.until((l) => {
        const r = l.get(faulty)!;
        return r.kind === 'full' && r.items.length === 0;
      });
      ws.cancel();
      await ws.done.catch(() => undefined);
      // A new pull that gives the result ids it holds gets nothing until something changes.
      const held = [...ws.latest].map(([uri, r]) => ({ uri, value: r.resultId! }));
      const again = streamWorkspace(client, held);
      await new Promise((r) => setTimeout(r, 300));
      assert.deepStrictEqual(again.batches, [], 'nothing is sent again for unchanged files');
      again.cancel();
      await again.done.catch(() => undefined);
    }));

  it('problems pushed before the first workspace pull are cleared when it takes over (a problem never shows twice)', () =>
    withServer({ files: FILES, initialize: { capabilities: PULL } }, async ({ client, uri: at }) => {
      const faulty = at('faute.consultation.yaml');
      // Before any workspace pull the server pushes unopened files (a client that pulls documents only).
      await client.diagnostics(faulty, (p) => p.diagnostics.some((d) => d.severity === 1));
      const ws = streamWorkspace(client);
      await client.diagnostics(faulty, (p) => p.diagnostics.length === 0);
      await ws.until((l) => {
        const r = l.get(faulty);
        return r?.kind === 'full' && errorCodes(r.items).includes('CSL-006');
      });
      ws.cancel();
      await ws.done.catch(() => undefined);
    }));

  it('an edit of an open programme that changes an open consultation’s problems asks the client to pull again', () =>
    withServer({ files: FILES, initialize: { capabilities: PULL } }, async ({ client, uri: at }) => {
      let refreshes = 0;
      client.connection.onRequest('workspace/diagnostic/refresh', () => {
        refreshes++;
        return null;
      });
      const programme = at('op.programme.yaml');
      const c = at('propre.consultation.yaml');
      await client.open(programme, GYMNASIUM_PROGRAMME, 1);
      await client.open(c, gymnasiumConsultation([70, 30]), 1);
      const before = await client.request<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri: c } });
      assert.deepStrictEqual(before.kind === 'full' && errorCodes(before.items), []);
      await client.request('textDocument/diagnostic', { textDocument: { uri: programme } });
      // The phase the consultation names disappears from the programme.
      await client.replace(programme, GYMNASIUM_PROGRAMME.replace('id: PH-ACT', 'id: PH-DCE'), 2);
      await client.request('textDocument/diagnostic', { textDocument: { uri: programme } });
      const deadline = Date.now() + 10000;
      while (refreshes === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      assert.ok(refreshes > 0, 'workspace/diagnostic/refresh was sent');
      const after = await client.request<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri: c }, previousResultId: before.resultId });
      assert.ok(after.kind === 'full' && errorCodes(after.items).includes('REF-001'), JSON.stringify(after));
    }));
});
