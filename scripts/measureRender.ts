/**
 * Quick measurement of the render time of a ~10,000-line programme (not the bench suite).
 * Usage: npx tsx scripts/measureRender.ts [lines]
 * Prints, per deliverable, the median over 15 runs of: parse + model + HTML (cold: a new text each
 * run, as after a keystroke) and model + HTML alone (warm: the parse is cached, as the server shares it
 * with diagnostics).
 */
import { createLanguageService } from '../server/src/language-service';
import { buildDeliverable, renderHtml, type DeliverableId } from '../server/src/render';

function programme(targetLines: number): string {
  const out: string[] = [
    'version: 1',
    'operation: {id: BIG, intitule: Programme de mesure, maitre_ouvrage: Commune, nature: rehabilitation, ouvrage_type: batiment, date_affichage_pc: 2026-10-16}',
    'acteurs:',
    '  - {id: MOA, role: maitre_ouvrage, nom: Maire}',
    'enveloppe_financiere:',
    '  montant_ht: 50000000',
    '  date_valeur: 2025-09',
    '  decomposition:',
  ];
  for (let i = 0; i < 200; i++) out.push(`    - {id: D${i}, libelle: "Poste ${i}", montant_ht: 250000}`);
  out.push('echelle_risques: {probabilite: 4, impact: 4, seuil_critique: 9}', 'phases:');
  for (let i = 0; i < 60; i++) {
    const y = 2024 + Math.floor(i / 12);
    const m = String((i % 12) + 1).padStart(2, '0');
    out.push(`  - id: PH-${i}`, '    code: DET', `    libelle: Phase ${i}`, `    debut: ${y}-${m}-01`, `    fin: ${y}-${m}-25`, '    livrables:');
    for (let j = 0; j < 5; j++) out.push(`      - {id: L-${i}-${j}, libelle: "Livrable ${j}", echeance: ${y}-${m}-1${j}}`);
    out.push('    jalons:');
    for (let j = 0; j < 3; j++) out.push(`      - {id: J-${i}-${j}, libelle: "Jalon ${j}", date: ${y}-${m}-2${j}}`);
  }
  out.push('risques:');
  let r = 0;
  while (out.length < targetLines * 0.7) {
    out.push(`  - id: R-${r}`, `    titre: Risque ${r}`, '    categorie: technique', `    probabilite: ${(r % 4) + 1}`, `    impact: ${((r >> 2) % 4) + 1}`, '    proprietaire: MOA', '    strategie: reduire_impact', '    statut: ouvert', '    actions:', `      - {libelle: "Action ${r}", responsable: MOA, echeance: 2027-0${(r % 9) + 1}-15}`, '    phases: [PH-1]');
    r++;
  }
  out.push('besoins:');
  let b = 0;
  while (out.length < targetLines) out.push(`  - {id: B-${b}, libelle: "Local ${b++}", quantite: 2, surface_utile_m2: 25}`);
  return out.join('\n') + '\n';
}

const lines = Number(process.argv[2] ?? 10_000);
const text = programme(lines);
const uri = 'file:///bench/mesure.programme.yaml';
const RUNS = 15;
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

console.log(`Programme: ${text.split('\n').length - 1} lines, ${(text.length / 1024).toFixed(0)} KiB; node ${process.version}`);
for (const d of ['programme', 'risques', 'planning'] as DeliverableId[]) {
  const service = createLanguageService({ workspace: { readText: () => undefined }, today: () => '2026-11-28' });
  const env = { service, readText: () => undefined, today: '2026-11-28' };
  const cold: number[] = [];
  const warm: number[] = [];
  let size = 0;
  for (let i = 0; i < RUNS + 2; i++) {
    // A different text each run (a trailing comment), as after a keystroke: the parse is not cached.
    const t0 = performance.now();
    const r = buildDeliverable(env, { uri, text: `${text}# ${i}\n` }, d);
    size = renderHtml(r.model!).length;
    const t1 = performance.now();
    const again = buildDeliverable(env, { uri, text: `${text}# ${i}\n` }, d);
    renderHtml(again.model!);
    const t2 = performance.now();
    if (i >= 2) {
      cold.push(t1 - t0);
      warm.push(t2 - t1);
    }
  }
  console.log(`${d.padEnd(10)} cold (parse + render) median ${median(cold).toFixed(1)} ms, max ${Math.max(...cold).toFixed(1)} ms | warm (render only) median ${median(warm).toFixed(1)} ms | HTML ${(size / 1024).toFixed(0)} KiB`);
}
