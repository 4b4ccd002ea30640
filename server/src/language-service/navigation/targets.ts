import { isScalar } from 'yaml';
import { nodeAt, type ParsedDocument } from '../parse';
import { programmeUri } from '../model/programmeRef';
import type { IdKind } from '../idIndex';
import { docKindOf, type TextDocumentLike } from '../types';
import { getSymbolTable, resolvePhase, symbolAt, symbolKey, type IdSymbol } from './symbolTable';

/** What navigation needs from the service: its parse cache and the workspace provider. */
export interface NavigationHost {
  parse(doc: TextDocumentLike): ParsedDocument;
  readText(uri: string): string | undefined;
  /** Every known AMO document of the workspace (may omit the request document). */
  listDocuments(): string[];
}

/** One id occurrence in one document. */
export interface Occurrence {
  parsed: ParsedDocument;
  sym: IdSymbol;
}

/** What the id under the cursor names, wherever it is defined. */
export interface Target {
  /** The occurrence under the cursor. */
  at: Occurrence;
  kind: IdKind;
  id: string;
  key: string;
  /** The defining document (the programme for a consultation's `phase`); undefined when it cannot be read. */
  home?: ParsedDocument;
  /** The definition; undefined for an unresolved reference. */
  definition?: Occurrence;
}

/** The parse of a programme read through the workspace provider, or undefined (unreadable, not a programme). */
export function readProgramme(host: NavigationHost, uri: string | undefined): ParsedDocument | undefined {
  if (!uri || docKindOf(uri) !== 'programme') return undefined;
  const text = host.readText(uri);
  return text === undefined ? undefined : host.parse({ uri, text });
}

/** The target of the id at `offset`, or undefined when the cursor is on no id. */
export function targetAt(host: NavigationHost, parsed: ParsedDocument, offset: number): Target | undefined {
  const sym = symbolAt(getSymbolTable(parsed), offset);
  if (!sym) return undefined;
  const at = { parsed, sym };
  if (!sym.external) {
    // On a definition, that definition (a REF-002 duplicate included); on a reference, the first one.
    const def = sym.role === 'definition' ? sym : getSymbolTable(parsed).definitions.get(sym.key)?.[0];
    return { at, kind: sym.kind, id: sym.id, key: sym.key, home: parsed, definition: def && { parsed, sym: def } };
  }
  const home = readProgramme(host, programmeUri(parsed));
  const hit = home && resolvePhase(getSymbolTable(home), sym.id);
  if (!home || !hit) return { at, kind: 'phase', id: sym.id, key: symbolKey('phase', '', sym.id), home };
  return { at, kind: 'phase', id: hit.def.id, key: hit.def.key, home, definition: { parsed: home, sym: hit.def } };
}

/**
 * Every occurrence of the target: its definition(s), the references of its document and, for a programme
 * phase, the `phase:` of every consultation of the workspace that names this programme. `request` is the
 * document of the request: its text wins over the provider's.
 */
export function occurrencesOf(host: NavigationHost, target: Target, request: ParsedDocument): Occurrence[] {
  const home = target.home;
  if (!home) {
    // Unreadable programme: only the same-named references of the request document.
    return (getSymbolTable(request).references.get(target.key) ?? []).map((sym) => ({ parsed: request, sym }));
  }
  const table = getSymbolTable(home);
  const out: Occurrence[] = [];
  for (const sym of table.definitions.get(target.key) ?? []) out.push({ parsed: home, sym });
  for (const sym of table.references.get(target.key) ?? []) out.push({ parsed: home, sym });
  if (target.kind === 'phase' && home.kind === 'programme') out.push(...consultationPhases(host, target, home, request));
  return out;
}

function consultationPhases(host: NavigationHost, target: Target, home: ParsedDocument, request: ParsedDocument): Occurrence[] {
  const table = getSymbolTable(home);
  // A consultation may name the phase by its code (REF-001) when no phase has that code as id.
  const names = [target.id];
  const code = target.definition && phaseCode(target.definition);
  if (code !== undefined && resolvePhase(table, code)?.def.key === target.key) names.push(code);
  const uris = new Set(host.listDocuments());
  uris.add(request.uri);
  const out: Occurrence[] = [];
  for (const uri of uris) {
    if (docKindOf(uri) !== 'consultation') continue;
    const text = uri === request.uri ? request.text : host.readText(uri);
    // Cheap filter before parsing: most consultations of a large workspace do not mention the id.
    if (text === undefined || !names.some((n) => text.includes(n))) continue;
    const parsed = uri === request.uri ? request : host.parse({ uri, text });
    if (!sameUri(programmeUri(parsed), home.uri)) continue;
    for (const name of names) {
      const hit = resolvePhase(table, name);
      if (hit?.def.key !== target.key) continue;
      for (const sym of getSymbolTable(parsed).references.get(symbolKey('phase', '', name)) ?? []) {
        if (sym.external) out.push({ parsed, sym: hit.viaCode ? { ...sym, viaCode: true } : sym });
      }
    }
  }
  return out;
}

function phaseCode(def: Occurrence): string | undefined {
  const node = nodeAt(def.parsed.doc, [...def.sym.path.slice(0, -1), 'code']);
  return isScalar(node) && typeof node.value === 'string' ? node.value : undefined;
}

/** URIs from the editor and from a disk scan may percent-encode the same path differently. */
function sameUri(a: string | undefined, b: string): boolean {
  if (a === undefined) return false;
  if (a === b) return true;
  try {
    return decodeURIComponent(a) === decodeURIComponent(b);
  } catch {
    return false;
  }
}
