/**
 * Trust: no workspace code is ever loaded. The bundles dist/server.js, dist/cli.js and the web extension's dist/web/*.js are parsed (with
 * TypeScript's parser) and every way to run code that is not in the bundle is listed: `require` of a
 * non-literal or non-built-in module, `import()`, `eval`, the Function constructor, child processes,
 * `vm`. Each occurrence must be in an allow-listed module, with the reason. esbuild marks each bundled
 * module with a `// path` comment (development build, `npm run build`), which tells where a node is.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import { builtinModules } from 'module';
import * as path from 'path';
import * as ts from 'typescript';
import { ROOT } from '../helpers/service';

interface Finding {
  module: string;
  what: string;
  line: number;
}

/** Where each kind of dangerous construct is allowed, and why. Anything else fails the test. */
const ALLOWED: Record<string, { what: RegExp; why: string }[]> = {
  'node_modules/ajv/dist/compile/index.js': [
    {
      what: /^new Function$/,
      why: 'ajv compiles JSON Schemas to validation functions; the only schemas compiled are schemas/*.schema.json, bundled at build time (asserted below): no schema, hence no code, comes from a workspace',
    },
  ],
  'node_modules/vscode-languageserver/lib/node/files.js': [
    { what: /^require\("child_process"\)$/, why: 'the library’s legacy Files.resolve* helpers (fork node to resolve a module path); never called by this server (asserted below)' },
  ],
  // exceljs (XLSX export and import, server/src/office): fast-csv's lodash helpers find the global object with
  // the constant `Function('return this')()`; jszip's setImmediate polyfill builds a function only from a string
  // callback, and exceljs and jszip pass functions. No text of a document or a spreadsheet reaches either.
  ...Object.fromEntries(
    ['escaperegexp', 'groupby', 'isequal', 'isfunction', 'uniq', 'isboolean', 'isnil', 'isundefined'].map((m) => [`node_modules/lodash.${m}/index.js`, [{ what: /^Function\(\)$/, why: 'constant `Function(\'return this\')()`: the global object' }]]),
  ),
  'node_modules/setimmediate/setImmediate.js': [{ what: /^new Function$/, why: 'setImmediate polyfill: a function from a string callback only; its callers (jszip, exceljs) pass functions' }],
  'server/src/node/offThread.ts': [
    { what: /^require\("worker_threads"\)$/, why: 'huge documents are validated in a worker running dist/syntaxWorker.js, a file of this bundle (path from __dirname), never a workspace file' },
  ],
  'server/src/cli/check.ts': [
    { what: /^require\("worker_threads"\)$/, why: '`amo check --jobs` runs its threads on dist/cli.js itself (__filename of the bundle), never a workspace file' },
  ],
  'server/src/node/pdf.ts': [
    { what: /^require\("child_process"\)$/, why: 'PDF export launches a local Chromium found on PATH or named by a setting (the export’s trust model belongs to the renderer): a browser, not workspace JavaScript' },
  ],
};

// `vscode`: the extension host's API, external to the web client bundle (esbuild.mjs), not a file of the workspace.
const BUILTINS = new Set([...builtinModules.flatMap((m) => [m, `node:${m}`]), 'vscode']);
const WATCHED_BUILTINS = new Set(['child_process', 'vm', 'worker_threads', 'node:child_process', 'node:vm', 'node:worker_threads']);

function unwrap(e: ts.Expression): ts.Expression {
  let x = e;
  // `(0, eval)(…)` and `(eval)(…)` are indirect calls to eval.
  while (ts.isParenthesizedExpression(x) || (ts.isBinaryExpression(x) && x.operatorToken.kind === ts.SyntaxKind.CommaToken)) {
    x = ts.isParenthesizedExpression(x) ? x.expression : (x as ts.BinaryExpression).right;
  }
  return x;
}

function nameOf(e: ts.Expression): string | undefined {
  const x = unwrap(e);
  if (ts.isIdentifier(x)) return x.text;
  if (ts.isPropertyAccessExpression(x)) return x.name.text;
  return undefined;
}

