/**
 * Generates large, realistic AMO documents for the benchmarks: a programme (phases with deliverables and
 * milestones, needs, a risk register) and a consultation (lots, criteria per lot, offers) of about N lines
 * each, with a known number of injected errors per diagnostic code.
 *
 *   npx tsx bench/generate.ts --sizes 1k,10k,50k [--out bench/.work] [--check]
 *
 * `--check` runs the language service on the files and fails unless the diagnostics of each injected code
 * are exactly the injected count. The bulk is written in block style (about 35 characters a line), so that a
 * 50,000-line document stays under the service's 2-million-character validation limit (limits.ts).
 */
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';

export interface GeneratedDoc {
  /** File name, e.g. `bench-10k.programme.yaml`. */
  name: string;
  text: string;
  lines: number;
  /** Diagnostic code → number of errors of that code injected on purpose. */
  injected: Record<string, number>;
  /** Where the harness edits: the offset of a character inside a long text value, near the middle. */
  editOffset: number;
  /** A position of a reference (risk owner / offer lot) near the middle: hover and definition target it. */
  refOffset: number;
  /** A position after `statut: ` (enum value) near the middle: completion target. */
  completionOffset: number;
}

export interface GeneratedSet {
  label: string;
  target: number;
  programme: GeneratedDoc;
  consultation: GeneratedDoc;
}

/** `1k` → 1000, `50k` → 50000, `2500` → 2500. */
export function parseSize(s: string): number {
  const m = /^(\d+(?:\.\d+)?)(k?)$/i.exec(s.trim());
  if (!m) throw new Error(`Size '${s}' is not a number of lines such as 1k, 10k or 2500.`);
  return Math.round(Number(m[1]) * (m[2] ? 1000 : 1));
}

/** Deterministic pseudo-random numbers (mulberry32): the same seed gives the same documents. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number, w = 4): string => String(n).padStart(w, '0');

function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * Decides, per diagnostic code, whether the next occasion to inject that code is taken: one occasion in
 * `period`, starting half-way, so that every code is injected at every size and spread over the document.
 */
function injector(enabled: boolean, period: number): (code: string) => boolean {
  const seen: Record<string, number> = {};
  return (code) => {
    seen[code] = (seen[code] ?? 0) + 1;
    return enabled && seen[code] % period === Math.floor(period / 2);
  };
}

/** Collects lines, counts injections and remembers offsets of interest. */
class Writer {
  readonly lines: string[] = [];
  private length = 0;
  readonly injected: Record<string, number> = {};
  constructor(private readonly target: number) {}
  push(...ls: string[]): void {
    for (const l of ls) {
      this.lines.push(l);
      this.length += l.length + 1;
    }
  }
  /** Offset at which the next pushed line starts. */
  get offset(): number {
    return this.length;
  }
  get count(): number {
    return this.lines.length;
  }
  full(reserve: number): boolean {
    return this.lines.length + reserve >= this.target;
  }
  inject(code: string): void {
    this.injected[code] = (this.injected[code] ?? 0) + 1;
  }
  text(): string {
    return this.lines.join('\n') + '\n';
  }
}

