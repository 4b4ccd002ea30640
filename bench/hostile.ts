/**
 * `npm run bench:hostile`: what each hostile class of docs/robustness.md costs the Node server (dist/server.js
 * over stdio), and whether the server stays responsive meanwhile. For each input: a small programme is open
 * and validated first; the hostile document is opened (or, for the keystroke cases, typed into) and, until
 * its diagnostics arrive, the other document is hovered every 20 ms. Recorded: time to the hostile
 * document's diagnostics, how many were published and their size on the wire, the slowest hover on the
 * other document, the server's peak resident memory, and for the date-span cases `amo/render` of the
 * planning (HTML and DOCX). Writes bench/results/hostile-<date>[-production].json. Not a test: no verdict in CI.
 * `--production`: the bundles the VSIX ships, started with the client's process options (as bench/run.ts).
 */
import { execFileSync } from 'child_process';
import { SERVER_ENV, SERVER_EXEC_ARGV } from '../server/src/node/processOptions';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { BenchServer } from './lsp';

const ROOT = path.resolve(__dirname, '..');
const OTHER = fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'rules', 'base.programme.yaml'), 'utf8');

interface Case {
  name: string;
  file: string;
  text: () => string;
  /** Typed into the document once it is validated: the cost of one keystroke. */
  keystroke?: boolean;
  render?: boolean;
}

const head = 'version: 1\nstatut: arrete\noperation:\n  id: OP\n  intitule: Opération\n  maitre_ouvrage: Commune\n  nature: rehabilitation\n';
const phase = (i: number, debut = '2026-01-05', fin = '2026-03-27'): string => `  - id: PH-${i}\n    code: ESQ\n    libelle: Phase ${i}\n    debut: ${debut}\n    fin: ${fin}\n`;

const CASES: Case[] = [
  { name: 'one phase from year 0001 to 9999 (188 bytes)', file: 'span.programme.yaml', text: () => `${head}phases:\n${phase(1, '0001-01-01', '9999-12-31')}`, render: true },
  { name: '40 phases from 0001 to 9999 (3 kB)', file: 'spans.programme.yaml', text: () => `${head}phases:\n${Array.from({ length: 40 }, (_, i) => phase(i, '0001-01-01', '9999-12-31')).join('')}`, render: true },
  { name: 'flow sequence of 160,000 items (320 kB)', file: 'flow.programme.yaml', text: () => `${head}phases: [${Array(160_000).fill('1').join(', ')}]\n` },
  { name: 'block sequence of 160,000 items', file: 'block.programme.yaml', text: () => `${head}phases:\n${'  - 1\n'.repeat(160_000)}` },
  { name: '25,000 unknown keys (330 kB)', file: 'keys.programme.yaml', text: () => `${head}${Array.from({ length: 25_000 }, (_, i) => `cle_inconnue_${i}: x\n`).join('')}` },
  { name: '100,000 anchors', file: 'anchors.programme.yaml', text: () => `${head}phases:\n${Array.from({ length: 100_000 }, (_, i) => `  - &a${i} 1\n`).join('')}` },
  { name: 'valid programme of 2,000 phases (280 kB), one typed x', file: 'p2000.programme.yaml', text: () => `${head}phases:\n${Array.from({ length: 2000 }, (_, i) => phase(i)).join('')}`, keystroke: true },
  { name: 'valid programme of 12,000 phases, one typed x', file: 'p12000.programme.yaml', text: () => `${head}phases:\n${Array.from({ length: 12_000 }, (_, i) => phase(i)).join('')}`, keystroke: true },
  { name: '1.9 MB programme (valid)', file: 'big.programme.yaml', text: () => `${head}phases:\n${Array.from({ length: 20_000 }, (_, i) => phase(i)).join('')}` },
  { name: 'flow sequence of 900,000 items (1.8 MB)', file: 'flow900k.programme.yaml', text: () => `${head}phases: [${Array(900_000).fill('1').join(',')}]\n` },
];

interface Row {
  case: string;
  bytes: number;
  toDiagnosticsMs: number;
  diagnostics: number;
  wireKb: number;
  slowestOtherHoverMs: number;
  hovers: number;
  peakRssMb: number;
  renderHtmlMs?: number;
  renderDocxMs?: number;
}

const PRODUCTION = process.argv.includes('--production');
const DIST_MIN = path.join(ROOT, 'bench', '.work', 'dist-min');

