import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { AmoDiagnostic } from '../../server/src/language-service';
import { DiagnosticsCache, environment, type CacheStore } from '../../server/src/diagnosticsCache';
import { CACHE_FILE, diskCacheStore } from '../../server/src/node/diskCache';

/** server/src/diagnosticsCache.ts and node/diskCache.ts: the workspace's problems kept across restarts. */

const d = (code: string): AmoDiagnostic => ({ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, message: code, code, severity: 1, source: 'amo' }) as AmoDiagnostic;

function memoryStore(): CacheStore & { json?: string } {
  const s: CacheStore & { json?: string } = { load: () => s.json, save: (json) => (s.json = json) };
  return s;
}

const ENV = environment({ version: '1.0.0', build: 'b1', today: '2026-12-08', options: { locale: 'fr', trusted: true } });
const C = 'file:///w/c.consultation.yaml';
const P = 'file:///w/p.programme.yaml';

describe('diagnostics cache', () => {
  it('gives a result back only for the same text, environment and programme text', () => {
    const programmes = new Map([[P, 'phases: []\n']]);
    const cache = new DiagnosticsCache(memoryStore(), (u) => programmes.get(u), () => undefined);
    cache.put(C, 'id: C1\n', ENV, { diagnostics: [d('CSL-006')], programme: P });
    assert.deepStrictEqual(cache.lookup(C, 'id: C1\n', ENV)?.diagnostics.map((x) => x.code), ['CSL-006']);
    assert.strictEqual(cache.lookup(C, 'id: C2\n', ENV), undefined, 'another text');
    const otherDay = environment({ version: '1.0.0', build: 'b1', today: '2026-12-09', options: { locale: 'fr', trusted: true } });
    assert.strictEqual(cache.lookup(C, 'id: C1\n', otherDay), undefined, 'another day (rules read the date)');
    const otherBuild = environment({ version: '1.0.0', build: 'b2', today: '2026-12-08', options: { locale: 'fr', trusted: true } });
    assert.strictEqual(cache.lookup(C, 'id: C1\n', otherBuild), undefined, 'another build of the server');
    const english = environment({ version: '1.0.0', build: 'b1', today: '2026-12-08', options: { locale: 'en', trusted: true } });
    assert.strictEqual(cache.lookup(C, 'id: C1\n', english), undefined, 'another locale');
    programmes.set(P, 'phases: [{id: PH-1}]\n');
    assert.strictEqual(cache.lookup(C, 'id: C1\n', ENV), undefined, 'its programme changed');
    programmes.delete(P);
    assert.strictEqual(cache.lookup(C, 'id: C1\n', ENV), undefined, 'its programme is gone');
  });

  it('is written once after a pause and read back by the next start; a dropped file is gone from it', async () => {
    const store = memoryStore();
    const first = new DiagnosticsCache(store, () => undefined, () => undefined, 20);
    first.put(C, 'id: C1\n', ENV, { diagnostics: [d('CSL-006')] });
    first.put(P, 'phases: []\n', ENV, { diagnostics: [] });
    assert.strictEqual(store.json, undefined, 'not written at each change');
    await new Promise((r) => setTimeout(r, 60));
    const second = new DiagnosticsCache(store, () => undefined, () => undefined);
    assert.strictEqual(second.size, 2);
    assert.deepStrictEqual(second.lookup(C, 'id: C1\n', ENV)?.diagnostics.map((x) => x.code), ['CSL-006']);
    second.drop(P);
    second.flush();
    assert.strictEqual(new DiagnosticsCache(store, () => undefined, () => undefined).size, 1);
  });

  it('a damaged or foreign cache file is ignored, with a line in the log', () => {
    const logged: string[] = [];
    for (const json of ['{"format": 1, "entries": ', '{"format": 99, "entries": {}}', '[]', '{"format": 1, "entries": {"file:///x": {"text": 1}}}']) {
      const cache = new DiagnosticsCache({ load: () => json, save: () => undefined }, () => undefined, (m) => logged.push(m));
      assert.strictEqual(cache.lookup('file:///x', 'a', ENV), undefined, json);
    }
    assert.strictEqual(logged.length, 1, 'the unparsable one is logged');
  });

  it('the disk store: never inside a workspace folder, a relative path refused, written whole (rename)', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'amo-cache-'));
    try {
      const ws = path.join(tmp, 'workspace');
      fs.mkdirSync(ws);
      assert.strictEqual(diskCacheStore(path.join(ws, '.cache'), [pathToFileURL(ws).toString()]), undefined);
      assert.strictEqual(diskCacheStore('relative/folder', []), undefined);
      const store = diskCacheStore(path.join(tmp, 'storage', 'amo'), [pathToFileURL(ws).toString()]);
      assert.ok(store);
      assert.strictEqual(store.load(), undefined);
      store.save('{"format":1,"entries":{}}');
      assert.strictEqual(store.load(), '{"format":1,"entries":{}}');
      assert.deepStrictEqual(fs.readdirSync(path.join(tmp, 'storage', 'amo')), [CACHE_FILE], 'no temporary file left');
      assert.ok(!fs.existsSync(path.join(ws, '.cache')), 'nothing created in the workspace');
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});
