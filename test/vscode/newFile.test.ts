// In-host suite: "AMO : Nouveau programme" and "AMO : Nouvelle consultation", called with a target URI
// (as from the explorer's New File menu), write complete examples that open without any AMO error.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { errorsOf, listDiagnostics, settledDiagnostics } from './editing';
import { workspaceFile } from './helpers';

function openDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
  return vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
}

suite('AMO Authoring — new file commands', () => {
  // A folder of its own, so that the consultation finds exactly one programme beside it.
  const folder = workspaceFile('nouveaux');

  suiteSetup(async () => {
    await vscode.workspace.fs.createDirectory(folder);
  });

  test('amo.newProgramme writes a programme that opens with no AMO error', async () => {
    const target = vscode.Uri.joinPath(folder, 'gymnase.programme.yaml');
    const created = await vscode.commands.executeCommand<vscode.Uri | undefined>('amo.newProgramme', target);
    assert.ok(created, 'the command returned no file (cancelled or not written)');
    assert.strictEqual(created.toString(), target.toString());
    const doc = openDocument(target);
    assert.ok(doc, 'the new programme is not open');
    assert.strictEqual(doc.languageId, 'amo-programme');
    assert.strictEqual(vscode.window.activeTextEditor?.document.uri.toString(), target.toString(), 'the new programme is not the active editor');
    const errors = errorsOf(await settledDiagnostics(doc));
    assert.deepStrictEqual(errors, [], `errors in the new programme:\n${listDiagnostics(errors)}`);
  });

  test('amo.newConsultation adds the kind extension, links the programme beside it and has no AMO error', async () => {
    // Without ".consultation", the command adds it (gymnase-travaux.yaml → gymnase-travaux.consultation.yaml).
    const created = await vscode.commands.executeCommand<vscode.Uri | undefined>('amo.newConsultation', vscode.Uri.joinPath(folder, 'gymnase-travaux.yaml'));
    const expected = vscode.Uri.joinPath(folder, 'gymnase-travaux.consultation.yaml');
    assert.ok(created, 'the command returned no file (cancelled or not written)');
    assert.strictEqual(created.toString(), expected.toString());
    const doc = openDocument(expected);
    assert.ok(doc, 'the new consultation is not open');
    assert.strictEqual(doc.languageId, 'amo-consultation');
    assert.match(doc.getText(), /^programme: \.\/gymnase\.programme\.yaml$/m, 'the consultation does not name the programme beside it');
    const diags = await settledDiagnostics(doc);
    // REF-003/REF-004 would say the programme was not found or not readable.
    assert.deepStrictEqual(errorsOf(diags), [], `errors in the new consultation:\n${listDiagnostics(errorsOf(diags))}`);
  });
});
