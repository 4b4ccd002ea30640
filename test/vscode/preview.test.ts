// In-host suite: "AMO : Ouvrir l'aperçu" opens the preview beside the editor, the server renders the
// deliverable, the webview reports what it shows (`rendered`), and a change of the text re-renders.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { openDoc, waitFor } from './helpers';

interface Rendered {
  uri: string;
  version: number;
  deliverable: string;
  headings: string[];
}

async function lastRendered(doc: vscode.TextDocument): Promise<Rendered | undefined> {
  return vscode.commands.executeCommand<Rendered | undefined>('amo.preview.lastRendered', doc.uri.toString());
}

suite('AMO Authoring — preview', () => {
  test('opens beside the programme and shows its dossier', async () => {
    const doc = await openDoc('ecole.programme.yaml');
    await vscode.commands.executeCommand('amo.openPreview');
    const r = await waitFor(() => lastRendered(doc), 30000, 'the preview to report a render');
    assert.strictEqual(r.deliverable, 'programme');
    assert.strictEqual(r.version, doc.version);
    assert.ok(r.headings.some((h) => h.startsWith('1. Contexte')), r.headings.join(' | '));
    const tab = vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('amo.preview'));
    assert.ok(tab, 'a preview tab');
  });

  test('re-renders while typing', async () => {
    const doc = await openDoc('ecole.programme.yaml');
    await vscode.commands.executeCommand('amo.openPreview');
    await waitFor(() => lastRendered(doc), 30000, 'a first render');
    const edit = new vscode.WorkspaceEdit();
    edit.insert(doc.uri, new vscode.Position(doc.lineCount, 0), '# modifié\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const version = doc.version;
    await waitFor(async () => ((await lastRendered(doc))?.version ?? 0) >= version, 30000, `a render of version ${version}`);
  });
});
