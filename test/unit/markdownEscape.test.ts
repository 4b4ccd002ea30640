import * as assert from 'assert';
/* eslint-disable no-control-regex -- the tests look for the control characters a document may carry */
import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import type { Hover, MarkupContent } from 'vscode-languageserver-types';
import { escapeControls, mdCode, mdText } from '../../server/src/language-service/util';
import { positionAt } from '../helpers/cursor';
import { makeService, uriOf } from '../helpers/service';

/**
 * Document text shown by the editor (hovers, completion documentation) renders as text: no image (fetched
 * when the hover shows), link, command link or HTML from a document. Rendered with markdown-it, HTML and
 * autolinks on — more permissive than VS Code's hover renderer, so what passes here passes there.
 */
const md = new MarkdownIt({ html: true, linkify: true });

/** The HTML of a Markdown text: only the tags the tool itself writes, never a link, an image or raw HTML. */
function assertInert(markdown: string): string {
  assert.ok(!/[\u0000-\u0008\u001b\u202a-\u202e\u2066-\u2069]/.test(markdown), `a control or bidi character reaches the editor: ${JSON.stringify(markdown)}`);
  const html = md.render(markdown);
  const tags = [...html.matchAll(/<\/?([a-zA-Z][\w-]*)/g)].map((m) => m[1].toLowerCase());
  const allowed = new Set(['p', 'strong', 'em', 'code', 'hr', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'ul', 'li', 'br']);
  const bad = tags.filter((t) => !allowed.has(t));
  assert.deepStrictEqual(bad, [], `tags from the document in:\n${html}`);
  return html;
}

const HOSTILE = [
  '![x](https://evil.example/beacon.png)',
  '[clic](command:workbench.action.terminal.new)',
  '<img src=https://evil.example/a.png>',
  '<script>alert(1)</script>',
  'https://evil.example/x',
  'www.evil.example',
  'a | b | c',
  '`code` **bold** _em_ ~~del~~',
  '&lt;b&gt; &#60;img&#62;',
  'line\n\n# heading\n- item\n<div>x</div>',
  '<https://evil.example>',
  '\u202eevil\u0000\u001b[31m',
];

/** The hover one character into the first occurrence of `at` in `text`. */
function hover(name: string, text: string, at: string): string {
  const i = text.indexOf(at);
  assert.ok(i >= 0, at);
  const offset = i + 1;
  const h: Hover | null = makeService({}).getHover({ uri: uriOf(`/virtual/${name}`), text }, positionAt(text, offset), {});
  assert.ok(h, 'expected a hover');
  return (h.contents as MarkupContent).value;
}

/** A YAML double-quoted scalar of any text. */
const q = (s: string): string => JSON.stringify(s);

describe('document text in Markdown is escaped (docs/robustness.md)', () => {
  it('mdText of any string renders as that text only (property, fixed seed)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 60 }), fc.constantFrom(...HOSTILE)), (s) => {
        const html = assertInert(`**Offre** ${mdText(s)}`);
        const text = html.replace(/<[^>]+>/g, '').replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&').trim();
        const expected = escapeControls(s.replace(/\r\n|[\n\r\u0085\u2028\u2029]/g, ' ')).trim();
        // markdown-it normalises runs of spaces and NUL: compare without them.
        const norm = (x: string): string => x.replace(/\s+/g, ' ').replace(/\u0000/g, '\ufffd');
        assert.strictEqual(norm(text.replace(/^Offre ?/, '')), norm(expected));
      }),
      { seed: 18, numRuns: 400 },
    );
  });

  it('mdCode of any string stays one code span', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom(...HOSTILE, '``a`', '`', ' ` ')), (s) => {
        const html = assertInert(`x ${mdCode(s)} y`);
        assert.strictEqual([...html.matchAll(/<code>/g)].length, 1, html);
      }),
      { seed: 18, numRuns: 300 },
    );
  });

  for (const payload of HOSTILE) {
    it(`offer, note, deliverable and reserve hovers: ${JSON.stringify(payload).slice(0, 40)}`, () => {
      const consultation = `id: C1
criteres:
  - {id: ${q(payload)}, ponderation: 60, libelle: ${q(payload)}}
  - {id: VT, ponderation: 40}
offres:
  - {id: ${q(payload)}, candidat: ${q(payload)}, statut: ${q(payload)}, lot: ${q(payload)}, prix_ht: 1, notes: {${q(payload)}: 3, VT: 2}}
reception:
  date_reception: 2026-01-10
  reserves:
    - {id: ${q(payload)}, entreprise: ${q(payload)}, lot: ${q(payload)}, statut: ${q(payload)}}
`;
      assertInert(hover('c.consultation.yaml', consultation, 'candidat:'));
      assertInert(hover('c.consultation.yaml', consultation, `${q(payload)}: 3`));
      assertInert(hover('c.consultation.yaml', consultation, 'entreprise:'));
      assertInert(hover('c.consultation.yaml', consultation, 'criteres:'));
      const programme = `phases:
  - id: ${q(payload)}
    livrables:
      - {id: ${q(payload)}, emetteur: ${q(payload)}, statut: recu, echeance: 2026-01-01, revues: [{date: 2026-01-02, relecteur: ${q(payload)}, avis: ${q(payload)}}]}
indicateurs:
  - {id: ${q(payload)}, unite: ${q(payload)}, cible: 3, mesures: [{date: 2026-01-01, valeur: 2}]}
`;
      assertInert(hover('p.programme.yaml', programme, 'emetteur:'));
      assertInert(hover('p.programme.yaml', programme, 'unite:'));
    });
  }

  it('the offer hover still shows the candidate’s name, as text', () => {
    const h = hover('c.consultation.yaml', 'id: C1\ncriteres:\n  - {id: VT, ponderation: 100}\noffres:\n  - {id: A, candidat: "Dupont & Fils ![x](https://e.example/p.png)", notes: {VT: 2}}\n', 'candidat:');
    const html = assertInert(h);
    assert.match(html, /Dupont &amp; Fils !\[x\]\(https:\/\/e\.example\/p\.png\)/);
  });
});
