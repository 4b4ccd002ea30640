import { isScalar } from 'yaml';
import { SymbolKind, type SymbolInformation } from 'vscode-languageserver-types';
import { nodeAt, type ParsedDocument } from '../parse';
import { docKindOf, type Path } from '../types';
import { SYMBOL_KIND } from './kinds';
import { getSymbolTable } from './symbolTable';
import type { NavigationHost } from './targets';

/**
 * Every id defined in the known AMO documents whose name matches `query` (case-insensitive, characters in
 * order, as VS Code filters), with the file and the parent id as container.
 */
export function getWorkspaceSymbols(host: NavigationHost, query: string): SymbolInformation[] {
  const matches = matcher(query);
  const out: SymbolInformation[] = [];
  for (const uri of new Set(host.listDocuments())) {
    if (!docKindOf(uri)) continue;
    const text = host.readText(uri);
    if (text === undefined) continue;
    symbolsOf(host.parse({ uri, text }), matches, out);
  }
  return out;
}

function symbolsOf(parsed: ParsedDocument, matches: (name: string) => boolean, out: SymbolInformation[]): void {
  const file = decodeURIComponent(parsed.uri.slice(parsed.uri.lastIndexOf('/') + 1));
  const add = (name: string, kind: SymbolKind, start: number, end: number, parent?: string): void => {
    if (!matches(name)) return;
    out.push({ name, kind, location: { uri: parsed.uri, range: parsed.lines.range(start, end) }, containerName: parent ? `${file} › ${parent}` : file });
  };
  // The operation's and the consultation's own ids: defined once, referenced by nothing.
  const own = nodeAt(parsed.doc, parsed.kind === 'programme' ? ['operation', 'id'] : ['id']);
  if (isScalar(own) && own.range && own.value != null) add(String(own.value), parsed.kind === 'programme' ? SymbolKind.Package : SymbolKind.Namespace, own.range[0], own.range[1]);
  for (const sym of getSymbolTable(parsed).all) {
    if (sym.role === 'definition') add(sym.id, SYMBOL_KIND[sym.kind], sym.start, sym.end, parentOf(parsed, sym.path));
  }
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
