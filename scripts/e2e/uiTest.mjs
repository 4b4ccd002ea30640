#!/usr/bin/env node
// UI test of the INSTALLED extension: the VSIX (dist-vsix/amo-authoring.vsix, `npm run package`) is
// installed into a fresh extensions folder with code-server's --install-extension, code-server 4.100.3
// (VS Code 1.100.3) opens a copy of examples/ (the clean pair and the erreurs/ pair), and Debian's
// Chromium, driven by playwright-core, does what a user does: Quick Open a consultation, see the
// squiggles and the Problems count, open the preview from the command palette and see the deliverable.
// Screenshots go to test-results/e2e-ui/*.png. Shared launch code: scripts/e2e/codeServer.mjs.
//
// Usage: node scripts/e2e/uiTest.mjs [--vsix <file>] [--timeout <s>] [--docs-screenshot] [--keep]
//   --vsix             the package to install (default dist-vsix/amo-authoring.vsix)
//   --timeout          seconds for the whole run (default 240); exit 2 when exceeded
//   --docs-screenshot  also write docs/images/vscode.png (1280×800) for the README
//   --keep             keep the temp run folder (logs, user data)
// Exit: 0 every check passed, 1 a check failed (message and screenshot), 2 timeout.
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

import { fileURLToPath } from 'node:url';
import { CHROMIUM, ENTRY, ROOT, freePort, killGroup, loadPlaywright, prepareRunFolder, runDriver, trackServer, waitHealthy } from './codeServer.mjs';
const SHOTS = path.join(ROOT, 'test-results/e2e-ui');
const DOCS_SHOT = path.join(ROOT, 'docs/images/vscode.png');
const EXTENSION_ID = 'amo-authoring.amo-authoring';
const t0 = Date.now();
const say = (msg) => console.log(`[e2e-ui ${((Date.now() - t0) / 1000).toFixed(1)} s] ${msg}`);

function parseArgs(argv) {
  const opts = { vsix: path.join(ROOT, 'dist-vsix/amo-authoring.vsix'), timeout: 240, docs: false, keep: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`missing value for ${a}`);
      return v;
    };
    if (a === '--vsix') opts.vsix = path.resolve(val());
    else if (a === '--timeout') opts.timeout = Number(val());
    else if (a === '--docs-screenshot') opts.docs = true;
    else if (a === '--keep') opts.keep = true;
    else if (a === '-h' || a === '--help') {
      console.log(fs.readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\nimport ')[0]);
      process.exit(0);
    } else throw new Error(`unknown argument ${a}`);
  }
  if (!(opts.timeout > 0)) throw new Error('--timeout must be a positive number of seconds');
  return opts;
}

/** A failed check: the message is printed and the run exits 1. */
class CheckFailed extends Error {}

function check(cond, message) {
  if (!cond) throw new CheckFailed(message);
}

/** Runs `fn`; a playwright timeout inside becomes a failed check naming `what`. */
async function step(what, fn) {
  say(what);
  try {
    return await fn();
  } catch (err) {
    if (err instanceof CheckFailed) throw err;
    throw new CheckFailed(`${what}: ${err?.message?.split('\n')[0] ?? err}`);
  }
}

