import type { ClientCapabilities, Connection, ServerCapabilities, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { AmoConfig, LanguageService, Locale } from '../language-service';

/** What a feature module needs from the server: no globals, everything passed in. */
export interface FeatureContext {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  service: LanguageService;
  log(message: string): void;
  /** The locale of messages for a document (the `amo.locale` setting, else the client's). */
  localeFor(uri: string): Promise<Locale>;
  /** The effective rule configuration of a document (amo.config.json merged under `amo.rules`). */
  configFor(uri: string): Promise<AmoConfig>;
  /** What the client announced at initialize (empty before): edits with versions, hierarchical symbols… */
  clientCapabilities(): ClientCapabilities;
  /** Reads a document that may not be open (open buffer first, then the host's files). */
  readText?(uri: string): string | undefined;
  /** Today's date, ISO (pinned by AMO_TODAY in tests). */
  today?(): string;
  /** URIs of the AMO documents known to the server (open ones and those of the workspace folders). */
  listDocuments?(): string[];
  /** False in an untrusted workspace (initialize's `trusted: false`): directives without codes silence nothing. */
  trusted?(): boolean;
}

/** One LSP feature: the capabilities it announces and the handlers it registers. */
export interface Feature {
  capabilities: ServerCapabilities;
  register(ctx: FeatureContext): void;
}
