import type { Connection, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { AmoConfig, AmoDiagnostic, LanguageService, Locale, TextDocumentLike } from './language-service';
import { heavy, unaffordable } from './language-service/limits';
import type { DiagnosticsHub } from './diagnosticsHub';
import { ValidationStatusNotification } from './protocol';
import type { AmoSettings, DocumentSettings } from './settings';
import { configuredDelay, ValidationTimes } from './validationDelay';

const DEFAULT_DELAY_MS = 50;

/** What one validation run gives: the diagnostics of a version, or the error it threw. */
type RunOutcome = { version: number; diagnostics: AmoDiagnostic[]; durationMs: number } | { version: number; error: string };

export interface ValidationHost {
  connection: Connection;
  /** Where each result goes (pushed or kept for the client's pull: diagnosticsHub.ts). */
  hub: Pick<DiagnosticsHub, 'deliver' | 'failed'>;
  documents: TextDocuments<TextDocument>;
  service: LanguageService;
  settings: DocumentSettings;
  /** Syntax-only diagnostics of a huge document off the main thread (the Node host's worker). */
  validateLarge?(doc: TextDocumentLike, options: { locale: Locale; config?: AmoConfig; trusted?: boolean }): Promise<AmoDiagnostic[] | undefined>;
  log(message: string): void;
}

/**
 * Validation of the open documents (docs/architecture.md, "From a keystroke to a diagnostic"): one timer per
 * document, an adaptive delay after edits (validationDelay.ts), a run dropped when the text moved meanwhile,
 * the consultations of an edited programme scheduled with it, and the diagnostics published with the
 * version they describe, then `amo/validationStatus`.
 */
export class ValidationScheduler {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Documents whose pending validation follows an edit: only those runs feed the adaptive debounce. */
  private readonly afterEdit = new Set<string>();
  private readonly times = new ValidationTimes();
  /** consultation URI → programme URI it names (for revalidation when the programme changes). */
  private readonly dependsOn = new Map<string, string>();
  /** Runs of each document under way (between its timer and its result; two may overlap). */
  private readonly running = new Map<string, number>();

  constructor(private readonly host: ValidationHost) {}

  /** Diagnostics of a text with a document's settings (open documents, and the workspace's files from disk). */
  async diagnose(uri: string, text: string, known?: AmoSettings): Promise<AmoDiagnostic[] | undefined> {
    const { service, validateLarge } = this.host;
    const options = await this.optionsOf(uri, known);
    const doc = { uri, text };
    // A huge or heavy document (limits.ts) would hold every request for seconds: its syntax is checked in a worker when the host has one.
    // A text too costly even for its syntax is not parsed at all: its one notice needs no worker.
    return heavy(text) && validateLarge && !unaffordable(text) ? validateLarge(doc, options) : service.getDiagnostics(doc, options);
  }

  /** What a document is validated with besides its text: locale, rule configuration, trust (the cache's key has them). */
  async optionsOf(uri: string, known?: AmoSettings): Promise<{ locale: Locale; config?: AmoConfig; trusted: boolean }> {
    const { settings } = this.host;
    const s = known ?? (await settings.of(uri));
    return { locale: settings.locale(s), config: await settings.config(uri, s), trusted: settings.trusted };
  }

  private async validate(uri: string, measured: boolean): Promise<void> {
    this.running.set(uri, (this.running.get(uri) ?? 0) + 1);
    let outcome: RunOutcome | undefined;
    try {
      outcome = await this.run(uri, measured);
    } finally {
      const n = (this.running.get(uri) ?? 1) - 1;
      if (n > 0) this.running.set(uri, n);
      else this.running.delete(uri);
    }
    // Handed over once this run no longer counts as pending: a pull woken by it does not wait for it.
    if (!outcome) return;
    if ('error' in outcome) {
      this.host.hub.failed(uri, outcome.version);
      this.host.log(`Validation of ${uri} failed: ${outcome.error}`);
      return;
    }
    const { version, diagnostics, durationMs } = outcome;
    this.host.hub.deliver(uri, version, diagnostics);
    void this.host.connection.sendNotification(ValidationStatusNotification, {
      uri,
      version,
      errors: diagnostics.filter((d) => d.severity === 1).length,
      warnings: diagnostics.filter((d) => d.severity === 2).length,
      durationMs: Math.round(durationMs * 10) / 10,
    });
  }

  /** Some open document's validation is scheduled or running (the workspace pass waits for it). */
  busy(): boolean {
    return this.timers.size > 0 || this.running.size > 0;
  }

  /** A validation of this open document is scheduled or running (a pull waits for its result). */
  pending(uri: string): boolean {
    return this.timers.has(uri) || this.running.has(uri);
  }

  /** One run: its result, or why it threw; undefined when dropped (the document closed or moved on meanwhile). */
  private async run(uri: string, measured: boolean): Promise<RunOutcome | undefined> {
    const { documents, service } = this.host;
    const doc = documents.get(uri);
    if (!doc) return undefined;
    const version = doc.version;
    const settings = await this.host.settings.of(uri);
    const current = documents.get(uri);
    // Drop the run when the user typed meanwhile: a newer validation is already scheduled.
    if (!current || current.version !== version) return undefined;
    try {
      const started = performance.now();
      const text = current.getText();
      const diagnostics = await this.diagnose(uri, text, settings);
      if (!diagnostics || documents.get(uri)?.version !== version) return undefined;
      const prog = service.getProgrammeUri({ uri, text });
      if (prog) this.dependsOn.set(uri, prog);
      else this.dependsOn.delete(uri);
      const durationMs = performance.now() - started;
      // What a validation of this document costs after an edit sets the next debounce (validationDelay.ts).
      if (measured) this.times.record(uri, durationMs);
      return { version, diagnostics, durationMs };
    } catch (err) {
      return { version, error: err instanceof Error ? (err.stack ?? err.message) : String(err) };
    }
  }

  /** Validates `uri` after `delay` ms, replacing a pending run; `edit`: the run follows an edit of the text. */
  schedule(uri: string, delay = 0, edit = false): void {
    const t = this.timers.get(uri);
    if (t) clearTimeout(t);
    // A run for another reason (open, settings, a file on disk) that replaces one after an edit is not timed either.
    if (edit) this.afterEdit.add(uri);
    else this.afterEdit.delete(uri);
    this.timers.set(
      uri,
      setTimeout(() => {
        this.timers.delete(uri);
        const measured = this.afterEdit.delete(uri);
        void this.validate(uri, measured);
      }, delay),
    );
  }

  /** After an edit: the configured delay at most, less when this document validates fast (validationDelay.ts). */
  async afterChange(uri: string): Promise<void> {
    const s = await this.host.settings.of(uri);
    this.schedule(uri, this.times.delay(uri, configuredDelay(s.validation?.delay, DEFAULT_DELAY_MS)), true);
  }

  /** Consultations open in the editor that name `programmeUri`. */
  dependents(programmeUri: string): string[] {
    return [...this.dependsOn].filter(([c, p]) => p === programmeUri && this.host.documents.get(c)).map(([c]) => c);
  }

  /** Every open document, at once. */
  all(): void {
    for (const d of this.host.documents.all()) this.schedule(d.uri, 0);
  }

  /** A document closed: its pending run, timings and link go; the consultations naming it are checked again. */
  closed(uri: string): void {
    const t = this.timers.get(uri);
    if (t) clearTimeout(t);
    this.timers.delete(uri);
    this.afterEdit.delete(uri);
    this.times.forget(uri);
    this.dependsOn.delete(uri);
    // The programme may still be read from disk by a consultation: its disk text replaces the buffer.
    for (const c of this.dependents(uri)) this.schedule(c, 0);
  }
}
