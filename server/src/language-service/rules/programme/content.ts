import { euros, isObj, list, near, nonEmpty, num, obj, str, sum } from '../../util/index';
import type { Obj } from '../../util/index';
import { livreIVExcluded, livreIVStatus } from '../../model/buyer';
import type { Rule } from '../types';

const L2421_2 = 'https://french-business-law.com/french-legislation/legiscta000037703226-legiscta000037703428-part-two-public-procurement/page/30';

export const HEADINGS = ['sociale', 'urbanistique', 'architecturale', 'fonctionnelle', 'technique', 'economique', 'paysage', 'environnement'] as const;

/** Buyers outside the L2411-1 list (or works excluded by L2412-1) are not bound by Livre IV: its rules become best practice. */
export function subjectToLivreIV(data: Obj): boolean {
  return livreIVStatus(data) !== 'no';
}

export const PRG_001: Rule = {
  id: 'PRG-001', kind: 'programme', severity: 'error', confidence: 'V', basis: 'CCP L2421-2 1°', url: L2421_2, livreIV: true,
  title: { fr: 'Le programme définit les objectifs de l’opération', en: 'The programme states the objectives of the operation' },
  check(ctx) {
    if (list(ctx.data.objectifs).length > 0) return;
    ctx.report([Array.isArray(ctx.data.objectifs) ? 'objectifs' : 'operation'], {
      fr: 'Aucun objectif : le programme doit définir les objectifs de l’opération (L2421-2 1°). Ajoutez « objectifs ».',
      en: "No objective: the programme must state the objectives of the operation (L2421-2 1°). Add 'objectifs'.",
    });
  },
};

export const PRG_002: Rule = {
  id: 'PRG-002', kind: 'programme', severity: 'error', confidence: 'V', basis: 'CCP L2421-2 2°', url: L2421_2, livreIV: true,
  title: { fr: 'Le programme définit les besoins à satisfaire', en: 'The programme states the needs to satisfy' },
  check(ctx) {
    if (list(ctx.data.besoins).length > 0) return;
    ctx.report([Array.isArray(ctx.data.besoins) ? 'besoins' : 'operation'], {
      fr: 'Aucun besoin : le programme doit définir les besoins à satisfaire (espaces, capacités, usagers ; L2421-2 2°). Ajoutez « besoins ».',
      en: "No need: the programme must state the needs to satisfy (spaces, capacities, users; L2421-2 2°). Add 'besoins'.",
    });
  },
};

export const PRG_003: Rule = {
  id: 'PRG-003', kind: 'programme', severity: 'error', confidence: 'V', basis: 'CCP L2421-2 3°', url: L2421_2, livreIV: true,
  title: { fr: 'Contraintes et exigences sous les huit rubriques (sociale, urbanistique, architecturale, fonctionnelle, technique, économique, paysage, environnement)', en: 'Constraints and requirements under the eight headings' },
  check(ctx) {
    const ce = obj(ctx.data.contraintes_exigences);
    const missing = HEADINGS.filter((h) => !nonEmpty(ce[h]));
    if (missing.length === 0) return;
    const path = isObj(ctx.data.contraintes_exigences) ? ['contraintes_exigences'] : ['operation'];
    if (missing.length === HEADINGS.length) {
      ctx.report(path, {
        fr: 'Aucune contrainte ni exigence : le programme doit les définir sous huit rubriques (L2421-2 3°) : ' + HEADINGS.join(', ') + '.',
        en: 'No constraints or requirements: the programme must state them under eight headings (L2421-2 3°): ' + HEADINGS.join(', ') + '.',
      });
    } else {
      ctx.report(path, {
        fr: `Rubriques de contraintes et exigences manquantes : ${missing.join(', ')} (L2421-2 3°).`,
        en: `Missing constraint and requirement headings: ${missing.join(', ')} (L2421-2 3°).`,
      }, { severity: 'warning' });
    }
  },
};