function codeServer(args, env, options = {}) {
  return spawnSync(process.execPath, [ENTRY, ...args], { env: { ...process.env, ...env }, encoding: 'utf8', timeout: 120_000, ...options });
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (!fs.existsSync(ENTRY)) throw new Error(`code-server missing (${ENTRY}): run \`bash scripts/e2e/installCodeServer.sh\``);
  if (!fs.existsSync(opts.vsix)) throw new Error(`no VSIX at ${opts.vsix}: run \`npm run package\``);
  const { chromium } = loadPlaywright();

  const { run, ud, extDir, config } = prepareRunFolder('amo-e2e-ui-', {
    'security.workspace.trust.enabled': false,
    'workbench.layoutControl.enabled': false,
    'editor.minimap.enabled': false,
    'amo.locale': 'fr',
  });
  const workspace = path.join(run, 'workspace');
  fs.cpSync(path.join(ROOT, 'examples'), workspace, { recursive: true });
  fs.mkdirSync(SHOTS, { recursive: true });
  const env = { EXTENSIONS_GALLERY: '{}' };
  const common = ['--user-data-dir', ud, '--extensions-dir', extDir, '--config', config];

  // 1. Install the VSIX offline, as a user would, and check VS Code lists it.
  const inst = codeServer([...common, '--install-extension', opts.vsix, '--force'], env);
  if (inst.status !== 0) throw new Error(`--install-extension failed (${inst.status}):\n${inst.stdout}\n${inst.stderr}`);
  const listed = codeServer([...common, '--list-extensions', '--show-versions'], env).stdout ?? '';
  const version = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version;
  if (!listed.split('\n').some((l) => l.trim() === `${EXTENSION_ID}@${version}`)) throw new Error(`${EXTENSION_ID}@${version} not installed; listed:\n${listed}`);
  say(`installed ${path.relative(ROOT, opts.vsix)} (${EXTENSION_ID}@${version})`);

  const port = await freePort();
  const host = `127.0.0.1:${port}`;
  const logFile = path.join(run, 'code-server.log');
  const logFd = fs.openSync(logFile, 'w');
  let child;
  let browser;
  let page;
  let code = 1;
  let timer;
  try {
    child = trackServer(spawn(
      process.execPath,
      [ENTRY, '--auth', 'none', '--bind-addr', host, ...common, '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override', workspace],
      { detached: true, stdio: ['ignore', logFd, logFd], env: { ...process.env, ...env } },
    ));
    const deadline = Date.now() + opts.timeout * 1000;
    await waitHealthy(port, child, Math.min(deadline, Date.now() + 60_000));
    say(`code-server is up on ${host}`);

    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.setDefaultTimeout(30_000);
    page.on('pageerror', (err) => console.error(`[page error] ${err.message}`));

    const timedOut = new Promise((resolve) => {
      timer = setTimeout(() => resolve('timeout'), Math.max(0, deadline - Date.now()));
    });
    const outcome = await Promise.race([scenario(page, host, workspace, extDir, opts).then(() => 'passed'), timedOut]);
    if (outcome === 'timeout') {
      code = 2;
      say(`timeout after ${opts.timeout} s`);
      await shot(page, 'timeout');
    } else code = 0;
  } catch (err) {
    code = 1;
    console.error(`[e2e-ui] FAILED: ${err instanceof CheckFailed ? err.message : (err?.stack ?? err)}`);
    if (page) await shot(page, 'failure');
  } finally {
    clearTimeout(timer);
    if (browser) await browser.close().catch(() => {});
    await killGroup(child);
    fs.closeSync(logFd);
    if (code !== 0) {
      const tail = fs.readFileSync(logFile, 'utf8').split('\n').slice(-25).join('\n');
      if (tail.trim()) console.error(`--- code-server log (tail, ${logFile}) ---\n${tail}`);
    }
    if (!opts.keep && code === 0) fs.rmSync(run, { recursive: true, force: true });
    else say(`run folder kept: ${run}`);
  }
  say(`done, exit ${code}`);
  console.log(`e2e-ui: ${code === 0 ? 'passed' : code === 2 ? 'timed out' : 'failed'}`);
  return code;
}

async function shot(page, name, file = path.join(SHOTS, `${name}.png`)) {
  try {
    await page.screenshot({ path: file, timeout: 10_000 });
    say(`screenshot ${path.relative(ROOT, file)}`);
  } catch (e) {
    say(`screenshot ${name} failed: ${e.message}`);
  }
}

/** The number of errors in the status bar's Problems item (aria-label "Errors: N, Warnings: M" or French). */
async function problemCounts(page) {
  const label = (await page.locator('[id="status.problems"] a, [id="status.problems"]').first().getAttribute('aria-label')) ?? '';
  const errors = /(?:Errors?|Erreurs?)\s*:\s*(\d+)/i.exec(label);
  const warnings = /(?:Warnings?|Avertissements?)\s*:\s*(\d+)/i.exec(label);
  return { label, errors: errors ? Number(errors[1]) : NaN, warnings: warnings ? Number(warnings[1]) : NaN };
}

async function quickOpen(page, name) {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(name);
  // The first result must be the file itself before Enter opens it.
  await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor({ state: 'visible' });
  await page.keyboard.press('Enter');
  await page.locator('.tabs-container .tab.active', { hasText: name }).waitFor({ state: 'visible' });
}

async function runCommand(page, title) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ state: 'visible' });
  await page.keyboard.press('Enter');
}

