/**
 * Honest documents: a deliverable rendered from a file that has errors says so on
 * every page, and every value the schema refused is listed in the document instead of vanishing.
 * Pure: takes the diagnostics the language service computed for the file.
 */
import type { AmoDiagnostic } from '../language-service/types';
import { heading, para, type Block, type Table } from './model';

/** What a back end needs to mark a document "non conforme". */
export interface Conformity {
  /** Number of diagnostics of severity error in the source file. */
  errors: number;
  /** Values of the file that the schema refused (SCH-* errors), with their line and message. */
  refused: { line: number; code: string; excerpt: string; message: string }[];
}

/** "1 erreur", "15 erreurs" / "1 error", "15 errors". */
export function errorCount(n: number, locale: 'fr' | 'en' = 'fr'): string {
  return locale === 'en' ? `${n} error${n > 1 ? 's' : ''}` : `${n}\u00a0erreur${n > 1 ? 's' : ''}`;
}

/** The mark printed on every page: "Projet — document non conforme : 15 erreurs". */
export function nonConformityMark(errors: number, locale: 'fr' | 'en' = 'fr'): string {
  return locale === 'en' ? `Draft — non-compliant document: ${errorCount(errors, 'en')}` : `Projet — document non conforme\u00a0: ${errorCount(errors, 'fr')}`;
}

/** The conformity of a file from its diagnostics (undefined when it has no error). */
export function conformityOf(diagnostics: readonly AmoDiagnostic[], text: string): Conformity | undefined {
  const errors = diagnostics.filter((d) => d.severity === 1);
  if (!errors.length) return undefined;
  const lines = text.split(/\r?\n/);
  const refused = errors
    .filter((d) => d.code.startsWith('SCH-'))
    .map((d) => {
      const line = d.range.start.line;
      const raw = (lines[line] ?? '').trim();
      return { line, code: d.code, excerpt: raw.length > 90 ? `${raw.slice(0, 89)}…` : raw, message: typeof d.message === 'string' ? d.message : String(d.message) };
    });
  return { errors: errors.length, refused };
}

/**
 * Blocks put at the head of a non-conforming document: the warning, and the table of refused values
 * (they are not in the body, which reads only what the format accepts).
 */
export function conformityBlocks(c: Conformity): Block[] {
  const out: Block[] = [
    para(
      `${nonConformityMark(c.errors)}. Le fichier source comporte ${errorCount(c.errors)} (amo check) : ce document est un projet et ne peut être ni signé ni diffusé en l’état.`,
      { tone: 'warning' },
    ),
  ];
  if (c.refused.length) {
    const t: Table = {
      kind: 'table',
      columns: [{ label: 'Ligne', align: 'right' }, { label: 'Valeur refusée' }, { label: 'Motif' }],
      rows: c.refused.map((r) => ({ line: r.line, kind: 'flag', cells: [{ text: String(r.line + 1), align: 'right' }, { text: r.excerpt || '—' }, { text: `${r.code} : ${r.message}` }] })),
      caption: 'Valeurs que le format refuse : elles ne sont pas reprises dans le corps du document tant qu’elles ne sont pas corrigées.',
    };
    out.push(heading(2, 'Valeurs refusées par le format'), t);
  }
  return out;
}
