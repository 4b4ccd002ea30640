import { allCodes, type AmoDiagnostic, type Locale } from '../language-service';
import { escapeControlsJson, escapeLine } from '../language-service/util/controlChars';

export interface FileResult {
  /** Path as shown to the user (relative to the working directory). */
  file: string;
  diagnostics: AmoDiagnostic[];
}

const SEVERITY_NAME = ['', 'error', 'warning', 'information', 'hint'] as const;

export function severityName(d: AmoDiagnostic): 'error' | 'warning' | 'information' | 'hint' {
  return SEVERITY_NAME[d.severity ?? 1] || 'error';
}

/** JSON: an array of { file, range, severity, code, message, source } with LSP 0-based ranges; controls and bidi characters as `\uXXXX` escapes. */
export function toJson(results: FileResult[]): string {
  const out = results.flatMap((r) => r.diagnostics.map((d) => ({ file: r.file, range: d.range, severity: severityName(d), code: d.code, message: d.message, source: d.source })));
  return escapeControlsJson(JSON.stringify(out, null, 2));
}

/**
 * Human-readable: one line per diagnostic (1-based line:column, as editors show them), then a summary.
 * File names and messages (which quote the documents and amo.config.json) have their control, bidi and NUL
 * characters and their line breaks escaped (`\u{1B}`): nothing from a file drives the terminal or forges a line.
 */
export function toText(results: FileResult[], locale: Locale): string {
  const lines: string[] = [];
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  for (const r of results) {
    for (const d of r.diagnostics) {
      const sev = severityName(d);
      if (sev === 'error') errors++;
      else if (sev === 'warning') warnings++;
      else infos++;
      lines.push(`${escapeLine(r.file)}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${sev} ${escapeLine(String(d.code))}: ${escapeLine(d.message)}`);
    }
  }
  const n = results.length;
  lines.push(
    locale === 'en'
      ? `${n} file(s) checked: ${errors} error(s), ${warnings} warning(s), ${infos} information(s).`
      : `${n} fichier(s) vérifié(s) : ${errors} erreur(s), ${warnings} avertissement(s), ${infos} information(s).`,
  );
  return lines.join('\n');
}

const SARIF_LEVEL = { error: 'error', warning: 'warning', information: 'note', hint: 'note' } as const;

/** SARIF 2.1.0, one run, the rules reference included (GitHub code scanning, Azure DevOps…). */
export function toSarif(results: FileResult[], locale: Locale, version: string): string {
  const used = new Set(results.flatMap((r) => r.diagnostics.map((d) => d.code)));
  const rules = allCodes().filter((r) => used.has(r.id));
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'amo',
            fullName: 'AMO Authoring',
            version,
            informationUri: 'https://github.com/amo-authoring/amo-authoring',
            rules: rules.map((r) => ({
              id: r.id,
              shortDescription: { text: locale === 'en' ? r.title.en : r.title.fr },
              fullDescription: { text: `${locale === 'en' ? r.title.en : r.title.fr} — ${r.basis}` },
              ...(r.url ? { helpUri: r.url } : {}),
              defaultConfiguration: { level: SARIF_LEVEL[r.severity] },
              properties: { confidence: r.confidence, basis: r.basis },
            })),
          },
        },
        results: results.flatMap((r) =>
          r.diagnostics.map((d) => ({
            ruleId: d.code,
            ...(index.has(d.code) ? { ruleIndex: index.get(d.code) } : {}),
            level: SARIF_LEVEL[severityName(d)],
            message: { text: d.message },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: r.file.split('\\').join('/') },
                  region: {
                    startLine: d.range.start.line + 1,
                    startColumn: d.range.start.character + 1,
                    endLine: d.range.end.line + 1,
                    endColumn: d.range.end.character + 1,
                  },
                },
              },
            ],
          })),
        ),
      },
    ],
  };
  return escapeControlsJson(JSON.stringify(sarif, null, 2));
}
