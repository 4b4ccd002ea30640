import { LSPErrorCodes, ResponseError, TextDocumentEdit, type WorkspaceEdit } from 'vscode-languageserver';
import { runSafe } from '../runner';
import { requestDocument } from './request';
import type { Feature, FeatureContext } from './types';

/**
 * Rename of ids across files. A refusal (not on an id, invalid or taken name) is a ResponseError whose
 * message the editor shows as is, in the document's locale.
 */
export const renameFeature: Feature = {
  capabilities: { renameProvider: { prepareProvider: true } },
  register(ctx) {
    ctx.connection.onPrepareRename((params, token) =>
      runSafe(ctx.log, 'prepareRename', token, null, async () => {
        const doc = requestDocument(ctx, params, { position: true });
        if (!doc) return null;
        const result = ctx.service.prepareRename(doc, params.position, { locale: await ctx.localeFor(doc.uri) });
        return 'error' in result ? refusal(result.error) : result;
      }),
    );
    ctx.connection.onRenameRequest((params, token) =>
      runSafe(ctx.log, 'rename', token, null, async () => {
        const doc = requestDocument(ctx, params, { position: true, newName: true });
        if (!doc) return null;
        const result = ctx.service.getRenameEdits(doc, params.position, params.newName, { locale: await ctx.localeFor(doc.uri) });
        return 'error' in result ? refusal(result.error) : withVersions(ctx, result.edit);
      }),
    );
  },
};

function refusal(message: string): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestFailed, message);
}

/**
 * `documentChanges` when the client supports them: an open document's edit carries its version, so that the
 * editor refuses a rename computed on text the user has changed since; closed files carry `null`.
 */
function withVersions(ctx: FeatureContext, edit: WorkspaceEdit): WorkspaceEdit {
  if (!ctx.clientCapabilities().workspace?.workspaceEdit?.documentChanges) return edit;
  return {
    documentChanges: Object.entries(edit.changes ?? {}).map(([uri, edits]) => TextDocumentEdit.create({ uri, version: ctx.documents.get(uri)?.version ?? null }, edits)),
  };
}
