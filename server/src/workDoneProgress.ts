import type { ClientCapabilities, Connection } from 'vscode-languageserver';

/**
 * `$/progress` of a long pass (the first check of the workspace's files), when the client shows it: begun on the
 * first report with work left, ended when done equals total.
 */
export function progressReporter(connection: Connection, capabilities: () => ClientCapabilities): (done: number, total: number) => void {
  let progress: { report(percentage: number, message?: string): void; done(): void } | undefined;
  let starting = false;
  return (done, total) => {
    if (!capabilities().window?.workDoneProgress) return;
    if (!progress && !starting && done < total) {
      starting = true;
      void connection.window.createWorkDoneProgress().then((p) => {
        p.begin('AMO', 0, `${done}/${total}`);
        progress = p;
        starting = false;
      }, () => (starting = false));
      return;
    }
    if (!progress) return;
    if (done >= total) {
      progress.done();
      progress = undefined;
    } else progress.report(Math.round((done / total) * 100), `${done}/${total}`);
  };
}
