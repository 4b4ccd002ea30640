import { collectFindings, toDiagnostics, type Finding } from './diagnostics';
import { parseText, type ParsedDocument } from './parse';
import type { ProgrammeLink } from './rules/types';
import type { AmoConfig, AmoDiagnostic, Locale, Msg, TextDocumentLike, WorkspaceProvider } from './types';
import { heavy, heavyNotice, unparsed } from './limits';
import { isObj } from './util/data';
import { programmeRef, programmeUri, resolveProgrammeUri } from './model/programmeRef';
import { locate } from './parse';
import { createNavigation, type NavigationService } from './navigation';
import { WorkspaceSymbolIndex } from './navigation/workspaceSymbols';
import { createEditing, type EditingService } from './editing';
import { createLanguageIntelligence, type LanguageIntelligence } from './languageIntelligence';

export interface LanguageServiceInit {
  /** Reads documents that are not the one being validated (a consultation's programme). */
  workspace: WorkspaceProvider;
  /** Today's date, ISO `YYYY-MM-DD`; defaults to the system clock (UTC). */
  today?: () => string;
  /** Where a rule that throws is reported (a bug, never the user's fault). */
  log?: (message: string) => void;
}

export interface DiagnosticOptions {
  locale?: Locale;
  config?: AmoConfig;
  /** False in an untrusted workspace: a suppression directive without codes silences nothing (directives.ts). Default true. */
  trusted?: boolean;
}

export interface LanguageService extends NavigationService, EditingService, LanguageIntelligence {
  /** The parse of a document, shared by every feature; cached while its text does not change. */
  parse(doc: TextDocumentLike): ParsedDocument;
  /** All diagnostics of a programme or consultation, in the requested locale. Never throws on user input. */
  getDiagnostics(doc: TextDocumentLike, options?: DiagnosticOptions): AmoDiagnostic[];
  /** The URI of the programme a consultation names, or undefined (not a consultation, no `programme` key, unresolvable). */
  getProgrammeUri(doc: TextDocumentLike): string | undefined;
  /** Drops cached parses of a document (closed, deleted). */
  forget(uri: string): void;
  /** What unopened files define, kept when their parse is forgotten (navigation/workspaceSymbols.ts). */
  readonly symbolIndex: WorkspaceSymbolIndex;
}

export { resolveProgrammeUri };

