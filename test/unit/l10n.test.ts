/**
 * Localisation completeness of the VS Code extension: every `%key%` of package.json has an English
 * (package.nls.json) and a French (package.nls.fr.json) entry, and every `vscode.l10n.t(…)` message in
 * client/src/** has a French entry in l10n/bundle.l10n.fr.json with the same placeholders. The messages
 * are read from the sources with TypeScript's parser, so a message must be a string literal (a computed
 * one could not be translated ahead of time).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { ROOT } from '../helpers/service';

const readJson = (rel: string): Record<string, unknown> => JSON.parse(fs.readFileSync(path.join(ROOT, rel), 'utf8')) as Record<string, unknown>;

/** Every `%key%` string of the manifest, with where it is (a JSON path). */
function manifestKeys(value: unknown, where = '', out = new Map<string, string>()): Map<string, string> {
  if (typeof value === 'string') {
    const m = /^%([^%\s]+)%$/.exec(value);
    if (m && !out.has(m[1])) out.set(m[1], where);
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => manifestKeys(v, `${where}[${i}]`, out));
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) manifestKeys(v, where ? `${where}.${k}` : k, out);
  }
  return out;
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

interface Message {
  text: string | undefined;
  at: string;
}

/** `vscode.l10n.t('…')`, `l10n.t('…')` and `l10n.t({ message: '…' })` calls; `text` undefined when not a literal. */
function l10nMessages(file: string): Message[] {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  const out: Message[] = [];
  const literal = (n: ts.Node | undefined): string | undefined =>
    n && (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) ? n.text : undefined;
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 't') {
      const target = node.expression.expression;
      const isL10n = (ts.isIdentifier(target) && target.text === 'l10n') || (ts.isPropertyAccessExpression(target) && target.name.text === 'l10n');
      if (isL10n) {
        const arg = node.arguments[0];
        let text = literal(arg);
        if (text === undefined && arg && ts.isObjectLiteralExpression(arg)) {
          const message = arg.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && p.name.getText(source) === 'message');
          text = literal(message?.initializer);
        }
        const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
        out.push({ text, at: `${path.relative(ROOT, file)}:${line + 1}` });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

const placeholders = (s: string): string[] => [...new Set(s.match(/\{\d+\}/g) ?? [])].sort();

describe('localisation (FR/EN)', () => {
  const pkg = readJson('package.json');
  const en = readJson('package.nls.json');
  const fr = readJson('package.nls.fr.json');
  const bundle = readJson('l10n/bundle.l10n.fr.json');
  const messages = sourceFiles(path.join(ROOT, 'client/src')).flatMap(l10nMessages);

  it('package.json declares its l10n folder', () => {
    assert.strictEqual(pkg.l10n, './l10n');
  });

  it('every %key% of package.json has an English and a French entry', () => {
    const keys = manifestKeys(pkg);
    assert.ok(keys.size > 10, `only ${keys.size} %key% strings found`);
    const missing: string[] = [];
    for (const [key, where] of keys) {
      for (const [name, nls] of [['package.nls.json', en], ['package.nls.fr.json', fr]] as const) {
        const v = nls[key];
        if (typeof v !== 'string' || v.trim() === '') missing.push(`${name}: "${key}" (used at ${where})`);
      }
    }
    assert.deepStrictEqual(missing, []);
  });

  it('package.nls.json and package.nls.fr.json have the same keys', () => {
    const onlyEn = Object.keys(en).filter((k) => !(k in fr));
    const onlyFr = Object.keys(fr).filter((k) => !(k in en));
    assert.deepStrictEqual({ onlyEn, onlyFr }, { onlyEn: [], onlyFr: [] });
  });

  it('client/src uses vscode.l10n.t with literal messages only', () => {
    assert.ok(messages.length > 20, `only ${messages.length} vscode.l10n.t calls found in client/src`);
    assert.deepStrictEqual(messages.filter((m) => m.text === undefined).map((m) => m.at), []);
  });

  it('every vscode.l10n.t message of client/src has a French translation with the same placeholders', () => {
    const problems: string[] = [];
    for (const { text, at } of messages) {
      if (text === undefined) continue;
      const t = bundle[text];
      if (typeof t !== 'string' || t.trim() === '') problems.push(`${at}: no French entry for "${text}"`);
      else if (placeholders(t).join() !== placeholders(text).join()) problems.push(`${at}: placeholders differ in "${text}" → "${t}"`);
    }
    assert.deepStrictEqual(problems, []);
  });

  it('l10n/bundle.l10n.fr.json has no entry that client/src no longer uses', () => {
    const used = new Set(messages.map((m) => m.text));
    assert.deepStrictEqual(Object.keys(bundle).filter((k) => !used.has(k)), []);
  });
});
