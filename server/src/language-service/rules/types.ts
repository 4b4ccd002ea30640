import type { FixerName } from '../actions/fixers';
import type { ParsedDocument, Target } from '../parse';
import type { Confidence, DiagnosticData, DocKind, Msg, Path, Severity } from '../types';
import type { Obj } from '../util/data';

export interface RuleMeta {
  /** Stable code, listed in docs/rules.md (families in docs/format.md, e.g. REF-…). */
  id: string;
  kind: DocKind | 'both';
  severity: Severity;
  /** What the rule checks, in both languages (docs/rules.md and hovers). */
  title: Msg;
  /** Legal or professional basis: article, case, guide. */
  basis: string;
  confidence: Confidence;
  /** A public source, used as the diagnostic's codeDescription. */
  url?: string;
  /** A Livre IV (loi MOP) requirement: demoted to information for buyers outside L2411-1 (PRG-014), to a warning where the category does not settle it. */
  livreIV?: boolean;
  /**
   * `ccp`: a rule of the public procurement code, demoted to information for a buyer outside it (a private
   * owner). Rules without a scope (integrity, practice) apply to every file.
   */
  scope?: 'ccp';
  /**
   * The quick fixes of its diagnostics, by name (actions/fixers.ts), in the order they are offered. A type-only
   * import: the rules never load the editing code.
   */
  fixes?: readonly FixerName[];
}

export interface ReportOptions {
  target?: Target;
  /** A rule with two levels (CSL-020 error / warning) sets it per finding. */
  severity?: Severity;
  /** Facts for quick fixes, added to the diagnostic's `data` next to its `path` (JSON-serialisable). */
  data?: Omit<DiagnosticData, 'path'>;
}

/** What a consultation rule knows of its programme, when the `programme:` file could be read. */
export interface ProgrammeLink {
  uri: string;
  parsed: ParsedDocument;
  data: Obj;
}

export interface RuleContext {
  parsed: ParsedDocument;
  data: Obj;
  /** Today's date (ISO), injected so that tests and CLI runs are reproducible. */
  today: string;
  programme?: ProgrammeLink;
  report(path: Path, message: Msg, options?: ReportOptions): void;
}

export interface Rule extends RuleMeta {
  check(ctx: RuleContext): void;
}
