import { programmeModel } from '../../model/build';
import { fold, isObj, nonEmpty, obj, str, type Obj } from '../../util/index';
import { typology } from '../energy';
import type { Rule } from '../types';

/** The normalised role families of an actor's free-text `role`. */
function roleFamilies(a: Obj): Set<string> {
  const r = fold(`${str(a.role) ?? ''}`).replace(/[\s_-]+/g, ' ');
  const out = new Set<string>();
  if (/conduite? d?\s?operation|conducteur d?\s?operation|\bco\b/.test(r)) out.add('conduite');
  if (/\bmoe\b|maitr(e|ise) d?\s?oeuvre|architecte|bureau d etudes|\bbet\b/.test(r)) out.add('moe');
  if (/control(e|eur) technique|bureau de controle|\bct\b/.test(r)) out.add('controle');
  if (/entreprise|titulaire travaux|\bentrepreneur/.test(r)) out.add('entreprise');
  return out;
}

/** The organisation an actor belongs to, for comparing actors (its `organisme`, else its `nom`). */
function organisation(a: Obj): string | undefined {
  const o = str(a.organisme) ?? str(a.nom);
  return o && nonEmpty(o) ? fold(o).replace(/\s+/g, ' ').trim() : undefined;
}

const PAIRS: readonly { a: string; b: string; basis: string; fr: string; en: string }[] = [
  { a: 'conduite', b: 'moe', basis: 'L2422-4', fr: 'la mission de conduite d’opération est incompatible avec toute mission de maîtrise d’œuvre sur la même opération', en: 'project management on behalf of the owner is incompatible with any design mission on the same operation' },
  { a: 'controle', b: 'moe', basis: 'CCH L125-3 (ex-L111-25)', fr: 'le contrôleur technique ne peut exercer de mission de conception ou d’exécution sur l’ouvrage', en: 'the technical inspector may not take part in the design or construction of the works' },
  { a: 'controle', b: 'entreprise', basis: 'CCH L125-3 (ex-L111-25)', fr: 'le contrôleur technique ne peut exercer de mission de conception ou d’exécution sur l’ouvrage', en: 'the technical inspector may not take part in the design or construction of the works' },
];

export const PRG_018: Rule = {
  id: 'PRG-018', kind: 'programme', severity: 'error', confidence: 'V', basis: 'CCP L2422-4 ; CCH L125-3 (ex-L111-25) ; CE 18 juin 2010, n° 336418 ; CE 27 avr. 2021, n° 447221',
  url: 'https://www.code-commande-publique.com/groupement-et-controleur-technique-les-activites-incompatibles/',
  title: { fr: 'Incompatibilités des intervenants : conduite d’opération et maîtrise d’œuvre, contrôle technique et conception ou exécution', en: 'Incompatible roles: owner-side project management and design, technical inspection and design or construction' },
  check(ctx) {
    const actors = programmeModel(ctx.data).actors.map((a) => a.o);
    const byOrg = new Map<string, { index: number; families: Set<string> }[]>();
    actors.forEach((a, index) => {
      const org = organisation(a);
      if (!org) return;
      byOrg.set(org, [...(byOrg.get(org) ?? []), { index, families: roleFamilies(a) }]);
    });
    for (const entries of byOrg.values()) {
      for (const p of PAIRS) {
        const first = entries.find((e) => e.families.has(p.a));
        const second = entries.find((e) => e.families.has(p.b) && (e !== first || e.families.size > 1));
        if (!first || !second) continue;
        const name = str(actors[first.index].organisme) ?? str(actors[first.index].nom) ?? '';
        if (first.index === second.index && !(first.families.has(p.a) && first.families.has(p.b))) continue;
        ctx.report(['acteurs', Math.max(first.index, second.index)], {
          fr: `« ${name} » cumule deux rôles incompatibles : ${p.fr} (${p.basis}).`,
          en: `'${name}' holds two incompatible roles: ${p.en} (${p.basis}).`,
        });
      }
    }
  },
};

