import * as assert from 'assert';
import { parseFromWebview, parseState, parseToWebview } from '../../../client/src/preview/messages';
import { buildPreviewHtml, previewCsp } from '../../../client/src/preview/previewHtml';

const OPTIONS = {
  cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
  nonce: 'bm9uY2Utbm9uY2Utbm9uY2U=',
  scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/preview.js',
  uri: 'file:///w/a"b<c>.programme.yaml',
  deliverable: 'risques',
  title: 'Aperçu',
};

describe('preview / HTML shell (pure)', () => {
  it('has the CSP of the brief: nothing by default, nonce-only scripts, no remote content, no forms', () => {
    const csp = previewCsp(OPTIONS.cspSource, OPTIONS.nonce);
    assert.strictEqual(
      csp,
      `default-src 'none'; img-src ${OPTIONS.cspSource} data:; style-src ${OPTIONS.cspSource} 'nonce-${OPTIONS.nonce}'; script-src 'nonce-${OPTIONS.nonce}'; form-action 'none'; base-uri 'none'`,
    );
    const html = buildPreviewHtml(OPTIONS);
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html);
    assert.ok(meta, 'CSP meta element');
    assert.strictEqual(meta[1].replace(/&#39;/g, "'"), csp);
    assert.ok(!/unsafe-inline|unsafe-eval/.test(html));
  });

  it('every script and style element carries the nonce; the only script is the bundled file', () => {
    const html = buildPreviewHtml(OPTIONS);
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    assert.deepStrictEqual(scripts, [`<script nonce="${OPTIONS.nonce}" src="${OPTIONS.scriptUri}">`]);
    assert.ok(/<script[^>]*><\/script>/.test(html), 'no inline script body');
    for (const m of html.matchAll(/<style\b[^>]*>/g)) assert.ok(m[0].includes(`nonce="${OPTIONS.nonce}"`));
    assert.ok(!/\son[a-z]+=/.test(html), 'no inline event handler');
  });

  it('carries its settings in an escaped data- attribute', () => {
    const html = buildPreviewHtml(OPTIONS);
    const m = /<meta id="amo-preview-settings" data-settings="([^"]*)">/.exec(html);
    assert.ok(m);
    const decoded = m[1].replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
    assert.deepStrictEqual(JSON.parse(decoded), { uri: OPTIONS.uri, deliverable: 'risques' });
  });
});

describe('preview / typed messages', () => {
  it('accepts well-formed messages from the webview and rejects the rest', () => {
    assert.deepStrictEqual(parseFromWebview({ type: 'revealLine', uri: 'file:///a', line: 12 }), { type: 'revealLine', uri: 'file:///a', line: 12 });
    assert.deepStrictEqual(parseFromWebview({ type: 'selectDeliverable', uri: 'file:///a', deliverable: 'rao' }), { type: 'selectDeliverable', uri: 'file:///a', deliverable: 'rao' });
    assert.ok(parseFromWebview({ type: 'rendered', uri: 'u', version: 3, deliverable: 'rc', headings: ['a'] }));
    for (const bad of [null, 'x', {}, { type: 'revealLine', uri: 'u', line: -1 }, { type: 'revealLine', uri: 'u', line: 1.5 }, { type: 'revealLine', line: 1 }, { type: 'selectDeliverable', uri: 'u', deliverable: '../x' }, { type: 'eval', uri: 'u' }, { type: 'rendered', uri: 'u', version: 1, deliverable: 'rc', headings: [1] }]) {
      assert.strictEqual(parseFromWebview(bad), undefined, JSON.stringify(bad));
    }
  });

  it('validates messages to the webview and saved states', () => {
    const m = parseToWebview({ type: 'update', uri: 'u', version: 2, deliverable: 'rao', deliverables: [{ id: 'rao', label: 'RAO' }, { id: 7 }], html: '<p>x</p>' });
    assert.deepStrictEqual(m, { type: 'update', uri: 'u', version: 2, deliverable: 'rao', deliverables: [{ id: 'rao', label: 'RAO' }], html: '<p>x</p>', error: undefined });
    assert.strictEqual(parseToWebview({ type: 'update', uri: 'u', deliverables: [] }), undefined);
    assert.deepStrictEqual(parseToWebview({ type: 'scrollToLine', uri: 'u', line: 4 }), { type: 'scrollToLine', uri: 'u', line: 4 });
    assert.deepStrictEqual(parseState({ uri: 'file:///a', deliverable: 'planning' }), { uri: 'file:///a', deliverable: 'planning' });
    assert.strictEqual(parseState({ deliverable: 'x' }), undefined);
  });
});