export function createLanguageService(init: LanguageServiceInit): LanguageService {
  const cache = new Map<string, ParsedDocument>();
  // What unopened files define, kept when their parse is forgotten (navigation/workspaceSymbols.ts).
  const symbolIndex = new WorkspaceSymbolIndex();
  const today = init.today ?? (() => new Date().toISOString().slice(0, 10));

  function parse(doc: TextDocumentLike): ParsedDocument {
    const hit = cache.get(doc.uri);
    if (hit && hit.text === doc.text) return hit;
    // Given the previous parse of the same document, only the parts of the text that changed are parsed again.
    const parsed = parseText(doc.uri, doc.text, hit);
    cache.set(doc.uri, parsed);
    return parsed;
  }

  /** The host's reach (WorkspaceProvider.mayRead): a document never makes the service read a file out of it. */
  const reachable = (uri: string, from?: string): boolean => !init.workspace.mayRead || init.workspace.mayRead(uri, from);
  /** What the features read (a programme through the navigation and the fixes): within the reach. */
  const readText = (uri: string): string | undefined => (reachable(uri) ? init.workspace.readText(uri) : undefined);

  /** The parse features get: none for a heavy text (limits.ts `heavy`) or one over the entity budget, where only the debounced validation parses. */
  function featureParse(doc: TextDocumentLike): ParsedDocument {
    // A parse of this very text already says whether it is heavy (its `skipped`): the scan is for a text not parsed yet.
    const hit = cache.get(doc.uri);
    if (!hit || hit.text !== doc.text) {
      const why = heavy(doc.text);
      if (why) return unparsed(doc.uri, doc.text, 'rules', heavyNotice(doc.text, why));
    }
    const parsed = parse(doc);
    // Over the entity budget (limits.ts): the features answer as on an empty document, as over the size limit
    // (inlay hints over a 160,000-item list cost 300 ms per request).
    return parsed.skipped === 'rules' ? unparsed(doc.uri, doc.text, 'rules', parsed.problems.find((p) => p.code === 'YAML-003')?.message) : parsed;
  }

  /** The programme a consultation names, when it may be read: every reader (render, dependency maps) asks here. */
  function getProgrammeUri(doc: TextDocumentLike): string | undefined {
    const uri = programmeUri(featureParse(doc));
    return uri && reachable(uri, doc.uri) ? uri : undefined;
  }

  /** The parse of the programme a consultation names (workspace provider, parse cache); model/programmeRef.ts resolves it. */
  function programmeOf(parsed: ParsedDocument): ParsedDocument | undefined {
    const uri = programmeUri(parsed);
    const text = uri && reachable(uri, parsed.uri) ? init.workspace.readText(uri) : undefined;
    return uri && text !== undefined ? parse({ uri, text }) : undefined;
  }

  /** Reads and parses the programme a consultation names; findings about the link itself. */
  function link(parsed: ParsedDocument): { programme?: ProgrammeLink; findings: Finding[] } {
    const ref = parsed.ok ? programmeRef(parsed) : undefined;
    if (!ref) return { findings: [] };
    const rel = ref.written;
    const uri = ref.uri;
    const [start, end] = locate(parsed.doc, ['programme'], 'value');
    if (!uri) {
      return { findings: [{ code: 'REF-003', start, end, severity: 'information', message: { fr: `Chemin du programme « ${rel} » non résolu : enregistrez la consultation sur disque pour vérifier ses références.`, en: `Programme path '${rel}' not resolved: save the consultation to disk to check its references.` } }] };
    }
    if (ref.refused === 'self') {
      return { findings: [{ code: 'REF-004', start, end, severity: 'warning', message: { fr: 'La consultation se désigne elle-même comme programme.', en: 'The consultation names itself as its programme.' } }] };
    }
    const notUsable = (why: Msg): { findings: Finding[] } => ({ findings: [{ code: 'REF-004', start, end, severity: 'warning', message: { fr: `Le fichier « ${rel} » n’est pas un programme exploitable (${why.fr}) : les références au programme ne sont pas vérifiées.`, en: `'${rel}' is not a usable programme (${why.en}): references to the programme are not checked.` } }] });
    // Only a *.programme.yaml is ever read: a path to a device, a folder or any other file is refused by name.
    if (ref.refused === 'not-programme') return notUsable({ fr: 'son nom ne finit pas par .programme.yaml', en: 'its name does not end in .programme.yaml' });
    // Nor a file out of the host's reach (outside the workspace folders, or the folders checked and their project).
    if (!reachable(uri, parsed.uri)) {
      return { findings: [{ code: 'REF-003', start, end, severity: 'warning', message: { fr: `Programme « ${rel} » hors de l’espace de travail : il n’est pas lu et les références au programme ne sont pas vérifiées. Ouvrez (ou vérifiez) le dossier qui contient la consultation et son programme.`, en: `Programme '${rel}' is outside the workspace: it is not read and references to the programme are not checked. Open (or check) the folder that holds both the consultation and its programme.` } }] };
    }
    const text = init.workspace.readText(uri);
    if (text === undefined) {
      return { findings: [{ code: 'REF-003', start, end, severity: 'error', message: { fr: `Fichier programme introuvable ou illisible : « ${rel} ». Vérifiez le chemin relatif.`, en: `Programme file not found or unreadable: '${rel}'. Check the relative path.` } }] };
    }
    const prog = parse({ uri, text });
    if (!prog.ok || !isObj(prog.data)) {
      return notUsable(prog.skipped === 'parse' ? { fr: 'il est trop volumineux pour être analysé', en: 'it is too large to be analysed' } : { fr: 'il contient des erreurs de syntaxe', en: 'it has syntax errors' });
    }
    return { programme: { uri, parsed: prog, data: prog.data }, findings: [] };
  }

  function getDiagnostics(doc: TextDocumentLike, options: DiagnosticOptions = {}): AmoDiagnostic[] {
    const parsed = parse(doc);
    const { programme, findings } = parsed.ok ? link(parsed) : { programme: undefined, findings: [] };
    const all = collectFindings(parsed, {
      today: today(),
      programme,
      linkFindings: findings,
      onRuleError: (rule, err) => init.log?.(`Rule ${rule} failed on ${doc.uri}: ${err instanceof Error ? err.stack ?? err.message : String(err)}`),
    });
    return toDiagnostics(parsed, all, options.locale ?? 'fr', options.config, options.trusted !== false);
  }

  return {
    parse,
    getDiagnostics,
    getProgrammeUri,
    forget: (uri) => {
      const parsed = cache.get(uri);
      if (parsed) symbolIndex.remember(parsed);
      cache.delete(uri);
    },
    symbolIndex,
    ...createNavigation(
      {
        parse: featureParse,
        readText,
        listDocuments: () => init.workspace.listDocuments?.() ?? [],
      },
      symbolIndex,
    ),
    ...createEditing({ parse: featureParse, readText, getProgrammeUri, today }),
    ...createLanguageIntelligence({ parse: featureParse, today, programmeOf }),
  };
}