async function scenario(page, host, workspace, extDir, opts) {
  await step('open the workbench', async () => {
    await page.goto(`http://${host}/?folder=${encodeURIComponent(workspace)}`, { waitUntil: 'domcontentloaded' });
    await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60_000 });
    await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ state: 'visible', timeout: 60_000 });
  });

  const consultation = 'ecole-erreurs.consultation.yaml';
  await step(`Quick Open ${consultation}`, () => quickOpen(page, consultation));

  await step('the language mode is AMO Consultation', async () => {
    await page.locator('[id="status.editor.mode"]', { hasText: /AMO Consultation/ }).waitFor({ state: 'visible' });
  });

  await step('squiggles appear under the errors', async () => {
    await page.locator('.monaco-editor .squiggly-error').first().waitFor({ state: 'attached', timeout: 45_000 });
  });

  const counts = await step('the status bar counts the problems', async () => {
    let c = await problemCounts(page);
    for (let i = 0; i < 100 && !(c.errors > 0); i++) {
      await page.waitForTimeout(100);
      c = await problemCounts(page);
    }
    return c;
  });
  say(`status bar problems: "${counts.label}"`);
  check(counts.errors >= 10, `expected at least 10 errors in the status bar, got "${counts.label}"`);
  // The extension's own item (`amo.status`, id prefixed by the extension id) shows the active file's errors.
  const amoItem = await step('the AMO status bar item shows the error count', async () => {
    const item = page.locator(`[id="${EXTENSION_ID}.amo.status"]`);
    await item.filter({ hasText: /AMO \d+/ }).waitFor({ state: 'visible' });
    return (await item.textContent()) ?? '';
  });
  check(Number(/AMO (\d+)/.exec(amoItem)?.[1]) >= 10, `the AMO status bar item reads "${amoItem}"`);
  await shot(page, '01-diagnostics');

  const hasPreview = await step('read the commands the installed extension contributes', async () => {
    const dir = fs.readdirSync(extDir).find((d) => d.toLowerCase().startsWith(`${EXTENSION_ID}-`));
    check(dir, `no ${EXTENSION_ID}-* folder in ${extDir}`);
    const pkg = JSON.parse(fs.readFileSync(path.join(extDir, dir, 'package.json'), 'utf8'));
    return (pkg.contributes?.commands ?? []).some((c) => c.command === 'amo.openPreview');
  });
  if (!hasPreview) {
    say('amo.openPreview is not contributed: preview checks skipped');
    return;
  }

  await step('F1 → "AMO: Open Preview"', () => runCommand(page, 'AMO: Open Preview'));
  const frame = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
  const headings = await step('the preview renders the deliverable', async () => {
    await frame.locator('#amo-content h1, #amo-content h2').first().waitFor({ state: 'visible', timeout: 45_000 });
    return frame.locator('#amo-content h1, #amo-content h2').allTextContents();
  });
  say(`preview headings: ${headings.slice(0, 6).join(' | ')}`);
  check(headings.some((h) => /Critères de jugement des offres/.test(h)), `the RC's criteria section is missing: ${headings.join(' | ')}`);
  const tabs = await frame.locator('#amo-bar button').allTextContents();
  check(tabs.length >= 2, `expected the consultation's deliverable tabs, got ${JSON.stringify(tabs)}`);
  await shot(page, '02-preview');

  await step('switch the preview to the offers analysis report', async () => {
    await frame.locator('#amo-bar button[data-deliverable="rao"]').click();
    await frame.locator('#amo-bar button[data-deliverable="rao"][aria-selected="true"]').waitFor({ state: 'visible' });
    await frame.locator('#amo-content h1, #amo-content h2').first().waitFor({ state: 'visible' });
  });
  await shot(page, '03-preview-rao');

  await step('the walkthrough opens with its four steps', async () => {
    await runCommand(page, 'Welcome: Open Walkthrough...');
    const input = page.locator('.quick-input-widget input');
    await input.fill('AMO Authoring');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Get started with AMO Authoring' }).first().waitFor({ state: 'visible' });
    await page.keyboard.press('Enter');
    const steps = page.locator('.gettingStartedSlideDetails .getting-started-step');
    await steps.filter({ hasText: 'Create a programme' }).first().waitFor({ state: 'visible' });
    for (const title of ['See a diagnostic', 'Fix it with a quick fix', 'Preview the deliverables']) {
      await steps.filter({ hasText: title }).first().waitFor({ state: 'attached' });
    }
    // The step's markdown media is rendered in a webview of its own. The AMO preview is a webview too,
    // and the order of the two frames in the DOM varies: look in each until one shows the media.
    await waitForWebviewText(page, 'GYMNASE-TILLEULS', 30000);
  });
  await shot(page, '04-walkthrough');

  if (opts.docs) await docsScreenshot(page);
}

