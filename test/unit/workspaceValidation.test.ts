import * as assert from 'assert';
import { WorkspaceValidator } from '../../server/src/workspaceValidation';

/** server/src/workspaceValidation.ts: the background pass over unopened files gives way to the open documents. */

describe('workspace validation: the first pass gives way to open documents', () => {
  it('validates no file from disk while an open document’s validation is scheduled or running, then goes on', async () => {
    let busy = true;
    const diagnosed: string[] = [];
    const files = ['file:///w/a.consultation.yaml', 'file:///w/b.programme.yaml'];
    const validator = new WorkspaceValidator({
      list: () => files,
      isOpen: () => false,
      readText: () => 'id: X\n',
      diagnose: async (uri) => {
        diagnosed.push(uri);
        return [];
      },
      programmeOf: () => undefined,
      publish: () => undefined,
      forget: () => undefined,
      log: () => undefined,
      busy: () => busy,
    });
    validator.setEnabled(true);
    await new Promise((r) => setTimeout(r, 100));
    assert.deepStrictEqual(diagnosed, [], 'a file was validated while an open document waited for its diagnostics');
    busy = false;
    await validator.idle();
    assert.deepStrictEqual(diagnosed, files);
  });
});
