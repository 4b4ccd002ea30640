import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { SymbolInformation } from 'vscode-languageserver-protocol';
import { withServer } from '../helpers/lspClient';
import { GYMNASIUM_PROGRAMME, gymnasiumConsultation } from '../helpers/gymnasium';
import { CACHE_FILE } from '../../server/src/node/diskCache';

/**
 * The on-disk cache over stdio (server/src/diagnosticsCache.ts): a second start serves the unopened files whose
 * text, programme and environment are unchanged from the cache — without parsing them — and validates the others.
 */

const hasErrors = (p: { diagnostics: { severity?: number }[] }): boolean => p.diagnostics.some((d) => d.severity === 1);

describe('on-disk cache of the workspace’s problems', function () {
  this.timeout(30000);
  let root: string;
  let dir: string;
  let storage: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'amo-cache-srv-'));
    dir = path.join(root, 'workspace');
    storage = path.join(root, 'storage');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'op.programme.yaml'), GYMNASIUM_PROGRAMME);
    fs.writeFileSync(path.join(dir, 'faute.consultation.yaml'), gymnasiumConsultation([60, 30]));
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  const start = <T>(run: Parameters<typeof withServer<T>>[1]): Promise<T> => withServer({ dir, initialize: { initializationOptions: { cacheFolder: storage } } }, run);
  const cacheFile = (): string => path.join(storage, CACHE_FILE);
  /** Marks the cached diagnostics of `name` so that a result served from the cache can be told from a new one. */
  function markCached(name: string): void {
    const data = JSON.parse(fs.readFileSync(cacheFile(), 'utf8')) as { entries: Record<string, { diagnostics: { message: string }[]; symbols?: { symbols: { name: string }[] } }> };
    const key = Object.keys(data.entries).find((u) => u.endsWith(name))!;
    for (const d of data.entries[key].diagnostics) d.message = `FROM-CACHE ${d.message}`;
    for (const s of data.entries[key].symbols?.symbols ?? []) s.name = `${s.name}-CACHED`;
    fs.writeFileSync(cacheFile(), JSON.stringify(data));
  }

  it('a second start serves unchanged files from the cache, symbols included; a file changed meanwhile is validated again', async () => {
    await start(async ({ client, uri }) => {
      await client.diagnostics(uri('faute.consultation.yaml'), hasErrors);
      await client.diagnostics(uri('op.programme.yaml'));
    });
    // Written at shutdown, outside the workspace.
    assert.ok(fs.existsSync(cacheFile()));
    assert.deepStrictEqual(fs.readdirSync(dir).sort(), ['faute.consultation.yaml', 'op.programme.yaml']);
    markCached('faute.consultation.yaml');
    await start(async ({ client, uri }) => {
      const served = await client.diagnostics(uri('faute.consultation.yaml'), hasErrors);
      assert.ok(served.every((d) => d.message.startsWith('FROM-CACHE')), JSON.stringify(served.map((d) => d.message)));
      // What the file defines comes back with it: workspace symbols without parsing it.
      const symbols = await client.request<SymbolInformation[]>('workspace/symbol', { query: 'C1' });
      assert.ok(symbols.some((s) => s.name === 'C1-CACHED' && s.location.uri === uri('faute.consultation.yaml')), JSON.stringify(symbols.map((s) => s.name)));
    });
    // Fixed while no server ran: validated again, the cache's stale result is not shown.
    fs.writeFileSync(path.join(dir, 'faute.consultation.yaml'), gymnasiumConsultation([70, 30]));
    await start(async ({ client, uri }) => {
      const fresh = await client.diagnostics(uri('faute.consultation.yaml'));
      assert.ok(!hasErrors({ diagnostics: fresh }) && fresh.every((d) => !d.message.startsWith('FROM-CACHE')), JSON.stringify(fresh.map((d) => d.message)));
    });
  });

  it('a change of the programme a consultation names invalidates the consultation’s cached result', async () => {
    await start(async ({ client, uri }) => {
      await client.diagnostics(uri('faute.consultation.yaml'), hasErrors);
    });
    markCached('faute.consultation.yaml');
    fs.writeFileSync(path.join(dir, 'op.programme.yaml'), GYMNASIUM_PROGRAMME.replace('id: PH-ACT', 'id: PH-DCE'));
    await start(async ({ client, uri }) => {
      const fresh = await client.diagnostics(uri('faute.consultation.yaml'), hasErrors);
      assert.ok(fresh.some((d) => d.code === 'REF-001'), JSON.stringify(fresh.map((d) => d.code)));
      assert.ok(fresh.every((d) => !d.message.startsWith('FROM-CACHE')));
    });
  });

  it('a cache folder inside the workspace is refused: nothing is written into the user’s files', async () => {
    const inside = path.join(dir, '.amo-cache');
    await withServer({ dir, initialize: { initializationOptions: { cacheFolder: inside } } }, async ({ client, uri }) => {
      await client.diagnostics(uri('faute.consultation.yaml'), hasErrors);
    });
    assert.ok(!fs.existsSync(inside));
  });
});