async function measure(c: Case, dir: string): Promise<Row> {
  // --production: the bundles the VSIX ships (bench/.work/dist-min, built by bench/run.ts or here), started with the client's process options.
  const args = PRODUCTION ? [...SERVER_EXEC_ARGV, path.join(DIST_MIN, 'server.js'), '--stdio'] : [path.join(ROOT, 'dist', 'server.js'), '--stdio'];
  const server = new BenchServer({ name: 'amo', command: process.execPath, args, env: { AMO_TODAY: '2026-11-28', ...(PRODUCTION ? SERVER_ENV : {}) }, settings: () => ({ validation: { scope: 'openFiles' } }) });
  try {
    await server.initialize(pathToFileURL(dir).toString());
    const other = pathToFileURL(path.join(dir, 'autre.programme.yaml')).toString();
    await server.open(other, 'yaml', OTHER);
    await server.diagnostics(other, () => true, 60_000);
    const uri = pathToFileURL(path.join(dir, c.file)).toString();
    let text = c.text();
    let version = 1;
    if (c.keystroke) {
      await server.open(uri, 'yaml', text);
      await server.diagnostics(uri, (p) => p.version === 1, 600_000);
    }
    // Hover on the other document while the hostile one is validated.
    let slowest = 0;
    let hovers = 0;
    let done = false;
    const hoverLoop = (async () => {
      while (!done) {
        const t = performance.now();
        await server.connection.sendRequest('textDocument/hover', { textDocument: { uri: other }, position: { line: 8, character: 4 } });
        slowest = Math.max(slowest, performance.now() - t);
        hovers++;
        await server.wait(20);
      }
    })();
    const started = performance.now();
    if (c.keystroke) {
      const line = Math.floor(text.split('\n').length / 2);
      version = 2;
      await server.change(uri, version, { line, character: 4 }, { line, character: 4 }, 'x');
      const lines = text.split('\n');
      lines[line] = `${lines[line].slice(0, 4)}x${lines[line].slice(4)}`;
      text = lines.join('\n');
    } else await server.open(uri, 'yaml', text);
    const published = await server.diagnostics(uri, (p) => p.version === version, 600_000);
    const toDiagnosticsMs = performance.now() - started;
    done = true;
    await hoverLoop;
    const row: Row = {
      case: c.name,
      bytes: Buffer.byteLength(text),
      toDiagnosticsMs: Math.round(toDiagnosticsMs),
      diagnostics: published.diagnostics.length,
      wireKb: Math.round(Buffer.byteLength(JSON.stringify(published.diagnostics)) / 1024),
      slowestOtherHoverMs: Math.round(slowest),
      hovers,
      peakRssMb: server.peakRssMb(),
    };
    if (c.render) {
      for (const format of ['html', 'docx'] as const) {
        const t = performance.now();
        await server.connection.sendRequest('amo/render', { uri, deliverable: 'planning', format });
        row[format === 'html' ? 'renderHtmlMs' : 'renderDocxMs'] = Math.round(performance.now() - t);
      }
      row.peakRssMb = server.peakRssMb();
    }
    return row;
  } finally {
    await server.dispose();
  }
}

async function main(): Promise<void> {
  if (!fs.existsSync(path.join(ROOT, 'dist', 'server.js'))) throw new Error('dist/server.js is missing: run `npm run build` first');
  if (PRODUCTION) execFileSync(process.execPath, [path.join(ROOT, 'esbuild.mjs'), '--production', '--outdir', DIST_MIN], { cwd: ROOT, stdio: 'inherit' });
  const only = process.argv.slice(2).find((a) => a.startsWith('--only='))?.slice(7);
  const rows: Row[] = [];
  for (const c of CASES.filter((x) => !only || x.file.startsWith(only))) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amo-hostile-bench-'));
    try {
      const row = await measure(c, dir);
      rows.push(row);
      console.log(`${row.case}: ${row.toDiagnosticsMs} ms to ${row.diagnostics} diagnostics (${row.wireKb} kB), slowest hover on the other document ${row.slowestOtherHoverMs} ms over ${row.hovers}, peak ${row.peakRssMb} MB${row.renderHtmlMs !== undefined ? `, planning HTML ${row.renderHtmlMs} ms / DOCX ${row.renderDocxMs} ms` : ''}`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  // A partial run (--only) never replaces the day's full record.
  const out = path.join(ROOT, 'bench', 'results', `hostile-${new Date().toISOString().slice(0, 10)}${PRODUCTION ? '-production' : ''}${only ? `-${only}` : ''}.json`);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, `${JSON.stringify({ date: new Date().toISOString(), node: process.version, cpus: os.cpus().length, loadAverage: os.loadavg()[0], server: PRODUCTION ? 'production bundle, client process options' : 'dist/server.js', rows }, null, 2)}\n`);
  console.log(`written ${path.relative(ROOT, out)}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
