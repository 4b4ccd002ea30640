/**
 * The browser build of the language server (dist/web/server.js, the web extension's worker) driven over
 * LSP in a real headless Chromium (Debian's /usr/bin/chromium through playwright-core): a page starts the
 * worker and relays JSON-RPC messages. Each protocol case (test/helpers/protocolCases.ts) runs against the
 * Node server (dist/server.js over stdio) and against the worker, over the same files on disk: both must
 * pass the case's assertions and answer the same. The worker reads the files it is not given through the
 * client (`amo/workspace/*`), as on vscode.dev. Requests other than the page and the bundle are aborted.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { BrowserLspClient, browserServerPage } from '../helpers/browserLspClient';
import { TestLspClient } from '../helpers/lspClient';
import { INITIALIZE, PROTOCOL_CASES, writeCaseWorkspace, type CaseWorkspace, type LspDriver } from '../helpers/protocolCases';
import { ROOT, TEST_TODAY, uriOf } from '../helpers/service';
import { WORKSPACE_FILES_METHOD, WORKSPACE_READ_METHOD } from '../../server/src/workspaceProtocol';

const CHROMIUM = '/usr/bin/chromium';
const ORIGIN = 'http://amo.test';
const BUNDLE = path.join(ROOT, 'dist', 'web', 'server.js');

describe('browser language server (dist/web/server.js) in headless Chromium', function () {
  this.timeout(60000);
  let browser: Browser;
  let context: BrowserContext;
  const blocked: string[] = [];
  let dir: string;
  let ws: CaseWorkspace;
  const open: { dispose(): Promise<void> }[] = [];

  before(async function () {
    if (!fs.existsSync(CHROMIUM)) {
      if (process.env.CI) throw new Error(`${CHROMIUM} is missing: CI must install Debian's chromium (see .ci/run).`);
      console.log(`      (skipped: ${CHROMIUM} is absent and CI is not set; install it with apt-get install -y chromium)`);
      this.skip();
    }
    assert.ok(fs.existsSync(BUNDLE), 'dist/web/server.js is missing: run `npm run build` first');
    assert.ok(fs.existsSync(path.join(ROOT, 'dist', 'server.js')), 'dist/server.js is missing: run `npm run build` first');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    context = await browser.newContext();
    const bundle = fs.readFileSync(BUNDLE, 'utf8');
    await context.route('**/*', async (route) => {
      const url = route.request().url();
      if (url === `${ORIGIN}/index.html`) return route.fulfill({ contentType: 'text/html', body: browserServerPage(`${ORIGIN}/web/server.js?today=${TEST_TODAY}`) });
      if (url === `${ORIGIN}/blob.html`) return route.fulfill({ contentType: 'text/html', body: browserServerPage(`${ORIGIN}/web/server.js?today=${TEST_TODAY}`, { viaBlob: true }) });
      if (url.startsWith(`${ORIGIN}/web/server.js?`)) return route.fulfill({ contentType: 'text/javascript', body: bundle });
      blocked.push(url);
      return route.abort();
    });
  });

  after(async () => {
    await context?.close();
    await browser?.close();
  });

  beforeEach(() => {
    blocked.length = 0;
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amo-browser-'));
    ws = writeCaseWorkspace(dir);
  });

  afterEach(async () => {
    for (const c of open.splice(0)) await c.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** A page with the worker, and the client relaying its messages; page errors are collected. */
  async function browserClient(pageName = 'index.html'): Promise<{ client: BrowserLspClient; page: Page; errors: string[] }> {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(String(err)));
    page.on('console', (msg) => {
      if (msg.type() === 'error') errors.push(msg.text());
    });
    const client = new BrowserLspClient(page, dir);
    await page.exposeFunction('__amoFromServer', (m: unknown) => client.fromServer(m as never));
    await page.exposeFunction('__amoWorkerError', (m: string) => errors.push(`worker: ${m}`));
    await page.goto(`${ORIGIN}/${pageName}`);
    open.push({ dispose: async () => (await client.dispose(), await page.close()) });
    return { client, page, errors };
  }

  async function nodeClient(): Promise<TestLspClient> {
    const client = new TestLspClient();
    open.push(client);
    return client;
  }

  const init = (client: LspDriver) => client.initialize({ rootUri: uriOf(dir), capabilities: INITIALIZE.capabilities });

  for (const c of PROTOCOL_CASES) {
    it(c.title, async () => {
      const node = await nodeClient();
      await init(node);
      const expected = await c.run(node, ws);
      const { client, errors } = await browserClient();
      await init(client);
      const actual = await c.run(client, ws);
      assert.deepStrictEqual(actual, expected, 'the browser server answers as the Node server');
      assert.deepStrictEqual(errors, []);
      assert.deepStrictEqual(blocked, []);
    });
  }

  it('reads the workspace through the client: the file list, then the files, the programme among them', async () => {
    const { client, errors } = await browserClient();
    await init(client);
    await client.open(ws.bad, fs.readFileSync(path.join(dir, 'bad.consultation.yaml'), 'utf8'), 1);
    await client.diagnostics(ws.bad, (p) => p.diagnostics.some((d) => d.code === 'REF-001'));
    assert.strictEqual(client.workspaceRequests[0]?.method, WORKSPACE_FILES_METHOD);
    const read = client.workspaceRequests.filter((r) => r.method === WORKSPACE_READ_METHOD).flatMap((r) => r.uris ?? []);
    assert.ok(read.includes(ws.prog), JSON.stringify(client.workspaceRequests));
    assert.deepStrictEqual(errors, []);
  });

  it('starts as VS Code starts an extension’s worker (a blob: worker that imports the bundle)', async () => {
    const { client, errors } = await browserClient('blob.html');
    const { capabilities } = await init(client);
    assert.ok(capabilities.completionProvider && capabilities.renameProvider && capabilities.codeActionProvider, JSON.stringify(capabilities));
    await client.open(ws.bad, fs.readFileSync(path.join(dir, 'bad.consultation.yaml'), 'utf8'), 1);
    const diags = await client.diagnostics(ws.bad, (p) => p.diagnostics.some((d) => d.code === 'REF-001'));
    assert.ok(!diags.some((d) => d.code === 'REF-003'), JSON.stringify(diags.map((d) => d.code)));
    assert.deepStrictEqual(errors, []);
  });
});
