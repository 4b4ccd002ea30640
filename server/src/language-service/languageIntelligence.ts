import type { CompletionList, Hover, Position } from 'vscode-languageserver-types';
import { completionList } from './completion/completion';
import { hoverAt } from './hover';
import type { ParsedDocument } from './parse';
import type { Locale, TextDocumentLike } from './types';

/** What completion and hover need from the service: its parse cache, today, the programme resolution. */
export interface IntelligenceHost {
  parse(doc: TextDocumentLike): ParsedDocument;
  today(): string;
  /** The parse of the programme a consultation names (cached), or undefined (not a consultation, no file). */
  programmeOf(parsed: ParsedDocument): ParsedDocument | undefined;
}

export interface CompletionOptions {
  locale?: Locale;
  /** The character that triggered the request (`CompletionContext.triggerCharacter`). */
  triggerCharacter?: string;
}

export interface HoverOptions {
  locale?: Locale;
}

/**
 * Completion and hover, pure over the service's parse cache: no re-parse per request, the programme of
 * a consultation read through the workspace provider only when ids of it are needed. Synchronous; a
 * cancelled request is answered by the server's runner. Nothing here throws on user input.
 */
export interface LanguageIntelligence {
  /**
   * Completion items at `position`: keys still missing in the map at the cursor (with their French title
   * and bilingual documentation), enum values with their labels, catalogue codes (phases in the legal
   * order, risk categories, award criteria, procedures), ids defined elsewhere (acteurs, phases — of the
   * programme for a consultation —, lots, criteria as keys of an offer's `notes`), a reserve's firm among
   * the offers of its lot (retained first) and whole-block snippets (a phase, a catalogue risk, a
   * criteria set weighted to 100, an offer, a review, a reserve, an indicator, the reception). Each item's
   * `textEdit` replaces the word under the cursor. An empty list (never null) in comments, inside free
   * text, for a document that is not an AMO file, or when `triggerCharacter` does not open suggestions
   * there (a blank typed while indenting).
   */
  getCompletions(doc: TextDocumentLike, position: Position, options?: CompletionOptions): CompletionList;
  /**
   * Markdown hover at `position`: the schema documentation of a key (both languages, the locale's first),
   * the catalogue entry of a value with its legal or professional basis, and computed facts: a risk's
   * criticality and class, weight totals of criteria and sub-criteria, an offer's weighted score and
   * rank, the tender period against the legal minimum, the EU threshold at the launch date, and the
   * follow-up counted from today: a deliverable's delay, a milestone's slippage, the end of the GPA and a
   * reserve's position against it, an indicator's last measure against its target. Null when
   * the position is on nothing documented (blank, comment, unknown key) or the document is not an AMO file.
   */
  getHover(doc: TextDocumentLike, position: Position, options?: HoverOptions): Hover | null;
}

export function createLanguageIntelligence(host: IntelligenceHost): LanguageIntelligence {
  return {
    getCompletions(doc, position, options = {}) {
      const parsed = host.parse(doc);
      return completionList(parsed, parsed.lines.offsetAt(position), {
        locale: options.locale ?? 'fr',
        today: host.today(),
        programme: () => host.programmeOf(parsed),
        triggerCharacter: options.triggerCharacter,
      });
    },
    getHover(doc, position, options = {}) {
      const parsed = host.parse(doc);
      return hoverAt(parsed, parsed.lines.offsetAt(position), {
        locale: options.locale ?? 'fr',
        today: host.today(),
        programme: () => host.programmeOf(parsed),
      });
    },
  };
}
