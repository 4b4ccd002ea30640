import { placeText } from '../../server/src/language-service/model/operation';
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { normalise, parseNumber } from '../../server/src/language-service/model/normalise';
import { parseText } from '../../server/src/language-service/parse';
import { frenchDateToIso } from '../../server/src/language-service/schema';
import type { AmoDiagnostic } from '../../server/src/language-service';
import { applyAction } from '../helpers/applyEdits';
import { makeService, ROOT, uriOf } from '../helpers/service';

/**
 * Natural input (docs/format.md, « Natural spellings »): what a French consultant writes is read as the format's canonical form, the file
 * is left as written; a hint (SCH-008) offers the canonical spelling; a misspelt key is one error.
 */

const DIR = path.join(ROOT, 'examples');
const PROGRAMME = fs.readFileSync(path.join(DIR, 'ecole-jules-ferry.programme.yaml'), 'utf8');
const CONSULTATION = fs.readFileSync(path.join(DIR, 'ecole-jules-ferry-travaux.consultation.yaml'), 'utf8');
const PROGRAMME_URI = uriOf(path.join(DIR, 'ecole-jules-ferry.programme.yaml'));
const CONSULTATION_URI = uriOf(path.join(DIR, 'ecole-jules-ferry-travaux.consultation.yaml'));

function replaceAll(text: string, pairs: [string | RegExp, string][]): string {
  let out = text;
  for (const [a, b] of pairs) {
    const next = out.replace(a instanceof RegExp ? a : new RegExp(a.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'g'), b);
    assert.notStrictEqual(next, out, `the example no longer contains ${String(a)}`);
    out = next;
  }
  return out;
}

/** The example programme as a consultant might type it. */
const NATURAL_PROGRAMME = replaceAll(PROGRAMME, [
  ['statut: arrete', 'statut: arrêté'],
  ['site_occupe: true', 'site_occupe: oui'],
  ['permis_requis: true', 'permis_requis: Oui'],
  ['zone_archeologique: false', 'zone_archeologique: NON'],
  ['  localisation: 12 rue Jules-Ferry, 49000 Villeneuve-les-Prés (parcelles AB 112 et AB 113)\n', '  localisation:\n    adresse: 12 rue Jules-Ferry\n    code_postal: 49000\n    commune: Villeneuve-les-Prés\n    parcelles: [AB 112, AB 113]\n'],
  ['  urbanistique:', '  urbaine:'],
  [/montant_ht: (\d{1,3})(\d{3})(\d{3})\b/g, 'montant_ht: $1 $2 $3 € HT'],
]);
/** The example consultation likewise: accents in keys and values, weights in %, oui. */
const NATURAL_CONSULTATION = replaceAll(CONSULTATION, [
  ['sous_criteres:', 'sous_critères:'],
  ['type: qualite', 'type: Qualité'],
  [/ponderation: (\d+)\b/g, 'ponderation: $1 %'],
  ['transmission_electronique: true', 'transmission_electronique: oui'],
]);

function diagnose(files: Record<string, string>, uri: string): AmoDiagnostic[] {
  return makeService(files).getDiagnostics({ uri, text: files[uri] });
}
const shape = (ds: AmoDiagnostic[]): string[] => ds.filter((d) => d.code !== 'SCH-008').map((d) => `${d.code}@${d.range.start.line}`);

