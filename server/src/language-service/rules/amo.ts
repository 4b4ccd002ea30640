import { fold, list, obj, str } from '../util/index';
import type { Obj } from '../util/index';
import type { Rule } from './types';
import { consultationModel, programmeModel } from '../model/build';

/**
 * AMO- rules: independence of the operation's AMO (AMO-001) and how an intellectual-services consultation
 * (AMO, MOE) judges offers (AMO-002, AMO-003).
 */

const L2141_10 = 'https://marche-public.fr/ccp/L2141-10-exclusions-appreciation-acheteur-situation-conflit-interets.htm';
const R2152_7 = 'https://www.marche-public.fr/ccp/R2152-07-criteres-attribution-offre-economiquement-plus-avantageuse-criteres-objectifs.htm';

/** Legal forms and the consortium word: they say nothing of who the firm is. */
const LEGAL_FORMS = new Set(['sas', 'sasu', 'sarl', 'eurl', 'sa', 'sci', 'scop', 'snc', 'groupement']);
/**
 * Words that describe a firm rather than name it: « Cabinet Delmas Économie » and « Delmas Économie » are
 * the same firm, and « Groupe X » is X. Dropped with the legal forms, so that a declared related firm is
 * still found when the bidder writes its name without them.
 */
const GENERIC_WORDS = new Set(['cabinet', 'groupe', 'bureau', 'societe', 'ste', 'agence', 'cie', 'compagnie', 'et', 'de', 'du', 'des', 'la', 'le', 'les', 'l', 'd']);

/**
 * The tokens of a firm's name: accents and case folded, parenthesised parts dropped (« (mandataire) »,
 * « (AMO programmation) »), punctuation read as a space, legal forms dropped.
 */
export function firmTokens(name: string): string[] {
  const text = fold(name).replace(/œ/g, 'oe').replace(/æ/g, 'ae').replace(/\([^)]*\)?/g, ' ').replace(/[^a-z0-9]+/g, ' ');
  return text.split(' ').filter((t) => t.length > 0 && !LEGAL_FORMS.has(t) && !GENERIC_WORDS.has(t));
}

/**
 * Whether `name` designates a firm found in `candidate`: every token of `name` is a token of the candidate.
 * A name needs one token of two characters at least to match anything (« & Co » alone names nobody). A
 * consortium candidate (« Groupement Martin / Atelier Prog ») contains each of its members' names.
 */
export function nameIn(name: string, candidate: string): boolean {
  return tokensIn(firmTokens(name), candidateTokens(candidate));
}

function tokensIn(want: readonly string[], have: ReadonlySet<string>): boolean {
  return want.some((t) => t.length >= 2) && want.every((t) => have.has(t));
}

/**
 * Token sets of candidate names, remembered across validations: the same few firms bid on many lots and
 * their names do not change between keystrokes (AMO-001 on the 10,000-line bench consultation, 815 offers,
 * six AMO names: 16 ms per run before, 0.3 ms after). Bounded: cleared when it grows past a size no real workspace reaches.
 */
const candidateCache = new Map<string, ReadonlySet<string>>();
function candidateTokens(candidate: string): ReadonlySet<string> {
  let set = candidateCache.get(candidate);
  if (!set) {
    if (candidateCache.size >= 5000) candidateCache.clear();
    set = new Set(firmTokens(candidate));
    candidateCache.set(candidate, set);
  }
  return set;
}

/** A party whose free-text role says it assists the owner: « amo », « AMO programmation », « assistant MOA »… */
function isAmoRole(role: string | undefined): boolean {
  if (!role) return false;
  const r = fold(role).replace(/[^a-z0-9]+/g, ' ');
  return /\bamo\b|\bassistan/.test(r);
}

/** The names to look for in the candidates: each AMO party's `organisme` and `nom`, and its related firms. */
function amoNames(programme: Obj): { name: string; tokens: string[]; party: string; related?: string }[] {
  const out: { name: string; tokens: string[]; party: string; related?: string }[] = [];
  for (const { o: a } of programmeModel(programme).actors) {
    if (!isAmoRole(str(a.role))) continue;
    // As printed in messages: the acteur's id and its organisation without the parenthesised note.
    const label = (str(a.organisme) ?? str(a.nom))?.replace(/\s*\([^)]*\)?/g, '').trim();
    const party = [str(a.id), label].filter((x) => x).join(' : ') || 'AMO';
    for (const n of [str(a.organisme), str(a.nom)]) if (n) out.push({ name: n, tokens: firmTokens(n), party });
    for (const l of list(a.entreprises_liees)) {
      const n = str(l);
      if (n) out.push({ name: n, tokens: firmTokens(n), party, related: n });
    }
  }
  return out;
}

/** What the consultation buys: `mission`, else `moe` for a design contract. */
export function missionOf(data: Obj): string | undefined {
  return str(data.mission) ?? (str(data.nature) === 'maitrise_oeuvre' ? 'moe' : undefined);
}

