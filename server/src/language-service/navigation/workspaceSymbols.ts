import { isScalar } from 'yaml';
import { SymbolKind, type SymbolInformation } from 'vscode-languageserver-types';
import { nodeAt, type ParsedDocument } from '../parse';
import { docKindOf, type Path } from '../types';
import { SYMBOL_KIND } from './kinds';
import { getSymbolTable } from './symbolTable';
import type { NavigationHost } from './targets';
import { textHash } from '../util/hash';

/**
 * The compact workspace index: for each AMO file, a hash of the text it was read from and every symbol it
 * defines (ranges already in positions), not its parse tree nor its text. The service fills it when it drops
 * a parse (a file validated in the background, a closed document), so the first workspace-symbol query after
 * the workspace validation parses nothing; a file whose text changed since is parsed again on query.
 */
export class WorkspaceSymbolIndex {
  private readonly files = new Map<string, { hash: string; symbols: SymbolInformation[] }>();

  /** Records what this parse defines (before the service forgets it). */
  remember(parsed: ParsedDocument): void {
    if (!docKindOf(parsed.uri) || !parsed.kind) return;
    this.files.set(parsed.uri, { hash: textHash(parsed.text), symbols: definitionsOf(parsed) });
  }

  /** Every symbol `uri` defines in `text`: from the index when the text is the one indexed, else parsed and indexed. */
  symbols(host: NavigationHost, uri: string, text: string): SymbolInformation[] {
    const hash = textHash(text);
    const hit = this.files.get(uri);
    if (hit && hit.hash === hash) return hit.symbols;
    const symbols = definitionsOf(host.parse({ uri, text }));
    this.files.set(uri, { hash, symbols });
    return symbols;
  }

  /** What is indexed for `uri`: the hash of the text and its symbols (to keep them across restarts: diagnosticsCache.ts). */
  indexed(uri: string): { hash: string; symbols: SymbolInformation[] } | undefined {
    return this.files.get(uri);
  }

  /** Puts back what `indexed` gave for a text of this hash (a file served from the on-disk cache). */
  restore(uri: string, hash: string, symbols: SymbolInformation[]): void {
    this.files.set(uri, { hash, symbols });
  }

  /** Drops the files that are no longer in the workspace. */
  retain(uris: ReadonlySet<string>): void {
    for (const uri of this.files.keys()) if (!uris.has(uri)) this.files.delete(uri);
  }

  get size(): number {
    return this.files.size;
  }
}

/**
 * Every id defined in the known AMO documents whose name matches `query` (case-insensitive, characters in
 * order, as VS Code filters), with the file and the parent id as container.
 */
export function getWorkspaceSymbols(host: NavigationHost, query: string, index = new WorkspaceSymbolIndex()): SymbolInformation[] {
  const matches = matcher(query);
  const out: SymbolInformation[] = [];
  const uris = new Set(host.listDocuments());
  for (const uri of uris) {
    if (!docKindOf(uri)) continue;
    const text = host.readText(uri);
    if (text === undefined) continue;
    for (const sym of index.symbols(host, uri, text)) if (matches(sym.name)) out.push(sym);
  }
  index.retain(uris);
  return out;
}

/** Every id a parse defines, as workspace symbols (the operation's or consultation's own id first). */
function definitionsOf(parsed: ParsedDocument): SymbolInformation[] {
  const out: SymbolInformation[] = [];
  if (!parsed.kind) return out;
  const file = decodeURIComponent(parsed.uri.slice(parsed.uri.lastIndexOf('/') + 1));
  const add = (name: string, kind: SymbolKind, start: number, end: number, parent?: string): void => {
    out.push({ name, kind, location: { uri: parsed.uri, range: parsed.lines.range(start, end) }, containerName: parent ? `${file} › ${parent}` : file });
  };
  // The operation's and the consultation's own ids: defined once, referenced by nothing.
  const own = nodeAt(parsed.doc, parsed.kind === 'programme' ? ['operation', 'id'] : ['id']);
  if (isScalar(own) && own.range && own.value != null) add(String(own.value), parsed.kind === 'programme' ? SymbolKind.Package : SymbolKind.Namespace, own.range[0], own.range[1]);
  for (const sym of getSymbolTable(parsed).all) {
    if (sym.role === 'definition') add(sym.id, SYMBOL_KIND[sym.kind], sym.start, sym.end, parentOf(parsed, sym.path));
  }
  return out;
}

/** The id of the item that holds a nested definition: the phase of a deliverable, the criterion of a sub-criterion, the lot of a criterion. */
function parentOf(parsed: ParsedDocument, path: Path): string | undefined {
  const itemPath = path.slice(0, -1);
  // [phases, i, livrables, j] · [criteres, i, sous_criteres, j] · [lots, k, criteres, i(, sous_criteres, j)]
  if (itemPath.length < 4) return undefined;
  const parent = nodeAt(parsed.doc, [...itemPath.slice(0, -2), 'id']);
  return isScalar(parent) && parent.value != null ? String(parent.value) : undefined;
}

/** VS Code's workspace-symbol filter: the query's characters appear in order, ignoring case. */
function matcher(query: string): (name: string) => boolean {
  const q = query.toLowerCase().replace(/\s+/g, '');
  if (!q) return () => true;
  return (name) => {
    const n = name.toLowerCase();
    let i = 0;
    for (let k = 0; k < n.length && i < q.length; k++) if (n[k] === q[i]) i++;
    return i === q.length;
  };
}
