import { FR_THRESHOLDS, PRACTICE_DEFAULTS, valueAt } from '../../data/legalData';
import { euros, isObj, list, num, obj, str } from '../../util/index';
import type { Rule } from '../types';
import { launchInfo, procedureType } from '../../model/consultation';

/** The contest facts (`concours`) of a consultation whose procedure is a design contest, else undefined. */
function contest(data: Record<string, unknown>): Record<string, unknown> | undefined {
  return procedureType(data) === 'CONCOURS' && isObj(data.concours) ? data.concours : undefined;
}

export const CSL_036: Rule = {
  id: 'CSL-036', kind: 'consultation', severity: 'warning', confidence: 'S', scope: 'ccp', basis: 'CCP R2162-16 (nombre suffisant pour une concurrence réelle) ; pratique MIQCP (au moins trois)',
  title: { fr: 'Concours : au moins trois participants admis à concourir', en: 'Design contest: at least three participants admitted' },
  check(ctx) {
    const c = contest(ctx.data);
    const n = num(c?.nombre_participants);
    if (n === undefined || n >= PRACTICE_DEFAULTS.concoursParticipantsMin) return;
    ctx.report(['concours', 'nombre_participants'], {
      fr: `Concours à ${n} participant${n > 1 ? 's' : ''} : le nombre de candidats admis doit garantir une concurrence réelle ; l’usage est d’au moins ${PRACTICE_DEFAULTS.concoursParticipantsMin}.`,
      en: `Contest with ${n} participant${n > 1 ? 's' : ''}: the number admitted must ensure genuine competition; practice is at least ${PRACTICE_DEFAULTS.concoursParticipantsMin}.`,
    }, { target: 'value' });
  },
};

export const CSL_037: Rule = {
  id: 'CSL-037', kind: 'consultation', severity: 'error', confidence: 'V', scope: 'ccp', basis: 'CCP R2172-4 (prime égale au prix estimé des études, abattement au plus de 20 %)',
  url: 'https://www.lalettredumaire.com/article-marches-de-maitrise-d-uvre-comment-fixer-et-verser-la-prime-189365.html',
  title: { fr: 'Concours de maîtrise d’œuvre : prime d’au moins 80 % du prix estimé des études demandées', en: 'Design contest: a prize of at least 80% of the estimated price of the studies asked' },
  check(ctx) {
    const c = contest(ctx.data);
    if (!c || str(ctx.data.nature) !== 'maitrise_oeuvre') return;
    const prime = num(c.prime_ht);
    const prix = num(c.prix_estime_etudes_ht);
    if (prime === undefined) {
      ctx.report(['concours'], {
        fr: 'Concours de maîtrise d’œuvre sans prime : les participants ayant remis des prestations conformes reçoivent une prime égale au prix estimé des études, abattu d’au plus 20 % (R2172-4). Indiquez « prime_ht » et « prix_estime_etudes_ht ».',
        en: "Design contest without a prize: participants who submit compliant work receive a prize equal to the estimated price of the studies, less at most 20% (R2172-4). Set 'prime_ht' and 'prix_estime_etudes_ht'.",
      }, { severity: 'warning' });
      return;
    }
    if (prix === undefined || prix <= 0) return;
    const part = valueAt(FR_THRESHOLDS, 'prime_concours_part_min', launchInfo(ctx).date)?.value ?? 0.8;
    if (prime + 0.5 >= part * prix) return;
    ctx.report(['concours', 'prime_ht'], {
      fr: `Prime de ${euros(prime)} HT, soit ${Math.round((prime / prix) * 100)} % du prix estimé des études (${euros(prix)} HT) : au moins ${Math.round(part * 100)} %, soit ${euros(Math.ceil(part * prix))} HT (R2172-4).`,
      en: `Prize of ${euros(prime)}, ${Math.round((prime / prix) * 100)}% of the estimated price of the studies (${euros(prix)}): at least ${Math.round(part * 100)}%, i.e. ${euros(Math.ceil(part * prix))} (R2172-4).`,
    }, { target: 'value' });
  },
};

export const CSL_038: Rule = {
  id: 'CSL-038', kind: 'consultation', severity: 'error', confidence: 'V', scope: 'ccp', basis: 'CCP R2162-22 (jury indépendant des participants ; un tiers au moins qualifié) ; R2162-24 (collectivités : membres élus de la CAO)',
  url: 'https://code-commande-publique.com/?p=6564',
  title: { fr: 'Jury de concours : membres indépendants des participants ; au moins un tiers ayant la qualification exigée des candidats', en: 'Contest jury: members independent of the participants; at least a third with the qualification required of candidates' },
  check(ctx) {
    const c = contest(ctx.data);
    if (!c || !Array.isArray(c.jury) || c.jury.length === 0) return;
    const jury = list(c.jury).map(obj);
    jury.forEach((m, i) => {
      if (m.independant === false || m.lien_participant === true) {
        ctx.report(['concours', 'jury', i], {
          fr: `Membre du jury « ${str(m.nom) ?? i + 1} » lié à un participant : le jury est composé de personnes indépendantes des participants (R2162-22).`,
          en: `Jury member '${str(m.nom) ?? i + 1}' is linked to a participant: the jury is made of persons independent of the participants (R2162-22).`,
        });
      }
    });
    if (c.qualification_requise !== true && !(typeof c.qualification_requise === 'string' && c.qualification_requise.trim())) return;
    const share = valueAt(FR_THRESHOLDS, 'jury_part_qualifiee_min', launchInfo(ctx).date)?.value ?? 1 / 3;
    const qualified = jury.filter((m) => m.qualifie === true).length;
    if (qualified + 1e-9 >= share * jury.length) return;
    ctx.report(['concours', 'jury'], {
      fr: `Jury de ${jury.length} membres dont ${qualified} ayant la qualification exigée des candidats : il en faut au moins un tiers, soit ${Math.ceil(share * jury.length - 1e-9)} (R2162-22). Marquez-les « qualifie: true ».`,
      en: `Jury of ${jury.length} members, ${qualified} with the qualification required of candidates: at least a third is required, i.e. ${Math.ceil(share * jury.length - 1e-9)} (R2162-22). Mark them 'qualifie: true'.`,
    }, { target: 'key' });
  },
};

export const CSL_039: Rule = {
  id: 'CSL-039', kind: 'consultation', severity: 'error', confidence: 'V', scope: 'ccp', basis: 'CCP R2162-18 (examen anonyme des plans et projets)',
  url: 'https://www.weka.fr/actualite/appel-doffres/article/comment-garantir-reellement-l-anonymat-dans-les-procedures-de-concours-de-maitrise-d-oeuvre-151958/',
  title: { fr: 'Concours : le jury examine les projets de manière anonyme', en: 'Design contest: the jury examines the projects anonymously' },
  check(ctx) {
    const c = contest(ctx.data);
    if (!c || c.anonymat !== false) return;
    ctx.report(['concours', 'anonymat'], {
      fr: 'Concours sans anonymat : le jury examine les plans et projets présentés de manière anonyme ; l’anonymat n’est levé qu’après le procès-verbal de classement (R2162-18).',
      en: 'Contest without anonymity: the jury examines the plans and projects anonymously; anonymity is lifted only after the ranking report (R2162-18).',
    }, { target: 'value' });
  },
};

export const contestRules: Rule[] = [CSL_036, CSL_037, CSL_038, CSL_039];