const ACTEURS = ['MOA', 'DST', 'AMO', 'MOE', 'CT', 'CSPS', 'GEO', 'OPC', 'UTIL', 'FIN'];
const NEEDS = ['Salle de classe', 'Bureau', 'Salle de réunion', 'Local technique', 'Sanitaires', 'Atelier', 'Réserve', 'Salle polyvalente', 'Local d’entretien', 'Vestiaires', 'Salle de repos', 'Bibliothèque'];
const DELIVERABLES = ['Note de synthèse', 'Rapport d’étude', 'Dossier de plans', 'Estimation détaillée', 'Compte rendu de réunion', 'Notice technique', 'Planning détaillé', 'Fiche de contrôle'];
const RISK_TITLES: [string, string][] = [
  ['technique', 'Découverte de réseaux non repérés lors des terrassements'],
  ['chantier', 'Retard d’approvisionnement des menuiseries extérieures'],
  ['financier', 'Hausse des prix des matériaux au-delà de la révision prévue'],
  ['reglementaire', 'Évolution réglementaire en cours d’études'],
  ['procedure', 'Lot infructueux faute d’offre acceptable'],
  ['entreprises', 'Défaillance d’une entreprise titulaire'],
  ['organisation', 'Indisponibilité des interlocuteurs de la maîtrise d’ouvrage'],
  ['exploitation', 'Sous-dimensionnement des locaux de maintenance'],
];
const STRATEGIES = ['reduire_probabilite', 'reduire_impact', 'partager', 'eviter'];
const MAIN_PHASES: [string, string, number][] = [
  ['OPP', 'Études d’opportunité', 90], ['FAI', 'Études de faisabilité', 110], ['PROG', 'Programmation', 150], ['SEL-MOE', 'Choix de la maîtrise d’œuvre', 110],
  ['DIAG', 'Diagnostic de l’existant', 55], ['APS', 'Avant-projet sommaire', 50], ['APD', 'Avant-projet définitif', 60], ['PRO', 'Études de projet et DCE', 85],
  ['ACT', 'Consultation des entreprises de travaux', 120], ['DET', 'Direction de l’exécution des travaux', 500], ['AOR', 'Réception des travaux', 60], ['GPA', 'Garantie de parfait achèvement', 365],
];

