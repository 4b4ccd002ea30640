import { Worker } from 'worker_threads';
import type { AmoConfig, AmoDiagnostic, Locale, TextDocumentLike } from '../language-service';

/** One validation asked of the worker (syntaxWorker.ts). */
export interface OffThreadRequest {
  id: number;
  uri: string;
  text: string;
  locale: Locale;
  config?: AmoConfig;
  /** False in an untrusted workspace (directives without codes silence nothing). */
  trusted?: boolean;
  today: string;
}

export interface OffThreadResponse {
  id: number;
  diagnostics?: AmoDiagnostic[];
  error?: string;
}

export interface OffThreadOptions {
  locale: Locale;
  config?: AmoConfig;
  trusted?: boolean;
}

/**
 * Validation of huge documents in a worker thread. Over the validated size the service checks the syntax
 * only, but the `yaml` parse alone takes about a second per megabyte: on the main thread it would hold
 * every request of every document for that long. One worker, one job at a time; a job still waiting
 * when a newer text of the same document arrives is dropped (resolves to undefined). The worker's heap
 * is capped: a document that exhausts it kills the worker (restarted on the next job), not the server.
 */
export function createOffThreadValidator(workerFile: string, today: () => string, log: (m: string) => void) {
  let worker: Worker | undefined;
  let running: { id: number; resolve: (d: AmoDiagnostic[] | undefined) => void; reject: (e: Error) => void } | undefined;
  const waiting = new Map<string, { doc: TextDocumentLike; options: OffThreadOptions; resolve: (d: AmoDiagnostic[] | undefined) => void; reject: (e: Error) => void }>();
  let nextId = 0;

  function fail(message: string): void {
    running?.reject(new Error(message));
    running = undefined;
    worker = undefined;
    pump();
  }

  function spawn(): Worker {
    // stdout/stderr piped, not inherited: nothing from the worker may reach the protocol stream.
    const w = new Worker(workerFile, { resourceLimits: { maxOldGenerationSizeMb: 2048 }, stdout: true, stderr: true });
    w.stdout.resume();
    w.stderr.on('data', (b: Buffer) => log(`validation worker: ${b.toString().trimEnd()}`));
    w.on('message', (m: OffThreadResponse) => {
      if (!running || m.id !== running.id) return;
      const done = running;
      running = undefined;
      if (m.error !== undefined) done.reject(new Error(m.error));
      else done.resolve(m.diagnostics ?? []);
      pump();
    });
    w.on('error', (err) => fail(`validation worker failed: ${err.message}`));
    w.on('exit', (code) => {
      if (worker === w) fail(`validation worker exited (code ${code})`);
    });
    w.unref();
    return w;
  }

  function pump(): void {
    if (running) return;
    const first = waiting.entries().next();
    if (first.done) return;
    const [uri, job] = first.value;
    waiting.delete(uri);
    try {
      worker ??= spawn();
    } catch (err) {
      job.reject(err instanceof Error ? err : new Error(String(err)));
      return;
    }
    const id = ++nextId;
    running = { id, resolve: job.resolve, reject: job.reject };
    const request: OffThreadRequest = { id, uri, text: job.doc.text, locale: job.options.locale, config: job.options.config, trusted: job.options.trusted, today: today() };
    worker.postMessage(request);
  }

  return {
    /** Diagnostics of `doc` computed in the worker; undefined when a newer text of the document replaced the job. */
    validate(doc: TextDocumentLike, options: OffThreadOptions): Promise<AmoDiagnostic[] | undefined> {
      return new Promise((resolve, reject) => {
        waiting.get(doc.uri)?.resolve(undefined);
        waiting.set(doc.uri, { doc, options, resolve, reject });
        pump();
      });
    },
    /** Stops the worker (tests, shutdown). */
    dispose(): Promise<number> | undefined {
      const w = worker;
      worker = undefined;
      return w?.terminate();
    },
  };
}
