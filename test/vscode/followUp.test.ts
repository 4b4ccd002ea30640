// In-host suite: the whole AMO mission through VS Code — the follow-up dashboard, the PV de
// réception and the reserve log of the bundled life-cycle example in the preview, a reserve open after
// the GPA flagged and lifted by its quick fix, and reviewers completed from the programme's acteurs.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { activeExtension, positionAfter } from './editing';
import { amoDiagnostics, openDoc, waitFor } from './helpers';

interface Rendered {
  uri: string;
  deliverable: string;
  headings: string[];
}

async function preview(example: string, deliverable: string): Promise<Rendered> {
  const ext = await activeExtension();
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(ext.extensionUri, 'examples', example));
  await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
  await vscode.commands.executeCommand('amo.openPreview', { uri: doc.uri.toString(), deliverable });
  return waitFor(
    async () => {
      const r = await vscode.commands.executeCommand<Rendered | undefined>('amo.preview.lastRendered', doc.uri.toString());
      return r?.deliverable === deliverable ? r : undefined;
    },
    30000,
    `the preview of ${example} to render '${deliverable}'`,
  );
}

const label = (item: vscode.CompletionItem): string => (typeof item.label === 'string' ? item.label : item.label.label);

suite('AMO Authoring — follow-up, acceptance and reserves', () => {
  suiteSetup(async () => {
    await activeExtension();
  });

  test('the life-cycle programme previews its follow-up dashboard', async () => {
    const r = await preview('mediatheque-prevert.programme.yaml', 'suivi');
    const headings = r.headings.join('\n');
    for (const section of [/Jalons\s: prévu et réel/, /Livrables/, /Évolution des risques/, /Indicateurs/]) assert.match(headings, section, `missing ${section}:\n${headings}`);
  });

  test('the works consultation previews its PV des OPR, its décision de réception, then its reserve log per firm', async () => {
    const pv = await preview('mediatheque-prevert-travaux.consultation.yaml', 'reception');
    const headings = pv.headings.join('\n');
    for (const section of [/Opérations préalables à la réception/, /Lot .* — constatations/]) assert.match(headings, section, `missing ${section}:\n${headings}`);
    const decision = await preview('mediatheque-prevert-travaux.consultation.yaml', 'decision');
    assert.match(decision.headings.join('\n'), /Visas[\s\S]*Signature/);
    const log = await preview('mediatheque-prevert-travaux.consultation.yaml', 'reserves');
    assert.match(log.headings.join('\n'), /Synthèse par entreprise/);
  });

  test('a reserve open after the GPA is flagged (REC-002) and its quick fix lifts it today', async () => {
    const doc = await openDoc('reception.consultation.yaml');
    const original = doc.getText();
    const diag = await waitFor(() => amoDiagnostics(doc.uri, 'REC-002')[0], 20000, 'REC-002 on reception.consultation.yaml');
    const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', doc.uri, diag.range, vscode.CodeActionKind.QuickFix.value);
    const lift = actions.find((a): a is vscode.CodeAction => 'edit' in a && /lev[ée]e/i.test(a.title) && /R-02/.test(a.title));
    assert.ok(lift?.edit, `no « lever la réserve » fix among: ${actions.map((a) => a.title).join(' | ')}`);
    try {
      assert.ok(await vscode.workspace.applyEdit(lift.edit), 'applyEdit refused the quick fix');
      await waitFor(() => amoDiagnostics(doc.uri, 'REC-002').length === 0, 20000, 'REC-002 to clear after the quick fix');
      const r02 = doc.getText().slice(doc.getText().indexOf('id: R-02'));
      assert.match(r02, /statut: levee/);
      assert.match(r02, /date_levee: \d{4}-\d{2}-\d{2}/);
    } finally {
      const all = new vscode.WorkspaceEdit();
      all.replace(doc.uri, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), original);
      await vscode.workspace.applyEdit(all);
      await doc.save();
    }
  });

  test("a review's relecteur is completed with the programme's acteurs", async () => {
    const ext = await activeExtension();
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(ext.extensionUri, 'examples', 'mediatheque-prevert.programme.yaml'));
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, positionAfter(doc, 'relecteur: '));
    const labels = list.items.map(label);
    for (const id of ['AMO', 'MOA']) assert.ok(labels.includes(id), `${id} missing from: ${labels.join(', ')}`);
  });
});
