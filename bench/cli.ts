/**
 * `amo check` on a generated folder of N operations (4 files each: the school example and the faulty pair),
 * with --jobs 1 and --jobs <cores>: wall time (median of 3), and the same output in both (checked). The
 * budget: on 2 cores, ≤ 0.6 × the single-thread time at 400 files. Beside it, the machine's floor: two `--jobs 1`
 * processes on half the files each, at once.
 *
 *   npm run build && npx tsx bench/cli.ts [--ops 100] [--jobs 2]
 *
 * Writes bench/results/cli-<YYYY-MM-DD>.json. No timing verdict in CI.
 */
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..');
const SOURCES = [
  'examples/ecole-jules-ferry.programme.yaml',
  'examples/ecole-jules-ferry-travaux.consultation.yaml',
  'examples/erreurs/ecole-erreurs.programme.yaml',
  'examples/erreurs/ecole-erreurs.consultation.yaml',
];

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function check(dir: string, jobs: number): { ms: number; out: string } {
  const t = performance.now();
  const r = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), 'check', dir, '--format', 'json', '--jobs', String(jobs)], { encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, AMO_TODAY: '2026-11-28' } });
  const ms = performance.now() - t;
  if (r.status !== 1) throw new Error(`amo check exited ${r.status}: ${r.stderr}`);
  return { ms, out: r.stdout };
}

/**
 * The machine's own floor: the folder split in two halves, each checked by its own `--jobs 1` process, both at
 * once. What two independent processes achieve is the most two threads can (the vCPUs of a VM may share a
 * physical core: then it is far from half).
 */
async function twoProcesses(halves: [string, string]): Promise<number> {
  const t = performance.now();
  await Promise.all(
    halves.map(
      (dir) =>
        new Promise<void>((resolve, reject) => {
          const p = spawn(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), 'check', dir, '--format', 'json', '--jobs', '1'], { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, AMO_TODAY: '2026-11-28' } });
          p.on('exit', (code) => (code === 1 ? resolve() : reject(new Error(`amo check exited ${code}`))));
        }),
    ),
  );
  return performance.now() - t;
}

const ops = Number(arg('--ops') ?? 100);
const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
const jobs = Number(arg('--jobs') ?? cores);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amo-bench-cli-'));
const halves: [string, string] = [fs.mkdtempSync(path.join(os.tmpdir(), 'amo-bench-cli-a-')), fs.mkdtempSync(path.join(os.tmpdir(), 'amo-bench-cli-b-'))];
for (let i = 0; i < ops; i++) {
  for (const root of [dir, halves[i % 2]]) {
    const op = path.join(root, `operation-${String(i).padStart(4, '0')}`);
    fs.mkdirSync(op);
    for (const s of SOURCES) fs.copyFileSync(path.join(ROOT, s), path.join(op, path.basename(s)));
  }
}
void (async () => {
try {
  const one: number[] = [];
  const many: number[] = [];
  let ref = '';
  const floor: number[] = [];
  for (let k = 0; k < 3; k++) {
    const a = check(dir, 1);
    const b = check(dir, jobs);
    if (a.out !== b.out) throw new Error('--jobs changed the output');
    ref = a.out;
    one.push(a.ms);
    many.push(b.ms);
    floor.push(await twoProcesses(halves));
  }
  const load = os.loadavg()[0];
  const result = {
    date: new Date().toISOString(),
    node: process.version,
    cores,
    loadAverage1m: Math.round(load * 100) / 100,
    operations: ops,
    files: ops * SOURCES.length,
    outputBytes: ref.length,
    jobs1Ms: Math.round(median(one)),
    [`jobs${jobs}Ms`]: Math.round(median(many)),
    ratio: Math.round((median(many) / median(one)) * 100) / 100,
    twoProcessesOnHalvesMs: Math.round(median(floor)),
    machineFloorRatio: Math.round((median(floor) / median(one)) * 100) / 100,
  };
  console.log(`${result.files} files: --jobs 1 ${result.jobs1Ms} ms, --jobs ${jobs} ${Math.round(median(many))} ms (×${result.ratio}; budget ≤ 0.6 on 2 cores), load ${result.loadAverage1m}`);
  console.log(`machine floor: two --jobs 1 processes on half the files each, at once: ${result.twoProcessesOnHalvesMs} ms (×${result.machineFloorRatio} of one process on all)`);
  const out = path.join(ROOT, 'bench', 'results', `cli-${new Date().toISOString().slice(0, 10)}.json`);
  fs.writeFileSync(out, JSON.stringify(result, null, 2) + '\n');
  console.log(`Results written to ${path.relative(ROOT, out)}`);
} finally {
  for (const d of [dir, ...halves]) fs.rmSync(d, { recursive: true, force: true });
}
})();