/**
 * The README's picture: the clean example consultation right after a weight was changed by typing
 * (40 → 35): the squiggle and the inlay Σ on `criteres`, the finding in the Problems view, the outline,
 * the status bar counts and the RC preview beside the editor. Written to docs/images/vscode.png.
 */
async function docsScreenshot(page) {
  const name = 'ecole-jules-ferry-travaux.consultation.yaml';
  await step('docs screenshot: type an error into the example consultation', async () => {
    await runCommand(page, 'View: Close All Editors');
    await page.locator('.tabs-container .tab').first().waitFor({ state: 'detached' });
    await quickOpen(page, name);
    await runCommand(page, 'AMO: Open Preview');
    const frame = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
    await frame.locator('#amo-content h1').first().waitFor({ state: 'visible', timeout: 45_000 });
    await runCommand(page, 'Explorer: Focus on Outline View');
    await page.locator('.outline-pane .monaco-list-row').first().waitFor({ state: 'visible' });
    // Back to the editor: change the price weight from 40 to 35 (line 51), as a user would type it.
    await page.keyboard.press('Control+1');
    await page.keyboard.press('Control+G');
    await page.keyboard.type('51');
    await page.keyboard.press('Enter');
    await page.keyboard.press('End');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Backspace');
    await page.keyboard.type('35');
    await page.locator('.monaco-editor .squiggly-error').first().waitFor({ state: 'attached', timeout: 30_000 });
    // The Σ code lens follows the edit.
    await page.locator('.monaco-editor .codelens-decoration', { hasText: '95' }).first().waitFor({ state: 'visible' });
    // Scroll the criteria to the top of the editor: the preview follows the editor's scroll.
    for (let i = 0; i < 10; i++) await page.keyboard.press('Control+ArrowDown');
    await frame.locator('#amo-content table', { hasText: '35' }).first().waitFor({ state: 'visible' });
    // The Problems view lists the finding, with its code.
    await runCommand(page, 'View: Focus Problems');
    await page.locator('.markers-panel .monaco-list-row', { hasText: 'CSL-006' }).first().waitFor({ state: 'visible' });
    await page.keyboard.press('Control+1');
    // A lower panel: drag its top edge down to leave three rows of problems.
    const panel = await page.locator('.part.panel').boundingBox();
    if (panel) {
      await page.mouse.move(panel.x + panel.width / 2, panel.y + 1);
      await page.mouse.down();
      await page.mouse.move(panel.x + panel.width / 2, panel.y + panel.height - 110, { steps: 5 });
      await page.mouse.up();
      await page.mouse.move(2, panel.y + panel.height - 20); // off the sash, which stays highlighted under the pointer
    }
    // Bring the preview's criteria section to the top (the editor's scroll-sync targets the closest line above).
    await frame.locator('#amo-content h2', { hasText: 'Critères de jugement des offres' }).first().evaluate((el) => {
      el.scrollIntoView({ block: 'start' });
      window.scrollBy(0, -60); // below the sticky deliverable tabs
    });
    await page.waitForTimeout(300); // the webview paints the scroll
  });
  await shot(page, 'docs', DOCS_SHOT);
  const size = fs.statSync(DOCS_SHOT).size;
  check(size < 300 * 1024, `docs/images/vscode.png is ${(size / 1024).toFixed(0)} KB (budget 300 KB)`);
}

/** Waits until the body of one of the page's webviews (whichever) contains `text`. */
async function waitForWebviewText(page, text, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  const frames = page.locator('iframe.webview.ready');
  for (;;) {
    const n = await frames.count();
    for (let i = 0; i < n; i++) {
      const body = page.frameLocator('iframe.webview.ready').nth(i).frameLocator('iframe#active-frame').locator('body', { hasText: text });
      if (await body.isVisible().catch(() => false)) return;
    }
    if (Date.now() > deadline) throw new Error(`no webview shows « ${text} » after ${timeoutMs} ms (${n} webview(s) open)`);
    await page.waitForTimeout(250);
  }
}

runDriver(main, { tag: 'e2e-ui', failed: 'e2e-ui: failed', interrupted: 'e2e-ui: interrupted' });
