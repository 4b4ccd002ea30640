import * as assert from 'assert';
import { diagnose } from '../helpers/service';
import { getSchema } from '../../server/src/language-service/schema';
import { enumLabel, enumOf, schemaAtPath } from '../../server/src/language-service/schemaPath';
import type { AmoDiagnostic, DocKind } from '../../server/src/language-service';

/**
 * The follow-up keys of the programme (deliverables, milestones, risk history, indicators) and
 * the reception/reserves and AMO/MOE keys of the consultation are part of the schema. Domain rules (SUI-,
 * REC-, AMO-) may fire on these texts: only the schema's own findings (SCH-) are asserted here.
 */

const PROGRAMME = `version: 1
operation:
  id: OP-1
  intitule: Réhabilitation de l'école
acteurs:
  - id: MOA
    role: maitre_ouvrage
  - id: AMO
    role: amo
    organisme: Atelier Programmation Sud
    entreprises_liees:
      - Groupe Ingénierie Sud
      - BET Structures 47
  - id: MOE
    role: moe
phases:
  - id: PH-APS
    debut: 2026-01-05
    fin: 2026-12-31
    livrables:
      - id: LIV-APS
        libelle: Dossier APS
        echeance: 2026-06-30
        emetteur: MOE
        statut: valide
        date_reception: 2026-06-28
        revues:
          - date: 2026-07-05
            relecteur: AMO
            avis: favorable_avec_remarques
            remarques:
              - Compléter le tableau des surfaces
          - date: 2026-07-20
            relecteur: AMO
            avis: favorable
            remarques: Remarques levées
      - id: LIV-APD
        echeance: 2026-12-15
        statut: attendu
    jalons:
      - id: JAL-APS
        libelle: Validation APS
        date: 2026-07-10
        date_reelle: 2026-07-21
risques:
  - id: R-01
    titre: Amiante
    probabilite: 2
    impact: 3
    historique:
      - date: 2026-03-15
        probabilite: 4
        impact: 3
        statut: ouvert
        commentaire: Avant repérage
      - date: 2026-06-01
        probabilite: 3
        impact: 3
indicateurs:
  - id: IND-COUT
    libelle: Coût prévisionnel des travaux
    unite: € HT
    cible: 3200000
    sens: au_plus
    mesures:
      - date: 2026-06-30
        valeur: 3150000
        commentaire: Estimation APS
      - date: 2026-10-31
        valeur: 3180000
  - id: IND-AVANCEMENT
    cible: 100
    sens: au_moins
    mesures:
      - date: 2026-10-31
        valeur: 65
`;

const CONSULTATION = `version: 1
id: C-TRX
objet: Travaux de réhabilitation
nature: travaux
procedure:
  type: AOO
lots:
  - id: L01
  - id: L02
offres:
  - id: OF-1
    candidat: Bâtisseurs du Lot SAS
    lot: L01
reception:
  date_opr: 2026-06-20
  date_reception: 2026-06-30
  decision: avec_reserves
  reserves:
    - id: RES-1
      lot: L01
      localisation: Bâtiment B, R+1
      description: Fissure de l'enduit
      entreprise: Bâtisseurs du Lot SAS
      date_constat: 2026-06-20
      date_levee_prevue: 2026-09-30
      date_levee: 2026-09-12
      statut: levee
    - id: RES-2
      lot: L02
      statut: en_cours
`;

const AMO_CONSULTATION = `id: C-AMO
objet: Assistance à maîtrise d'ouvrage
nature: services
mission: amo
procedure:
  type: MAPA
criteres:
  - id: EXP
    type: experience
    ponderation: 30
  - id: MET
    type: methode
    ponderation: 25
    sous_criteres:
      - id: MET-ORG
        ponderation: 25
  - id: COO
    type: coordination
    ponderation: 10
  - id: IND
    type: independance
    ponderation: 5
  - id: REF
    type: references
    ponderation: 0
  - id: PRIX
    type: prix
    ponderation: 30
`;

function sch(name: string, text: string): AmoDiagnostic[] {
  return diagnose(name, text).filter((d) => d.code.startsWith('SCH-'));
}

