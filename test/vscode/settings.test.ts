// In-host suite: settings take effect without a restart. `amo.rules` in the workspace settings changes
// a rule's severity (here: off); removing it brings the finding back. The workspace is trusted (the
// driver disables workspace trust), so workspace values of `amo.rules` apply.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { amoDiagnostics, openDoc, waitFor } from './helpers';

suite('AMO Authoring — settings', () => {
  const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('amo');

  suiteTeardown(async () => {
    await config().update('rules', undefined, vscode.ConfigurationTarget.Workspace);
  });

  test('the workspace is trusted, so workspace settings apply', () => {
    assert.strictEqual(vscode.workspace.isTrusted, true);
  });

  test('amo.rules {"CSL-006": "off"} in the workspace settings removes CSL-006; removing the setting restores it', async () => {
    const doc = await openDoc('reglages.consultation.yaml');
    await waitFor(() => amoDiagnostics(doc.uri, 'CSL-006').length > 0, 20000, 'CSL-006 before the setting');

    await config().update('rules', { 'CSL-006': 'off' }, vscode.ConfigurationTarget.Workspace);
    assert.deepStrictEqual(config().inspect('rules')?.workspaceValue, { 'CSL-006': 'off' });
    await waitFor(() => amoDiagnostics(doc.uri, 'CSL-006').length === 0, 20000, 'CSL-006 to disappear with amo.rules {"CSL-006": "off"}');
    // Only that rule is off: the consultation's other findings are still reported.
    assert.ok(amoDiagnostics(doc.uri, 'CSL-004').length > 0, 'CSL-004 should still be reported');

    await config().update('rules', undefined, vscode.ConfigurationTarget.Workspace);
    await waitFor(() => amoDiagnostics(doc.uri, 'CSL-006').length > 0, 20000, 'CSL-006 to come back once the setting is removed');
  });

  test('amo.rules can also lower a severity: {"CSL-006": "warning"}', async () => {
    const doc = await openDoc('reglages.consultation.yaml');
    await config().update('rules', { 'CSL-006': 'warning' }, vscode.ConfigurationTarget.Workspace);
    try {
      await waitFor(
        () => amoDiagnostics(doc.uri, 'CSL-006').some((d) => d.severity === vscode.DiagnosticSeverity.Warning),
        20000,
        'CSL-006 as a warning',
      );
    } finally {
      await config().update('rules', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await waitFor(
      () => amoDiagnostics(doc.uri, 'CSL-006').some((d) => d.severity === vscode.DiagnosticSeverity.Error),
      20000,
      'CSL-006 back as an error',
    );
  });
});