export const PRG_004: Rule = {
  id: 'PRG-004', kind: 'programme', severity: 'error', confidence: 'V', basis: 'CCP L2421-1 3° ; L2421-3', livreIV: true,
  title: { fr: 'Enveloppe financière prévisionnelle : montant HT positif (erreur) et date de valeur (avertissement)', en: 'Budget envelope: a positive amount excl. VAT (error) and its price date (warning)' },
  check(ctx) {
    const efp = ctx.data.enveloppe_financiere;
    if (!isObj(efp)) {
      ctx.report(['operation'], {
        fr: 'Enveloppe financière prévisionnelle absente : le maître d’ouvrage doit la fixer (L2421-1 3°). Ajoutez « enveloppe_financiere » avec « montant_ht » et « date_valeur ».',
        en: "No budget envelope: the owner must set it (L2421-1 3°). Add 'enveloppe_financiere' with 'montant_ht' and 'date_valeur'.",
      });
      return;
    }
    const m = num(efp.montant_ht);
    if (m === undefined || m <= 0) {
      ctx.report(['enveloppe_financiere', 'montant_ht'], { fr: 'Montant HT de l’enveloppe financière manquant ou nul.', en: 'Budget envelope amount missing or zero.' }, { target: 'value' });
    }
    if (!nonEmpty(efp.date_valeur)) {
      // L2421-1 3° requires the envelope, not its price date: a missing mois zéro is a practice warning.
      ctx.report(['enveloppe_financiere'], {
        fr: 'Date de valeur de l’enveloppe (mois zéro, « date_valeur: AAAA-MM ») manquante : sans elle, le montant ne peut pas être actualisé.',
        en: "Price date of the envelope ('date_valeur: YYYY-MM') missing: without it the amount cannot be updated.",
      }, { severity: 'warning' });
    }
  },
};

export const PRG_005: Rule = {
  id: 'PRG-005', kind: 'programme', severity: 'error', confidence: 'V', basis: 'CCP L2421-1 1°', livreIV: true,
  title: { fr: 'Localisation de l’opération déterminée', en: 'Location of the operation determined' },
  check(ctx) {
    if (nonEmpty(obj(ctx.data.operation).localisation)) return;
    ctx.report(['operation'], { fr: 'Localisation de l’opération non renseignée (« operation.localisation », L2421-1 1°).', en: "Location of the operation missing ('operation.localisation', L2421-1 1°)." });
  },
};

export const PRG_006: Rule = {
  id: 'PRG-006', kind: 'programme', severity: 'warning', confidence: 'V', basis: 'CCP L2421-1 4°',
  title: { fr: 'Plan de financement présent et couvrant l’enveloppe', en: 'Funding plan present and covering the envelope' },
  check(ctx) {
    const efp = num(obj(ctx.data.enveloppe_financiere).montant_ht);
    const fin = list(ctx.data.financement).map(obj);
    if (fin.length === 0) {
      ctx.report([Array.isArray(ctx.data.financement) ? 'financement' : 'enveloppe_financiere'], { fr: 'Plan de financement absent (« financement ») : le maître d’ouvrage doit assurer le financement (L2421-1 4°).', en: "No funding plan ('financement'): the owner must secure the funding (L2421-1 4°)." });
      return;
    }
    const total = sum(fin.map((f) => num(f.montant_ht)));
    // A line without an amount is unknown, not 0: the cover cannot be judged, only said incomplete.
    const unknown = fin.filter((f) => num(f.montant_ht) === undefined).length;
    if (efp !== undefined && total + 0.005 < efp) {
      if (unknown > 0) {
        ctx.report(['financement'], {
          fr: `Le plan de financement chiffré (${euros(total)}) ne couvre pas l’enveloppe (${euros(efp)}) et ${unknown} ligne${unknown > 1 ? 's n’ont' : ' n’a'} pas de montant : chiffrez-${unknown > 1 ? 'les' : 'la'} pour montrer qu’il ne manque pas ${euros(efp - total)}.`,
          en: `The funding plan with amounts (${euros(total)}) does not cover the envelope (${euros(efp)}) and ${unknown} line${unknown > 1 ? 's have' : ' has'} no amount: give ${unknown > 1 ? 'them' : 'it'} to show that ${euros(efp - total)} is not missing.`,
        });
      } else ctx.report(['financement'], { fr: `Le plan de financement (${euros(total)}) ne couvre pas l’enveloppe (${euros(efp)}) : il manque ${euros(efp - total)}.`, en: `The funding plan (${euros(total)}) does not cover the envelope (${euros(efp)}): ${euros(efp - total)} missing.` });
    }
  },
};

