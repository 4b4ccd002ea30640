// What the two e2e drivers (run.mjs: the in-host mocha suite; uiTest.mjs: the installed VSIX through the
// UI) share to start, watch and stop an isolated code-server and to drive it with Debian's Chromium.
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CODE_SERVER = path.join(ROOT, '.cache/code-server/node_modules/code-server');
export const ENTRY = path.join(CODE_SERVER, 'out/node/entry.js');
export const CHROMIUM = process.env.AMO_E2E_CHROMIUM || '/usr/bin/chromium';

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** playwright-core from the repo's node_modules if it is a devDependency, else from .cache/e2e-tools. */
export function loadPlaywright() {
  for (const base of [path.join(ROOT, 'package.json'), path.join(ROOT, '.cache/e2e-tools/package.json')]) {
    try {
      return createRequire(base)('playwright-core');
    } catch {
      /* next */
    }
  }
  throw new Error('playwright-core not found: run `bash scripts/e2e/installCodeServer.sh`');
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Polls /healthz until code-server answers; throws if it exits first or the deadline passes. */
export async function waitHealthy(port, child, deadline) {
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`code-server exited early (code ${child.exitCode}, signal ${child.signalCode})`);
    }
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return;
    } catch {
      /* not listening yet */
    }
    await sleep(200);
  }
  throw new Error('code-server did not answer /healthz in time');
}

/** Ends the detached code-server's whole process group: SIGTERM, then SIGKILL after 3 s. */
export async function killGroup(child) {
  if (!child?.pid) return;
  const alive = () => {
    try {
      process.kill(-child.pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    return;
  }
  for (let i = 0; i < 30 && alive(); i++) await sleep(100);
  if (alive()) {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      /* gone */
    }
  }
}

/** Settings of every isolated instance: no telemetry, updates, tips, welcome pages or online look-ups. */
const QUIET_SETTINGS = {
  'telemetry.telemetryLevel': 'off',
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'update.mode': 'none',
  'update.showReleaseNotes': false,
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  'npm.fetchOnlinePackageInfo': false,
  'chat.commandCenter.enabled': false,
  'github.copilot.enable': { '*': false },
};

/**
 * A fresh run folder for one isolated code-server: user data (with QUIET_SETTINGS plus `settings`),
 * an empty extensions folder and a config without auth. Returns the paths the command line needs.
 */
export function prepareRunFolder(prefix, settings = {}) {
  const run = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const ud = path.join(run, 'ud');
  const extDir = path.join(run, 'ext');
  const config = path.join(run, 'config.yaml');
  fs.mkdirSync(path.join(ud, 'User'), { recursive: true });
  fs.mkdirSync(extDir, { recursive: true });
  fs.writeFileSync(config, 'auth: none\ncert: false\n');
  fs.writeFileSync(path.join(ud, 'User/settings.json'), JSON.stringify({ ...QUIET_SETTINGS, ...settings }, null, 2));
  return { run, ud, extDir, config };
}

let tracked;
/** Remembers the detached code-server (its own process group), so that an interrupted driver ends it too. */
export function trackServer(child) {
  tracked = child;
  return child;
}

/**
 * Runs a driver's `main()` and exits with its code. On an error it prints the error and `failed`; on
 * Ctrl-C or SIGTERM it kills code-server's process group and prints `interrupted` (exit 130). The last
 * line is what CI and the npm scripts read.
 */
export function runDriver(main, { tag, failed, interrupted = failed }) {
  for (const sig of ['SIGINT', 'SIGTERM']) {
    process.once(sig, () => {
      if (tracked?.pid) {
        try {
          process.kill(-tracked.pid, 'SIGKILL');
        } catch {
          /* gone */
        }
      }
      console.log(interrupted);
      process.exit(130);
    });
  }
  main().then(
    (code) => process.exit(code),
    (err) => {
      console.error(`[${tag}] ${err?.stack ?? err}`);
      console.log(failed);
      process.exit(1);
    },
  );
}
