// In-host suite: a consultation is checked against the programme it names, read from the programme's
// open buffer: editing the programme (without saving) re-validates the open consultation.
import * as assert from 'assert';
import { lineOf, replaceInDoc, settledDiagnostics } from './editing';
import { amoDiagnostics, openDoc, waitFor } from './helpers';

suite('AMO Authoring — cross-file validation', () => {
  test("renaming a phase id in the programme's buffer reports REF-001 on the consultation's phase, and undoing it clears it", async () => {
    const programme = await openDoc('liens.programme.yaml');
    const consultation = await openDoc('liens.consultation.yaml');
    const before = await settledDiagnostics(consultation);
    assert.deepStrictEqual(
      before.filter((d) => String(d.code) === 'REF-001'),
      [],
      'REF-001 before the edit: the fixture should resolve its phase',
    );

    const restore = await replaceInDoc(programme, 'id: PH-TRAVAUX', 'id: PH-CHANTIER');
    try {
      assert.ok(programme.isDirty, 'the programme edit should stay in the buffer (unsaved)');
      const ref = await waitFor(
        () => {
          const d = amoDiagnostics(consultation.uri, 'REF-001');
          return d.length > 0 ? d : undefined;
        },
        20000,
        'REF-001 on the consultation after the phase was renamed in the programme',
      );
      const phaseLine = lineOf(consultation, 'phase: PH-TRAVAUX');
      assert.ok(
        ref.some((d) => d.range.start.line === phaseLine && d.range.start.character === 'phase: '.length),
        `REF-001 not on the value of "phase" (line ${phaseLine + 1}): ${ref.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1}`).join(', ')}`,
      );
    } finally {
      await restore();
    }
    await waitFor(() => amoDiagnostics(consultation.uri, 'REF-001').length === 0, 20000, 'REF-001 to clear once the phase id is back');
    await programme.save();
  });
});
