/**
 * The LSP protocol cases run against both builds of the server: the Node process (dist/server.js over
 * stdio, TestLspClient) and the web worker (dist/web/server.js in headless Chromium, BrowserLspClient).
 * The workspace is on disk; the Node server reads it itself, the browser server through the client's
 * `amo/workspace/*` requests, which the browser driver answers from the same files.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { ClientCapabilities, CodeAction, CompletionItem, CompletionList, Diagnostic, Hover, InitializeResult, Location, PublishDiagnosticsParams, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { applyAction } from './applyEdits';
import { CONSULTATION, CONSULTATION_2, PROGRAMME } from './navigationWorkspace';
import { uriOf } from './service';

/** What a case needs of a client: TestLspClient (lspClient.ts) and BrowserLspClient (browserLspClient.ts). */
export interface LspDriver {
  initialize(options: { locale?: string; rootUri?: string; capabilities?: ClientCapabilities }): Promise<InitializeResult>;
  open(uri: string, text: string, version?: number): Promise<void>;
  replace(uri: string, text: string, version: number): Promise<void>;
  request<R>(method: string, params: unknown): Promise<R>;
  diagnostics(uri: string, accept?: (d: PublishDiagnosticsParams) => boolean, timeoutMs?: number): Promise<Diagnostic[]>;
}

/** A consultation of the workspace whose phase the programme does not define (REF-001, cross-file). */
export const UNKNOWN_PHASE = CONSULTATION.replace('phase: PH-ACT', 'phase: PH-CONS');

export interface CaseWorkspace {
  dir: string;
  prog: string;
  /** Opened by the cases; names PH-ACT of the programme. */
  c1: string;
  /** Never opened: read from the workspace (references, rename). */
  c2: string;
  /** Opened by the diagnostics case: REF-001 once the programme, not open, is read. */
  bad: string;
  text(uri: string): string;
}

