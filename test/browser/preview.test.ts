/**
 * The preview and the exported HTML in a real headless Chromium (Debian's /usr/bin/chromium through
 * playwright-core): no console error, the CSP in force, payloads from the YAML inert, screenshots in
 * test-results/render/. All requests are answered from memory; anything else is aborted and fails.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { buildPreviewHtml } from '../../client/src/preview/previewHtml';
import { renderHtml, renderHtmlDocument, type DeliverableId } from '../../server/src/render';
import { ROOT } from '../helpers/service';
import { CONSULTATION_FILE, PROGRAMME_FILE, RECEPTION_FILE, renderExample, renderText, renderXssConsultation, SUIVI_FILE, XSS_PROGRAMME } from '../unit/render/renderHelpers';

const CHROMIUM = '/usr/bin/chromium';
/**
 * What the webview posted (the page's `window.__posted`). Waits take functions, not strings: a string is
 * evaluated with `eval` in the page, which its CSP refuses whenever the first check fails and polling starts.
 */
type PostedMessage = { type: string; deliverable?: string };
/** The page's globals these waits read (the tests compile without the DOM library). */
type PageGlobals = { __posted: PostedMessage[]; scrollY: number; document: { getElementById(id: string): { hidden: boolean } | null; querySelector(selector: string): unknown } };
const ORIGIN = 'http://amo.test';
const SHOTS = path.join(ROOT, 'test-results', 'render');
const DOC_URI = 'file:///virtual/ecole.programme.yaml';
const NONCE = 'dGVzdC1ub25jZS0xMjM0NTY=';

const CASES: [string, DeliverableId][] = [
  [PROGRAMME_FILE, 'programme'],
  [PROGRAMME_FILE, 'risques'],
  [PROGRAMME_FILE, 'planning'],
  [CONSULTATION_FILE, 'rc'],
  [CONSULTATION_FILE, 'rao'],
  [SUIVI_FILE, 'suivi'],
  [RECEPTION_FILE, 'reception'],
  [RECEPTION_FILE, 'reserves'],
];

function fragment(file: string, d: DeliverableId): string {
  const r = renderExample(file, d);
  assert.ok(r.model, r.error);
  return renderHtml(r.model);
}

/** What the page can see of the stubbed VS Code API and of the payloads' flag. */
interface Probe {
  posted: { type: string; uri?: string; line?: number; version?: number; deliverable?: string; headings?: string[] }[];
  xss: unknown;
}

