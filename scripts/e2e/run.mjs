#!/usr/bin/env node
// Runs the extension's mocha suite (dist/test/vscode/index.js) inside a real VS Code, offline:
// code-server 4.100.3 (VS Code 1.100.3, installed by scripts/e2e/installCodeServer.sh into .cache/)
// driven by Debian's Chromium through playwright-core (launch code: scripts/e2e/codeServer.mjs).
//
// Usage: node scripts/e2e/run.mjs [--workspace <dir>] [--timeout <s>] [--extension <dir>] [--tests <dir>]
//   --workspace  folder opened in VS Code (default: a fresh temp copy of test/vscode/workspace/)
//   --timeout    seconds before giving up (default 240); exit 2 and a screenshot in test-results/e2e/
//   --extension  extension root loaded as extensionDevelopmentPath (default: the repo root)
//   --tests      folder of the tests entry index.js, inside the extension (default <extension>/dist/test/vscode)
//   --grep       only run the tests whose full title matches (passed to the runner as AMO_E2E_GREP)
//   --keep       keep the temp run folder (logs, user data) for inspection
//   --untrusted  workspace trust on and the folder not trusted (restricted mode); the tests see AMO_E2E_UNTRUSTED=1
// Exit: 0 all passed (exit code 0 AND results file says ≥1 test, 0 failures), 1 failure, 2 timeout.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as util from 'node:util';

import { fileURLToPath } from 'node:url';
import { CHROMIUM, ENTRY, ROOT, freePort, killGroup, loadPlaywright, prepareRunFolder, runDriver, trackServer, waitHealthy } from './codeServer.mjs';
const t0 = Date.now();
const elapsed = () => `${((Date.now() - t0) / 1000).toFixed(1)} s`;
const say = (msg) => console.log(`[e2e ${elapsed()}] ${msg}`);

// ---------------------------------------------------------------------------------------------- args
function parseArgs(argv) {
  const opts = { workspace: undefined, timeout: 240, extension: ROOT, tests: undefined, keep: false, grep: undefined, untrusted: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`missing value for ${a}`);
      return v;
    };
    if (a === '--workspace') opts.workspace = path.resolve(val());
    else if (a === '--timeout') opts.timeout = Number(val());
    else if (a === '--extension') opts.extension = path.resolve(val());
    else if (a === '--tests') opts.tests = path.resolve(val());
    else if (a === '--grep') opts.grep = val();
    else if (a === '--keep') opts.keep = true;
    else if (a === '--untrusted') opts.untrusted = true;
    else if (a === '-h' || a === '--help') {
      console.log(fs.readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\nimport ')[0]);
      process.exit(0);
    } else throw new Error(`unknown argument ${a}`);
  }
  if (!(opts.timeout > 0)) throw new Error('--timeout must be a positive number of seconds');
  opts.tests ??= path.join(opts.extension, 'dist/test/vscode');
  return opts;
}

/** The workbench forwards console calls as (level, args[]); args[0] may be a printf-like format (mocha's reporter). */
function formatLogArgs(args) {
  if (!Array.isArray(args)) args = [args];
  return util.format(...args);
}

