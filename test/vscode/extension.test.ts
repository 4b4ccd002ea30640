// First in-host suite: the extension loads in a real VS Code, maps the file kinds to our languages,
// and its language server publishes (and clears) diagnostics.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { EXTENSION_ID, amoDiagnostics, openDoc, waitFor, workspaceFile } from './helpers';

suite('AMO Authoring — extension', () => {
  test('is present and becomes active after opening a programme', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} is not installed (engines.vscode too new?)`);
    await openDoc('ecole.programme.yaml');
    await waitFor(() => ext.isActive, 15000, `${EXTENSION_ID} to activate`);
  });

  test('*.programme.yaml opens as amo-programme', async () => {
    const doc = await openDoc('ecole.programme.yaml');
    assert.strictEqual(doc.languageId, 'amo-programme');
  });

  test('*.consultation.yaml opens as amo-consultation', async () => {
    const doc = await openDoc('cassee.consultation.yaml');
    assert.strictEqual(doc.languageId, 'amo-consultation');
  });
});

suite('AMO Authoring — diagnostics', () => {
  test('criteria weights summing to 95 report CSL-006 (source amo)', async () => {
    const doc = await openDoc('cassee.consultation.yaml');
    const diags = await waitFor(
      () => {
        const d = amoDiagnostics(doc.uri, 'CSL-006');
        return d.length > 0 ? d : undefined;
      },
      20000,
      'CSL-006 on cassee.consultation.yaml',
    );
    assert.strictEqual(diags[0].source, 'amo');
  });

  test('making the weights sum to 100 clears CSL-006', async () => {
    const doc = await openDoc('cassee.consultation.yaml');
    await waitFor(() => amoDiagnostics(doc.uri, 'CSL-006').length > 0, 20000, 'CSL-006 before the edit');
    const text = doc.getText();
    const needle = 'ponderation: 55';
    const at = text.indexOf(needle);
    assert.ok(at >= 0, `fixture no longer contains "${needle}"`);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(
      doc.uri,
      new vscode.Range(doc.positionAt(at), doc.positionAt(at + needle.length)),
      'ponderation: 60',
    );
    assert.ok(await vscode.workspace.applyEdit(edit), 'applyEdit refused');
    await waitFor(() => amoDiagnostics(doc.uri, 'CSL-006').length === 0, 20000, 'CSL-006 to clear after the edit');
  });

  test('a file never opened shows its problems (workspace diagnostics), each once', async () => {
    const uri = workspaceFile('jamais-ouverte.consultation.yaml');
    const diags = await waitFor(
      () => {
        const d = amoDiagnostics(uri, 'CSL-006');
        return d.length > 0 ? d : undefined;
      },
      20000,
      'CSL-006 on jamais-ouverte.consultation.yaml, never opened',
    );
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString()), 'the file was opened');
    // Pushed and pulled problems live in two collections: one problem must not show twice, then or later.
    assert.strictEqual(diags.length, 1, JSON.stringify(diags.map((d) => d.message)));
    await new Promise((r) => setTimeout(r, 1000));
    assert.strictEqual(amoDiagnostics(uri, 'CSL-006').length, 1);
  });
});
