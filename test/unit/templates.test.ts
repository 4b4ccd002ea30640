/**
 * The new-file templates (client/templates/*.yaml, written by "AMO: New programme" and "AMO: New
 * consultation") run through the language service as the user's new file would: no error, no warning,
 * and exactly the hints listed here. client/src/templates.ts bundles these files as text (esbuild.mjs).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { makeService, ROOT, uriOf } from '../helpers/service';

// client/src/templates.ts imports the .yaml files as text, as esbuild's text loader does in the bundles.
require.extensions['.yaml'] = (m, filename) => {
  m.exports = { __esModule: true, default: fs.readFileSync(filename, 'utf8') };
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const templates = require('../../client/src/templates') as typeof import('../../client/src/templates');

const DIR = path.join(ROOT, 'client', 'templates');
const PROGRAMME = path.join(DIR, 'nouveau.programme.yaml');
const CONSULTATION = path.join(DIR, 'nouveau.consultation.yaml');
const { DEFAULT_PROGRAMME_PATH } = templates;

/** "line:CODE:severity" of each diagnostic, sorted. */
function diagnostics(file: string, text = fs.readFileSync(file, 'utf8'), files: Record<string, string> = {}): string[] {
  const names = ['', 'error', 'warning', 'information', 'hint'];
  return makeService(files)
    .getDiagnostics({ uri: uriOf(file), text })
    .map((d) => `${d.range.start.line + 1}:${d.code}:${names[d.severity ?? DiagnosticSeverity.Error]}`)
    .sort();
}

describe('new-file templates (client/templates)', () => {
  it('are the only two, one programme and one consultation', () => {
    assert.deepStrictEqual(fs.readdirSync(DIR).sort(), ['nouveau.consultation.yaml', 'nouveau.programme.yaml']);
  });

  it('the programme: no error or warning; one hint, PRG-020 (the permit filing date, to fill in)', () => {
    const text = fs.readFileSync(PROGRAMME, 'utf8');
    assert.deepStrictEqual(diagnostics(PROGRAMME, text), ['12:PRG-020:hint']);
    assert.match(text.split('\n')[11], /^ {2}nature: construction_neuve$/, 'the hint sits on the operation nature');
  });

  it('the consultation, beside the programme it names: no diagnostic at all (its programme is read, REF-* stay silent)', () => {
    const text = fs.readFileSync(CONSULTATION, 'utf8');
    assert.match(text, new RegExp(`^programme: ${DEFAULT_PROGRAMME_PATH.replace(/\./g, '\\.')}$`, 'm'));
    assert.deepStrictEqual(diagnostics(CONSULTATION, text), []);
  });

  it('are what the new-file commands write (client/src/templates.ts)', () => {
    assert.strictEqual(templates.PROGRAMME_TEMPLATE, fs.readFileSync(PROGRAMME, 'utf8'));
    assert.strictEqual(templates.consultationTemplate(), fs.readFileSync(CONSULTATION, 'utf8'));
  });

  it('the consultation pointed at another programme (as the command does for the programme of its folder) stays clean', () => {
    const text = templates.consultationTemplate('./gymnase.programme.yaml');
    assert.match(text, /^programme: \.\/gymnase\.programme\.yaml$/m);
    const programme = uriOf('/virtual/gymnase.programme.yaml');
    assert.deepStrictEqual(diagnostics('/virtual/travaux.consultation.yaml', text, { [programme]: fs.readFileSync(PROGRAMME, 'utf8') }), []);
    // Without the programme the cross-file check speaks: the clean result above is not for want of reading it.
    assert.ok(diagnostics('/virtual/travaux.consultation.yaml', text).some((d) => d.includes(':REF-')), 'a missing programme is reported');
  });
});