const GLOBAL_GROUNDS = new Set(['motifs_techniques', 'engagement_efficacite_energetique', 'performance_au_dela_reglementation']);

export const PRG_019: Rule = {
  id: 'PRG-019', kind: 'programme', severity: 'error', confidence: 'V', basis: 'CCP L2171-2 ; R2171-1 et s.', livreIV: true,
  title: { fr: 'Conception-réalisation par un maître d’ouvrage du Livre IV : motif de L2171-2 (motifs techniques, engagement d’efficacité énergétique, performance au-delà de la réglementation)', en: 'Design and build by a Livre IV owner: a ground of L2171-2 (technical reasons, energy-efficiency commitment, performance beyond regulation)' },
  check(ctx) {
    if (str(ctx.data.mode_realisation) !== 'conception_realisation') return;
    const motif = str(ctx.data.mode_realisation_motif);
    if (motif && GLOBAL_GROUNDS.has(motif)) return;
    ctx.report(['mode_realisation'], {
      fr: 'Conception-réalisation : un maître d’ouvrage soumis au Livre IV n’y recourt que si des motifs d’ordre technique, un engagement contractuel d’amélioration de l’efficacité énergétique ou la construction d’un bâtiment neuf dépassant la réglementation thermique rendent nécessaire l’association de l’entrepreneur aux études (L2171-2). Indiquez « mode_realisation_motif » et sa justification.',
      en: "Design and build: a Livre IV owner may use it only when technical reasons, a contractual energy-efficiency commitment or a new building beyond the thermal regulation make the contractor's involvement in the design necessary (L2171-2). Set 'mode_realisation_motif' and its justification.",
    }, { target: 'value' });
  },
};

export const PRG_020: Rule = {
  id: 'PRG-020', kind: 'programme', severity: 'hint', confidence: 'V', basis: 'C. trav. R4412-97 (permis avant le 01/07/1997) ; CCH R172-x (RE2020 selon la date de dépôt du PC)',
  title: { fr: 'Année du permis (amiante) ou date de dépôt du PC (RE2020) à renseigner : des règles en dépendent', en: 'Permit year (asbestos) or permit filing date (RE2020) to fill in: rules depend on them' },
  check(ctx) {
    const op = ctx.data.operation;
    if (!isObj(op)) return;
    const natures = (Array.isArray(op.nature) ? op.nature : [op.nature]).map((n) => str(n)).filter((n): n is string => !!n);
    if (natures.length === 0) return;
    const neuf = natures.some((n) => n === 'construction_neuve' || n === 'extension');
    const existant = natures.some((n) => n !== 'construction_neuve');
    const depot = obj(obj(ctx.data.energie).re2020).date_depot_pc ?? op.date_depot_pc;
    if (existant && op.annee_permis === undefined) {
      ctx.report(['operation', 'nature'], {
        fr: 'Bâtiment existant : indiquez « annee_permis » (année du permis d’origine) ; avant le 01/07/1997, le repérage amiante avant travaux doit être joint au DCE des travaux (CSL-024).',
        en: "Existing building: set 'annee_permis' (year of the original permit); before 1997-07-01 the pre-works asbestos survey must be in the works tender file (CSL-024).",
      }, { target: 'key' });
    } else if (neuf && depot === undefined && typology(ctx.data) !== undefined) {
      ctx.report(['operation', 'nature'], {
        fr: 'Construction neuve ou extension : indiquez « date_depot_pc » (prévue ou réelle) ; l’application de la RE2020 dépend de cette date et de l’usage (NRJ-002).',
        en: "New building or extension: set 'date_depot_pc' (planned or actual); whether RE2020 applies depends on it and on the use (NRJ-002).",
      }, { target: 'key' });
    }
  },
};

export const actorRules: Rule[] = [PRG_018, PRG_019, PRG_020];
