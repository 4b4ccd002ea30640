/**
 * The web extension's client bundle (dist/web/client.js, package.json "browser") in a page of headless
 * Chromium, as the web extension host loads it: a CommonJS module whose only import is `vscode`, here a
 * stand-in that records calls. It must load and activate with no Node built-in or global (no `process`,
 * `Buffer`, `setImmediate`), register the commands, and start the language server as a web worker from
 * dist/web/server.js. The server's protocol is tested apart (browserServer.test.ts).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ROOT } from '../helpers/service';

const CHROMIUM = '/usr/bin/chromium';
const ORIGIN = 'http://amo.test';
const CLIENT = path.join(ROOT, 'dist', 'web', 'client.js');
const SERVER = path.join(ROOT, 'dist', 'web', 'server.js');

/** The stand-in `vscode`: any property, call or construction gives another stand-in; calls are recorded. */
function host(namespaces: string[]): string {
  return `
window.__calls = [];
window.__workers = [];
const NativeWorker = window.Worker;
window.Worker = class extends NativeWorker {
  constructor(url, options) { window.__workers.push(String(url)); super(url, options); }
};
const overrides = {
  // The extension's folder: where the host serves dist/web/server.js from.
  'vscode.Uri.joinPath': (_base, ...segments) => ({ toString: () => '${ORIGIN}/' + segments.join('/'), path: '/' + segments.join('/') }),
  'vscode.env.language': 'fr',
  'vscode.workspace.isTrusted': true,
  'vscode.workspace.workspaceFolders': [],
};
function stub(name) {
  if (name in overrides) return overrides[name];
  const fn = function () {};
  const assigned = new Map();
  return new Proxy(fn, {
    set(_t, prop, value) {
      assigned.set(prop, value);
      return true;
    },
    get(_t, prop) {
      if (assigned.has(prop)) return assigned.get(prop);
      if (prop === 'then') return undefined;
      if (prop === Symbol.toPrimitive) return () => 'vscode-stub';
      if (prop === Symbol.iterator) return function* () {};
      if (prop === 'length') return 0;
      return stub(name + '.' + String(prop));
    },
    apply(_t, _this, args) {
      window.__calls.push([name, typeof args[0] === 'string' ? args[0] : null]);
      return stub(name + '()');
    },
    construct() {
      window.__calls.push(['new ' + name, null]);
      return stub('new ' + name);
    },
  });
}
// The module's own keys (bundlers copy them into a namespace object): the names the bundle reads of it.
const vscode = Object.fromEntries(${JSON.stringify(namespaces)}.map((n) => [n, stub('vscode.' + n)]));
window.__module = { exports: {} };
window.__require = (m) => {
  if (m === 'vscode') return vscode;
  throw new Error('require of ' + m + ' in the web extension');
};
`;
}

/** What the bundle reads of the `vscode` module (`vscode.window`, `code.Range`, `vscode_1.Uri`…). */
function namespacesUsed(bundle: string): string[] {
  const names = new Set<string>();
  for (const m of bundle.matchAll(/\b(?:vscode\d*|vscode_\d+|code|import_vscode\d*)\.([A-Za-z_$][\w$]*)/g)) names.add(m[1]);
  return [...names].sort();
}

describe('web extension client (dist/web/client.js) in headless Chromium', function () {
  this.timeout(60000);
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];
  const served: string[] = [];

  before(async function () {
    if (!fs.existsSync(CHROMIUM)) {
      if (process.env.CI) throw new Error(`${CHROMIUM} is missing: CI must install Debian's chromium (see .ci/run).`);
      console.log(`      (skipped: ${CHROMIUM} is absent and CI is not set; install it with apt-get install -y chromium)`);
      this.skip();
    }
    assert.ok(fs.existsSync(CLIENT) && fs.existsSync(SERVER), 'dist/web/ is missing: run `npm run build` first');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
    page = await browser.newPage();
    page.on('pageerror', (err) => errors.push(String(err)));
    await page.route('**/*', (route) => {
      const url = route.request().url();
      served.push(url);
      if (url === `${ORIGIN}/index.html`) return route.fulfill({ contentType: 'text/html', body: `<!doctype html><script>${host(namespacesUsed(fs.readFileSync(CLIENT, 'utf8')))}</script>` });
      // The host evaluates the CommonJS module with its own require (the web extension host does the same).
      if (url === `${ORIGIN}/client.js`) return route.fulfill({ contentType: 'text/javascript', body: `(function (require, module, exports) {\n${fs.readFileSync(CLIENT, 'utf8')}\n})(window.__require, window.__module, window.__module.exports);` });
      if (url === `${ORIGIN}/dist/web/server.js`) return route.fulfill({ contentType: 'text/javascript', body: fs.readFileSync(SERVER, 'utf8') });
      return route.abort();
    });
    await page.goto(`${ORIGIN}/index.html`);
    await page.addScriptTag({ url: `${ORIGIN}/client.js` });
  });

  after(async () => {
    await browser?.close();
  });

  it('loads with no Node global and exports activate and deactivate', async () => {
    assert.deepStrictEqual(await page.evaluate('Object.keys(window.__module.exports).sort()'), ['activate', 'deactivate']);
    assert.deepStrictEqual(await page.evaluate('[typeof process, typeof Buffer, typeof setImmediate]'), ['undefined', 'undefined', 'undefined']);
    assert.deepStrictEqual(errors, []);
  });

  it('activates: registers the commands and starts the server as a web worker from dist/web/server.js', async () => {
    await page.evaluate(`window.__activation = 'pending'; Promise.resolve(window.__module.exports.activate({ subscriptions: [], extensionUri: {} })).then(() => (window.__activation = 'resolved'), (e) => (window.__activation = 'rejected: ' + e))`);
    await page.waitForFunction('window.__workers.length > 0 && window.__activation !== "pending"', undefined, { timeout: 20000 });
    const calls = (await page.evaluate('window.__calls')) as [string, string | null][];
    const commands = calls.filter(([n]) => n === 'vscode.commands.registerCommand').map(([, c]) => c);
    for (const c of ['amo.newProgramme', 'amo.newConsultation', 'amo.openPreview', 'amo.export', 'amo.showOutput', 'amo.restartServer']) assert.ok(commands.includes(c), `${c} not registered: ${commands.join(', ')}`);
    assert.deepStrictEqual(await page.evaluate('window.__workers'), [`${ORIGIN}/dist/web/server.js`]);
    assert.strictEqual(await page.evaluate('window.__activation'), 'resolved');
    // The worker was served, and nothing from elsewhere was asked for.
    assert.ok(served.includes(`${ORIGIN}/dist/web/server.js`), served.join('\n'));
    assert.deepStrictEqual(served.filter((u) => !u.startsWith(ORIGIN)), []);
    // The stand-in's values (functions) in the initialize params cannot be posted to the worker: the
    // client's start stops there, and vscode-languageclient's own `void this.stop()` after a failed
    // initialize rejects unhandled. Nothing else may fail.
    const expected = /DataCloneError: .*could not be cloned|Client is not running and can't be stopped/;
    assert.deepStrictEqual(errors.filter((e) => !expected.test(e)), []);
  });
});