/** Every dangerous construct of a bundle, with the bundled module it comes from. */
function scan(file: string): Finding[] {
  const text = fs.readFileSync(file, 'utf8');
  const markers: { at: number; module: string }[] = [];
  // Indented in an IIFE (dist/web/server.js).
  for (const m of text.matchAll(/^\s*\/\/ ((?:node_modules|server|schemas|client)\/\S+)$/gm)) markers.push({ at: m.index!, module: m[1] });
  assert.ok(markers.length > 20, `${file}: no esbuild module markers (a production build?): run \`npm run build\``);
  const moduleAt = (pos: number): string => {
    let lo = 0;
    let hi = markers.length - 1;
    let found = '(bundle runtime)';
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (markers[mid].at <= pos) {
        found = markers[mid].module;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  };
  const source = ts.createSourceFile(path.basename(file), text, ts.ScriptTarget.Latest, false, ts.ScriptKind.JS);
  const out: Finding[] = [];
  const add = (node: ts.Node, what: string): void => {
    const pos = node.getStart(source);
    out.push({ module: moduleAt(pos), what, line: source.getLineAndCharacterOfPosition(pos).line + 1 });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
      const callee = node.expression;
      const name = nameOf(callee);
      const args = node.arguments ?? ts.factory.createNodeArray();
      if (ts.isCallExpression(node) && callee.kind === ts.SyntaxKind.ImportKeyword) add(node, 'import()');
      else if (ts.isCallExpression(node) && ts.isIdentifier(callee) && callee.text === 'require') {
        const arg = args[0];
        if (args.length !== 1 || !arg || !ts.isStringLiteralLike(arg)) add(node, 'require(<non-literal>)');
        else if (!BUILTINS.has(arg.text)) add(node, `require("${arg.text}") of a non-built-in module`);
        else if (WATCHED_BUILTINS.has(arg.text)) add(node, `require("${arg.text}")`);
      } else if (name === 'eval') add(node, 'eval');
      else if (name === 'Function') add(node, ts.isNewExpression(node) ? 'new Function' : 'Function()');
      else if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && callee.expression.text === 'process' && ['binding', 'dlopen', '_linkedBinding'].includes(callee.name.text)) add(node, `process.${callee.name.text}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

function disallowed(findings: Finding[]): Finding[] {
  return findings.filter((f) => !(ALLOWED[f.module] ?? []).some((a) => a.what.test(f.what)));
}

describe('trust: no workspace code is ever loaded (bundle scan)', function () {
  this.timeout(60000);

  for (const bundle of ['server.js', 'cli.js', 'web/server.js', 'web/client.js']) {
    it(`dist/${bundle}: no dynamic require, import(), eval or Function constructor outside the allow-list`, function () {
      const file = path.join(ROOT, 'dist', bundle);
      assert.ok(fs.existsSync(file), `dist/${bundle} is missing: run \`npm run build\` first`);
      const findings = scan(file);
      const bad = disallowed(findings);
      assert.deepStrictEqual(bad, [], `not allow-listed:\n${bad.map((f) => `  ${f.module} (line ${f.line}): ${f.what}`).join('\n')}`);
      const allowed = [...new Set(findings.map((f) => `${f.what} in ${f.module.split('/').slice(0, 2).join('/')}`))];
      this.test!.title += ` [allowed: ${allowed.join('; ') || 'none'}]`;
    });
  }

  it('the scanner sees what it must refuse (self-test on a synthetic bundle)', () => {
    const tmp = path.join(ROOT, 'dist', 'test', 'trust-selftest.js');
    fs.mkdirSync(path.dirname(tmp), { recursive: true });
    const modules = Array.from({ length: 21 }, (_, i) => `// node_modules/filler${i}/index.js\nvar x${i} = ${i};`).join('\n');
    fs.writeFileSync(
      tmp,
      `${modules}\n// server/src/evil.ts\nvar m = require(name);\nrequire("left-pad");\nimport(url);\neval(code);\n(0, eval)(code);\nnew Function(code);\nFunction(code);\nrequire("vm");\nprocess.binding("fs");\nvar ok = require("fs");\n`,
    );
    try {
      const whats = disallowed(scan(tmp)).map((f) => f.what);
      assert.deepStrictEqual(whats, ['require(<non-literal>)', 'require("left-pad") of a non-built-in module', 'import()', 'eval', 'eval', 'new Function', 'Function()', 'require("vm")', 'process.binding']);
    } finally {
      fs.rmSync(tmp, { force: true });
    }
  });

  it('ajv compiles only the bundled schemas; the legacy module resolver of vscode-languageserver is never called', () => {
    const sources: string[] = [];
    const walk = (dir: string): void => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (p.endsWith('.ts')) sources.push(p);
      }
    };
    walk(path.join(ROOT, 'server', 'src'));
    for (const f of sources) {
      const text = fs.readFileSync(f, 'utf8');
      const rel = path.relative(ROOT, f);
      assert.ok(!/\bFiles\.resolve|resolveModulePath|resolveGlobalNodePath/.test(text), `${rel} calls vscode-languageserver's module resolver`);
      for (const m of text.matchAll(/\b(?:ajv|validator)\.compile\(([^)]*)\)/g)) {
        assert.ok(rel.endsWith(path.join('language-service', 'schema.ts')) && /^(programmeSchema|consultationSchema)\b/.test(m[1]), `${rel} compiles ${m[1]} with ajv`);
      }
    }
  });
});