describe('preview and exports in headless Chromium', function () {
  this.timeout(60000);
  let browser: Browser;
  let context: BrowserContext;
  const exports = new Map<string, string>();
  const blocked: string[] = [];

  before(async function () {
    if (!fs.existsSync(CHROMIUM)) {
      if (process.env.CI) throw new Error(`${CHROMIUM} is missing: CI must install Debian's chromium (see .ci/run).`);
      console.log(`      (skipped: ${CHROMIUM} is absent and CI is not set; install it with apt-get install -y chromium)`);
      this.skip();
    }
    const dist = path.join(ROOT, 'dist', 'preview.js');
    assert.ok(fs.existsSync(dist), 'dist/preview.js is missing: run `npm run build` first');
    fs.mkdirSync(SHOTS, { recursive: true });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    context = await browser.newContext({ viewport: { width: 1100, height: 1400 } });
    await context.route('**/*', async (route) => {
      const url = route.request().url();
      if (url === `${ORIGIN}/preview.html`) {
        return route.fulfill({ contentType: 'text/html', body: buildPreviewHtml({ cspSource: ORIGIN, nonce: NONCE, scriptUri: `${ORIGIN}/dist/preview.js`, uri: DOC_URI, deliverable: 'programme', title: 'Aperçu' }) });
      }
      if (url === `${ORIGIN}/dist/preview.js`) return route.fulfill({ contentType: 'text/javascript', body: fs.readFileSync(dist, 'utf8') });
      const m = /^http:\/\/amo\.test\/export\/([a-z-]+)\.html$/.exec(url);
      if (m && exports.has(m[1])) return route.fulfill({ contentType: 'text/html', body: exports.get(m[1]) as string });
      blocked.push(url);
      return route.abort();
    });
    // The webview API stub: what the script posts is recorded for the assertions.
    await context.addInitScript(`
      window.__posted = [];
      window.acquireVsCodeApi = () => ({ postMessage: (m) => window.__posted.push(m), getState: () => undefined, setState: (s) => { window.__state = s; } });
    `);
  });

  after(async () => {
    await context?.close();
    await browser?.close();
  });

  beforeEach(() => {
    blocked.length = 0;
  });

  /** Opens the preview shell and waits for its script to announce itself; collects console errors. */
  async function openPreview(): Promise<{ page: Page; errors: string[] }> {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error') errors.push(msg.text());
    });
    page.on('pageerror', (err) => errors.push(String(err)));
    await page.goto(`${ORIGIN}/preview.html`);
    await page.waitForFunction(() => (globalThis as unknown as PageGlobals).__posted.some((m) => m.type === 'ready'));
    return { page, errors };
  }

  async function probe(page: Page): Promise<Probe> {
    return (await page.evaluate('({ posted: window.__posted, xss: window.__amoXss })')) as Probe;
  }

  /** Posts an update as the extension would, and waits for the matching `rendered` report. */
  async function update(page: Page, html: string | undefined, version: number, deliverable: string, error?: string): Promise<void> {
    const before = (await probe(page)).posted.filter((m) => m.type === 'rendered').length;
    await page.evaluate(
      (msg) => (globalThis as unknown as { postMessage(m: unknown, origin: string): void }).postMessage(msg, '*'),
      { type: 'update', uri: DOC_URI, version, deliverable, deliverables: [{ id: 'programme', label: 'Dossier de programme' }, { id: 'risques', label: 'Registre des risques' }, { id: 'planning', label: 'Planning' }], html, error },
    );
    if (!error) await page.waitForFunction((n) => (globalThis as unknown as PageGlobals).__posted.filter((m) => m.type === 'rendered').length > n, before);
    else await page.waitForFunction(() => !(globalThis as unknown as PageGlobals).document.getElementById('amo-banner')!.hidden);
  }

  for (const [file, d] of CASES) {
    it(`preview of ${d}: rendered, reported, CSP in force, no console error`, async () => {
      const { page, errors } = await openPreview();
      await update(page, fragment(file, d), 1, d);
      const p = await probe(page);
      const rendered = p.posted.find((m) => m.type === 'rendered');
      assert.strictEqual(rendered?.deliverable, d);
      assert.strictEqual(rendered?.version, 1);
      assert.ok((rendered?.headings ?? []).length > 2, 'headings reported');
      const csp = await page.evaluate('document.querySelector("meta[http-equiv=Content-Security-Policy]").content');
      assert.match(String(csp), new RegExp(`^default-src 'none'; img-src ${ORIGIN} data:; style-src ${ORIGIN} 'nonce-`));
      await page.screenshot({ path: path.join(SHOTS, `preview-${d}.png`), fullPage: true });
      assert.deepStrictEqual(errors, []);
      assert.deepStrictEqual(blocked, [], 'no request outside the webview resources');
      await page.close();
    });
  }

  for (const [file, d] of CASES) {
    it(`exported HTML of ${d}: self-contained, no console error, screenshot`, async () => {
      const r = renderExample(file, d);
      exports.set(d, renderHtmlDocument(r.model!));
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('console', (msg) => msg.type() === 'error' && errors.push(msg.text()));
      page.on('pageerror', (err) => errors.push(String(err)));
      await page.goto(`${ORIGIN}/export/${d}.html`);
      await page.screenshot({ path: path.join(SHOTS, `${d}.png`), fullPage: true });
      assert.ok(await page.evaluate('document.querySelector("meta[http-equiv=Content-Security-Policy]") !== null'));
      assert.deepStrictEqual(errors, []);
      assert.deepStrictEqual(blocked, []);
      await page.close();
    });
  }

  it('payloads from the YAML stay inert, in the preview and in the export', async () => {
    for (const d of ['programme', 'risques', 'planning', 'suivi', 'reception', 'reserves'] as const) {
      const r = d === 'reception' || d === 'reserves' ? renderXssConsultation(d) : renderText('xss.programme.yaml', XSS_PROGRAMME, d);
      const { page, errors } = await openPreview();
      await update(page, renderHtml(r.model!), 1, d);
      // Click everything that could be a trigger (links, table cells, SVG texts).
      await page.evaluate('for (const el of document.querySelectorAll("#amo-content a, #amo-content td, #amo-content text")) el.dispatchEvent(new MouseEvent("click", { bubbles: true }))');
      await page.mouse.move(300, 300);
      const p = await probe(page);
      assert.strictEqual(p.xss, undefined, `${d}: a payload executed in the preview`);
      assert.ok(String(await page.evaluate('document.getElementById("amo-content").textContent')).includes('<script>window.__amoXss'), 'payload shown as text');
      assert.deepStrictEqual(errors, []);
      await page.close();

      exports.set(`xss-${d}`, renderHtmlDocument(r.model!));
      const exported = await context.newPage();
      await exported.goto(`${ORIGIN}/export/xss-${d}.html`);
      await exported.evaluate('for (const el of document.querySelectorAll("a, td, text")) el.dispatchEvent(new MouseEvent("click", { bubbles: true }))');
      assert.strictEqual(await exported.evaluate('window.__amoXss'), undefined, `${d}: a payload executed in the export`);
      await exported.screenshot({ path: path.join(SHOTS, `xss-${d}.png`), fullPage: true });
      await exported.close();
    }
    assert.deepStrictEqual(blocked, [], 'no payload reached the network');
  });

  it('defence in depth: even unescaped markup could not run under the preview CSP', async () => {
    const { page, errors } = await openPreview();
    await update(page, '<p data-line="0">x</p><img src="data:image/png;base64,AAAA" onerror="window.__amoXss = 99"><script>window.__amoXss = 98</script>', 1, 'programme');
    await page.waitForFunction(() => (globalThis as unknown as PageGlobals).document.querySelector('#amo-content img') !== null);
    assert.strictEqual((await probe(page)).xss, undefined);
    assert.ok(errors.length > 0 && errors.every((e) => /Content Security Policy/i.test(e)), `CSP refusals only, at least one: ${errors.join(' | ')}`);
    await page.close();
  });

  it('keeps the last good render under an error banner, drops stale versions, reveals and follows lines', async () => {
    const { page, errors } = await openPreview();
    const html = fragment(PROGRAMME_FILE, 'programme');
    await update(page, html, 5, 'programme');
    await update(page, undefined, 6, 'programme', 'Erreur de syntaxe YAML ligne 12 : <b>x</b>');
    assert.strictEqual(await page.evaluate('document.getElementById("amo-banner").textContent.startsWith("Erreur de syntaxe YAML ligne 12 : <b>x</b>")'), true);
    assert.strictEqual(await page.evaluate('document.querySelector("#amo-content h1").textContent'), 'Réhabilitation et extension du groupe scolaire Jules-Ferry');
    await page.screenshot({ path: path.join(SHOTS, 'preview-error-banner.png') });

    // A render of an older version arriving late is ignored.
    await page.evaluate(
      (msg) => (globalThis as unknown as { postMessage(m: unknown, origin: string): void }).postMessage(msg, '*'),
      { type: 'update', uri: DOC_URI, version: 4, deliverable: 'programme', deliverables: [], html: '<h1>ancien</h1>' },
    );
    await update(page, html.replace('Réhabilitation et extension', 'Version 7 :'), 7, 'programme');
    assert.match(String(await page.evaluate('document.querySelector("#amo-content h1").textContent')), /^Version 7 :/);
    assert.strictEqual(await page.evaluate('document.getElementById("amo-banner").hidden'), true);

    // A message about another document is ignored.
    await page.evaluate((msg) => (globalThis as unknown as { postMessage(m: unknown, origin: string): void }).postMessage(msg, '*'), { type: 'update', uri: 'file:///other.programme.yaml', version: 99, deliverable: 'programme', deliverables: [], html: '<h1>autre</h1>' });

    // Click → revealLine with the element's source line.
    const line = Number(await page.evaluate('document.querySelector("#amo-content tr[data-line]").dataset.line'));
    await page.click('#amo-content tr[data-line]');
    await page.waitForFunction(() => (globalThis as unknown as PageGlobals).__posted.some((m) => m.type === 'revealLine'));
    assert.strictEqual((await probe(page)).posted.find((m) => m.type === 'revealLine')?.line, line);

    // The editor scrolled far down → the preview follows.
    await page.evaluate((msg) => (globalThis as unknown as { postMessage(m: unknown, origin: string): void }).postMessage(msg, '*'), { type: 'scrollToLine', uri: DOC_URI, line: 470 });
    await page.waitForFunction(() => (globalThis as unknown as PageGlobals).scrollY > 1000);

    // A tab asks for another deliverable.
    await page.click('#amo-bar button[data-deliverable="risques"]');
    await page.waitForFunction(() => (globalThis as unknown as PageGlobals).__posted.some((m) => m.type === 'selectDeliverable' && m.deliverable === 'risques'));
    assert.match(String(await page.evaluate('document.querySelector("#amo-content h1").textContent')), /^Version 7 :/);
    assert.deepStrictEqual(errors, []);
    await page.close();
  });
});