export function writeCaseWorkspace(dir: string): CaseWorkspace {
  const files: Record<string, string> = {};
  const write = (rel: string, text: string): string => {
    const file = path.join(dir, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    const uri = uriOf(file);
    files[uri] = text;
    return uri;
  };
  return {
    dir,
    prog: write('op.programme.yaml', PROGRAMME),
    c1: write('c1.consultation.yaml', CONSULTATION),
    c2: write('c2.consultation.yaml', CONSULTATION_2),
    bad: write('bad.consultation.yaml', UNKNOWN_PHASE),
    text: (uri) => files[uri],
  };
}

export const INITIALIZE = {
  capabilities: { workspace: { workspaceEdit: { documentChanges: false } }, textDocument: { documentSymbol: { hierarchicalDocumentSymbolSupport: true } } },
} as const;

function position(text: string, needle: string, shift = 0): { line: number; character: number } {
  const offset = text.indexOf(needle) + shift;
  assert.ok(offset >= shift, `'${needle}' not found`);
  const before = text.slice(0, offset);
  return { line: before.split('\n').length - 1, character: offset - before.lastIndexOf('\n') - 1 };
}

const name = (uri: string): string => uri.slice(uri.lastIndexOf('/') + 1);

/**
 * One case: it drives an initialized client over the workspace, asserts what it expects, and returns
 * what the server answered (file names instead of URIs) so that both builds can be compared.
 */
export interface ProtocolCase {
  title: string;
  run(client: LspDriver, ws: CaseWorkspace): Promise<unknown>;
}

export const PROTOCOL_CASES: ProtocolCase[] = [
  {
    title: 'diagnostics with a cross-file reference (the programme is not open: read from the workspace)',
    async run(client, ws) {
      await client.open(ws.bad, UNKNOWN_PHASE, 1);
      const diags = await client.diagnostics(ws.bad, (p) => p.diagnostics.some((d) => d.code === 'REF-001'));
      assert.ok(!diags.some((d) => d.code === 'REF-003'), `the programme was not read: ${JSON.stringify(diags.map((d) => d.code))}`);
      const ref = diags.find((d) => d.code === 'REF-001')!;
      assert.match(ref.message, /PH-CONS/);
      assert.match(ref.message, /PH-ETU/, 'the message lists the programme’s phases');
      return diags.map((d) => ({ code: d.code, severity: d.severity, range: d.range, message: d.message }));
    },
  },
  {
    title: 'a quick fix that creates the missing phase in the programme (code action, cross-file edit)',
    async run(client, ws) {
      await client.open(ws.bad, UNKNOWN_PHASE, 1);
      const diags = await client.diagnostics(ws.bad, (p) => p.diagnostics.some((d) => d.code === 'REF-001'));
      const ref = diags.find((d) => d.code === 'REF-001')!;
      const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: ws.bad }, range: ref.range, context: { diagnostics: [ref], only: ['quickfix'] } });
      const create = actions.find((a) => /^Créer la phase/.test(a.title));
      assert.ok(create, JSON.stringify(actions.map((a) => a.title)));
      assert.deepStrictEqual(Object.keys(create.edit?.changes ?? {}), [ws.prog]);
      assert.match(applyAction(create, ws.prog, PROGRAMME), /- id: PH-CONS\n/);
      return actions.map((a) => ({ title: a.title, kind: a.kind, files: Object.keys(a.edit?.changes ?? {}).map(name) }));
    },
  },
  {
    title: 'completion of a consultation’s phase offers the programme’s phases',
    async run(client, ws) {
      await client.open(ws.c1, CONSULTATION, 1);
      await client.diagnostics(ws.c1);
      const r = await client.request<CompletionList | CompletionItem[]>('textDocument/completion', { textDocument: { uri: ws.c1 }, position: position(CONSULTATION, 'PH-ACT') });
      const labels = (Array.isArray(r) ? r : r.items).map((i) => i.label);
      assert.ok(labels.includes('PH-ETU') && labels.includes('PH-ACT'), JSON.stringify(labels));
      return labels;
    },
  },
  {
    title: 'hover on a consultation’s phase explains the field',
    async run(client, ws) {
      await client.open(ws.c1, CONSULTATION, 1);
      await client.diagnostics(ws.c1);
      const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: ws.c1 }, position: position(CONSULTATION, 'PH-ACT', 2) });
      assert.ok(hover, 'no hover');
      const text = JSON.stringify(hover.contents);
      assert.match(text, /Phase du programme/, text);
      return hover.contents;
    },
  },
  {
    title: 'definition goes from a consultation’s phase to the programme file',
    async run(client, ws) {
      await client.open(ws.c1, CONSULTATION, 1);
      await client.diagnostics(ws.c1);
      const defs = await client.request<Location[]>('textDocument/definition', { textDocument: { uri: ws.c1 }, position: position(CONSULTATION, 'PH-ACT', 2) });
      assert.deepStrictEqual(defs, [{ uri: ws.prog, range: { start: { line: 18, character: 8 }, end: { line: 18, character: 14 } } }]);
      return defs.map((d) => ({ file: name(d.uri), range: d.range }));
    },
  },
  {
    title: 'rename of a programme phase edits the programme and the consultations, open or not',
    async run(client, ws) {
      await client.open(ws.prog, PROGRAMME, 1);
      await client.open(ws.c1, CONSULTATION, 1);
      await client.diagnostics(ws.c1);
      const edit = await client.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri: ws.prog }, position: position(PROGRAMME, 'id: PH-ACT', 5), newName: 'PH-DCE' });
      const files = Object.keys(edit.changes ?? {}).map(name).sort();
      assert.deepStrictEqual(files, ['c1.consultation.yaml', 'c2.consultation.yaml', 'op.programme.yaml']);
      const c2 = edit.changes![ws.c2];
      assert.ok(c2.every((e) => e.newText === 'PH-DCE'), JSON.stringify(c2));
      return Object.entries(edit.changes ?? {})
        .map(([uri, edits]) => [name(uri), edits] as const)
        .sort(([a], [b]) => a.localeCompare(b));
    },
  },
];
