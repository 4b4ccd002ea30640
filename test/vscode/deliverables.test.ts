// In-host suite: the preview of the bundled examples (examples/), a realistic programme and its works
// consultation. The webview reports what it rendered (`rendered`: deliverable and headings), which the
// extension keeps for `amo.preview.lastRendered` (client/src/preview/).
import * as assert from 'assert';
import * as vscode from 'vscode';
import { activeExtension } from './editing';
import { waitFor } from './helpers';

interface Rendered {
  uri: string;
  version: number;
  deliverable: string;
  headings: string[];
}

async function previewOf(example: string): Promise<{ doc: vscode.TextDocument; rendered: Rendered }> {
  const ext = await activeExtension();
  const contributed = (ext.packageJSON.contributes?.commands ?? []) as { command: string }[];
  assert.ok(contributed.some((c) => c.command === 'amo.openPreview'), 'amo.openPreview is not contributed in package.json');
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(ext.extensionUri, 'examples', example));
  await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
  await vscode.commands.executeCommand('amo.openPreview');
  const rendered = await waitFor(
    async () => vscode.commands.executeCommand<Rendered | undefined>('amo.preview.lastRendered', doc.uri.toString()),
    30000,
    `the preview of ${example} to report a render`,
  );
  return { doc, rendered };
}

suite('AMO Authoring — preview of the examples', () => {
  test('the example programme renders its programme dossier with the L2421-2 sections', async () => {
    const { doc, rendered } = await previewOf('ecole-jules-ferry.programme.yaml');
    assert.strictEqual(rendered.uri, doc.uri.toString());
    assert.strictEqual(rendered.deliverable, 'programme');
    assert.strictEqual(rendered.version, doc.version);
    const headings = rendered.headings.join('\n');
    assert.match(rendered.headings[0] ?? '', /Jules-Ferry/, `the first heading should be the operation's title:\n${headings}`);
    // The programme's content under L2421-2 (objectives, needs, constraints and requirements) and its envelope.
    for (const section of [/^1\. Contexte/m, /^2\. Objectifs/m, /^3\. Besoins/m, /^4\. Contraintes et exigences/m, /^\d+\. Enveloppe financière/m, /^\d+\. Synthèse des risques/m]) {
      assert.match(headings, section, `missing section ${section}:\n${headings}`);
    }
  });

  test('the example consultation renders the award-criteria section of the RC', async () => {
    const { rendered } = await previewOf('ecole-jules-ferry-travaux.consultation.yaml');
    assert.strictEqual(rendered.deliverable, 'rc');
    const headings = rendered.headings.join('\n');
    for (const section of [/^1\. Critères de jugement des offres/m, /caractéristiques environnementales/m, /Notation du critère prix/m]) {
      assert.match(headings, section, `missing section ${section}:\n${headings}`);
    }
  });

  test('the preview panel is a webview tab beside the editor', () => {
    const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs.map((t) => ({ t, column: g.viewColumn })));
    const preview = tabs.find(({ t }) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('amo.preview'));
    assert.ok(preview, 'no preview tab');
    assert.notStrictEqual(preview.column, vscode.ViewColumn.One, 'the preview should open beside the editor');
  });
});