/** A programme of about `target` lines; with `errors`, about one injected error per 250 lines. */
export function generateProgramme(target: number, label: string, errors = true): GeneratedDoc {
  const r = rng(target * 7 + 1);
  const w = new Writer(target);
  const injectNow = injector(errors, 50);
  w.push(
    `# Programme généré pour les bancs d'essai (${label}) : plusieurs sites scolaires rénovés en une opération.`,
    'version: 1',
    'statut: arrete',
    'operation:',
    `  id: BENCH-${label.toUpperCase()}`,
    '  intitule: Rénovation énergétique et extension de groupes scolaires',
    '  maitre_ouvrage: Communauté de communes de Val-de-Prés',
    '  categorie_acheteur: collectivite',
    '  nature: rehabilitation',
    '  ouvrage_type: batiment',
    '  localisation: Val-de-Prés (plusieurs sites)',
    '  annee_permis: 1972',
    '  site_occupe: true',
    '  usage: Enseignement du premier degré et restauration scolaire',
    '  surface_tertiaire_m2: 12400',
    '  permis_requis: true',
    '  date_depot_pc: 2026-07-24',
    '  date_affichage_pc: 2026-10-16',
    '  zone_archeologique: false',
    '  date_debut_travaux: 2027-04-12',
    'acteurs:',
  );
  for (const a of ACTEURS) w.push(`  - {id: ${a}, role: ${a === 'MOA' ? 'maitre_ouvrage' : a.toLowerCase()}, nom: "Interlocuteur ${a}"}`);
  w.push(
    'objectifs:',
    '  - {id: OBJ-ENERGIE, libelle: "Réduire la consommation d\'énergie finale", indicateur: "kWhef/m².an", valeur_initiale: 190, cible: 100, echeance: 2030-12-31}',
    '  - {id: OBJ-CAPACITE, libelle: "Accueillir les effectifs prévus", indicateur: "Nombre de classes", valeur_initiale: 40, cible: 46, echeance: 2028-09-01}',
    'contraintes_exigences:',
  );
  for (const h of ['sociale', 'urbanistique', 'architecturale', 'fonctionnelle', 'technique', 'economique', 'paysage', 'environnement']) {
    w.push(`  ${h}:`, `    - Exigence ${h} principale, formulée en performance et vérifiable à la réception.`, '    - Repérage amiante avant travaux et traitement hors présence des élèves.');
  }
  w.push(
    'enveloppe_financiere:',
    '  montant_ht: 4200000',
    '  date_valeur: 2025-09',
    '  part_travaux: 3040000',
    '  decomposition:',
    '    - {id: EFP-TRAVAUX, libelle: "Travaux", montant_ht: 3040000}',
    '    - {id: EFP-ETUDES, libelle: "Études, géotechnique G1 et G2, repérage amiante", montant_ht: 500000}',
    '    - {id: EFP-ALEAS, libelle: "Aléas et révisions", montant_ht: 660000}',
    'financement:',
    '  - {id: FIN-DETR, financeur: "État (DETR)", montant_ht: 1200000, statut: acquis}',
    '  - {id: FIN-AUTO, financeur: "Autofinancement", montant_ht: 3000000, statut: acquis}',
    'mode_realisation: loi_mop',
    'moe:',
    '  mission:',
    '    elements: [DIAG, APS, APD, PRO, ACT, VISA, DET, AOR]',
    '    complementaires: [OPC]',
    '  complexe: false',
    '  clause_dans_consultation_moe: false',
  );

  // Needs: 15 % of the document, block style (5 lines each).
  w.push('besoins:');
  const needsEnd = Math.round(target * 0.15);
  let prevNeed = '';
  let su = 0;
  for (let i = 1; w.count + 5 < needsEnd || i <= 2; i++) {
    const dup = injectNow('REF-002') && prevNeed !== '';
    const id = dup ? prevNeed : `B-${pad(i)}`;
    if (dup) w.inject('REF-002');
    const [quantite, surface] = [1 + Math.floor(r() * 6), 10 + Math.floor(r() * 80)];
    su += quantite * surface;
    w.push(`  - id: ${id}`, `    libelle: ${NEEDS[i % NEEDS.length]} n° ${i}`, `    quantite: ${quantite}`, `    surface_utile_m2: ${surface}`, `    description: Local ${i}, lumière naturelle et ventilation double flux.`);
    prevNeed = id;
  }
  w.push('surfaces:', `  total_su: ${su}`, `  total_sdo: ${Math.round(su * 1.15)}`, `  total_sdp: ${Math.round(su * 1.3)}`);

  // Phases: the legal sequence once, then works tranches (VISA/EXE/OPC) inside DET. 35 % of the document.
  w.push('phases:');
  const phasesEnd = Math.round(target * 0.5);
  const phaseIds: string[] = [];
  let day = '2024-09-02';
  let detStart = '';
  let detEnd = '';
  let livrableNo = 0;
  const phaseBlock = (id: string, code: string, libelle: string, debut: string, fin: string, deliverables: number): void => {
    w.push(`  - id: ${id}`, `    code: ${code}`, `    libelle: ${libelle}`, `    debut: ${debut}`, `    fin: ${fin}`, '    livrables:');
    for (let k = 0; k < deliverables; k++) {
      livrableNo++;
      const bad = injectNow('SCH-005');
      if (bad) w.inject('SCH-005');
      const echeance = bad ? `${debut.slice(0, 4)}-02-30` : addDays(debut, Math.min(k * 3, 20));
      w.push(`      - id: LIV-${pad(livrableNo, 5)}`, `        libelle: ${DELIVERABLES[livrableNo % DELIVERABLES.length]} ${livrableNo}`, `        echeance: ${echeance}`);
    }
    w.push('    jalons:', `      - id: JAL-${id}`, `        libelle: Validation de la phase ${code}`, `        date: ${fin}`);
    phaseIds.push(id);
  };
  for (const [code, libelle, days] of MAIN_PHASES) {
    const fin = addDays(day, days);
    if (code === 'DET') [detStart, detEnd] = [day, fin];
    phaseBlock(`PH-${code}`, code, libelle, day, fin, 3);
    day = addDays(fin, 3);
  }
  const tranchePhases = Math.max(1, Math.round((phasesEnd - w.count) / (12 + 3 * 8)));
  for (let t = 1; t <= tranchePhases && w.count < phasesEnd; t++) {
    const code = ['VISA', 'EXE', 'OPC'][t % 3];
    const debut = addDays(detStart, t % 400);
    phaseBlock(`PH-T${pad(t)}`, code, `Tranche de travaux ${t} (${code})`, debut, addDays(debut, 30) < detEnd ? addDays(debut, 30) : detEnd, 8);
  }

  // Risk register: the rest of the document, block style.
  w.push('echelle_risques:', '  probabilite: 4', '  impact: 4', '  seuil_critique: 9', 'risques:');
  const contextRisks: [string, string, string][] = [
    ['TEC-AMIANTE', 'technique', 'Découverte d’amiante non repéré en cours de travaux'],
    ['REG-RECOURS-PC', 'reglementaire', 'Recours d’un tiers contre le permis de construire'],
    ['CHT-SITE-OCCUPE', 'chantier', 'Travaux en site occupé (sécurité des enfants, bruit)'],
  ];
  let editOffset = 0;
  let refOffset = 0;
  let completionOffset = 0;
  const reserve = 40;
  for (let i = 0; !w.full(reserve) || i < contextRisks.length; i++) {
    const [id, categorie, titre] = i < contextRisks.length ? contextRisks[i] : [`RSK-${pad(i, 5)}`, ...RISK_TITLES[i % RISK_TITLES.length]];
    const p = 1 + Math.floor(r() * 4);
    const im = 1 + Math.floor(r() * 2);
    const badCrit = injectNow('RSK-003');
    if (badCrit) w.inject('RSK-003');
    const middle = editOffset === 0 && w.count > target * 0.7;
    w.push(`  - id: ${id}`);
    if (middle) editOffset = w.offset + '    titre: '.length + 4;
    w.push(`    titre: ${titre} (site ${1 + (i % 9)})`, `    categorie: ${categorie}`, `    probabilite: ${p}`, `    impact: ${im}`, `    criticite: ${badCrit ? p * im + 1 : p * im}`);
    if (middle) refOffset = w.offset + '    proprietaire: '.length + 1;
    w.push(`    proprietaire: ${ACTEURS[i % ACTEURS.length]}`, `    strategie: ${STRATEGIES[i % STRATEGIES.length]}`, '    actions:');
    w.push(`      - libelle: Mesure de traitement ${i}`, `        responsable: ${ACTEURS[(i + 3) % ACTEURS.length]}`, `        echeance: ${addDays('2026-09-01', i % 300)}`);
    const badPhase = injectNow('REF-001');
    if (badPhase) w.inject('REF-001');
    w.push('    phases:', `      - ${badPhase ? 'PH-INCONNUE' : phaseIds[i % phaseIds.length]}`, `      - ${phaseIds[(i + 5) % phaseIds.length]}`);
    if (middle) completionOffset = w.offset + '    statut: '.length;
    w.push(`    statut: ${i % 5 === 0 ? 'surveille' : 'ouvert'}`);
  }
  w.push(
    'energie:',
    '  decret_tertiaire:',
    '    assujetti: true',
    '    surface_tertiaire_m2: 12400',
    '    annee_reference: 2013',
    '    conso_reference_kwhef_m2_an: 190',
    '    methode: relative',
    '    objectif_2030: 40',
    '    objectif_2040: 50',
    '    objectif_2050: 60',
    '    operat_id: EFA-2021-000042',
    'annexes:',
    '  - {libelle: "Rapport de repérage amiante avant travaux", reference: ANX-RAT.pdf}',
    '  - {libelle: "Étude géotechnique G1", reference: ANX-G1.pdf}',
  );
  const text = w.text();
  return { name: `bench-${label}.programme.yaml`, text, lines: w.count, injected: w.injected, editOffset, refOffset, completionOffset };
}

