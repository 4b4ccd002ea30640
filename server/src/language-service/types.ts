import type { Diagnostic } from 'vscode-languageserver-types';
import { kindOfFileName } from './fileNames';

export type Locale = 'fr' | 'en';
export type DocKind = 'programme' | 'consultation';
export type Severity = 'error' | 'warning' | 'information' | 'hint';
export type SeveritySetting = Severity | 'off';
export type Confidence = 'V' | 'S' | 'U' | 'practice';

/** A message in both languages; the locale picks one when the diagnostic is built. */
export interface Msg {
  fr: string;
  en: string;
}

export type PathSegment = string | number;
export type Path = readonly PathSegment[];

/** Facts a diagnostic carries for its quick fixes (LSP `Diagnostic.data`, returned in codeAction requests). */
export interface DiagnosticData {
  /** The suggested replacement text of the diagnostic's range (misspelt key or enum value). */
  replacement?: string;
  /** The document path of the node the finding is about. */
  path?: (string | number)[];
  /** The keys a finding says are missing (RSK-001). */
  missing?: string[];
  /** The catalogue code a finding refers to (RSK-008: the expected risk, e.g. TEC-AMIANTE). */
  catalog?: string;
  /** The total a list of weights should reach (CSL-006: the declared total; CSL-007: the parent weight or 100). */
  expected?: number;
}

/** A diagnostic as published: an LSP Diagnostic with a string code and `source: 'amo'`. */
export interface AmoDiagnostic extends Diagnostic {
  code: string;
  source: 'amo';
  data?: DiagnosticData;
}

/** Rule configuration: per-code severity overrides. Keys are codes (`CSL-017`) or families (`CSL-*`). */
export interface AmoConfig {
  rules?: Record<string, SeveritySetting>;
}

/** A document as the service sees it: no file system, no editor. */
export interface TextDocumentLike {
  uri: string;
  text: string;
}

/** Where the outside world comes in: how to read a file the editor does not have open. */
export interface WorkspaceProvider {
  /** The text of `uri` (open buffer first, then disk); undefined when it does not exist or cannot be read. */
  readText(uri: string): string | undefined;
  /**
   * URIs of every AMO document the host knows (open ones and those found in the workspace folders), for
   * cross-file references and workspace symbols. Optional: without it, navigation stays within the
   * request document and the programme it names.
   */
  listDocuments?(): string[];
  /**
   * Whether a document may make the service read `uri` (a consultation's `programme:`): the host's reach — the
   * workspace folders and open documents in the server, the folders checked and their project root in the CLI.
   * `from` is the document that names `uri` (a virtual document never reaches a `file:`). A programme out of reach
   * is never read (REF-003 says so). Absent: whatever `readText` can read.
   */
  mayRead?(uri: string, from?: string): boolean;
}

export function docKindOf(uri: string): DocKind | undefined {
  return kindOfFileName(uri);
}

export function pick(msg: Msg, locale: Locale): string {
  return locale === 'en' ? msg.en : msg.fr;
}
