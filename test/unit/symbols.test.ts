import * as assert from 'assert';
import { SymbolKind, type DocumentSymbol, type Range, type SelectionRange } from 'vscode-languageserver-types';
import { makeService } from '../helpers/service';
import { parseText } from '../../server/src/language-service/parse';
import type { NavigationHost } from '../../server/src/language-service/navigation/targets';
import { getWorkspaceSymbols, WorkspaceSymbolIndex } from '../../server/src/language-service/navigation/workspaceSymbols';
import { positionAt, withCursor } from '../helpers/cursor';
import { C1, CONSULTATION, FILES, PROG, PROGRAMME, slice } from '../helpers/navigationWorkspace';

function inside(inner: Range, outer: Range): boolean {
  const le = (a: Range['start'], b: Range['start']): boolean => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return le(outer.start, inner.start) && le(inner.end, outer.end);
}

/** `name (detail)` tree, two spaces per level. */
function outline(symbols: DocumentSymbol[], indent = ''): string[] {
  return symbols.flatMap((s) => [`${indent}${s.name}${s.detail ? ` (${s.detail})` : ''}`, ...outline(s.children ?? [], indent + '  ')]);
}

function checkRanges(symbols: DocumentSymbol[], parent?: DocumentSymbol): void {
  for (const s of symbols) {
    assert.ok(inside(s.selectionRange, s.range), `${s.name}: selectionRange outside range`);
    if (parent) assert.ok(inside(s.range, parent.range), `${s.name}: outside ${parent.name}`);
    checkRanges(s.children ?? [], s);
  }
}

describe('document symbols', () => {
  const service = makeService(FILES);

  it('outlines a programme: operation, actors, phases with deliverables and milestones, risks, budget lines', () => {
    const symbols = service.getDocumentSymbols({ uri: PROG, text: PROGRAMME });
    assert.deepStrictEqual(outline(symbols), [
      'operation (OP — Gymnase)',
      'acteurs (2)',
      '  MOA (maitre_ouvrage)',
      '  AMO (amo)',
      'phases (2)',
      '  PH-ETU (PRO — Études)',
      '    L1 (Note)',
      '    L2 (Notice)',
      '    J1 (Validation — 2027-01-01)',
      '  PH-ACT (ACT — Consultation)',
      '    L1 (DCE)',
      'risques (1)',
      '  R1 (criticité 12 — Amiante)',
      'enveloppe_financiere (1 200 000 € HT)',
      '  EFP-TRX (Travaux — 1 000 000 € HT)',
      '  EFP-ALEAS (Aléas — 200 000 € HT)',
    ]);
    const phases = symbols.find((s) => s.name === 'phases')!;
    assert.strictEqual(phases.children![0].kind, SymbolKind.Module);
    assert.deepStrictEqual(phases.children![0].children!.map((c) => c.kind), [SymbolKind.File, SymbolKind.File, SymbolKind.Key]);
    assert.strictEqual(slice(PROGRAMME, phases.children![1].selectionRange), 'PH-ACT');
    checkRanges(symbols);
  });

  it('outlines a consultation: procedure, lots with their criteria, criteria tree with weights, offers', () => {
    const symbols = service.getDocumentSymbols({ uri: C1, text: CONSULTATION }, { locale: 'en' });
    const text = outline(symbols);
    assert.deepStrictEqual(text.slice(5), [
      'procedure (MAPA)',
      'lots (2)',
      '  L1 (Gros oeuvre)',
      '    PRIX (60)',
      '    TECH (40)',
      '      TECH-1 (20)',
      '      TECH-2 (20)',
      '  L2 (Lots techniques)',
      'criteres (Σ 100)',
      '  PRIX (50)',
      '  VALEUR (50)',
      'note_eliminatoire',
      'offres (2)',
      '  O1 (Entreprise A — L1)',
      '  O2 (Entreprise B — L2)',
    ]);
    assert.deepStrictEqual(text.slice(0, 5), ['programme (./op.programme.yaml)', 'id (C1)', 'objet (Travaux)', 'nature (travaux)', 'phase (PH-ACT)']);
    checkRanges(symbols);
  });

  it('puts ranks and ranges of weights in detail, and survives a broken document', () => {
    const text = 'criteres:\n  - {id: A, rang: 1}\n  - {id: B, fourchette: {min: 20, max: 30}}\n  - id: [\n';
    const symbols = service.getDocumentSymbols({ uri: C1, text }, { locale: 'en' });
    assert.deepStrictEqual(outline(symbols).slice(0, 3), ['criteres', '  A (rank 1)', '  B (20–30)']);
    assert.deepStrictEqual(service.getDocumentSymbols({ uri: 'file:///x/notes.yaml', text }), []);
  });
});

describe('workspace symbols', () => {
  const service = makeService(FILES);

  it('lists every id of every known document, with kind and container', () => {
    const all = service.getWorkspaceSymbols('');
    const l1 = all.filter((s) => s.name === 'L1').map((s) => s.containerName);
    assert.deepStrictEqual(l1, ['op.programme.yaml › PH-ETU', 'op.programme.yaml › PH-ACT', 'c1.consultation.yaml']);
    const sub = all.find((s) => s.name === 'TECH-1')!;
    assert.strictEqual(sub.containerName, 'c1.consultation.yaml › TECH');
    assert.strictEqual(sub.kind, SymbolKind.Field);
    assert.ok(all.some((s) => s.name === 'OP' && s.kind === SymbolKind.Package));
    assert.ok(all.some((s) => s.name === 'C3'));
  });

  it('filters by the characters of the query in order, ignoring case', () => {
    assert.deepStrictEqual(service.getWorkspaceSymbols('phact').map((s) => s.name), ['PH-ACT']);
    assert.deepStrictEqual(makeService({}).getWorkspaceSymbols('x'), []);
  });
});