/** A consultation of about `target` lines for the programme `programmeName` (its phase PH-ACT). */
export function generateConsultation(target: number, label: string, programmeName: string, errors = true): GeneratedDoc {
  const r = rng(target * 13 + 5);
  const w = new Writer(target);
  const injectNow = injector(errors, 25);
  // About one lot (own criteria: 28 lines) for eight offers (13 lines each).
  const lots = Math.max(2, Math.round(target / (28 + 8 * 13 + 2)));
  w.push(
    `# Consultation générée pour les bancs d'essai (${label}) : accord-cadre de travaux alloti en ${lots} lots.`,
    'version: 1',
    `programme: ./${programmeName}`,
    `id: CSL-BENCH-${label.toUpperCase()}`,
    'objet: Travaux de rénovation énergétique des groupes scolaires, allotis par site et par corps d’état',
    'nature: travaux',
    'phase: PH-ACT',
    'acheteur:',
    '  categorie: collectivite',
    'procedure:',
    '  type: AOO',
    '  fondement: R2124-2 1°',
    `valeur_estimee_ht: ${lots * 400000}`,
    'date_lancement: 2026-12-07',
    'date_limite_offres: 2027-01-25',
    'transmission_electronique: true',
    'publicite:',
    '  supports: [BOAMP, JOUE, PROFIL_ACHETEUR]',
    'forme_prix: forfait',
    'ccag: travaux_2021',
    'ponderation_totale: 100',
    'notation_prix:',
    '  methode: classique',
    '  note_max: 20',
    '  base: TTC',
    '  reference: prix_min',
    '  formule: Note = 20 × Pmin / P',
    'oab:',
    '  detection: moyenne des offres moins un écart-type',
    '  procedure_contradictoire: true',
    '  rejet_automatique: false',
    'conditions_execution:',
    '  environnementales:',
    '    - Gestion et traçabilité des déchets de chantier, valorisation matière d’au moins 70 %.',
    '  sociales:',
    '    - Action d’insertion professionnelle de 2 000 heures.',
    'validite_offres_jours: 120',
    'date_notification_rejet: 2027-03-08',
    'date_signature: 2027-03-22',
    'dce:',
    '  - {code: RC, libelle: "Règlement de la consultation"}',
    '  - {code: CCAP, libelle: "Cahier des clauses administratives particulières"}',
    '  - {code: AE, libelle: "Acte d\'engagement"}',
    '  - {code: CCTP, libelle: "Cahiers des clauses techniques particulières"}',
    '  - {code: DPGF, libelle: "Décompositions du prix global et forfaitaire"}',
    '  - {code: PLANS, libelle: "Plans et phasage"}',
    '  - {code: RAT, libelle: "Rapport de repérage amiante avant travaux"}',
    'lots:',
  );
  const lotIds: string[] = [];
  for (let l = 1; l <= lots; l++) {
    const id = `LOT-${pad(l, 3)}`;
    lotIds.push(id);
    const badSum = injectNow('CSL-006');
    if (badSum) w.inject('CSL-006');
    const badSub = injectNow('CSL-007');
    if (badSub) w.inject('CSL-007');
    const prix = 40 + (l % 3) * 5;
    const env = 15;
    const vt = 100 - prix - env + (badSum ? 5 : 0);
    const sub1 = Math.round(vt / 2);
    w.push(
      `  - id: ${id}`,
      `    intitule: Lot ${l}, corps d'état ${1 + (l % 12)} du site ${1 + (l % 9)}`,
      `    valeur_estimee_ht: ${400000 + (l % 7) * 10000}`,
      '    criteres:',
      `      - id: PRIX-${l}`,
      '        libelle: Prix des prestations',
      '        type: prix',
      `        ponderation: ${prix}`,
      `      - id: VT-${l}`,
      '        libelle: Valeur technique',
      '        type: qualite',
      `        ponderation: ${vt}`,
      '        sous_criteres:',
      `          - id: VT-${l}-METHODO`,
      '            libelle: Méthodologie et phasage en site occupé',
      `            ponderation: ${sub1 + (badSub ? 3 : 0)}`,
      `          - id: VT-${l}-MOYENS`,
      '            libelle: Moyens humains et matériels',
      `            ponderation: ${vt - sub1}`,
      `      - id: ENV-${l}`,
      '        libelle: Performance énergétique et carbone de l’offre',
      '        type: environnement',
      `        ponderation: ${env}`,
      '        environnemental: true',
    );
  }
  w.push('offres:');
  let editOffset = 0;
  let refOffset = 0;
  let completionOffset = 0;
  for (let o = 1; !w.full(2); o++) {
    const l = 1 + ((o - 1) % lots);
    const prix = 350000 + Math.floor(r() * 100000);
    const badLot = injectNow('REF-001');
    if (badLot) w.inject('REF-001');
    const badStatus = injectNow('SCH-004');
    if (badStatus) w.inject('SCH-004');
    const middle = editOffset === 0 && w.count > target * 0.6;
    w.push(`  - id: OFF-${pad(o, 5)}`);
    if (middle) editOffset = w.offset + '    candidat: '.length + 4;
    w.push(`    candidat: Entreprise ${o} du bâtiment`);
    if (middle) refOffset = w.offset + '    lot: '.length + 1;
    w.push(`    lot: ${badLot ? 'LOT-999' : lotIds[l - 1]}`, `    prix_ht: ${prix}`, `    prix_ttc: ${Math.round(prix * 1.2)}`);
    // An offer for an unknown lot has no criteria to be scored on: no notes, so that it is one REF-001 only.
    if (badLot) w.push('    notes: {}');
    else w.push('    notes:', `      VT-${l}-METHODO: ${8 + Math.floor(r() * 12)}`, `      VT-${l}-MOYENS: ${8 + Math.floor(r() * 12)}`, `      ENV-${l}: ${8 + Math.floor(r() * 12)}`);
    if (middle) completionOffset = w.offset + '    statut: '.length;
    w.push(`    statut: ${badStatus ? 'recevabl' : 'recevable'}`);
  }
  const text = w.text();
  return { name: `bench-${label}.consultation.yaml`, text, lines: w.count, injected: w.injected, editOffset, refOffset, completionOffset };
}

