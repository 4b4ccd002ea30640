// The preview shell's own words follow VS Code's display language (client/src/preview/previewHtml.ts):
// the extension passes them localised, the webview script reads them from the escaped settings.
import * as assert from 'assert';
import { FRENCH_PREVIEW_STRINGS, buildPreviewHtml, type PreviewStrings } from '../../../client/src/preview/previewHtml';

const BASE = { cspSource: 'vscode-webview://x', nonce: 'bm9uY2U=', scriptUri: 'vscode-webview://x/dist/preview.js', uri: 'file:///w/a.programme.yaml', title: 'Preview' };
const ENGLISH: PreviewStrings = { deliverables: 'Deliverables', loading: 'Rendering…', renderFailed: 'The preview could not be rendered.', lastGoodBelow: 'Last valid render shown below.' };

function settingsOf(html: string): Record<string, unknown> {
  const m = /<meta id="amo-preview-settings" data-settings="([^"]*)">/.exec(html);
  assert.ok(m);
  return JSON.parse(m[1].replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&#39;/g, "'").replace(/&amp;/g, '&')) as Record<string, unknown>;
}

describe('preview / localised shell', () => {
  it('uses the given words for the tabs, the placeholder and the webview banner', () => {
    const html = buildPreviewHtml({ ...BASE, strings: ENGLISH });
    assert.match(html, /<nav id="amo-bar" role="tablist" aria-label="Deliverables">/);
    assert.match(html, /<p class="amo-loading">Rendering…<\/p>/);
    assert.deepStrictEqual(settingsOf(html).strings, ENGLISH);
  });

  it('is French without strings', () => {
    const html = buildPreviewHtml(BASE);
    assert.match(html, new RegExp(`aria-label="${FRENCH_PREVIEW_STRINGS.deliverables}"`));
    assert.ok(html.includes(FRENCH_PREVIEW_STRINGS.loading));
  });

  it('escapes the words', () => {
    const html = buildPreviewHtml({ ...BASE, strings: { ...ENGLISH, deliverables: '"><script>x</script>', loading: '<b>' } });
    assert.ok(!html.includes('<script>x</script>'));
    assert.ok(!html.includes('<b>'));
  });
});
