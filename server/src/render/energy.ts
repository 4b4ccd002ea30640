import { date, isObj, num, obj, str } from '../language-service/util/data';
import { strings, type BuildInput } from './context';
import { area, dateFr, decimal, yesNo } from './format';
import { enumLabel } from './labels';
import { cell, code, heading, num as numCell, para, strong, type Block, type Facts } from './model';

const RE2020_FIELDS: [string, string, string][] = [
  ['bbio', 'Bbio', 'points'],
  ['cep', 'Cep', 'kWhep/m².an'],
  ['cep_nr', 'Cep,nr', 'kWhep/m².an'],
  ['ic_energie', 'Ic énergie', 'kgCO₂eq/m²'],
  ['ic_construction', 'Ic construction', 'kgCO₂eq/m²'],
  ['dh', 'DH', 'degrés-heures'],
  ['cep_r', 'Cep,r (indicatif)', 'kWhep/m².an'],
  ['objectif_vs_seuil_pct', 'Objectif par rapport au seuil', '%'],
];

/** Section 5 of the programme dossier: energy and environmental targets (the `energie` keys of docs/format.md). */
export function energyBlocks(input: BuildInput): Block[] {
  const { data, src } = input.doc;
  const e = obj(data.energie);
  const out: Block[] = [heading(2, '5. Objectifs énergétiques et environnementaux', src.at('energie'))];
  if (!isObj(data.energie)) return [...out, para('Aucun objectif énergétique renseigné (bloc « energie »).', { tone: 'note' })];

  const dt = obj(e.decret_tertiaire);
  if (isObj(e.decret_tertiaire)) {
    const at = (k: string): number | undefined => src.at('energie', 'decret_tertiaire', k);
    const ref = num(dt.conso_reference_kwhef_m2_an);
    const relative = str(dt.methode) !== 'absolue';
    const facts: Facts = {
      kind: 'facts',
      items: [
        { label: 'Assujetti au dispositif Éco Énergie Tertiaire', value: yesNo(dt.assujetti), line: at('assujetti') },
        { label: 'Surface assujettie', value: num(dt.surface_tertiaire_m2) === undefined ? '—' : area(num(dt.surface_tertiaire_m2) as number), line: at('surface_tertiaire_m2') },
        { label: 'Année de référence', value: str(dt.annee_reference) ?? '—', line: at('annee_reference') },
        { label: 'Consommation de référence', value: ref === undefined ? '—' : `${decimal(ref)} kWhef/m².an`, line: at('conso_reference_kwhef_m2_an') },
        { label: 'Méthode', value: dt.methode === undefined ? '—' : enumLabel('programme', 'energie.decret_tertiaire.methode', dt.methode), line: at('methode') },
        ...(str(dt.operat_id) ? [{ label: 'Identifiant OPERAT', value: str(dt.operat_id) as string, line: at('operat_id') }] : []),
        ...(dt.modulation !== undefined ? [{ label: 'Modulation', value: enumLabel('programme', 'energie.decret_tertiaire.modulation', dt.modulation), line: at('modulation') }] : []),
      ].filter((x) => x.value !== '—'),
    };
    out.push(heading(3, 'Dispositif Éco Énergie Tertiaire', src.at('energie', 'decret_tertiaire')), facts);
    const years = (['2030', '2040', '2050'] as const).filter((y) => num(dt[`objectif_${y}`]) !== undefined);
    if (years.length) {
      out.push({
        kind: 'table',
        columns: [{ label: 'Échéance' }, { label: relative ? 'Réduction visée' : 'Objectif', align: 'right' }, ...(relative && ref !== undefined ? [{ label: 'Consommation cible', align: 'right' as const }] : [])],
        rows: years.map((y) => {
          const pct = num(dt[`objectif_${y}`]) as number;
          return {
            line: at(`objectif_${y}`),
            cells: [cell(y), numCell(relative ? `−${decimal(pct)} %` : decimal(pct)), ...(relative && ref !== undefined ? [numCell(`${decimal(ref * (1 - pct / 100))} kWhef/m².an`)] : [])],
          };
        }),
        caption: relative && ref !== undefined ? 'Consommation cible = consommation de référence × (1 − réduction visée).' : undefined,
      });
    }
  }

  const re = obj(e.re2020);
  if (isObj(e.re2020)) {
    const at = (k: string): number | undefined => src.at('energie', 're2020', k);
    const items = [
      ...(re.typologie !== undefined ? [{ label: 'Typologie', value: enumLabel('programme', 'energie.re2020.typologie', re.typologie), line: at('typologie') }] : []),
      ...(date(re.date_depot_pc) ? [{ label: 'Dépôt du permis', value: dateFr(date(re.date_depot_pc)), line: at('date_depot_pc') }] : []),
      ...RE2020_FIELDS.filter(([k]) => num(re[k]) !== undefined).map(([k, label, unit]) => ({ label, value: `${decimal(num(re[k]) as number)} ${unit}`, line: at(k) })),
    ];
    out.push(heading(3, 'RE2020 (construction neuve)', src.at('energie', 're2020')), { kind: 'facts', items });
  }

  const ren = obj(e.renovation);
  if (isObj(e.renovation)) {
    out.push(heading(3, 'Rénovation', src.at('energie', 'renovation')));
    if (str(ren.etat_initial)) out.push(para([strong('État initial : '), str(ren.etat_initial) as string], { line: src.at('energie', 'renovation', 'etat_initial') }));
    if (num(ren.gains_vises_pct) !== undefined) out.push(para([strong('Gain visé : '), `${decimal(num(ren.gains_vises_pct) as number)} %`], { line: src.at('energie', 'renovation', 'gains_vises_pct') }));
  }

  const cee = obj(e.cee);
  if (isObj(e.cee)) {
    const fiches = strings(cee.fiches);
    out.push(heading(3, 'Certificats d’économies d’énergie', src.at('energie', 'cee')));
    if (fiches.length) out.push(para([strong('Fiches d’opérations standardisées : '), ...fiches.flatMap((f, i) => (i ? [', ', code(f)] : [code(f)]))], { line: src.at('energie', 'cee', 'fiches') }));
    if (date(cee.date_engagement)) out.push(para([strong('Engagement des opérations : '), dateFr(date(cee.date_engagement))], { line: src.at('energie', 'cee', 'date_engagement') }));
  }
  return out;
}
