/**
 * Worker thread entry (bundled as dist/syntaxWorker.js): validates the huge documents that offThread.ts
 * sends it, with the same service as the server. Over the validated size the service checks the syntax
 * only, so nothing here reads a file: the workspace provider answers nothing.
 */
import { parentPort } from 'worker_threads';
import { createLanguageService } from '../language-service';
import type { OffThreadRequest, OffThreadResponse } from './offThread';

let today = new Date().toISOString().slice(0, 10);
const service = createLanguageService({ workspace: { readText: () => undefined }, today: () => today });

parentPort?.on('message', (req: OffThreadRequest) => {
  let response: OffThreadResponse;
  try {
    today = req.today;
    response = { id: req.id, diagnostics: service.getDiagnostics({ uri: req.uri, text: req.text }, { locale: req.locale, config: req.config, trusted: req.trusted }) };
  } catch (err) {
    response = { id: req.id, error: err instanceof Error ? (err.stack ?? err.message) : String(err) };
  } finally {
    // The parse of a huge text is not kept between jobs.
    service.forget(req.uri);
  }
  parentPort!.postMessage(response);
});
