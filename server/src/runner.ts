import { CancellationToken, LSPErrorCodes, ResponseError } from 'vscode-languageserver';

/**
 * One wrapper for every request handler: cancellation becomes `RequestCancelled`, any other exception
 * a log line and the fallback value. A handler bug never takes the server down.
 */
export async function runSafe<T>(
  log: (message: string) => void,
  what: string,
  token: CancellationToken | undefined,
  fallback: T,
  fn: () => T | Promise<T>,
): Promise<T | ResponseError<void>> {
  if (token?.isCancellationRequested) return cancelled();
  try {
    const result = await fn();
    if (token?.isCancellationRequested) return cancelled();
    return result;
  } catch (err) {
    log(`Error while computing ${what}: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
    return fallback;
  }
}

function cancelled(): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestCancelled, 'Request cancelled');
}
