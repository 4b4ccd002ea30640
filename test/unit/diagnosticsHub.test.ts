import * as assert from 'assert';
import type { Diagnostic, WorkspaceDocumentDiagnosticReport } from 'vscode-languageserver';
import { CancellationTokenSource } from 'vscode-jsonrpc';
import { DiagnosticsHub } from '../../server/src/diagnosticsHub';

/**
 * server/src/diagnosticsHub.ts: every file's diagnostics in one place, pushed to a client that does not pull
 * and answered on request (with result ids) to one that does.
 */

const diag = (code: string): Diagnostic => ({ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, message: code, code, severity: 1, source: 'amo' });

function setup(documentPull: boolean) {
  const versions = new Map<string, number>();
  const pending = new Set<string>();
  const pushed: { uri: string; version?: number; codes: string[] }[] = [];
  const asked: string[] = [];
  let refreshes = 0;
  const hub = new DiagnosticsHub({
    versionOf: (uri) => versions.get(uri),
    pending: (uri) => pending.has(uri),
    validateNow: (uri) => {
      asked.push(uri);
      pending.add(uri);
    },
    push: (uri, version, diagnostics) => pushed.push({ uri, version, codes: diagnostics.map((d) => String(d.code)) }),
    refresh: () => refreshes++,
  });
  hub.documentPull = documentPull;
  return { hub, versions, pending, pushed, asked, refreshes: () => refreshes };
}

