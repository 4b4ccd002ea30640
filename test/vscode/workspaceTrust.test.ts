// In-host suite: workspace trust. The manifest declares limited support for untrusted and virtual
// workspaces; the extension runs in both trust states, and a workspace cannot lower its own findings
// unless it is trusted: its amo.config.json and its `amo.rules` settings only apply when trusted.
// `npm run test:e2e` runs this suite twice: in the trusted run (workspace trust disabled) and in a
// second run with `scripts/e2e/run.mjs --untrusted` (restricted mode; AMO_E2E_UNTRUSTED=1).
import * as assert from 'assert';
import * as vscode from 'vscode';
import { activeExtension, settledDiagnostics } from './editing';
import { amoDiagnostics, openDoc, waitFor, workspaceFile } from './helpers';

const untrusted = process.env.AMO_E2E_UNTRUSTED === '1';
const codes = (diags: readonly vscode.Diagnostic[]): string[] => diags.map((d) => String(typeof d.code === 'object' ? d.code.value : d.code));

suite('AMO Authoring — workspace trust and virtual workspaces', () => {
  test('the manifest declares limited support, with amo.rules restricted in untrusted workspaces', async () => {
    const ext = await activeExtension();
    const caps = ext.packageJSON.capabilities as {
      untrustedWorkspaces?: { supported?: unknown; restrictedConfigurations?: string[] };
      virtualWorkspaces?: { supported?: unknown };
    };
    assert.strictEqual(caps.untrustedWorkspaces?.supported, 'limited');
    assert.deepStrictEqual(caps.untrustedWorkspaces?.restrictedConfigurations, ['amo.rules']);
    assert.strictEqual(caps.virtualWorkspaces?.supported, 'limited');
  });

  test(`the workspace is ${untrusted ? 'untrusted' : 'trusted'}, and the extension is active with its server running`, async () => {
    assert.strictEqual(vscode.workspace.isTrusted, !untrusted);
    const ext = await activeExtension();
    assert.ok(ext.isActive);
  });

  test(`the workspace's amo.config.json ${untrusted ? 'is ignored' : 'applies'} ({"CSL-006": "off"} beside the consultation)`, async () => {
    const doc = await openDoc('avec-config', 'config.consultation.yaml');
    const found = codes(await settledDiagnostics(doc));
    assert.ok(found.includes('CSL-004'), `the consultation should still report CSL-004: ${found.join(', ')}`);
    if (untrusted) assert.ok(found.includes('CSL-006'), `CSL-006 hidden by an untrusted amo.config.json: ${found.join(', ')}`);
    else assert.ok(!found.includes('CSL-006'), `CSL-006 reported although amo.config.json turns it off: ${found.join(', ')}`);
  });

  test('untrusted: amo.rules in the workspace settings (.vscode/settings.json) is ignored', async function () {
    if (!untrusted) {
      // The trusted case is in settings.test.ts; this one runs in the second, untrusted pass of `npm run test:e2e`.
      console.log('      (skipped in the trusted pass: it runs in the --untrusted pass)');
      this.skip();
    }
    const doc = await openDoc('reglages.consultation.yaml');
    const settingsFile = workspaceFile('.vscode', 'settings.json');
    const original = await vscode.workspace.fs.readFile(settingsFile);
    const amo = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('amo');
    // As a cloned repository would ship it. The delay (not restricted) shows when VS Code has read the file.
    const settings = { 'amo.locale': 'fr', 'amo.validation.delay': 51, 'amo.rules': { 'CSL-006': 'off' } };
    await vscode.workspace.fs.writeFile(settingsFile, new TextEncoder().encode(JSON.stringify(settings, null, 2)));
    try {
      await waitFor(() => amo().get('validation.delay') === 51, 20000, 'VS Code to read the new workspace settings');
      assert.ok(!('CSL-006' in (amo().get<Record<string, string>>('rules') ?? {})), 'VS Code applied a restricted setting of an untrusted workspace');
      await settledDiagnostics(doc);
      assert.ok(amoDiagnostics(doc.uri, 'CSL-006').length > 0, 'CSL-006 hidden by the untrusted workspace settings');
    } finally {
      await vscode.workspace.fs.writeFile(settingsFile, original);
      await waitFor(() => amo().get('validation.delay') === 50, 20000, 'the original workspace settings to be read back');
    }
  });
});
