import * as os from 'node:os';
import * as vscode from 'vscode';
import { DEFAULT_PROGRAMME_PATH, PROGRAMME_TEMPLATE, consultationTemplate } from '../templates';

export type AmoFileKind = 'programme' | 'consultation';

export const DEFAULT_FILE_NAMES: Readonly<Record<AmoFileKind, string>> = {
  programme: 'nouveau.programme.yaml',
  consultation: 'nouvelle.consultation.yaml',
};

/**
 * `fileName` with the double extension that gives the file its language:
 * `gymnase.yaml` → `gymnase.programme.yaml`; `gymnase.consultation.yml` stays as it is.
 */
export function withKindExtension(fileName: string, kind: AmoFileKind): string {
  if (new RegExp(`\\.${kind}\\.ya?ml$`, 'i').test(fileName)) return fileName;
  const base = fileName.replace(/\.ya?ml$/i, '').replace(/\.(?:programme|consultation)$/i, '');
  return `${base}.${kind}.yaml`;
}

/**
 * Creates a programme or consultation file from its template and opens it. Without `target`, asks
 * for the file with a save dialog (a folder `target` is the dialog's starting folder). Asks before
 * replacing an existing file. Returns the new file, or undefined when the user cancelled or the
 * file could not be written.
 */
export async function createAmoFile(kind: AmoFileKind, target?: unknown): Promise<vscode.Uri | undefined> {
  let uri = target instanceof vscode.Uri ? target : undefined;
  let folder = defaultFolder();
  const targetType = uri && (await statType(uri));
  if (targetType && targetType & vscode.FileType.Directory) {
    folder = uri;
    uri = undefined;
  }
  uri ??= await vscode.window.showSaveDialog({
    defaultUri: folder ? vscode.Uri.joinPath(folder, DEFAULT_FILE_NAMES[kind]) : undefined,
    filters: { [kind === 'programme' ? vscode.l10n.t('AMO programme') : vscode.l10n.t('AMO consultation')]: ['yaml', 'yml'] },
    saveLabel: vscode.l10n.t('Create'),
    title: kind === 'programme' ? vscode.l10n.t('New AMO programme') : vscode.l10n.t('New AMO consultation'),
  });
  if (!uri) return undefined;
  uri = uri.with({ path: withKindExtension(uri.path, kind) });
  const name = uri.path.slice(uri.path.lastIndexOf('/') + 1);

  if ((await statType(uri)) !== undefined) {
    const replace = vscode.l10n.t('Replace');
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t('{0} already exists. Do you want to replace it?', name),
      { modal: true },
      replace,
    );
    if (choice !== replace) return undefined;
  }

  const text = kind === 'programme' ? PROGRAMME_TEMPLATE : consultationTemplate(await programmeBeside(uri));
  try {
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  } catch (error) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Could not create {0}: {1}', name, error instanceof Error ? error.message : String(error)));
    return undefined;
  }
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
  return uri;
}

export function registerNewFileCommands(): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('amo.newProgramme', (target?: unknown) => createAmoFile('programme', target)),
    vscode.commands.registerCommand('amo.newConsultation', (target?: unknown) => createAmoFile('consultation', target)),
  ];
}

/** The folder of the active file's workspace folder, else the first one, else the home folder. */
function defaultFolder(): vscode.Uri | undefined {
  const active = vscode.window.activeTextEditor?.document.uri;
  const folder = (active && vscode.workspace.getWorkspaceFolder(active)) ?? vscode.workspace.workspaceFolders?.[0];
  if (folder) return folder.uri;
  const home = os.homedir();
  return home ? vscode.Uri.file(home) : undefined;
}

async function statType(uri: vscode.Uri): Promise<vscode.FileType | undefined> {
  try {
    return (await vscode.workspace.fs.stat(uri)).type;
  } catch {
    return undefined; // FileNotFound, or a file system that cannot tell
  }
}

/** `./name` of the only programme file in the consultation's folder, else the template's default. */
async function programmeBeside(consultation: vscode.Uri): Promise<string> {
  try {
    const entries = await vscode.workspace.fs.readDirectory(vscode.Uri.joinPath(consultation, '..'));
    const programmes = entries.filter(([n, type]) => type === vscode.FileType.File && /\.programme\.ya?ml$/i.test(n));
    if (programmes.length === 1) return `./${programmes[0][0]}`;
  } catch {
    // An unreadable folder: keep the default path, which the server reports if it is wrong.
  }
  return DEFAULT_PROGRAMME_PATH;
}