const tick = (ms = 0): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('diagnostics hub: push and pull', () => {
  it('pushes every result, with its version, to a client that does not pull', () => {
    const { hub, pushed } = setup(false);
    hub.deliver('file:///a.programme.yaml', 3, [diag('PRG-001')]);
    hub.deliver('file:///b.consultation.yaml', undefined, [diag('CSL-006')]);
    assert.deepStrictEqual(pushed, [
      { uri: 'file:///a.programme.yaml', version: 3, codes: ['PRG-001'] },
      { uri: 'file:///b.consultation.yaml', version: undefined, codes: ['CSL-006'] },
    ]);
  });

  it('a pulling client gets an open document’s diagnostics on request, none pushed; the same result again is "unchanged"', async () => {
    const { hub, versions, pushed } = setup(true);
    const uri = 'file:///a.consultation.yaml';
    versions.set(uri, 1);
    hub.deliver(uri, 1, [diag('CSL-006')]);
    assert.deepStrictEqual(pushed, []);
    const first = await hub.document(uri, undefined);
    assert.strictEqual(first.kind, 'full');
    assert.deepStrictEqual(first.kind === 'full' && first.items.map((d) => d.code), ['CSL-006']);
    const again = await hub.document(uri, first.resultId);
    assert.deepStrictEqual(again, { kind: 'unchanged', resultId: first.resultId });
    // A new version with the same problems keeps the result id: nothing to send again.
    versions.set(uri, 2);
    hub.deliver(uri, 2, [diag('CSL-006')]);
    assert.strictEqual((await hub.document(uri, first.resultId)).kind, 'unchanged');
  });

  it('a pull waits for the result of the document’s current version, asking for it when none is on its way', async () => {
    const { hub, versions, pending, asked } = setup(true);
    const uri = 'file:///a.consultation.yaml';
    versions.set(uri, 1);
    hub.deliver(uri, 1, [diag('CSL-006')]);
    versions.set(uri, 2); // edited; no validation scheduled yet
    let answered: unknown;
    const pull = hub.document(uri, undefined).then((r) => (answered = r));
    await tick();
    assert.deepStrictEqual(asked, [uri], 'the pull asks for a validation of version 2');
    assert.strictEqual(answered, undefined, 'version 1’s result is not an answer for version 2');
    pending.delete(uri);
    hub.deliver(uri, 2, []);
    await pull;
    assert.deepStrictEqual(answered && (answered as { items: unknown[] }).items, []);
  });

  it('a pull whose validation threw answers with what is known instead of waiting forever', async () => {
    const { hub, versions, pending } = setup(true);
    const uri = 'file:///a.programme.yaml';
    versions.set(uri, 4);
    pending.add(uri);
    const pull = hub.document(uri, undefined);
    await tick();
    pending.delete(uri);
    hub.failed(uri, 4);
    assert.deepStrictEqual(await pull, { kind: 'full', items: [] });
  });

  it('a cancelled pull returns at once', async () => {
    const { hub, versions, pending } = setup(true);
    const uri = 'file:///a.programme.yaml';
    versions.set(uri, 1);
    pending.add(uri);
    const token = new CancellationTokenSource();
    const pull = hub.document(uri, undefined, token.token);
    token.cancel();
    assert.deepStrictEqual(await pull, { kind: 'full', items: [] });
  });

  it('the workspace pull streams what the client lacks, then each change; pushed copies of unopened files are cleared first', async () => {
    const { hub, pushed } = setup(true);
    hub.deliver('file:///x.consultation.yaml', undefined, [diag('CSL-006')]);
    hub.deliver('file:///y.consultation.yaml', undefined, []);
    assert.strictEqual(pushed.length, 2, 'before any workspace pull, unopened files are pushed');
    const token = new CancellationTokenSource();
    const batches: WorkspaceDocumentDiagnosticReport[][] = [];
    const done = hub.workspace([], token.token, (items) => batches.push(items));
    await tick();
    assert.deepStrictEqual(pushed.slice(2), [
      { uri: 'file:///x.consultation.yaml', version: undefined, codes: [] },
      { uri: 'file:///y.consultation.yaml', version: undefined, codes: [] },
    ]);
    assert.deepStrictEqual(batches.map((b) => b.map((r) => r.uri)), [['file:///x.consultation.yaml', 'file:///y.consultation.yaml']]);
    // A change is streamed in the same request; an unchanged result is not sent again; nothing is pushed any more.
    hub.deliver('file:///y.consultation.yaml', undefined, [diag('REF-001')]);
    hub.deliver('file:///x.consultation.yaml', undefined, [diag('CSL-006')]);
    await tick(40);
    assert.deepStrictEqual(batches.slice(1).map((b) => b.map((r) => [r.uri, r.kind === 'full' && r.items.map((d) => d.code)])), [[['file:///y.consultation.yaml', ['REF-001']]]]);
    assert.strictEqual(pushed.length, 4);
    token.cancel();
    assert.deepStrictEqual(await done, { items: [] });
  });

  it('the stream keeps going after a burst: every later change is streamed (a burst’s second timer once stopped it)', async () => {
    const { hub } = setup(true);
    const token = new CancellationTokenSource();
    const seen = new Set<string>();
    const done = hub.workspace([], token.token, (items) => items.forEach((r) => seen.add(r.uri)));
    for (let i = 0; i < 30; i++) {
      // Two files per turn, then a pause: each burst arms more than one wake-up.
      hub.deliver(`file:///f${i}a.consultation.yaml`, undefined, []);
      hub.deliver(`file:///f${i}b.consultation.yaml`, undefined, []);
      await tick(i % 3 === 0 ? 25 : 1);
    }
    await tick(40);
    assert.strictEqual(seen.size, 60);
    token.cancel();
    await done;
  });

  it('a workspace pull that gives the result ids it holds gets only what changed, and files it knows that are gone come back empty', async () => {
    const { hub } = setup(true);
    hub.deliver('file:///x.consultation.yaml', undefined, [diag('CSL-006')]);
    const first = await hub.workspace([], new CancellationTokenSource().token);
    const [x] = first.items;
    assert.strictEqual(x.kind, 'full');
    const token = new CancellationTokenSource();
    const second = hub.workspace(
      [
        { uri: 'file:///x.consultation.yaml', value: x.resultId! },
        { uri: 'file:///gone.consultation.yaml', value: 'old' },
      ],
      token.token,
    );
    const r = await second;
    assert.deepStrictEqual(r.items.map((i) => [i.uri, i.kind === 'full' && i.items]), [['file:///gone.consultation.yaml', []]]);
    // Nothing new: a request without partial results waits for the next change.
    const third: { items: WorkspaceDocumentDiagnosticReport[] }[] = [];
    void hub.workspace([{ uri: 'file:///x.consultation.yaml', value: x.resultId! }], new CancellationTokenSource().token).then((v) => third.push(v));
    await tick(5);
    assert.strictEqual(third.length, 0);
    hub.deliver('file:///x.consultation.yaml', undefined, []);
    await tick(40);
    assert.deepStrictEqual(third.map((t) => t.items.map((i) => i.kind === 'full' && i.items)), [[[]]]);
  });

  it('an open document whose problems change without a pull asks the client to pull again (once per burst)', async () => {
    const { hub, versions, refreshes } = setup(true);
    const uri = 'file:///c.consultation.yaml';
    versions.set(uri, 1);
    hub.deliver(uri, 1, []);
    hub.deliver(uri, 1, [diag('REF-001')]); // re-checked after its programme changed
    hub.deliver(uri, 1, [diag('REF-002')]);
    await tick(150);
    assert.strictEqual(refreshes(), 1);
    // The same problems again: nothing to refresh.
    hub.deliver(uri, 1, [diag('REF-002')]);
    await tick(150);
    assert.strictEqual(refreshes(), 1);
  });
});
