// In-host suite: the language features reach VS Code through the language client — completion, hover,
// quick fixes, definition, rename, document symbols and formatting — called through VS Code's own
// `vscode.execute*Provider` commands, as the editor calls them.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { activeExtension, lineOf, positionAfter, settledDiagnostics } from './editing';
import { amoDiagnostics, openDoc, waitFor } from './helpers';

const label = (item: vscode.CompletionItem): string => (typeof item.label === 'string' ? item.label : item.label.label);

function hoverText(hovers: readonly vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n');
}

function flatten(symbols: readonly (vscode.DocumentSymbol | vscode.SymbolInformation)[]): string[] {
  return symbols.flatMap((s) => [s.name, ...('children' in s ? flatten(s.children) : [])]);
}

suite('AMO Authoring — language features', () => {
  suiteSetup(async () => {
    await activeExtension();
  });

  test('completion after "code: " in a phase offers the phase codes (APS, APD, PRO…)', async () => {
    const doc = await openDoc('fonctions.programme.yaml');
    const list = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      doc.uri,
      positionAfter(doc, '    code: '),
    );
    const labels = list.items.map(label);
    for (const code of ['APS', 'APD', 'PRO', 'DET', 'AOR']) assert.ok(labels.includes(code), `${code} missing from: ${labels.join(', ')}`);
  });

  test('hover on a key shows its French documentation', async () => {
    const doc = await openDoc('fonctions.programme.yaml');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      doc.uri,
      positionAfter(doc, 'enveloppe_fin', 0),
    );
    const text = hoverText(hovers);
    assert.match(text, /Enveloppe financière prévisionnelle/, `hover: ${text}`);
    assert.match(text, /L2421-1/, `hover without its legal basis: ${text}`);
    // French first; the English description may follow as a secondary line.
    const fr = text.indexOf('fixée par le maître d');
    assert.ok(fr >= 0, `no French description: ${text}`);
    const en = text.indexOf('Provisional budget');
    assert.ok(en === -1 || en > fr, `the hover leads with English although amo.locale is "fr": ${text}`);
  });

  test('the CSL-006 quick fix scales the weights to 100 and applying it clears CSL-006', async () => {
    const doc = await openDoc('correctif.consultation.yaml');
    const original = doc.getText();
    const [diag] = await waitFor(
      () => {
        const d = amoDiagnostics(doc.uri, 'CSL-006');
        return d.length > 0 ? d : undefined;
      },
      20000,
      'CSL-006 on correctif.consultation.yaml',
    );
    const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
      'vscode.executeCodeActionProvider',
      doc.uri,
      diag.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const fixes = actions.filter((a): a is vscode.CodeAction => typeof (a as vscode.Command).command !== 'string');
    // `vscode.executeCodeActionProvider` does not return the actions' diagnostics: among the fixes of
    // this range (CSL-004 and CSL-006 are both on `criteres`), the normalisation is the preferred one.
    const normalise = fixes.find((a) => a.isPreferred && a.kind?.value === 'quickfix');
    assert.ok(normalise, `no preferred quick fix for CSL-006 among: ${fixes.map((a) => a.title).join(' | ')}`);
    assert.match(normalise.title, /100/, `the fix does not say it brings the total to 100: ${normalise.title}`);
    assert.ok(normalise.edit, 'the quick fix has no edit');
    // The suppression comment is offered too, but after the fixes.
    assert.ok(fixes.indexOf(normalise) < fixes.length - 1, 'expected "silence on this line" after the fix');
    try {
      assert.ok(await vscode.workspace.applyEdit(normalise.edit), 'applyEdit refused the quick fix');
      await waitFor(() => amoDiagnostics(doc.uri, 'CSL-006').length === 0, 20000, 'CSL-006 to clear after the quick fix');
      assert.match(doc.getText(), /ponderation: 42[\s\S]*ponderation: 58/, `weights after the fix:\n${doc.getText()}`);
    } finally {
      const all = new vscode.WorkspaceEdit();
      all.replace(doc.uri, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), original);
      await vscode.workspace.applyEdit(all);
      await doc.save();
    }
  });

  test("go to definition from a risk's proprietaire lands on the actor's id", async () => {
    const doc = await openDoc('fonctions.programme.yaml');
    const locations = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>(
      'vscode.executeDefinitionProvider',
      doc.uri,
      positionAfter(doc, 'proprietaire: A'),
    );
    assert.ok(locations.length > 0, 'no definition');
    const first = locations[0];
    const uri = 'targetUri' in first ? first.targetUri : first.uri;
    const range = 'targetRange' in first ? (first.targetSelectionRange ?? first.targetRange) : first.range;
    assert.strictEqual(uri.toString(), doc.uri.toString());
    assert.strictEqual(range.start.line, lineOf(doc, '  - id: AMO'), `definition at line ${range.start.line + 1}`);
  });

  test('rename (F2) of an actor id from a proprietaire edits the actor and every reference', async () => {
    const doc = await openDoc('fonctions.programme.yaml');
    const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>(
      'vscode.executeDocumentRenameProvider',
      doc.uri,
      positionAfter(doc, 'proprietaire: A'),
      'CABINET-AMO',
    );
    assert.ok(edit, 'no rename edit');
    const edits = edit.get(doc.uri);
    const lines = edits.map((e) => e.range.start.line).sort((a, b) => a - b);
    assert.deepStrictEqual(lines, [lineOf(doc, '  - id: AMO'), lineOf(doc, 'proprietaire: AMO')].sort((a, b) => a - b));
    assert.ok(edits.every((e) => e.newText === 'CABINET-AMO' && doc.getText(e.range) === 'AMO'), JSON.stringify(edits));
  });

  test('document symbols list the phases and risks by id', async () => {
    const doc = await openDoc('fonctions.programme.yaml');
    const symbols = await vscode.commands.executeCommand<(vscode.DocumentSymbol | vscode.SymbolInformation)[]>(
      'vscode.executeDocumentSymbolProvider',
      doc.uri,
    );
    const names = flatten(symbols ?? []);
    for (const name of ['PH-ESQ', 'PH-TRAVAUX', 'TEC-SOL', 'MOA']) assert.ok(names.some((n) => n.includes(name)), `${name} missing from: ${names.join(', ')}`);
  });

  test('formatting returns edits, or none, without error, and keeps the document valid', async () => {
    const doc = await openDoc('fonctions.programme.yaml');
    const edits = await vscode.commands.executeCommand<vscode.TextEdit[] | undefined>(
      'vscode.executeFormatDocumentProvider',
      doc.uri,
      { tabSize: 2, insertSpaces: true } satisfies vscode.FormattingOptions,
    );
    assert.ok(edits === undefined || Array.isArray(edits), `unexpected result ${JSON.stringify(edits)}`);
    if (edits?.length) {
      const we = new vscode.WorkspaceEdit();
      we.set(doc.uri, edits);
      assert.ok(await vscode.workspace.applyEdit(we));
    }
    const diags = await settledDiagnostics(doc);
    assert.deepStrictEqual(diags.filter((d) => /^(YAML|SCH)-/.test(String(d.code))), [], 'formatting broke the YAML or the schema');
  });
});