export const PRG_007: Rule = {
  id: 'PRG-007', kind: 'programme', severity: 'warning', confidence: 'V', basis: 'CCP L2421-1 (processus de réalisation)',
  title: { fr: 'Mode de réalisation choisi', en: 'Delivery method chosen' },
  check(ctx) {
    if (nonEmpty(ctx.data.mode_realisation)) return;
    ctx.report(['operation'], { fr: 'Mode de réalisation non choisi (« mode_realisation » : loi_mop, conception_realisation, marche_global_performance…).', en: "No delivery method ('mode_realisation': loi_mop, conception_realisation, marche_global_performance…)." });
  },
};

export const PRG_009: Rule = {
  id: 'PRG-009', kind: 'programme', severity: 'warning', confidence: 'practice', basis: 'Cohérence de l’enveloppe (pratique)',
  title: { fr: 'La décomposition de l’enveloppe totalise son montant HT ; part travaux inférieure au total', en: 'The envelope breakdown adds up to its amount; works share below the total' },
  check(ctx) {
    const efp = obj(ctx.data.enveloppe_financiere);
    const m = num(efp.montant_ht);
    if (m === undefined) return;
    const lines = list(efp.decomposition).map(obj);
    // A line without an amount is unknown, not zero: the total cannot be checked then.
    if (lines.length > 0 && lines.every((l) => num(l.montant_ht) !== undefined)) {
      const total = sum(lines.map((l) => num(l.montant_ht)));
      if (!near(total, m, 1)) {
        ctx.report(['enveloppe_financiere', 'decomposition'], {
          fr: `La décomposition totalise ${euros(total)} pour une enveloppe de ${euros(m)} (écart ${euros(total - m)}).`,
          en: `The breakdown adds up to ${euros(total)} for an envelope of ${euros(m)} (difference ${euros(total - m)}).`,
        });
      }
    }
    const travaux = num(efp.part_travaux);
    // Equal is possible (an owner whose envelope is the works envelope); above is a contradiction.
    if (travaux !== undefined && travaux > m) {
      ctx.report(['enveloppe_financiere', 'part_travaux'], { fr: `La part travaux (${euros(travaux)}) dépasse l’enveloppe (${euros(m)}), qui inclut aussi études, honoraires et aléas.`, en: `The works share (${euros(travaux)}) exceeds the envelope (${euros(m)}), which also covers studies, fees and contingencies.` }, { target: 'value' });
    }
  },
};

export const PRG_009B: Rule = {
  id: 'PRG-009b', kind: 'programme', severity: 'information', confidence: 'U', basis: 'Pratique',
  title: { fr: 'Pas de ligne d’aléas ou de révision des prix dans l’enveloppe', en: 'No contingency or price-revision line in the envelope' },
  check(ctx) {
    const lines = list(obj(ctx.data.enveloppe_financiere).decomposition).map(obj);
    if (lines.length === 0) return;
    if (lines.some((l) => /al[ée]a|impr[ée]vu|r[ée]vision|actualisation|provision/i.test(`${str(l.id) ?? ''} ${str(l.libelle) ?? ''}`))) return;
    ctx.report(['enveloppe_financiere', 'decomposition'], { fr: 'Aucune ligne d’aléas ou de révision des prix dans la décomposition : prévoyez-en une.', en: 'No contingency or price-revision line in the breakdown: consider adding one.' });
  },
};

