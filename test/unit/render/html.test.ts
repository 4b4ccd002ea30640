import * as assert from 'assert';
import * as fs from 'fs';
import { renderHtml, renderHtmlDocument } from '../../../server/src/render';
import { cssString } from '../../../server/src/render/css';
import { PROGRAMME_FILE, RECEPTION_FILE, renderExample, renderText, renderXssConsultation, SUIVI_FILE, XSS_PROGRAMME } from './renderHelpers';


/** Every tag of the output is one of ours, with attributes from a fixed list. */
function assertInert(html: string): void {
  assert.ok(!/<script/i.test(html), 'no script element');
  for (const [tag] of html.matchAll(/<[a-zA-Z][^>]*>/g)) {
    assert.ok(!/\son[a-z]+\s*=/i.test(tag), `no event handler attribute: ${tag}`);
    assert.ok(!/\sstyle\s*=/i.test(tag), `no style attribute (CSP without unsafe-inline): ${tag}`);
  }
  for (const m of html.matchAll(/href="([^"]*)"/g)) assert.match(m[1], /^#amo-h-\d+$/, `only in-page links: ${m[1]}`);
  for (const m of html.matchAll(/<([a-zA-Z][a-zA-Z0-9]*)\b/g)) {
    assert.ok(/^(article|header|p|h[1-3]|dl|div|dt|dd|nav|strong|em|code|ul|ol|li|a|table|caption|thead|tbody|tr|th|td|section|figure|figcaption|svg|g|title|text|rect|line|polygon|circle|html|head|meta|body|style)$/.test(m[1]), `unexpected element <${m[1]}>`);
  }
}

describe('render / HTML back end', () => {
  it('escapes every text of the YAML: markup and scripts are shown as text', () => {
    for (const d of ['programme', 'risques', 'planning', 'suivi'] as const) {
      const r = renderText('x.programme.yaml', XSS_PROGRAMME, d);
      assert.ok(r.model, r.error);
      const html = renderHtmlDocument(r.model);
      assertInert(html.replace(/<style>[\s\S]*?<\/style>/, '<style></style>'));
      assert.ok(html.includes('&lt;script&gt;window.__amoXss'), `${d}: the payload is visible as text`);
    }
    const doc = renderHtmlDocument(renderText('x.programme.yaml', XSS_PROGRAMME, 'programme').model!);
    assert.ok(doc.includes('javascript:window.__amoXss=13'), 'a javascript: reference stays plain text');
    assert.ok(!doc.includes('<a href="javascript'), 'and never becomes a link');
  });

  it('escapes every text of a reception and its reserves (PV, reserve log)', () => {
    for (const d of ['reception', 'reserves'] as const) {
      const r = renderXssConsultation(d);
      assert.ok(r.model, r.error);
      const html = renderHtmlDocument(r.model);
      assertInert(html.replace(/<style>[\s\S]*?<\/style>/, '<style></style>'));
      assert.ok(html.includes('&lt;script&gt;window.__amoXss=38&lt;/script&gt;'), `${d}: the payload is visible as text`);
      assert.ok(html.includes('&lt;b onclick=window.__amoXss=35&gt;Entreprise&lt;/b&gt;'), `${d}: the firm is text`);
    }
  });

  it('draws the follow-up charts as inline SVG: timeline, stacked bar, line chart, sparklines', () => {
    const html = renderHtml(renderExample(SUIVI_FILE, 'suivi').model!);
    for (const cls of ['amo-timeline', 'amo-stacked', 'amo-linechart', 'amo-sparklines']) assert.match(html, new RegExp(`<svg class="amo-svg ${cls}" viewBox="0 0 [\\d.]+ [\\d.]+" role="img"`), cls);
    assertInert(html);
    const xss = renderHtml(renderText('x.programme.yaml', XSS_PROGRAMME, 'suivi').model!);
    assert.ok(xss.includes('&lt;/text&gt;&lt;script&gt;window.__amoXss=24&lt;/script&gt;'), 'a unit closing the SVG text stays text');
    assert.ok(!/class="[^"]*(<|onmouseover|__amoXss)/.test(xss), 'no document text in a class attribute');
    const pv = renderHtml(renderExample(RECEPTION_FILE, 'reception').model!);
    assert.strictEqual(pv.match(/<tr class="amo-row-sign"/g)?.length, 6, 'signature rows: the maître d’œuvre and the titulaire of each lot');
  });

  it('the page header of the print CSS cannot close its string or the style element', () => {
    const s = cssString('"</style><script>x</script>\\');
    assert.ok(!/[<>"\\](?![0-9a-f]+ )/.test(s.slice(1, -1).replace(/\\[0-9a-f]+ /g, '')), s);
    assert.ok(!s.includes('</style>'));
    const doc = renderHtmlDocument(renderText('x.programme.yaml', XSS_PROGRAMME, 'programme').model!);
    assert.strictEqual(doc.match(/<\/style>/g)?.length, 1);
  });

  it('a self-contained document: CSP forbidding scripts and fetches, inline CSS, A4 page numbers', () => {
    const doc = renderHtmlDocument(renderExample(PROGRAMME_FILE, 'programme').model!);
    assert.match(doc, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:;/);
    assert.match(doc, /@page \{ size: A4;/);
    assert.match(doc, /counter\(page\) " \/ " counter\(pages\)/);
    assert.ok(!/(src|href)="(https?:|\/\/|file:)/.test(doc), 'no external resource');
    assert.ok(!/url\(/.test(doc), 'no url() in the CSS');
  });

  it('elements carry the 0-based line of their YAML source', () => {
    const text = fs.readFileSync(PROGRAMME_FILE, 'utf8').split('\n');
    const html = renderHtml(renderExample(PROGRAMME_FILE, 'programme').model!);
    const row = /<tr data-line="(\d+)"><td>Salle de motricité<\/td>/.exec(html);
    assert.ok(row, 'the row of B-MOTRICITE');
    assert.match(text[Number(row[1])], /id: B-MOTRICITE/);
    const h = /<h2 id="amo-h-\d+" data-line="(\d+)">6\. Enveloppe/.exec(html);
    assert.ok(h);
    assert.match(text[Number(h[1])], /^enveloppe_financiere:/);
    const tags = [...html.matchAll(/<(tr|li|h2|h3|p|figure)\b[^>]*>/g)];
    const withLine = tags.filter((t) => /data-line="\d+"/.test(t[0]));
    assert.ok(withLine.length / tags.length > 0.8, `most elements carry data-line (${withLine.length}/${tags.length})`);
  });

  it('draws the heat map and the Gantt chart as inline SVG with escaped text', () => {
    const risks = renderHtml(renderText('x.programme.yaml', XSS_PROGRAMME, 'risques').model!);
    assert.match(risks, /<svg class="amo-svg amo-heatmap"[^>]*role="img"/);
    assert.ok(risks.includes('>R&lt;1&gt;</text>'));
    const gantt = renderHtml(renderText('x.programme.yaml', XSS_PROGRAMME, 'planning').model!);
    assert.match(gantt, /<svg class="amo-svg" viewBox="0 0 980 \d+"/);
    assert.ok(gantt.includes('&lt;/text&gt;&lt;script&gt;'));
  });
});
