import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { AMO_FILE_GLOBS, AMO_FILE_NAME, amoFileStem, kindOfFileName } from '../../server/src/language-service/fileNames';
import { docKindOf } from '../../server/src/language-service/types';
import { ROOT } from '../helpers/service';

describe('AMO file names (one pattern)', () => {
  it('says which files are AMO files, and their kind', () => {
    assert.strictEqual(kindOfFileName('a/ecole.programme.yaml'), 'programme');
    assert.strictEqual(kindOfFileName('ECOLE.Programme.YML'), 'programme');
    assert.strictEqual(kindOfFileName('file:///x/lot%201.consultation.yml'), 'consultation');
    assert.strictEqual(docKindOf('file:///x/a.consultation.yaml'), 'consultation');
    for (const other of ['programme.yaml', 'a.programme.yaml.bak', 'a.programme.json', 'a.yaml', 'a.programmeyaml']) {
      assert.strictEqual(kindOfFileName(other), undefined, other);
      assert.ok(!AMO_FILE_NAME.test(other), other);
    }
    assert.strictEqual(amoFileStem('ecole.consultation.yml'), 'ecole');
  });

  it('package.json declares the same files (languages, activation)', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      activationEvents: string[];
      contributes: { languages: { id: string; extensions: string[]; filenamePatterns: string[] }[] };
    };
    for (const glob of AMO_FILE_GLOBS) assert.ok(pkg.activationEvents.includes(`workspaceContains:${glob}`), glob);
    for (const kind of ['programme', 'consultation']) {
      const lang = pkg.contributes.languages.find((l) => l.id === `amo-${kind}`)!;
      assert.deepStrictEqual(lang.extensions, [`.${kind}.yaml`, `.${kind}.yml`]);
      assert.deepStrictEqual(lang.filenamePatterns, [`*.${kind}.yaml`, `*.${kind}.yml`]);
      for (const ext of lang.extensions) assert.strictEqual(kindOfFileName(`x${ext}`), kind);
    }
  });

  it('no other file-name pattern for AMO files in server/src', () => {
    const own = path.join(ROOT, 'server', 'src', 'language-service', 'fileNames.ts');
    const found: string[] = [];
    const walk = (dir: string): void => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (p.endsWith('.ts') && p !== own) {
          fs.readFileSync(p, 'utf8').split('\n').forEach((line, i) => {
            if (/(programme|consultation)[)|\\]*\.(ya\?ml|\{yaml,yml\})/.test(line) && !/^\s*(\/\/|\*)/.test(line)) found.push(`${path.relative(ROOT, p)}:${i + 1}: ${line.trim()}`);
          });
        }
      }
    };
    walk(path.join(ROOT, 'server', 'src'));
    assert.deepStrictEqual(found, [], 'use AMO_FILE_NAME / kindOfFileName / AMO_FILE_GLOBS from server/src/language-service/fileNames.ts');
  });
});
