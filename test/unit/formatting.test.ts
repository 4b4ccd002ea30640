import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { parseDocument } from 'yaml';
import type { TextEdit } from 'vscode-languageserver-types';
import { comments } from '../../server/src/language-service/formatting/layout';
import { applyEdits } from '../helpers/applyEdits';
import { makeService, ROOT, uriOf } from '../helpers/service';

const s = makeService();
const URI = uriOf('/v/c.consultation.yaml');

function format(text: string, tabSize = 2, range?: Parameters<typeof s.format>[2]): { edits: TextEdit[]; text: string } {
  const edits = s.format({ uri: URI, text }, { tabSize }, range);
  return { edits, text: applyEdits(text, edits) };
}

function files(): string[] {
  const dirs = ['examples', path.join('examples', 'erreurs'), path.join('test', 'fixtures', 'rules')];
  return dirs.flatMap((d) => fs.readdirSync(path.join(ROOT, d)).filter((f) => /\.ya?ml$/.test(f)).map((f) => path.join(ROOT, d, f)));
}

const MESSY = [
  '# Consultation  ',
  'id:   C1',
  'objet:    "Travaux  du gymnase"   ',
  'procedure:',
  '     type: MAPA     # adaptée',
  '',
  '',
  '',
  'criteres:',
  '- id: PRIX',
  '  ponderation:   40',
  '-    {id: VT,   ponderation: 60}',
  'description: |',
  '        Ligne 1  ',
  '          Ligne 2',
  'lots:',
  '      -   id: L1',
  '          # le seul lot',
  '          intitule: >-',
  '             Un',
  '             lot',
  '          criteres: [a,',
  '                b]',
  'objet2:',
  '           "sur la ligne',
  '    suivante"',
  '',
  '',
].join('\n');

const MESSY_FORMATTED = [
  '# Consultation',
  'id: C1',
  'objet: "Travaux  du gymnase"',
  'procedure:',
  '  type: MAPA     # adaptée',
  '',
  'criteres:',
  '  - id: PRIX',
  '    ponderation: 40',
  '  - {id: VT,   ponderation: 60}',
  'description: |',
  '  Ligne 1  ',
  '    Ligne 2',
  'lots:',
  '  - id: L1',
  '    # le seul lot',
  '    intitule: >-',
  '      Un',
  '      lot',
  '    criteres: [a,',
  '          b]',
  'objet2:',
  '  "sur la ligne',
  '   suivante"',
  '',
].join('\n');

describe('formatting', () => {
  it('fixes messy indentation and spacing, keeps strings, quoting, flow collections and comments', () => {
    const { edits, text } = format(MESSY);
    assert.strictEqual(text, MESSY_FORMATTED);
    assert.deepStrictEqual(parseDocument(text).toJS(), parseDocument(MESSY).toJS());
    // One edit per changed or dropped line, never a whole-document replacement.
    assert.ok(edits.every((e) => e.range.end.line - e.range.start.line <= 1), JSON.stringify(edits));
    assert.ok(edits.length > 10);
  });

  it('uses the editor’s tabSize', () => {
    const { text } = format(MESSY, 4);
    assert.match(text, /\nprocedure:\n {4}type: MAPA {5}# adaptée\n\ncriteres:\n {4}- id: PRIX\n {6}ponderation: 40\n/);
    assert.match(text, /\ndescription: \|\n {4}Ligne 1 {2}\n {6}Ligne 2\n/);
    assert.deepStrictEqual(format(text, 4).edits, []);
    assert.deepStrictEqual(format(format(text, 2).text, 4).text, text);
  });

  it('is idempotent and meaning-preserving on every example and rule fixture', () => {
    for (const file of files()) {
      const text = fs.readFileSync(file, 'utf8');
      const once = format(text).text;
      assert.deepStrictEqual(format(once).edits, [], `${path.basename(file)} is not stable`);
      const before = parseDocument(text);
      if (before.errors.length > 0) {
        assert.strictEqual(once, text, `${path.basename(file)} has syntax errors: it must be left alone`);
        continue;
      }
      assert.deepStrictEqual(parseDocument(once).toJS(), before.toJS(), path.basename(file));
      assert.deepStrictEqual(comments(once), comments(text), path.basename(file));
    }
  });

  it('brings the examples back after their indentation was doubled and their blank lines tripled', () => {
    for (const file of files().filter((f) => !/yaml-001/.test(f))) {
      const text = fs.readFileSync(file, 'utf8');
      // "- " becomes "-   " so that compact maps stay aligned once every indentation is doubled.
      const messy = text.split('\n').map((l) => (l.trim() === '' ? '   \n' : l.replace(/^( *)/, '$1$1').replace(/^( *)- /, '$1-   '))).join('\n');
      assert.strictEqual(parseDocument(messy).errors.length, 0, path.basename(file));
      assert.strictEqual(format(messy).text, format(text).text, path.basename(file));
    }
  });

  it('trims trailing blanks, keeps one blank line in a row and a single final newline; keeps CRLF', () => {
    assert.strictEqual(format('a: 1   \n\n\n\nb: 2\n\n\n').text, 'a: 1\n\nb: 2\n');
    assert.strictEqual(format('a: 1').text, 'a: 1\n');
    assert.strictEqual(format('a:\r\n    b: 1  \r\n\r\n\r\n').text, 'a:\r\n  b: 1\r\n');
  });

  it('keeps blank lines and trailing spaces that are content', () => {
    const text = 'a: |+\n  un  \n\n\n  deux\n\n\nb: "x\n\n\n  y"\n';
    const out = format(text).text;
    assert.deepStrictEqual(parseDocument(out).toJS(), parseDocument(text).toJS());
  });

  it('aligns a comment line with the key it precedes', () => {
    assert.strictEqual(format('a:\n      # sur b\n      b: 1\n    # sur c\nc: 2\n').text, 'a:\n  # sur b\n  b: 1\n# sur c\nc: 2\n');
  });

  it('refuses documents with syntax errors or explicit keys', () => {
    assert.deepStrictEqual(format('a:   1\nb: [\n').edits, []);
    assert.deepStrictEqual(format('? a\n:    1\n').edits, []);
  });

  it('formats a range: only its lines, widened to the top-level entry when needed', () => {
    const text = 'a:   1\nb:\n    c: 1\n    d: 2\ne:    3\n';
    const first = format(text, 2, { start: { line: 0, character: 0 }, end: { line: 0, character: 6 } });
    assert.strictEqual(first.text, 'a: 1\nb:\n    c: 1\n    d: 2\ne:    3\n');
    // Re-indenting `c` alone would break the map: the whole `b` entry is formatted.
    const partial = format(text, 2, { start: { line: 2, character: 0 }, end: { line: 3, character: 0 } });
    assert.strictEqual(partial.text, 'a:   1\nb:\n  c: 1\n  d: 2\ne:    3\n');
  });
});
