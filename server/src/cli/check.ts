// `amo check` over many files: one file's check (read, configuration, diagnostics), run in this thread or
// spread over worker threads (`--jobs N`). Results come back in the order of the files whatever the thread
// that computed them, so the output is identical with any number of jobs (test/cli/jobs.test.ts).
import * as os from 'os';
import * as path from 'path';
import { isMainThread, parentPort, Worker, workerData } from 'worker_threads';
import { createLanguageService, docKindOf, mergeConfigs, type AmoConfig, type LanguageService, type Locale } from '../language-service';
import { fileUri, findConfig, inReach, readFileUri } from '../node/nodeWorkspace';
import { readFailureMessage, readRegularFile } from '../node/safeRead';
import type { FileResult } from './formats';

export interface CheckOptions {
  cwd: string;
  locale: Locale;
  /** `--config`: merged over each file's own amo.config.json. */
  explicit?: AmoConfig;
  /** The date the dated rules judge at (ISO), the same in every thread. */
  today: string;
  /** The folders a checked file may make `amo` read (node/nodeWorkspace.ts reachFolders); absent: any. */
  reach?: string[];
}

/** What checking one file gives: its result, or none when it cannot be read; the messages for stderr. */
export interface FileCheck {
  result?: FileResult;
  errors: string[];
  logs: string[];
}

/** Below this many files per job, threads cost more than they save (each loads the bundle and compiles the schemas: ~0.3 s). */
export const FILES_PER_JOB = 16;

/** A service whose log lines are collected, and a check of one file that takes the lines it caused. */
function checker(options: CheckOptions): (file: string) => FileCheck {
  const logs: string[] = [];
  const reach = options.reach;
  const service = createLanguageService({ workspace: { readText: readFileUri, mayRead: reach ? (uri) => inReach(uri, reach) : undefined }, today: () => options.today, log: (m) => logs.push(m) });
  return (file) => {
    const check = checkOne(service, file, options);
    check.logs = logs.splice(0);
    return check;
  };
}

function checkOne(service: LanguageService, file: string, options: CheckOptions): FileCheck {
  const errors: string[] = [];
  const uri = fileUri(file);
  const read = readRegularFile(file);
  if (!('text' in read)) return { errors: [`${path.relative(options.cwd, file)}: ${readFailureMessage(read.error)}`], logs: [] };
  const found = findConfig(uri);
  if (found.error) errors.push(`amo.config.json: ${found.error}`);
  const config = mergeConfigs(found.config, options.explicit);
  const diagnostics = service.getDiagnostics({ uri, text: read.text }, { locale: options.locale, config });
  // No other file reads a consultation: its parse goes at once (memory, hence GC, stays that of the programmes).
  if (docKindOf(uri) === 'consultation') service.forget(uri);
  return { result: { file: path.relative(options.cwd, file) || file, diagnostics }, errors, logs: [] };
}

/** Every file checked in this thread, in order, by one service (a programme several files name is parsed once). */
export function checkSequential(files: readonly string[], options: CheckOptions): FileCheck[] {
  const check = checker(options);
  return files.map((file) => check(file));
}

/**
 * The threads to use: `--jobs N` as asked (at most one per file); by default the cores available, but at
 * most one per FILES_PER_JOB files, so a small folder is checked in this thread.
 */
export function jobCount(requested: number | undefined, files: number): number {
  if (requested !== undefined) return Math.max(1, Math.min(requested, files));
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return Math.max(1, Math.min(cores, Math.ceil(files / FILES_PER_JOB)));
}

interface WorkerInit {
  amoCheck: true;
  options: CheckOptions;
}

type ToWorker = { indices: number[]; files: string[] } | { stop: true };
type FromWorker = { indices: number[]; checks: FileCheck[] };

/**
 * The files in batches of one folder each, in order: a consultation and the programme beside it go to the same
 * thread, which parses the programme once (handed out file by file, each thread parsed most programmes again:
 * --jobs 2 was 1.2× slower than one thread on 400 files).
 */
function byFolder(files: readonly string[]): number[][] {
  const groups = new Map<string, number[]>();
  files.forEach((f, i) => {
    const dir = path.dirname(f);
    const g = groups.get(dir);
    if (g) g.push(i);
    else groups.set(dir, [i]);
  });
  return [...groups.values()];
}

/**
 * The files checked by `jobs` worker threads running `script` (the CLI bundle itself), handed out one folder at a
 * time to whichever thread is free; results in the order of `files`. A thread that fails ends the run with
 * an error (never a partial output taken for a full one).
 */
export function checkParallel(files: readonly string[], options: CheckOptions, jobs: number, script: string): Promise<FileCheck[]> {
  const results: FileCheck[] = new Array(files.length);
  const batches = byFolder(files);
  let next = 0;
  let done = 0;
  return new Promise((resolve, reject) => {
    const workers: Worker[] = [];
    let failed = false;
    const fail = (err: unknown): void => {
      if (failed) return;
      failed = true;
      for (const w of workers) void w.terminate();
      reject(err instanceof Error ? err : new Error(String(err)));
    };
    const feed = (w: Worker): void => {
      if (next < batches.length) {
        const indices = batches[next++];
        w.postMessage({ indices, files: indices.map((i) => files[i]) } satisfies ToWorker);
      } else w.postMessage({ stop: true } satisfies ToWorker);
    };
    for (let k = 0; k < jobs; k++) {
      const w = new Worker(script, { workerData: { amoCheck: true, options } satisfies WorkerInit });
      workers.push(w);
      w.on('message', (m: FromWorker) => {
        m.indices.forEach((index, k) => (results[index] = m.checks[k]));
        done += m.indices.length;
        if (done === files.length) {
          for (const x of workers) x.postMessage({ stop: true } satisfies ToWorker);
          resolve(results);
        } else feed(w);
      });
      w.on('error', fail);
      w.on('exit', (code) => {
        if (code !== 0 && done < files.length) fail(new Error(`worker exited with code ${code}`));
      });
      feed(w);
    }
  });
}

/** True in a thread started by checkParallel: it then serves files until told to stop. */
export function isCheckWorker(): boolean {
  return !isMainThread && (workerData as Partial<WorkerInit> | undefined)?.amoCheck === true;
}

/** The worker's loop: one service for the files it is given (a shared programme is parsed once per thread). */
export function serveChecks(): void {
  const check = checker((workerData as WorkerInit).options);
  parentPort?.on('message', (m: ToWorker) => {
    if ('stop' in m) {
      parentPort?.close();
      return;
    }
    parentPort?.postMessage({ indices: m.indices, checks: m.files.map((f) => check(f)) } satisfies FromWorker);
  });
}
