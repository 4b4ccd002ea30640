import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { suppressor } from './directives';
import type { ParsedDocument } from './parse';
import { locate } from './parse';
import { rulesFor } from './rules/registry';
import { livreIVStatus } from './model/buyer';
import { outsideCcp } from './model/consultation';
import type { ProgrammeLink, Rule } from './rules/types';
import { validateSchema } from './schema';
import type { AmoConfig, AmoDiagnostic, DiagnosticData, Locale, Msg, Severity } from './types';
import { pick } from './types';
import { isObj } from './util/data';

/** A finding before configuration, suppression and localisation. */
export interface Finding {
  code: string;
  start: number;
  end: number;
  severity: Severity;
  message: Msg;
  url?: string;
  data?: DiagnosticData;
}

export interface RunOptions {
  today: string;
  programme?: ProgrammeLink;
  /** Findings about the programme link itself (REF-003, REF-004). */
  linkFindings?: Finding[];
  onRuleError?: (rule: string, err: unknown) => void;
}

/** Syntax, then (on well-formed documents) schema, rules and references. */
export function collectFindings(parsed: ParsedDocument, options: RunOptions): Finding[] {
  const out: Finding[] = parsed.problems.map((p) => ({ code: p.code, start: p.start, end: p.end, severity: p.severity, message: p.message }));
  // Over the size limit (YAML-003), only the syntax is reported: schema and rules are skipped.
  if (!parsed.ok || !parsed.kind || parsed.skipped) return out;
  out.push(...(options.linkFindings ?? []));
  out.push(...spellingFindings(parsed));
  // Rules run before the schema's findings are added: where a schema error belongs to a rule (`x-rule`),
  // the rule's own message, more precise, wins the de-duplication in toDiagnostics.
  const schema = validateSchema(parsed);
  if (!isObj(parsed.data)) return [...out, ...schema];
  const data = parsed.data;
  const scope: Scope = {
    livreIV: parsed.kind === 'programme' ? livreIVStatus(data) : 'yes',
    ccp: parsed.kind === 'consultation' ? !outsideCcp({ data, today: options.today, programme: options.programme }) : true,
  };
  for (const rule of rulesFor(parsed.kind)) {
    try {
      rule.check({
        parsed,
        data,
        today: options.today,
        programme: options.programme,
        report(path, message, opts) {
          const [start, end] = locate(parsed.doc, path, opts?.target ?? 'key');
          out.push({ code: rule.id, start, end, severity: effectiveSeverity(rule, opts?.severity, scope), message, url: rule.url, data: { ...opts?.data, path: [...path] } });
        },
      });
    } catch (err) {
      // A rule bug must never cost the user their other diagnostics, nor the server.
      options.onRuleError?.(rule.id, err);
    }
  }
  return [...out, ...schema];
}

/**
 * What the model read in another spelling (model/normalise.ts): a misspelt key read as the closest one is
 * one error (SCH-002, the same code and quick fix as the schema's); an accepted spelling is a hint (SCH-008)
 * whose quick fix writes the format's form.
 */
function spellingFindings(parsed: ParsedDocument): Finding[] {
  return (parsed.spellings ?? []).map((s) => {
    const [start, end] = locate(parsed.doc, s.path, s.target);
    return {
      code: s.misspelt ? 'SCH-002' : 'SCH-008',
      start,
      end,
      severity: s.misspelt ? 'error' : 'hint',
      message: s.message,
      data: s.canonical !== undefined ? { replacement: s.canonical, path: [...s.path] } : { path: [...s.path] },
    };
  });
}

/** Which law binds the document's owner: Livre IV (programmes), the procurement code (consultations). */
interface Scope {
  livreIV: 'yes' | 'no' | 'maybe';
  ccp: boolean;
}

/**
 * The severity policy (docs/rules.md): an error only where the law binding this owner is broken. A Livre IV
 * rule is information for an owner outside L2411-1 and at most a warning where the category does not settle
 * it; a procurement-code rule is information for a private owner; an unverified basis is never an error.
 */
function effectiveSeverity(rule: Rule, requested: Severity | undefined, scope: Scope): Severity {
  let s = requested ?? rule.severity;
  const blocking = s === 'error' || s === 'warning';
  if (rule.livreIV && scope.livreIV === 'no' && blocking) s = 'information';
  if (rule.livreIV && scope.livreIV === 'maybe' && s === 'error') s = 'warning';
  if (rule.scope === 'ccp' && !scope.ccp && blocking) s = 'information';
  // Rules whose basis is unverified are never errors (docs/rules.md, severity policy).
  if (rule.confidence === 'U' && s === 'error') s = 'warning';
  return s;
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** `rules` overrides: exact code first, then family wildcard (`CSL-*`), then `*`. */
function override(config: AmoConfig | undefined, code: string): Severity | 'off' | undefined {
  const rules = config?.rules;
  if (!rules) return undefined;
  return rules[code] ?? rules[`${code.split('-')[0]}-*`] ?? rules['*'];
}

/** At most this many diagnostics per file; the rest is summed up in one note (docs/robustness.md). */
export const MAX_DIAGNOSTICS = 1000;

/**
 * Findings as published diagnostics: overrides, suppression directives (directives.ts; `trusted: false`
 * makes a directive without codes silence nothing), de-duplication, locale, order, cap.
 */
export function toDiagnostics(parsed: ParsedDocument, findings: Finding[], locale: Locale, config?: AmoConfig, trusted = true): AmoDiagnostic[] {
  const seen = new Set<string>();
  const out: AmoDiagnostic[] = [];
  const suppressed = suppressor(parsed, trusted);
  for (const f of findings) {
    const o = override(config, f.code);
    if (o === 'off') continue;
    const range = parsed.lines.range(f.start, f.end);
    const key = `${f.code}@${f.start}-${f.end}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (suppressed(range.start.line, f.code)) continue;
    const d: AmoDiagnostic = {
      range,
      severity: SEVERITY[o ?? f.severity],
      code: f.code,
      source: 'amo',
      message: pick(f.message, locale),
    };
    if (f.url) d.codeDescription = { href: f.url };
    if (f.data) d.data = f.data;
    out.push(d);
  }
  out.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || a.code.localeCompare(b.code));
  return capped(out, locale);
}

/**
 * The first MAX_DIAGNOSTICS diagnostics in document order, then one information note at the last one kept
 * saying how many follow: 480,000 diagnostics (129 MB on the wire) help no one, the first ones do.
 */
function capped(all: AmoDiagnostic[], locale: Locale): AmoDiagnostic[] {
  if (all.length <= MAX_DIAGNOSTICS) return all;
  const kept = all.slice(0, MAX_DIAGNOSTICS);
  const more = all.length - MAX_DIAGNOSTICS;
  const last = kept[kept.length - 1];
  kept.push({
    range: last.range,
    severity: DiagnosticSeverity.Information,
    code: 'YAML-003',
    source: 'amo',
    message: pick({
      fr: `… et ${more} autres diagnostics dans ce fichier (au plus ${MAX_DIAGNOSTICS} sont affichés) : corrigez les premiers d’abord.`,
      en: `… and ${more} more diagnostics in this file (at most ${MAX_DIAGNOSTICS} are shown): fix the first ones first.`,
    }, locale),
  });
  return kept;
}