export const AMO_001: Rule = {
  id: 'AMO-001', kind: 'consultation', severity: 'warning', confidence: 'S',
  basis: 'CCP L2141-10 (conflit d’intérêts) ; R2111-2 et L2141-8 2° (participation préalable à la préparation de la procédure) ; guide Cinov/Untec « 52 missions d’AMO » / choisirsonamo.fr (indépendance de l’AMO)', url: L2141_10,
  title: { fr: 'Offre remise par l’AMO de l’opération ou par une entreprise qui lui est liée (hors consultation d’AMO)', en: 'Offer submitted by the operation’s AMO or by a firm related to it (except in an AMO consultation)' },
  check(ctx) {
    // The AMO consultation itself is where the AMO (or its competitors) legitimately tenders.
    if (!ctx.programme || str(ctx.data.mission) === 'amo') return;
    const names = amoNames(ctx.programme.data);
    if (names.length === 0) return;
    for (const offer of consultationModel(ctx.data).offers) {
      const candidat = offer.candidat;
      if (!candidat) continue;
      const have = candidateTokens(candidat);
      const hit = names.find((n) => tokensIn(n.tokens, have));
      if (!hit) continue;
      const who = hit.related
        ? { fr: `« ${hit.related} », entreprise liée à l’AMO de l’opération (${hit.party})`, en: `'${hit.related}', a firm related to the operation’s AMO (${hit.party})` }
        : { fr: `l’AMO de l’opération (${hit.party})`, en: `the operation’s AMO (${hit.party})` };
      ctx.report([...offer.path, 'candidat'], {
        fr: `Le candidat « ${candidat} » correspond à ${who.fr} : conflit d’intérêts possible (L2141-10). L’AMO, qui conseille le maître d’ouvrage, doit rester indépendant des entreprises. S’il a pris part à la préparation de la consultation, communiquez aux autres candidats les informations qu’il a eues et laissez-leur un délai suffisant (R2111-2) ; n’excluez la candidature que s’il ne peut y être remédié autrement (L2141-8 2°, après l’avoir entendu).`,
        en: `Tenderer '${candidat}' matches ${who.en}: possible conflict of interest (L2141-10). The AMO advises the owner and must stay independent of the contractors. If it took part in preparing the consultation, give the other candidates the information it had and enough time (R2111-2); exclude the bid only if nothing else can remedy it (L2141-8 2°, after hearing it).`,
      }, { target: 'value' });
    }
  },
};

export const AMO_002: Rule = {
  id: 'AMO-002', kind: 'consultation', severity: 'warning', confidence: 'S', basis: 'CCP R2152-7 2° c ; R2142-1 (capacités) ; distinction candidature / offre', url: R2152_7,
  title: { fr: 'Critère « références » pour juger les offres : les références relèvent de la candidature ; jugez l’expérience de l’équipe affectée', en: 'A ‘references’ criterion to judge offers: references belong to the selection stage; judge the experience of the assigned team' },
  check(ctx) {
    for (const set of consultationModel(ctx.data).criteriaSets) {
      set.criteria.forEach((c) => {
        for (const { o: item, path } of [c, ...c.sub]) {
          if (str(item.type) !== 'references') continue;
          const name = str(item.id) ?? str(item.libelle) ?? '?';
          ctx.report([...path, 'type'], {
            fr: `Le critère « ${name} » juge les références : elles mesurent la capacité du candidat (candidature), pas la valeur de l’offre. Pour une prestation intellectuelle, jugez l’expérience et les qualifications de l’équipe affectée au marché (type « experience », R2152-7 2° c).`,
            en: `Criterion '${name}' judges references: they measure the candidate’s capacity (selection stage), not the merit of the offer. For intellectual services, judge the experience and qualifications of the team assigned to the contract (type 'experience', R2152-7 2° c).`,
          }, { target: 'value' });
        }
      });
    }
  },
};

/** Criterion types that judge the team or the method of an intellectual service. */
const TEAM_OR_METHOD = new Set(['experience', 'methode', 'coordination', 'qualite']);

export const AMO_003: Rule = {
  id: 'AMO-003', kind: 'consultation', severity: 'information', confidence: 'S', basis: 'CCP R2152-7 2° c ; guide Cinov/Untec « 52 missions d’AMO » ; MIQCP (choix du maître d’œuvre)',
  title: { fr: 'Consultation d’AMO ou de MOE sans critère sur l’équipe ou la méthode (experience, methode, coordination ou qualite)', en: 'AMO or design consultation without a criterion on the team or the method (experience, methode, coordination or qualite)' },
  check(ctx) {
    const mission = missionOf(ctx.data);
    if (mission !== 'amo' && mission !== 'moe' && str(ctx.data.nature) !== 'maitrise_oeuvre') return;
    // A design contest's jury judges projects, not teams (R2162-18).
    if (str(obj(ctx.data.procedure).type) === 'CONCOURS') return;
    const what = mission === 'amo' ? { fr: 'd’assistance à maîtrise d’ouvrage', en: 'project-management assistance' } : { fr: 'de maîtrise d’œuvre', en: 'design' };
    for (const set of consultationModel(ctx.data).criteriaSets) {
      // No criteria at all is CSL-001's finding.
      if (set.criteria.length === 0) continue;
      const types = set.criteria.flatMap((c) => [c.type, ...c.sub.map((s) => str(s.o.type))]);
      if (types.some((t) => t !== undefined && TEAM_OR_METHOD.has(t))) continue;
      ctx.report(set.path, {
        fr: `Consultation ${what.fr}${set.lotId ? ` (lot ${set.lotId})` : ''} sans critère sur l’équipe ou la méthode : une prestation intellectuelle se juge d’abord sur l’expérience de l’équipe affectée, la méthodologie et la coordination (types « experience », « methode », « coordination » ou « qualite »).`,
        en: `${what.en.charAt(0).toUpperCase()}${what.en.slice(1)} consultation${set.lotId ? ` (lot ${set.lotId})` : ''} without a criterion on the team or the method: an intellectual service is judged first on the assigned team’s experience, the methodology and coordination (types 'experience', 'methode', 'coordination' or 'qualite').`,
      });
    }
  },
};

export const amoRules: Rule[] = [AMO_001, AMO_002, AMO_003];