// ---------------------------------------------------------------------------------------------- main
async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (!fs.existsSync(ENTRY)) throw new Error(`code-server missing (${ENTRY}): run \`bash scripts/e2e/installCodeServer.sh\``);
  if (!fs.existsSync(path.join(opts.tests, 'index.js'))) {
    throw new Error(`no tests entry ${path.join(opts.tests, 'index.js')}: run \`node scripts/e2e/buildTests.mjs\``);
  }
  const rel = path.relative(opts.extension, opts.tests);
  if (rel.startsWith('..') || path.isAbsolute(rel)) throw new Error('the tests folder must be inside the extension folder');
  const { chromium } = loadPlaywright();

  const { run, ud, extDir, config } = prepareRunFolder('amo-e2e-', {
    'security.workspace.trust.enabled': opts.untrusted,
    // Restricted mode without the startup dialog (the folder simply stays untrusted).
    'security.workspace.trust.startupPrompt': 'never',
  });
  const results = path.join(run, 'results.json');

  let workspace = opts.workspace;
  if (!workspace) {
    workspace = path.join(run, 'workspace');
    fs.cpSync(path.join(ROOT, 'test/vscode/workspace'), workspace, { recursive: true });
  }

  const port = await freePort();
  const host = `127.0.0.1:${port}`;
  const logFile = path.join(run, 'code-server.log');
  const logFd = fs.openSync(logFile, 'w');
  say(`run folder ${run}, port ${port}, workspace ${workspace}`);

  let child;
  let browser;
  let code = 2;
  let verdict = { passes: 0, failures: 0, note: '' };
  try {
    child = trackServer(spawn(
      process.execPath,
      [
        ENTRY,
        '--auth', 'none',
        '--bind-addr', host,
        '--user-data-dir', ud,
        '--extensions-dir', extDir,
        '--config', config,
        '--disable-telemetry',
        '--disable-update-check',
        '--disable-getting-started-override',
        ...(opts.untrusted ? [] : ['--disable-workspace-trust']),
        workspace,
      ],
      {
        detached: true,
        stdio: ['ignore', logFd, logFd],
        env: {
          ...process.env,
          EXTENSIONS_GALLERY: '{}',
          AMO_E2E_RESULTS: results,
          ...(opts.grep ? { AMO_E2E_GREP: opts.grep } : {}),
          ...(opts.untrusted ? { AMO_E2E_UNTRUSTED: '1' } : {}),
        },
      },
    ));
    const deadline = Date.now() + opts.timeout * 1000;
    await waitHealthy(port, child, Math.min(deadline, Date.now() + 60_000));
    say('code-server is up');

    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });

    let settle;
    const exited = new Promise((resolve) => (settle = resolve));
    await page.exposeFunction('codeAutomationExit', (c) => {
      settle({ kind: 'exit', code: Number(c) });
    });
    await page.exposeFunction('codeAutomationLog', (level, args) => {
      const line = formatLogArgs(args);
      if (level === 'error') console.error(line);
      else console.log(line);
    });
    page.on('crash', () => settle({ kind: 'crash' }));
    page.on('pageerror', (err) => console.error(`[page error] ${err.message}`));

    const remote = (p) => `vscode-remote://${host}${p}`;
    const payload = [
      ['extensionDevelopmentPath', remote(opts.extension)],
      ['extensionTestsPath', remote(opts.tests)],
      ['skipWelcome', 'true'],
      ['skipReleaseNotes', 'true'],
    ];
    const url = `http://${host}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    say(`opening workbench, extension ${opts.extension}, tests ${opts.tests}`);
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: Math.max(1000, deadline - Date.now()) });

    let timer;
    const timedOut = new Promise((resolve) => {
      timer = setTimeout(() => resolve({ kind: 'timeout' }), Math.max(0, deadline - Date.now()));
    });
    const outcome = await Promise.race([exited, timedOut]);
    clearTimeout(timer);

    if (outcome.kind === 'timeout') {
      code = 2;
      verdict.note = `timeout after ${opts.timeout} s`;
      const shot = path.join(ROOT, 'test-results/e2e/timeout.png');
      fs.mkdirSync(path.dirname(shot), { recursive: true });
      try {
        await page.screenshot({ path: shot, timeout: 10_000 });
        say(`screenshot ${shot}`);
      } catch (e) {
        say(`screenshot failed: ${e.message}`);
      }
      const r = readResults(results);
      if (r) verdict = { ...verdict, passes: r.passes ?? 0, failures: r.failures ?? 0 };
    } else if (outcome.kind === 'crash') {
      code = 1;
      verdict.note = 'the browser page crashed';
    } else {
      const r = readResults(results);
      if (!r) {
        code = 1;
        verdict.note = `workbench exit code ${outcome.code} but no results file (extension host died or run() never ran)`;
      } else {
        verdict.passes = r.passes ?? 0;
        verdict.failures = r.failures ?? 0;
        const total = r.total ?? verdict.passes + verdict.failures;
        if (outcome.code === 0 && r.ok === true && verdict.failures === 0 && total >= 1 && verdict.passes >= 1) {
          code = 0;
        } else {
          code = 1;
          verdict.note =
            `workbench exit code ${outcome.code}, results: ${verdict.passes} passed, ${verdict.failures} failed` +
            (total < 1 ? ' (no test ran)' : '');
          for (const f of r.failuresDetail ?? []) console.error(`  ✗ ${f.title}: ${f.message}`);
        }
      }
    }
  } finally {
    if (browser) await browser.close().catch(() => {});
    await killGroup(child);
    fs.closeSync(logFd);
    if (code !== 0) {
      const tail = fs.readFileSync(logFile, 'utf8').split('\n').slice(-30).join('\n');
      if (tail.trim()) console.error(`--- code-server log (tail, ${logFile}) ---\n${tail}`);
    }
    if (!opts.keep && code === 0) fs.rmSync(run, { recursive: true, force: true });
    else say(`run folder kept: ${run}`);
  }
  if (verdict.note) say(verdict.note);
  say(`done, exit ${code}`);
  // A failed run (timeout, crash, no test ran) never closes on a line that reads as a clean run.
  const failed = code === 0 ? verdict.failures : Math.max(1, verdict.failures);
  console.log(`e2e: ${verdict.passes} passed, ${failed} failed`);
  return code;
}

function readResults(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

runDriver(main, { tag: 'e2e', failed: 'e2e: 0 passed, 1 failed' });
