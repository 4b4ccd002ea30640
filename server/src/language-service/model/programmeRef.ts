/**
 * The one resolution of a consultation's `programme:` (docs/architecture.md, "The model"): the rules' link
 * (REF-003/REF-004), completion, hovers and inlay hints, navigation, the renderer and the workspace's
 * dependency map all ask here, so that they never disagree on which file is a consultation's programme.
 *
 * The value is read from the data, else from the YAML tree, so that it works while the consultation has
 * syntax errors (completion while typing). Only a `*.programme.yaml|yml` is ever read, and the name is the
 * one the URI designates once parsed: a query or a fragment (`/etc/passwd#.programme.yaml`) or an encoded
 * separator cannot make another file a programme.
 */
import { isScalar } from 'yaml';
import { kindOfFileName } from '../fileNames';
import { nodeAt, type ParsedDocument } from '../parse';
import { isObj } from '../util/data';

export interface ProgrammeRef {
  /** The path as written in `programme:`. */
  written: string;
  /** The resolved URI; undefined when the path cannot be resolved (an unsaved consultation, a malformed URI). */
  uri?: string;
  /** Why the file is never read: it is the consultation itself, or not a `*.programme.yaml`. */
  refused?: 'self' | 'not-programme';
}

/** Resolves a consultation's `programme:` path against the consultation's URI. */
export function resolveProgrammeUri(consultationUri: string, relative: string): string | undefined {
  try {
    if (/^[a-z][a-z0-9+.-]*:/i.test(relative) && !/^[a-z]:[\\/]/i.test(relative)) return new URL(relative).toString();
    const base = new URL(consultationUri);
    if (base.protocol !== 'file:') return undefined;
    return new URL(relative.replace(/\\/g, '/'), base).toString();
  } catch {
    return undefined;
  }
}

/** Whether the file a URI designates, once parsed, is named `*.programme.yaml|yml`. */
export function isProgrammeFileUri(uri: string): boolean {
  let u: URL;
  try {
    u = new URL(uri);
  } catch {
    return false;
  }
  if (u.search || u.hash) return false;
  let name: string;
  try {
    name = decodeURIComponent(u.pathname.slice(u.pathname.lastIndexOf('/') + 1));
  } catch {
    return false;
  }
  // eslint-disable-next-line no-control-regex
  if (!name || /[\u0000-\u001f/\\]/.test(name)) return false;
  return kindOfFileName(name) === 'programme';
}

/** What a consultation's `programme:` designates, or undefined (not a consultation, no `programme:` text). */
export function programmeRef(parsed: ParsedDocument): ProgrammeRef | undefined {
  if (parsed.kind !== 'consultation') return undefined;
  let value: unknown;
  if (isObj(parsed.data)) value = parsed.data.programme;
  else if (parsed.data === undefined) {
    const node = nodeAt(parsed.doc, ['programme']);
    value = isScalar(node) ? node.value : undefined;
  }
  if (typeof value !== 'string' || !value.trim()) return undefined;
  const uri = resolveProgrammeUri(parsed.uri, value);
  if (!uri) return { written: value };
  if (uri === parsed.uri) return { written: value, uri, refused: 'self' };
  if (!isProgrammeFileUri(uri)) return { written: value, uri, refused: 'not-programme' };
  return { written: value, uri };
}

/** The URI of the programme a consultation names, when it may be read (resolved, not refused). */
export function programmeUri(parsed: ParsedDocument): string | undefined {
  const ref = programmeRef(parsed);
  return ref && !ref.refused ? ref.uri : undefined;
}
