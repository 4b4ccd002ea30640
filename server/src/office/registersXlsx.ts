/**
 * The programme's registers as sheets: the risk register (criticality P × I and its class as formulas over
 * the scale's critical threshold, so that re-rating a risk in Excel reclassifies it as the tool does) and
 * the planning (phases, deliverables, milestones and the computed legal milestones, dates as real dates).
 */
import { programmeModel } from '../language-service/model/build';
import { riskScale } from '../language-service/model/risks';
import type ExcelJS from 'exceljs';
import { date, daysBetween, list, num, obj, str, type Obj } from '../language-service/util/data';
import type { BuildInput } from '../render/context';
import { actorName } from '../render/context';
import { categoryLabel, enumLabel, phaseLabel, strategyLabel } from '../render/labels';
import { consultationMilestones, programmeMilestones, type LegalMilestone } from '../render/milestones';
import { riskLevel, LEVEL_LABEL } from '../render/riskRegister';
import { addr, addSheet, FMT, put, styleHeader, type CellValue } from './workbook';

const asDate = (d: string | undefined): Date | undefined => (d ? new Date(`${d}T00:00:00Z`) : undefined);

function actionsText(r: Obj): string {
  return list(r.actions)
    .map((a) => (typeof a === 'string' ? a : [str(obj(a).libelle), str(obj(a).echeance) ? `(échéance ${str(obj(a).echeance)})` : undefined, str(obj(a).statut)].filter(Boolean).join(' ')))
    .filter(Boolean)
    .join(' ; ');
}

/** The risk register; returns the number of risks. */
export function addRiskSheet(wb: ExcelJS.Workbook, input: BuildInput): number {
  const data = input.doc.data;
  const scale = riskScale(data);
  const risks = programmeModel(data).risks;
  const ws = addSheet(wb, 'Risques', 2, 2);
  const headers: [string, number][] = [
    ['Id', 10], ['Risque', 40], ['Catégorie', 18], ['P', 5], ['I', 5], ['Criticité P × I', 10], ['Classe', 10], ['Propriétaire', 22], ['Stratégie', 14], ['Statut', 12], ['P résiduelle', 9], ['I résiduel', 9], ['Résiduel', 9], ['Actions', 50],
  ];
  ws.getCell(1, 1).value = `Registre des risques — ${str(obj(data.operation).intitule) ?? 'Opération'} (échelle ${scale.p} × ${scale.i})`;
  ws.getCell(1, 1).font = { bold: true, size: 13 };
  headers.forEach(([h, w], j) => {
    put(ws, 2, j + 1, h);
    ws.getColumn(j + 1).width = w;
  });
  styleHeader(ws.getRow(2));
  const seuilRow = 3 + risks.length + 1;
  const seuil = addr(seuilRow, 2, true);
  risks.forEach((risk, k) => {
    const { o: r, criticality: c } = risk;
    const row = 3 + k;
    const rp = num(r.probabilite_residuelle);
    const ri = num(r.impact_residuel);
    const values: CellValue[] = [
      risk.name,
      [str(r.titre), str(r.description)].filter(Boolean).join(' — '),
      categoryLabel(str(r.categorie)),
      num(r.probabilite),
      num(r.impact),
      { formula: `IF(OR(D${row}="",E${row}=""),"",D${row}*E${row})`, result: c ?? '' },
      { formula: `IF(F${row}="","",IF(F${row}>=${seuil},"Critique",IF(F${row}>=8,"Élevé",IF(F${row}>=4,"Modéré","Faible"))))`, result: c === undefined ? '' : LEVEL_LABEL[riskLevel(c, scale.seuil)] },
      actorName(data, str(r.proprietaire)),
      strategyLabel(str(r.strategie)),
      enumLabel('programme', 'risques.statut', r.statut),
      rp,
      ri,
      { formula: `IF(OR(K${row}="",L${row}=""),"",K${row}*L${row})`, result: risk.residual ?? '' },
      actionsText(r),
    ];
    values.forEach((v, j) => put(ws, row, j + 1, v, [3, 4, 5, 10, 11, 12].includes(j) ? FMT.integer : undefined));
    ws.getRow(row).alignment = { vertical: 'top', wrapText: true };
  });
  put(ws, seuilRow, 1, 'Seuil critique');
  put(ws, seuilRow, 2, scale.seuil, FMT.integer);
  put(ws, seuilRow + 1, 1, 'Classes : critique à partir du seuil, élevé à partir de 8, modéré à partir de 4, faible en dessous.');
  return risks.length;
}

/** The planning: phases with their deliverables and milestones, then the legal milestones. */
export function addPlanningSheet(wb: ExcelJS.Workbook, input: BuildInput): void {
  const data = input.doc.data;
  const ws = addSheet(wb, 'Planning', 2, 2);
  ws.getCell(1, 1).value = `Planning — ${str(obj(data.operation).intitule) ?? 'Opération'}`;
  ws.getCell(1, 1).font = { bold: true, size: 13 };
  const headers: [string, number][] = [['Type', 10], ['Code', 10], ['Phase, livrable ou jalon', 50], ['Début / date', 13], ['Fin', 13], ['Durée (semaines)', 10], ['Statut', 14]];
  headers.forEach(([h, w], j) => {
    put(ws, 2, j + 1, h);
    ws.getColumn(j + 1).width = w;
  });
  styleHeader(ws.getRow(2));
  let row = 3;
  for (const phase of programmeModel(data).phases) {
    const ph = phase.o;
    const d = phase.debut;
    const f = phase.fin;
    const r = row++;
    [
      'Phase',
      str(ph.code) ?? '',
      str(ph.libelle) ?? phaseLabel(str(ph.code)) ?? '',
      asDate(d),
      asDate(f),
      d && f ? { formula: `IF(OR(D${r}="",E${r}=""),"",(E${r}-D${r}+1)/7)`, result: (daysBetween(d, f) + 1) / 7 } : undefined,
      str(ph.statut) ?? '',
    ].forEach((v, j) => put(ws, r, j + 1, v as CellValue, j === 3 || j === 4 ? FMT.date : j === 5 ? '0.0' : undefined));
    ws.getRow(r).font = { bold: true };
    const marks = [
      ...phase.livrables.map((l) => ({ type: 'Livrable', label: l.libelle ?? '', d: date(l.o.echeance), statut: l.statut ?? '' })),
      ...phase.jalons.map((m) => ({ type: 'Jalon', label: m.libelle ?? '', d: m.date, statut: str(m.o.statut) ?? '' })),
    ].sort((a, b) => (a.d ?? '').localeCompare(b.d ?? ''));
    for (const m of marks) {
      const rr = row++;
      [m.type, '', m.label, asDate(m.d), undefined, undefined, m.statut].forEach((v, j) => put(ws, rr, j + 1, v as CellValue, j === 3 ? FMT.date : undefined));
    }
  }
  const legal: LegalMilestone[] = [...programmeMilestones(input.doc), ...(input.consultations ?? []).flatMap(consultationMilestones)].sort((a, b) => a.date.localeCompare(b.date));
  if (legal.length) {
    row++;
    put(ws, row++, 1, 'Jalons légaux calculés').font = { bold: true };
    for (const m of legal) {
      const rr = row++;
      ['Jalon légal', '', `${m.label} — ${m.how} (${m.basis})`, asDate(m.date), undefined, undefined, m.planned ? `prévu le ${m.planned}` : ''].forEach((v, j) => put(ws, rr, j + 1, v as CellValue, j === 3 ? FMT.date : undefined));
    }
  }
}
