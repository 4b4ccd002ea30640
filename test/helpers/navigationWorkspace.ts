import type { Location, Position, Range } from 'vscode-languageserver-types';
import { withCursor, positionAt } from './cursor';
import { makeService } from './service';

/** A small workspace: one programme, two consultations naming it, one naming another programme. */
export const PROG = 'file:///virtual/op.programme.yaml';
export const C1 = 'file:///virtual/c1.consultation.yaml';
export const C2 = 'file:///virtual/c2.consultation.yaml';
export const OTHER = 'file:///virtual/autre/c3.consultation.yaml';

export const PROGRAMME = `# Programme de test
# deux lignes de commentaire
operation:
  id: OP
  intitule: Gymnase
acteurs:
  - id: MOA
    role: maitre_ouvrage
  - {id: AMO, role: amo}
phases:
  - id: PH-ETU
    code: PRO
    libelle: Études
    livrables:
      - {id: L1, libelle: Note}
      - {id: L2, libelle: Notice}
    jalons:
      - {id: J1, libelle: Validation, date: 2027-01-01}
  - id: PH-ACT
    code: ACT
    libelle: Consultation
    livrables:
      - {id: L1, libelle: DCE}
risques:
  - id: R1
    titre: Amiante
    probabilite: 3
    impact: 4
    proprietaire: MOA
    phases: [PH-ACT, "PH-ETU", PRO]
    actions:
      - {libelle: Diagnostic, responsable: AMO}
enveloppe_financiere:
  montant_ht: 1200000
  decomposition:
    - {id: EFP-TRX, libelle: Travaux, montant_ht: 1000000}
    - {id: EFP-ALEAS, libelle: Aléas, montant_ht: 200000}
`;

export const CONSULTATION = `programme: ./op.programme.yaml
id: C1
objet: Travaux
nature: travaux
phase: PH-ACT
procedure:
  type: MAPA
lots:
  - id: L1
    intitule: Gros oeuvre
    criteres:
      - {id: PRIX, ponderation: 60}
      - id: TECH
        ponderation: 40
        sous_criteres:
          - {id: TECH-1, ponderation: 20}
          - {id: TECH-2, ponderation: 20}
  - id: L2
    intitule: Lots techniques
criteres:
  - {id: PRIX, ponderation: 50}
  - {id: VALEUR, ponderation: 50}
note_eliminatoire:
  critere: VALEUR
  seuil: 10
offres:
  - id: O1
    candidat: Entreprise A
    lot: L1
    notes: {PRIX: 18, "TECH-1": 12}
  - id: O2
    candidat: Entreprise B
    lot: L2
    notes:
      PRIX: 15
      VALEUR: 14
`;

export const CONSULTATION_2 = `programme: op.programme.yaml
id: C2
objet: Maîtrise d'œuvre
nature: maitrise_oeuvre
phase: "PH-ACT"
procedure:
  type: MAPA
`;

export const CONSULTATION_OTHER = `programme: ./op.programme.yaml
id: C3
objet: Autre opération
nature: travaux
phase: PH-ACT
procedure:
  type: MAPA
`;

export const FILES: Record<string, string> = { [PROG]: PROGRAMME, [C1]: CONSULTATION, [C2]: CONSULTATION_2, [OTHER]: CONSULTATION_OTHER };

/** A service over `files` where `uri`'s text is `marked` (with a `|` cursor): the service, the document, the position. */
export function at(uri: string, marked: string, files: Record<string, string> = FILES) {
  const { text, offset } = withCursor(marked);
  const service = makeService({ ...files, [uri]: text });
  return { service, doc: { uri, text }, position: positionAt(text, offset) as Position };
}

/** `marked` is `text` with a `|` put before the `nth` occurrence of `needle` (plus `shift` characters). */
export function mark(text: string, needle: string, nth = 1, shift = 0): string {
  let i = -1;
  for (let k = 0; k < nth; k++) {
    i = text.indexOf(needle, i + 1);
    if (i < 0) throw new Error(`'${needle}' occurs fewer than ${nth} times`);
  }
  return text.slice(0, i + shift) + '|' + text.slice(i + shift);
}

/** The text a range covers in a document. */
export function slice(text: string, range: Range): string {
  const lines = text.split('\n');
  if (range.start.line === range.end.line) return lines[range.start.line].slice(range.start.character, range.end.character);
  return [lines[range.start.line].slice(range.start.character), ...lines.slice(range.start.line + 1, range.end.line), lines[range.end.line].slice(0, range.end.character)].join('\n');
}

/** `uri:line:text` of locations, for readable assertions. */
export function show(locations: Location[], files: Record<string, string> = FILES): string[] {
  return locations.map((l) => `${l.uri.slice(l.uri.lastIndexOf('/') + 1)}:${l.range.start.line}:${slice(files[l.uri], l.range)}`);
}
