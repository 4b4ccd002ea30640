// Extension activation cost, measured in a fresh Node process (no VS Code): `require` of dist/client.js
// with a stubbed `vscode` module, then `activate()` up to its first `await` (the language client's start,
// which spawns the server in the background and is not part of the synchronous activation).
// The language client library is a bundle of its own (languageClient.js beside client.js), required by the
// client in the task after activation: its load is measured apart, as `languageClientLoadMs`.
// Usage: node bench/activation.cjs [path/to/client.js] (default: dist/client.js).
// Prints one JSON line: { loadMs, activateSyncMs, activateError?, languageClientLoadMs? }.
'use strict';
const Module = require('module');
const { performance } = require('perf_hooks');
const path = require('path');

const started = performance.now();

/** A stand-in for every vscode API: any property, call or construction gives another stand-in. */
function stub(name) {
  const fn = function () {};
  return new Proxy(fn, {
    get(_t, prop) {
      if (prop === 'then') return undefined; // not a promise
      if (prop === Symbol.toPrimitive) return () => `vscode.${name}`;
      if (prop === Symbol.iterator) return function* () {};
      if (prop === 'length') return 0;
      return stub(`${name}.${String(prop)}`);
    },
    apply() {
      return stub(`${name}()`);
    },
    construct() {
      return stub(`new ${name}`);
    },
  });
}

const vscode = stub('vscode');
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return request === 'vscode' ? 'vscode' : resolve.call(this, request, ...rest);
};
require.cache.vscode = { id: 'vscode', filename: 'vscode', loaded: true, exports: vscode };

const file = path.resolve(process.argv[2] || path.join(__dirname, '..', 'dist', 'client.js'));
const t0 = performance.now();
const ext = require(file);
const loadMs = performance.now() - t0;

const context = stub('context');
let activateSyncMs;
let activateError;
const t1 = performance.now();
try {
  const p = ext.activate(context);
  activateSyncMs = performance.now() - t1;
  // The rest (the client's start) runs against stand-ins: its outcome is not part of the measure.
  Promise.resolve(p).catch(() => undefined);
} catch (err) {
  activateSyncMs = performance.now() - t1;
  activateError = String(err && err.message ? err.message : err).slice(0, 200);
}
const processMs = performance.now() - started;
// What the client loads in the next task, before the server is spawned (measured before that task runs).
const lazy = path.join(path.dirname(file), 'languageClient.js');
let languageClientLoadMs;
if (require('fs').existsSync(lazy)) {
  const t2 = performance.now();
  require(lazy);
  languageClientLoadMs = performance.now() - t2;
}
process.stdout.write(JSON.stringify({ loadMs, activateSyncMs, activateError, processMs, languageClientLoadMs }) + '\n');
// The stand-in client may leave timers behind.
process.exit(0);