export function generateSet(label: string, errors = true): GeneratedSet {
  const target = parseSize(label);
  const programme = generateProgramme(target, label, errors);
  return { label, target, programme, consultation: generateConsultation(target, label, programme.name, errors) };
}

/** Writes a set into `dir`; returns the file paths. */
export function writeSet(set: GeneratedSet, dir: string): { programme: string; consultation: string } {
  fs.mkdirSync(dir, { recursive: true });
  const programme = path.join(dir, set.programme.name);
  const consultation = path.join(dir, set.consultation.name);
  fs.writeFileSync(programme, set.programme.text);
  fs.writeFileSync(consultation, set.consultation.text);
  return { programme, consultation };
}

/** Injected code → [expected, found] for every code whose count differs (empty: all match). */
export function countMismatches(doc: GeneratedDoc, codes: (string | number | undefined)[]): Record<string, [number, number]> {
  const found: Record<string, number> = {};
  for (const c of codes) if (c !== undefined) found[String(c)] = (found[String(c)] ?? 0) + 1;
  const out: Record<string, [number, number]> = {};
  for (const [code, n] of Object.entries(doc.injected)) if ((found[code] ?? 0) !== n) out[code] = [n, found[code] ?? 0];
  return out;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const opt = (name: string, dflt: string): string => {
    const i = args.indexOf(name);
    return i >= 0 && args[i + 1] ? args[i + 1] : dflt;
  };
  const dir = path.resolve(opt('--out', path.join(__dirname, '.work')));
  let failed = false;
  for (const label of opt('--sizes', '1k,10k,50k').split(',')) {
    const set = generateSet(label);
    const files = writeSet(set, dir);
    for (const doc of [set.programme, set.consultation]) {
      console.log(`${doc.name}: ${doc.lines} lines, ${doc.text.length} characters, injected ${JSON.stringify(doc.injected)}`);
    }
    if (args.includes('--check')) {
      // Loaded here only: the generator itself does not depend on the service.
      const { createLanguageService } = await import('../server/src/language-service');
      const service = createLanguageService({ workspace: { readText: (uri) => fs.readFileSync(new URL(uri), 'utf8') }, today: () => '2026-11-28' });
      for (const [doc, file] of [[set.programme, files.programme], [set.consultation, files.consultation]] as const) {
        const diags = service.getDiagnostics({ uri: pathToFileURL(file).toString(), text: doc.text });
        const mism = countMismatches(doc, diags.map((d) => d.code));
        const others: Record<string, number> = {};
        for (const d of diags) if (!(String(d.code) in doc.injected)) others[String(d.code)] = (others[String(d.code)] ?? 0) + 1;
        console.log(`  ${doc.name}: ${diags.length} diagnostics; other codes ${JSON.stringify(others)}; ${Object.keys(mism).length ? `MISMATCH ${JSON.stringify(mism)}` : 'injected counts match'}`);
        if (Object.keys(mism).length) failed = true;
      }
    }
  }
  if (failed) process.exitCode = 1;
}

if (require.main === module) void main();
