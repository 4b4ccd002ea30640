import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';

/** Names of a Chromium-family browser looked up on PATH, in this order. */
export const CHROMIUM_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

function executable(file: string): boolean {
  try {
    const st = fs.statSync(file);
    if (!st.isFile()) return false;
    if (process.platform !== 'win32') fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The browser used for PDF export: `configured` (the `amo.export.chromiumPath` setting) when it is an
 * executable file, else the first of CHROMIUM_NAMES found on PATH; undefined when none.
 */
export function findChromium(configured?: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (configured && configured.trim()) return executable(configured) ? configured : undefined;
  const dirs = (env.PATH ?? '').split(path.delimiter).filter(Boolean);
  const exts = process.platform === 'win32' ? ['.exe', ''] : [''];
  for (const name of CHROMIUM_NAMES) {
    for (const dir of dirs) {
      for (const ext of exts) {
        const file = path.join(dir, name + ext);
        if (executable(file)) return file;
      }
    }
  }
  return undefined;
}

/**
 * Flags for a one-shot, offline print: no sandbox (containers, root), no GPU, no first-run, sync,
 * component updates or background requests; no default header and footer (the page CSS has its own).
 */
export function chromiumPdfArgs(profileDir: string, input: string, output: string): string[] {
  return [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-extensions',
    '--disable-default-apps',
    '--disable-domain-reliability',
    '--metrics-recording-only',
    // Any name resolution fails: the document has no remote resource, and none can be fetched.
    '--host-resolver-rules=MAP * ~NOTFOUND',
    '--no-pdf-header-footer',
    `--user-data-dir=${profileDir}`,
    `--print-to-pdf=${output}`,
    pathToFileURL(input).toString(),
  ];
}

/**
 * Prints a self-contained HTML document to PDF with a headless Chromium. Rejects with a full sentence
 * when the browser fails, times out or writes no PDF. The temporary folder is always removed.
 */
export async function htmlToPdf(html: string, chromium: string, timeoutMs = 60_000): Promise<Buffer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amo-pdf-'));
  const input = path.join(dir, 'document.html');
  const output = path.join(dir, 'document.pdf');
  try {
    fs.writeFileSync(input, html, 'utf8');
    await new Promise<void>((resolve, reject) => {
      const child = spawn(chromium, chromiumPdfArgs(path.join(dir, 'profile'), input, output), { stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr?.on('data', (b: Buffer) => {
        if (stderr.length < 4000) stderr += b.toString();
      });
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`Chromium did not finish printing within ${Math.round(timeoutMs / 1000)} s.`));
      }, timeoutMs);
      child.on('error', (err) => {
        clearTimeout(timer);
        reject(new Error(`Chromium could not be started (${chromium}): ${err.message}`));
      });
      child.on('exit', (code) => {
        clearTimeout(timer);
        if (fs.existsSync(output) && fs.statSync(output).size > 0) resolve();
        else reject(new Error(`Chromium exited with code ${String(code)} without writing a PDF. ${stderr.trim().split('\n').slice(-3).join(' ')}`));
      });
    });
    return fs.readFileSync(output);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