describe('workspace symbol index (compact: hash + symbols, no parse tree)', () => {
  function countingHost(files: Record<string, string>) {
    const parses: string[] = [];
    const host: NavigationHost = {
      parse: (doc) => {
        parses.push(doc.uri);
        return parseText(doc.uri, doc.text);
      },
      readText: (uri) => files[uri],
      listDocuments: () => Object.keys(files),
    };
    return { host, parses };
  }

  it('answers from the index for files whose text is the one indexed: no parse, the same symbols', () => {
    const { host, parses } = countingHost({ ...FILES });
    const index = new WorkspaceSymbolIndex();
    for (const [uri, text] of Object.entries(FILES)) index.remember(parseText(uri, text));
    const fromIndex = getWorkspaceSymbols(host, '', index);
    assert.deepStrictEqual(parses, []);
    assert.deepStrictEqual(fromIndex, getWorkspaceSymbols(host, ''));
    assert.ok(fromIndex.some((s) => s.name === 'PH-ACT'));
  });

  it('parses again a file whose text changed since it was indexed, and forgets deleted files', () => {
    const files: Record<string, string> = { ...FILES };
    const { host, parses } = countingHost(files);
    const index = new WorkspaceSymbolIndex();
    for (const [uri, text] of Object.entries(FILES)) index.remember(parseText(uri, text));
    files[PROG] = FILES[PROG].replace(/PH-ACT/g, 'PH-NEW');
    const names = getWorkspaceSymbols(host, 'ph', index).map((s) => s.name);
    assert.deepStrictEqual(parses, [PROG]);
    assert.ok(names.includes('PH-NEW') && !names.includes('PH-ACT'));
    delete files[C1];
    getWorkspaceSymbols(host, '', index);
    assert.strictEqual(index.size, Object.keys(files).length);
  });

  it('the service indexes a parse it forgets: a file validated in the background, then its symbols', () => {
    const files: Record<string, string> = { ...FILES };
    const service = makeService(files);
    for (const [uri, text] of Object.entries(FILES)) {
      service.getDiagnostics({ uri, text });
      service.forget(uri);
    }
    assert.deepStrictEqual(service.getWorkspaceSymbols(''), makeService(FILES).getWorkspaceSymbols(''));
    files[PROG] = FILES[PROG].replace(/PH-ACT/g, 'PH-NEW');
    assert.ok(service.getWorkspaceSymbols('phnew').some((s) => s.name === 'PH-NEW'));
  });
});

describe('folding ranges', () => {
  const service = makeService();

  it('folds every multi-line collection from its key, block scalars and comment runs, not the root', () => {
    const text = '# un\n# deux\noperation:\n  id: OP\n  contexte: >-\n    a\n    # pas un commentaire\n  x: 1\nphases:\n  - id: A\n    libelle: a\n  - {id: B}\nfin: 1 # seul\n';
    const ranges = service.getFoldingRanges({ uri: PROG, text });
    assert.deepStrictEqual(ranges, [
      { startLine: 0, endLine: 1, kind: 'comment' },
      { startLine: 2, endLine: 7 },
      { startLine: 4, endLine: 6 },
      { startLine: 8, endLine: 11 },
      { startLine: 9, endLine: 10 },
    ]);
  });

  it('folds the example programme sections', () => {
    const ranges = service.getFoldingRanges({ uri: PROG, text: PROGRAMME });
    for (const line of [2, 5, 9, 10, 13, 18, 23, 24, 32]) assert.ok(ranges.some((r) => r.startLine === line && !r.kind), `no fold at line ${line}`);
    assert.ok(ranges.some((r) => r.startLine === 0 && r.endLine === 1 && r.kind === 'comment'));
  });
});

describe('selection ranges', () => {
  const service = makeService();

  function chain(marked: string): string[] {
    const { text, offset } = withCursor(marked);
    const [range] = service.getSelectionRanges({ uri: C1, text }, [positionAt(text, offset)]);
    const out: string[] = [];
    for (let r: SelectionRange | undefined = range; r; r = r.parent) {
      if (r.parent) assert.ok(inside(r.range, r.parent.range), 'each range lies inside its parent');
      out.push(slice(text, r.range));
    }
    return out;
  }

  it('expands from the word to the pair, the item, the list, its key… up to the document', () => {
    const doc = 'id: C1\nlots:\n  - id: L1\n    intitule: Gros |oeuvre\n  - id: L2\n';
    assert.deepStrictEqual(chain(doc), [
      'oeuvre',
      'Gros oeuvre',
      'intitule: Gros oeuvre',
      'id: L1\n    intitule: Gros oeuvre',
      '- id: L1\n    intitule: Gros oeuvre',
      '- id: L1\n    intitule: Gros oeuvre\n  - id: L2',
      'lots:\n  - id: L1\n    intitule: Gros oeuvre\n  - id: L2',
      'id: C1\nlots:\n  - id: L1\n    intitule: Gros oeuvre\n  - id: L2',
      'id: C1\nlots:\n  - id: L1\n    intitule: Gros oeuvre\n  - id: L2\n',
    ]);
  });

  it('selects inside the quotes first, and handles keys and flow maps', () => {
    assert.deepStrictEqual(chain('notes: {"TE|CH-1": 12}').slice(0, 4), ['TECH-1', '"TECH-1"', '"TECH-1": 12', '{"TECH-1": 12}']);
    assert.deepStrictEqual(chain('a:\n  pri|x: 1\n').slice(0, 3), ['prix', 'prix: 1', 'a:\n  prix: 1']);
  });
});