export const PRG_013: Rule = {
  id: 'PRG-013', kind: 'programme', severity: 'warning', confidence: 'U', basis: 'Pratique (tableau des surfaces)',
  title: { fr: 'Tableau des surfaces : Σ besoins = total SU ; ratio SDP/SU dans la bande 1,2–1,6', en: 'Surface table: Σ needs = total net area; GFA/net ratio within 1.2–1.6' },
  check(ctx) {
    const s = obj(ctx.data.surfaces);
    const su = num(s.total_su);
    const needs = list(ctx.data.besoins).map(obj).filter((b) => num(b.surface_utile_m2) !== undefined);
    if (su !== undefined && needs.length > 0) {
      const perUnit = sum(needs.map((b) => (num(b.surface_utile_m2) ?? 0) * (num(b.quantite) ?? 1)));
      const plain = sum(needs.map((b) => num(b.surface_utile_m2)));
      if (!near(perUnit, su, 0.5) && !near(plain, su, 0.5)) {
        ctx.report(['surfaces', 'total_su'], { fr: `Le total SU (${su} m²) diffère de la somme des besoins (${Math.round(perUnit * 100) / 100} m²).`, en: `Total net area (${su} m²) differs from the sum of needs (${Math.round(perUnit * 100) / 100} m²).` }, { target: 'value' });
      }
    }
    const sdp = num(s.total_sdp);
    if (su && sdp && (sdp / su < 1.2 || sdp / su > 1.6)) {
      ctx.report(['surfaces', 'total_sdp'], { fr: `Ratio SDP/SU de ${Math.round((sdp / su) * 100) / 100} hors de la bande usuelle 1,2–1,6 : vérifiez.`, en: `GFA/net ratio of ${Math.round((sdp / su) * 100) / 100} outside the usual 1.2–1.6 band: check.` }, { target: 'value' });
    }
  },
};

export const PRG_014: Rule = {
  id: 'PRG-014', kind: 'programme', severity: 'information', confidence: 'V', basis: 'CCP L2411-1 ; L2412-1',
  title: { fr: 'Maître d’ouvrage hors Livre IV (ou ouvrage exclu par L2412-1) : ses règles sont présentées comme bonnes pratiques', en: 'Owner outside Livre IV (or works excluded by L2412-1): its rules are shown as best practice' },
  check(ctx) {
    const status = livreIVStatus(ctx.data);
    if (status === 'yes') return;
    const excluded = livreIVExcluded(ctx.data);
    const at: (string | number)[] = excluded ? ['operation', 'exclusion_livre_iv'] : ['operation', 'categorie_acheteur'];
    ctx.report(at, status === 'no'
      ? {
        fr: excluded
          ? 'Ouvrage exclu du Livre IV (L2412-1) : les règles de l’ancienne loi MOP sont signalées comme bonnes pratiques (information).'
          : 'Maître d’ouvrage hors du champ du Livre IV (L2411-1 : ni l’État ou ses établissements publics, ni une collectivité, ni un organisme de logement social) : les règles de l’ancienne loi MOP sont signalées comme bonnes pratiques (information).',
        en: excluded
          ? 'Works excluded from Livre IV (L2412-1): the former loi MOP rules are reported as best practice (information).'
          : 'Owner outside Livre IV (L2411-1: neither the State or its public bodies, nor a local authority, nor a social-housing body): the former loi MOP rules are reported as best practice (information).',
      }
      : {
        fr: 'Livre IV applicable à ce maître d’ouvrage pour les logements locatifs aidés seulement (L2411-1) : ses règles sont au plus des avertissements. Précisez « categorie_acheteur » ou « exclusion_livre_iv ».',
        en: "Livre IV binds this owner for State-aided rental housing only (L2411-1): its rules are at most warnings. Make 'categorie_acheteur' or 'exclusion_livre_iv' precise.",
      }, { target: 'value' });
  },
};

export const contentRules: Rule[] = [PRG_001, PRG_002, PRG_003, PRG_004, PRG_005, PRG_006, PRG_007, PRG_009, PRG_009B, PRG_013, PRG_014];
