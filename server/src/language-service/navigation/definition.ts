import { isScalar } from 'yaml';
import type { Location, Position } from 'vscode-languageserver-types';
import { nodeAt, type ParsedDocument } from '../parse';
import { programmeUri } from '../model/programmeRef';
import { occurrencesOf, targetAt, type NavigationHost, type Occurrence } from './targets';

export function locationOf(o: Occurrence): Location {
  return { uri: o.parsed.uri, range: o.parsed.lines.range(o.sym.start, o.sym.end) };
}

/**
 * Where the id at `position` is defined: itself on a definition, the definition for a reference (the
 * programme's phase for a consultation's `phase`), the programme file on the `programme:` value.
 */
export function getDefinition(host: NavigationHost, parsed: ParsedDocument, position: Position): Location[] {
  const offset = parsed.lines.offsetAt(position);
  const target = targetAt(host, parsed, offset);
  if (target) return target.definition ? [locationOf(target.definition)] : [];
  const programme = nodeAt(parsed.doc, ['programme']);
  const range = isScalar(programme) ? programme.range : undefined;
  if (range && range[0] <= offset && offset <= range[1]) {
    const uri = programmeUri(parsed);
    if (uri && host.readText(uri) !== undefined) return [{ uri, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }];
  }
  return [];
}

/** Every occurrence of the id at `position` across the workspace, in document order, file by file. */
export function getReferences(host: NavigationHost, parsed: ParsedDocument, position: Position, includeDeclaration: boolean): Location[] {
  const target = targetAt(host, parsed, parsed.lines.offsetAt(position));
  if (!target) return [];
  const seen = new Set<string>();
  const out: Location[] = [];
  for (const o of sortOccurrences(occurrencesOf(host, target, parsed))) {
    if (!includeDeclaration && o.sym.role === 'definition') continue;
    const id = `${o.parsed.uri}#${o.sym.start}`;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(locationOf(o));
  }
  return out;
}

/** Stable order: the defining document first, then the others by URI, each by offset. */
export function sortOccurrences(list: Occurrence[]): Occurrence[] {
  const first = list[0]?.parsed.uri;
  return [...list].sort((a, b) => {
    if (a.parsed.uri !== b.parsed.uri) {
      if (a.parsed.uri === first) return -1;
      if (b.parsed.uri === first) return 1;
      return a.parsed.uri < b.parsed.uri ? -1 : 1;
    }
    return a.sym.start - b.sym.start;
  });
}