describe('natural input (model/normalise.ts)', () => {
  it('reads amounts, percentages and French numbers; refuses what is no number', () => {
    const cases: [string, number | undefined][] = [
      ['3 600 000', 3600000], ['3\u00a0600\u00a0000 €', 3600000], ['3\u202f600\u202f000 € HT', 3600000], ['1200000€', 1200000],
      ['12,5', 12.5], ['40 %', 40], ['40%', 40], ['7,5 %', 7.5], ['900 000 EUR', 900000], ['1 250 000,50 € hors taxes', 1250000.5],
      ['3 6', undefined], ['douze', undefined], ['12 lots', undefined], ['', undefined], ['1.234.567', undefined], ['€', undefined],
    ];
    for (const [text, want] of cases) assert.strictEqual(parseNumber(text), want, text);
  });

  it('writes a French date in ISO only when it is a real date', () => {
    assert.strictEqual(frenchDateToIso('07/12/2026'), '2026-12-07');
    assert.strictEqual(frenchDateToIso('7/1/2027'), '2027-01-07');
    assert.strictEqual(frenchDateToIso('31/02/2027'), undefined);
    assert.strictEqual(frenchDateToIso('2027/01/07'), undefined);
  });

  it('gives back the same object for a file written in the canonical form (nothing copied)', () => {
    const parsed = parseText(PROGRAMME_URI, PROGRAMME);
    const raw = parsed.raw ?? parsed.data;
    assert.strictEqual(normalise('programme', raw).data, raw);
    assert.deepStrictEqual(normalise('programme', raw).spellings.filter((s) => s.canonical !== undefined), []);
  });

  it('the example pair typed naturally gives the same diagnostics as the original, plus hints', () => {
    const original = diagnose({ [PROGRAMME_URI]: PROGRAMME, [CONSULTATION_URI]: CONSULTATION }, CONSULTATION_URI);
    const files = { [PROGRAMME_URI]: NATURAL_PROGRAMME, [CONSULTATION_URI]: NATURAL_CONSULTATION };
    const programme = diagnose(files, PROGRAMME_URI);
    const consultation = diagnose(files, CONSULTATION_URI);
    assert.deepStrictEqual(shape(programme), shape(diagnose({ [PROGRAMME_URI]: PROGRAMME }, PROGRAMME_URI)));
    assert.deepStrictEqual(shape(consultation), shape(original));
    // Hints for what has a canonical spelling (keys, enum values, booleans), none for amounts and weights.
    const hinted = programme.concat(consultation).filter((d) => d.code === 'SCH-008').map((d) => (d.data as { replacement?: string }).replacement).sort();
    assert.deepStrictEqual(hinted, ['arrete', 'false', 'qualite', 'sous_criteres', 'true', 'true', 'true', 'urbanistique']);
    for (const d of programme.concat(consultation)) if (d.code === 'SCH-008') assert.strictEqual(d.severity, 4);
  });

  it('the normalised data is what every reader sees: amounts, booleans, the address object, the renamed key', () => {
    const p = parseText(PROGRAMME_URI, NATURAL_PROGRAMME);
    const data = p.data as Record<string, Record<string, unknown>>;
    assert.strictEqual(data.statut, 'arrete');
    assert.strictEqual(data.operation.site_occupe, true);
    assert.strictEqual(data.operation.zone_archeologique, false);
    assert.deepStrictEqual(data.operation.localisation, { adresse: '12 rue Jules-Ferry', code_postal: '49000', commune: 'Villeneuve-les-Prés', parcelles: ['AB 112', 'AB 113'] });
    assert.ok('urbanistique' in data.contraintes_exigences && !('urbaine' in data.contraintes_exigences));
    assert.strictEqual(placeText(data.operation.localisation), '12 rue Jules-Ferry, 49000 Villeneuve-les-Prés — parcelles AB 112, AB 113');
    assert.strictEqual(placeText('12 rue X'), '12 rue X');
    // The YAML keeps the text as written: the formatter and the edits see the raw key.
    assert.ok(p.text.includes('  urbaine:'));
  });

  it('the hint’s quick fix writes the canonical spelling in place, and the hint goes', () => {
    const files = { [PROGRAMME_URI]: PROGRAMME, [CONSULTATION_URI]: NATURAL_CONSULTATION };
    const s = makeService(files);
    const diags = s.getDiagnostics({ uri: CONSULTATION_URI, text: NATURAL_CONSULTATION });
    const key = diags.find((d) => d.code === 'SCH-008' && (d.data as { replacement?: string }).replacement === 'sous_criteres');
    assert.ok(key);
    const line = NATURAL_CONSULTATION.split('\n')[key.range.start.line];
    assert.strictEqual(line.slice(key.range.start.character, key.range.end.character), 'sous_critères');
    const [action] = s.getCodeActions({ uri: CONSULTATION_URI, text: NATURAL_CONSULTATION }, key.range, [key]);
    assert.ok(action, 'a quick fix is offered');
    const after = applyAction(action, CONSULTATION_URI, NATURAL_CONSULTATION);
    assert.strictEqual(after, NATURAL_CONSULTATION.replace('sous_critères:', 'sous_criteres:'));
    const left = s.getDiagnostics({ uri: CONSULTATION_URI, text: after }).filter((d) => d.code === 'SCH-008').map((d) => (d.data as { replacement?: string }).replacement);
    assert.ok(!left.includes('sous_criteres') && left.includes('qualite'), JSON.stringify(left));
  });

  it('a rule finding inside a renamed key lands on the node as written', () => {
    // The sub-criteria of VT no longer add up to its weight: CSL-007 on the key written `sous_critères`.
    const text = NATURAL_CONSULTATION.replace(/(VT-METHODO[^}]*ponderation: )20 %/, '$119 %');
    assert.notStrictEqual(text, NATURAL_CONSULTATION);
    const diags = diagnose({ [PROGRAMME_URI]: PROGRAMME, [CONSULTATION_URI]: text }, CONSULTATION_URI);
    const d = diags.find((x) => x.code === 'CSL-007');
    assert.ok(d, JSON.stringify(shape(diags)));
    assert.match(text.split('\n')[d.range.start.line], /sous_critères:/);
  });

  it('a misspelt parent key is one error, its content still checked as the key it most likely is', () => {
    const text = CONSULTATION.replace(/^criteres:/m, 'critere:');
    const diags = diagnose({ [PROGRAMME_URI]: PROGRAMME, [CONSULTATION_URI]: text }, CONSULTATION_URI);
    assert.deepStrictEqual(diags.map((d) => d.code), ['SCH-002']);
    assert.strictEqual((diags[0].data as { replacement?: string }).replacement, 'criteres');
    assert.strictEqual(diags[0].severity, 1);
    // Content still checked: a weight that breaks the total is found inside the misspelt key.
    const broken = text.replace(/ponderation: 40\b/, 'ponderation: 41');
    assert.notStrictEqual(broken, text);
    assert.ok(diagnose({ [PROGRAMME_URI]: PROGRAMME, [CONSULTATION_URI]: broken }, CONSULTATION_URI).some((d) => d.code === 'CSL-006'));
  });

  it('an unknown key that resembles nothing: the missing criteria are said once, not once per mark of every offer', () => {
    const text = CONSULTATION.replace(/^criteres:/m, 'zzz_inconnu:');
    const diags = diagnose({ [PROGRAMME_URI]: PROGRAMME, [CONSULTATION_URI]: text }, CONSULTATION_URI);
    assert.ok(diags.length <= 6, JSON.stringify(shape(diags)));
    assert.strictEqual(diags.filter((d) => d.code === 'REF-001' && /Aucun critère/.test(d.message)).length, 1);
  });

  it('a date JJ/MM/AAAA is one error whose fix writes it in ISO; a deadline may carry its hour', () => {
    const text = CONSULTATION.replace(/^date_lancement: \S+/m, 'date_lancement: 07/12/2026');
    const diags = diagnose({ [PROGRAMME_URI]: PROGRAMME, [CONSULTATION_URI]: text }, CONSULTATION_URI).filter((d) => d.code === 'SCH-005');
    assert.strictEqual(diags.length, 1);
    assert.strictEqual((diags[0].data as { replacement?: string }).replacement, '2026-12-07');
    const withHour = CONSULTATION.replace(/^(date_limite_offres: )(\d{4}-\d{2}-\d{2})/m, '$1$2T12:00');
    assert.notStrictEqual(withHour, CONSULTATION);
    assert.deepStrictEqual(shape(diagnose({ [PROGRAMME_URI]: PROGRAMME, [CONSULTATION_URI]: withHour }, CONSULTATION_URI)), shape(diagnose({ [PROGRAMME_URI]: PROGRAMME, [CONSULTATION_URI]: CONSULTATION }, CONSULTATION_URI)));
    const data = parseText(CONSULTATION_URI, withHour).data as Record<string, unknown>;
    assert.match(String(data.date_limite_offres), /^\d{4}-\d{2}-\d{2}$/);
    assert.strictEqual(data.heure_limite_offres, '12:00');
  });

  it('numbers where a text is wanted are read as text (numeric ids); keys of id maps are never renamed', () => {
    const n = normalise('consultation', { id: 12, lots: [{ id: 1, intitule: 'Lot' }], offres: [{ id: 'O1', candidat: 'X', notes: { 'Qualité': 3 } }] });
    const d = n.data as { id: unknown; lots: { id: unknown }[]; offres: { notes: Record<string, unknown> }[] };
    assert.strictEqual(d.id, '12');
    assert.strictEqual(d.lots[0].id, '1');
    assert.deepStrictEqual(Object.keys(d.offres[0].notes), ['Qualité']);
  });

  it('syntax errors: the first of each line, at most 20 lines, then one note (one broken line gave 229 errors)', () => {
    const one = 'version: 1\nid: X\nobjet: {a: b: c}\nlots:\n  - {id: L1, intitule: Lot}\n';
    const p1 = parseText('file:///v/x.consultation.yaml', one);
    assert.deepStrictEqual(p1.problems.map((p) => `${p.code}:${p.severity}`), ['YAML-001:error']);
    const many = Array.from({ length: 30 }, (_, i) => `k${i}: {a: b: c}, {d: e: f}`).join('\n') + '\n';
    const p2 = parseText('file:///v/y.consultation.yaml', many);
    assert.strictEqual(p2.problems.filter((p) => p.severity === 'error').length, 20);
    const note = p2.problems.filter((p) => p.severity === 'information');
    assert.strictEqual(note.length, 1);
    assert.match(note[0].message.fr, /autre\(s\) erreur\(s\) de syntaxe/);
  });

  it('a mixed operation (a list of natures): rehabilitation exemptions apply, new-build demands only when all of it is new', () => {
    const withNature = (n: string): string => PROGRAMME.replace(/^ {2}nature: rehabilitation\b.*$/m, `  nature: ${n}`);
    assert.notStrictEqual(withNature('x'), PROGRAMME);
    const codesOf = (n: string): string[] => diagnose({ [PROGRAMME_URI]: withNature(n) }, PROGRAMME_URI).filter((d) => d.code !== 'SCH-008').map((d) => d.code);
    // The example's design mission has no ESQ: lawful in rehabilitation (R2431-5), not in new build (R2431-4).
    assert.ok(codesOf('construction_neuve').includes('PRG-010'));
    assert.deepStrictEqual(codesOf('[rehabilitation, extension]'), []);
    assert.deepStrictEqual(codesOf('[Réhabilitation, extension]'), []);
    // A synonym the schema declares (x-enum-aliases) is read, with a hint; a value read twice is one error.
    const alias = diagnose({ [PROGRAMME_URI]: withNature('rénovation') }, PROGRAMME_URI);
    assert.deepStrictEqual(alias.map((d) => `${d.code}:${(d.data as { replacement?: string } | undefined)?.replacement ?? ''}`), ['SCH-008:rehabilitation']);
    assert.deepStrictEqual(codesOf('[rehabilitation, renovation]'), ['SCH-007']);
  });
});
