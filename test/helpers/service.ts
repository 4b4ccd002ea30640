import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { createLanguageService, type AmoConfig, type AmoDiagnostic, type Locale } from '../../server/src/language-service';

/** The date every test runs at, so that dated rules give the same answer whatever the day. */
export const TEST_TODAY = '2026-11-28';

export const ROOT = path.resolve(__dirname, '..', '..');

export function uriOf(file: string): string {
  return pathToFileURL(path.resolve(file)).toString();
}

/** A service over an in-memory workspace (uri → text); files not in it are read from disk. */
export function makeService(files: Record<string, string> = {}) {
  return createLanguageService({
    workspace: {
      readText(uri) {
        if (uri in files) return files[uri];
        try {
          return fs.readFileSync(new URL(uri), 'utf8');
        } catch {
          return undefined;
        }
      },
      // The in-memory files are the workspace's known AMO documents (cross-file references, workspace symbols).
      listDocuments: () => Object.keys(files),
    },
    today: () => TEST_TODAY,
    log: (m) => {
      throw new Error(m);
    },
  });
}

/** Diagnostics of a text as if it were the file `name` (in `dir`, default a virtual folder). */
export function diagnose(name: string, text: string, options: { files?: Record<string, string>; locale?: Locale; config?: AmoConfig; dir?: string; trusted?: boolean } = {}): AmoDiagnostic[] {
  const uri = uriOf(path.join(options.dir ?? '/virtual', name));
  return makeService(options.files ?? {}).getDiagnostics({ uri, text }, { locale: options.locale, config: options.config, trusted: options.trusted });
}

export function codes(diags: AmoDiagnostic[]): string[] {
  return diags.map((d) => d.code);
}

const WANT = /#\s*want\s+([A-Za-z0-9 :-]+?)\s*$/;

/**
 * `# want CODE…` markers of a fixture: the set of "line:CODE" (1-based lines). A marker may also pin the
 * severity, `# want CSL-015:warning` (error, warning, information, hint): the severity policy is then
 * part of the golden test.
 */
export function wantedMarkers(text: string): string[] {
  const out: string[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const m = WANT.exec(line);
    if (m) for (const code of m[1].trim().split(/\s+/)) out.push(`${i + 1}:${code}`);
  });
  return out.sort();
}

const SEVERITY_NAME = ['', 'error', 'warning', 'information', 'hint'];

/**
 * The diagnostics as markers; where `wanted` pins a severity for a line and code, the actual marker carries
 * the actual severity, so that a wrong severity shows as a difference.
 */
export function actualMarkers(diags: AmoDiagnostic[], wanted: string[] = []): string[] {
  const pinned = new Set(wanted.filter((w) => w.split(':').length === 3).map((w) => w.split(':').slice(0, 2).join(':')));
  return diags.map((d) => {
    const m = `${d.range.start.line + 1}:${d.code}`;
    return pinned.has(m) ? `${m}:${SEVERITY_NAME[d.severity ?? 1]}` : m;
  }).sort();
}