/** The single SCH diagnostic of `code`, asserting it lies on the last line that contains `lineText`. */
function oneOn(name: string, text: string, code: string, lineText: string): AmoDiagnostic {
  const found = sch(name, text);
  const d = found.filter((x) => x.code === code);
  assert.strictEqual(d.length, 1, `expected one ${code}, got ${JSON.stringify(found.map((x) => [x.code, x.message]))}`);
  const lines = text.split('\n');
  const line = lines.length - 1 - [...lines].reverse().findIndex((l) => l.includes(lineText));
  assert.ok(line < lines.length, `test text lacks ${lineText}`);
  assert.strictEqual(d[0].range.start.line, line, `${code} on the wrong line: ${d[0].message}`);
  return d[0];
}

describe('schema: follow-up, reception and AMO keys', () => {
  it('a programme using every new key has no schema finding', () => {
    assert.deepStrictEqual(sch('x.programme.yaml', PROGRAMME).map((d) => `${d.code} ${d.message}`), []);
  });

  it('a consultation with a reception, reserves and the AMO criterion types has no schema finding', () => {
    assert.deepStrictEqual(sch('x.consultation.yaml', CONSULTATION).map((d) => `${d.code} ${d.message}`), []);
    assert.deepStrictEqual(sch('x.consultation.yaml', AMO_CONSULTATION).map((d) => `${d.code} ${d.message}`), []);
  });

  it('a misspelt new key is SCH-002 with the right suggestion', () => {
    const d = oneOn('x.programme.yaml', PROGRAMME.replace('date_reelle:', 'date_relle:'), 'SCH-002', 'date_relle:');
    assert.strictEqual(d.data?.replacement, 'date_reelle');
    const r = oneOn('x.consultation.yaml', CONSULTATION.replace('date_levee_prevue:', 'date_levee_prevu:'), 'SCH-002', 'date_levee_prevu:');
    assert.strictEqual(r.data?.replacement, 'date_levee_prevue');
    const e = oneOn('x.programme.yaml', PROGRAMME.replace('entreprises_liees:', 'entreprise_liees:'), 'SCH-002', 'entreprise_liees:');
    assert.strictEqual(e.data?.replacement, 'entreprises_liees');
  });

  it('a value outside a new enum is SCH-004 with a suggestion', () => {
    // An accent is an accepted spelling (a hint, model/normalise.ts); a different word is refused.
    const accent = oneOn('x.programme.yaml', PROGRAMME.replace('statut: valide', 'statut: validé'), 'SCH-008', 'statut: validé');
    assert.strictEqual(accent.data?.replacement, 'valide');
    const d = oneOn('x.programme.yaml', PROGRAMME.replace('statut: valide', 'statut: validée'), 'SCH-004', 'statut: validée');
    assert.strictEqual(d.data?.replacement, 'valide');
    oneOn('x.programme.yaml', PROGRAMME.replace('avis: favorable\n', 'avis: ok\n'), 'SCH-004', 'avis: ok');
    oneOn('x.programme.yaml', PROGRAMME.replace('sens: au_moins', 'sens: minimum'), 'SCH-004', 'sens: minimum');
    oneOn('x.consultation.yaml', CONSULTATION.replace('decision: avec_reserves', 'decision: reserves'), 'SCH-004', 'decision: reserves');
    oneOn('x.consultation.yaml', CONSULTATION.replace('statut: en_cours', 'statut: encours'), 'SCH-004', 'statut: encours');
    oneOn('x.consultation.yaml', AMO_CONSULTATION.replace('mission: amo', 'mission: assistance'), 'SCH-004', 'mission: assistance');
    oneOn('x.consultation.yaml', AMO_CONSULTATION.replace('type: methode', 'type: methodique'), 'SCH-004', 'type: methodique');
  });

  it('a non-date in a new date key is SCH-005', () => {
    const d = oneOn('x.consultation.yaml', CONSULTATION.replace('date_levee: 2026-09-12', 'date_levee: septembre'), 'SCH-005', 'date_levee: septembre');
    assert.match(d.message, /AAAA-MM-JJ/);
    oneOn('x.programme.yaml', PROGRAMME.replace('date_reelle: 2026-07-21', 'date_reelle: 2026-07-32'), 'SCH-005', 'date_reelle: 2026-07-32');
    oneOn('x.programme.yaml', PROGRAMME.replace('date_reception: 2026-06-28', 'date_reception: 28/06/2026'), 'SCH-005', 'date_reception: 28/06/2026');
  });

  it('required keys and number types of the new objects are enforced', () => {
    // A measure without a value, a review without a date, a reserve without an id.
    oneOn('x.programme.yaml', PROGRAMME.replace('      - date: 2026-10-31\n        valeur: 65\n', '      - date: 2026-10-31\n'), 'SCH-001', '      - date: 2026-10-31');
    oneOn('x.programme.yaml', PROGRAMME.replace('        valeur: 65', '        valeur: soixante'), 'SCH-003', 'valeur: soixante');
    oneOn('x.programme.yaml', PROGRAMME.replace('cible: 3200000', 'cible: 3,2 M€'), 'SCH-003', 'cible: 3,2 M€');
    const noId = CONSULTATION.replace('    - id: RES-2\n      lot: L02\n', '    - lot: L02\n');
    assert.ok(sch('x.consultation.yaml', noId).some((d) => d.code === 'SCH-001'), 'reserve without id');
    const noDate = PROGRAMME.replace('          - date: 2026-07-20\n            relecteur: AMO', '          - relecteur: AMO');
    assert.ok(sch('x.programme.yaml', noDate).some((d) => d.code === 'SCH-001'), 'review without date');
  });

  it('remarques accept a text or a list of texts, not an object', () => {
    oneOn('x.programme.yaml', PROGRAMME.replace('remarques: Remarques levées', 'remarques: {a: 12}'), 'SCH-003', 'remarques: {a: 12}');
  });

  it('completion and hover see the new keys through $ref, with bilingual enum labels', () => {
    const cases: [DocKind, (string | number)[], string, { fr: string; en: string }][] = [
      ['programme', ['phases', 0, 'livrables', 0, 'statut'], 'refuse', { fr: 'Refusé', en: 'Rejected' }],
      ['programme', ['phases', 0, 'livrables', 0, 'revues', 0, 'avis'], 'defavorable', { fr: 'Défavorable', en: 'Unfavourable' }],
      ['programme', ['indicateurs', 0, 'sens'], 'au_plus', { fr: 'Au plus la cible (coût, délai, consommation)', en: 'At most the target (cost, delay, consumption)' }],
      ['programme', ['risques', 0, 'historique', 0, 'statut'], 'clos', { fr: 'Clos', en: 'Closed' }],
      ['consultation', ['reception', 'decision'], 'sans_reserve', { fr: 'Sans réserve', en: 'Without reservations' }],
      ['consultation', ['reception', 'reserves', 0, 'statut'], 'en_cours', { fr: 'En cours de levée', en: 'Being remedied' }],
      ['consultation', ['mission'], 'csps', { fr: 'Coordination sécurité et protection de la santé (CSPS)', en: 'Health and safety coordination (CSPS)' }],
      ['consultation', ['criteres', 0, 'type'], 'independance', { fr: "Garanties d'indépendance et prévention des conflits d'intérêts", en: 'Independence guarantees and prevention of conflicts of interest' }],
    ];
    for (const [kind, path, value, label] of cases) {
      const s = schemaAtPath(kind, path);
      assert.ok(s, `${kind} ${path.join('.')}`);
      assert.ok(enumOf(s).includes(value), `${path.join('.')} lacks ${value}`);
      assert.deepStrictEqual(enumLabel(s, value), label);
    }
    for (const path of [['acteurs', 0, 'entreprises_liees'], ['phases', 0, 'jalons', 0, 'date_reelle'], ['indicateurs', 0, 'mesures', 0, 'valeur']]) {
      assert.ok(schemaAtPath('programme', path)?.['x-description-en'], path.join('.'));
    }
  });

  it('every property and enum value of both schemas is documented in French and English', () => {
    const missing: string[] = [];
    const walk = (s: unknown, where: string) => {
      if (!s || typeof s !== 'object') return;
      const o = s as Record<string, unknown>;
      if (Array.isArray(o.enum)) {
        const labels = (o['x-enum-labels'] ?? {}) as Record<string, { fr?: string; en?: string }>;
        for (const v of o.enum) if (!labels[String(v)]?.fr || !labels[String(v)]?.en) missing.push(`${where} enum ${String(v)}`);
      }
      const props = o.properties as Record<string, Record<string, unknown>> | undefined;
      for (const [k, p] of Object.entries(props ?? {})) {
        if (typeof p.$ref !== 'string' && (typeof p.description !== 'string' || typeof p['x-description-en'] !== 'string')) missing.push(`${where}.${k}`);
        walk(p, `${where}.${k}`);
      }
      walk(o.items, `${where}[]`);
      for (const [k, d] of Object.entries((o.definitions ?? {}) as Record<string, unknown>)) walk(d, `#${k}`);
    };
    for (const kind of ['programme', 'consultation'] as const) walk(getSchema(kind), kind);
    assert.deepStrictEqual(missing, []);
  });
});
