import * as assert from 'assert';
import { FileChangeType, type Connection } from 'vscode-languageserver';
import { ClientWorkspace } from '../../server/src/browser/clientWorkspace';
import { WORKSPACE_FILES_METHOD, WORKSPACE_READ_METHOD } from '../../server/src/workspaceProtocol';

const ROOT = 'vscode-vfs://github/amo/op';
const PROG = `${ROOT}/op.programme.yaml`;
const CONS = `${ROOT}/lots/c1.consultation.yaml`;
const CONFIG = `${ROOT}/amo.config.json`;

/** A connection whose client serves `files` (null: listed but unreadable); records the requests. */
function fakeConnection(files: Record<string, string | null>, options: { failList?: boolean } = {}) {
  const requests: { method: string; uris?: string[] }[] = [];
  const connection = {
    sendRequest(method: string, params: { uris?: string[] }) {
      requests.push({ method, uris: params?.uris });
      if (method === WORKSPACE_FILES_METHOD) return options.failList ? Promise.reject(new Error('no search provider')) : Promise.resolve({ uris: Object.keys(files) });
      if (method === WORKSPACE_READ_METHOD) return Promise.resolve({ texts: (params.uris ?? []).map((u) => files[u] ?? null) });
      return Promise.reject(new Error(method));
    },
  } as unknown as Connection;
  return { connection, requests };
}

/** Attaches and waits for the first refresh (the workspace listed and read). */
async function loaded(ws: ClientWorkspace): Promise<number> {
  let refreshes = 0;
  await new Promise<void>((resolve) =>
    ws.attach(() => {
      refreshes++;
      resolve();
    }),
  );
  return refreshes;
}

describe('browser server workspace (files read through the client)', () => {
  it('lists the AMO files, reads them once, and answers from memory', async () => {
    const { connection, requests } = fakeConnection({ [PROG]: 'operation: {id: OP}\n', [CONS]: 'id: C1\n', [CONFIG]: '{"rules": {"CSL-006": "off"}}' });
    const ws = new ClientWorkspace(connection, (m) => assert.fail(m));
    await loaded(ws);
    assert.deepStrictEqual(ws.listAmoFiles(), [PROG, CONS]);
    assert.strictEqual(ws.readFile(PROG), 'operation: {id: OP}\n');
    // Spelled otherwise (percent-encoding): the same file.
    assert.strictEqual(ws.readFile(PROG.replace('op.programme', 'op%2Eprogramme')), 'operation: {id: OP}\n');
    assert.deepStrictEqual(requests.map((r) => r.method), [WORKSPACE_FILES_METHOD, WORKSPACE_READ_METHOD]);
  });

  it('finds the nearest amo.config.json above a document, up to the repository root', async () => {
    const { connection } = fakeConnection({ [CONS]: 'id: C1\n', [CONFIG]: '{"rules": {"CSL-006": "off"}}', [`${ROOT}/x/amo.config.json`]: '{not json' });
    const ws = new ClientWorkspace(connection, () => undefined);
    await loaded(ws);
    assert.deepStrictEqual(ws.findConfig(CONS).config, { rules: { 'CSL-006': 'off' } });
    assert.match(ws.findConfig(`${ROOT}/x/c.consultation.yaml`).error ?? '', /x\/amo\.config\.json/);
    assert.deepStrictEqual(ws.findConfig('vscode-vfs://github/other/c.consultation.yaml'), { config: {} });
  });

  it('reads a file it was not given in the background, then refreshes; a missing file stays unknown', async () => {
    const files: Record<string, string | null> = {};
    const { connection, requests } = fakeConnection(files);
    const ws = new ClientWorkspace(connection, () => undefined);
    let refreshed = 0;
    await new Promise<void>((resolve) => ws.attach(() => (refreshed++, resolve())));
    files[PROG] = 'operation: {id: OP}\n';
    assert.strictEqual(ws.readFile(PROG), undefined);
    await new Promise<void>((resolve) => setTimeout(resolve, 10));
    assert.strictEqual(refreshed, 2);
    assert.strictEqual(ws.readFile(PROG), 'operation: {id: OP}\n');
    assert.strictEqual(ws.readFile(`${ROOT}/absent.programme.yaml`), undefined);
    await new Promise<void>((resolve) => setTimeout(resolve, 10));
    assert.strictEqual(refreshed, 2, 'nothing new: no refresh');
    assert.strictEqual(ws.readFile(`${ROOT}/absent.programme.yaml`), undefined);
    assert.strictEqual(requests.filter((r) => r.uris?.includes(`${ROOT}/absent.programme.yaml`)).length, 1, 'a missing file is asked for once');
  });

  it('follows file events: a changed file is read again, a deleted one forgotten', async () => {
    const files: Record<string, string | null> = { [PROG]: 'v1\n', [CONS]: 'id: C1\n' };
    const { connection } = fakeConnection(files);
    const ws = new ClientWorkspace(connection, () => undefined);
    let refreshed = 0;
    await new Promise<void>((resolve) => ws.attach(() => (refreshed++, resolve())));
    files[PROG] = 'v2\n';
    ws.onFileEvents([
      { uri: PROG, type: FileChangeType.Changed },
      { uri: CONS, type: FileChangeType.Deleted },
    ]);
    await new Promise<void>((resolve) => setTimeout(resolve, 10));
    assert.strictEqual(ws.readFile(PROG), 'v2\n');
    assert.strictEqual(ws.readFile(CONS), undefined);
    assert.deepStrictEqual(ws.listAmoFiles(), [PROG]);
    assert.strictEqual(refreshed, 2);
  });

  it('without the client’s file list (no search provider), only open documents are known, and it says so', async () => {
    const { connection } = fakeConnection({}, { failList: true });
    const logs: string[] = [];
    const ws = new ClientWorkspace(connection, (m) => logs.push(m));
    ws.attach(() => assert.fail('no refresh'));
    await new Promise<void>((resolve) => setTimeout(resolve, 10));
    assert.deepStrictEqual(ws.listAmoFiles(), []);
    assert.match(logs.join('\n'), /amo\/workspace\/files: no search provider \(only open documents are known\)/);
  });
});
