import { checkStructure } from '../limits';
import type { ParsedDocument } from '../parse';
import type { ProgrammeLink } from '../rules/types';
import type { Locale, Path } from '../types';
import { frDate, isObj, type Obj } from '../util/data';

/** What hover needs besides the document: the locale, today and, lazily, the consultation's programme. */
export interface HoverEnv {
  locale: Locale;
  /** Today (ISO): the reference date of a consultation without `date_lancement`. */
  today: string;
  /** The programme a consultation names, parsed, read only when a fact needs it. */
  programme(): ParsedDocument | undefined;
}

/** The document seen by the fact builders: its plain data, computed once per hover. */
export class HoverData {
  private rootCache: Obj | undefined;

  constructor(
    readonly parsed: ParsedDocument,
    readonly env: HoverEnv,
  ) {}

  get locale(): Locale {
    return this.env.locale;
  }

  /**
   * The document's plain data. A document with syntax errors has none in the parse: its YAML tree is
   * converted here, only when a computed fact asks for it.
   */
  get root(): Obj {
    if (!this.rootCache) {
      if (isObj(this.parsed.data)) this.rootCache = this.parsed.data;
      else if (this.parsed.skipped || checkStructure(this.parsed.doc)) {
        // Too large, too deep or an alias bomb (limits.ts): nothing recursive walks this tree.
        this.rootCache = {};
      } else {
        try {
          // mapAsMap: a half-typed document may hold collection keys, which yaml would warn about on stderr.
          const v = plain(this.parsed.doc.toJS({ maxAliasCount: 1000, mapAsMap: true }));
          this.rootCache = isObj(v) ? v : {};
        } catch {
          // Alias bombs and absurd nesting: no computed facts for this version.
          this.rootCache = {};
        }
      }
    }
    return this.rootCache;
  }

  /** The value at `path` in the plain data. */
  at(path: Path): unknown {
    let v: unknown = this.root;
    for (const seg of path) {
      if (Array.isArray(v) && typeof seg === 'number') v = v[seg];
      else if (isObj(v) && typeof seg === 'string') v = v[seg];
      else return undefined;
    }
    return v;
  }

  /** The programme link a consultation's rules would see (buyer category of the operation). */
  programmeLink(): ProgrammeLink | undefined {
    const p = this.env.programme();
    return p && p.ok && isObj(p.data) ? { uri: p.uri, parsed: p, data: p.data } : undefined;
  }

  t(fr: string, en: string): string {
    return this.env.locale === 'en' ? en : fr;
  }

  /** A label and its colon: French typography puts a space before it (`Seuil :`), English does not. */
  k(fr: string, en: string): string {
    return this.env.locale === 'en' ? `${en}:` : `${fr} :`;
  }

  /** The colon after a label built by hand, with the locale's spacing. */
  get colon(): string {
    return this.env.locale === 'en' ? ':' : ' :';
  }

  /** A number with at most `digits` decimals, in the locale's format. */
  num(n: number, digits = 2): string {
    return new Intl.NumberFormat(this.env.locale === 'en' ? 'en-GB' : 'fr-FR', { maximumFractionDigits: digits }).format(n).replace(/\u202f/g, '\u00a0');
  }

  money(n: number): string {
    return `${this.num(n)}\u00a0€`;
  }

  date(d: string): string {
    return this.env.locale === 'en' ? d : frDate(d);
  }
}

/** Maps (from `mapAsMap`) as plain objects with string keys, as the parse's own data would have them. */
function plain(v: unknown): unknown {
  if (v instanceof Map) {
    const o: Obj = {};
    for (const [k, x] of v) o[String(k)] = plain(x);
    return o;
  }
  return Array.isArray(v) ? v.map(plain) : v;
}

/** A ✓ or ✗ mark. */
export function mark(ok: boolean): string {
  return ok ? '✓' : '✗';
}
