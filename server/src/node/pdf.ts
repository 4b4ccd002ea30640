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

/** A PDF text string in UTF-16BE hex (any character, no escaping issue). */
function pdfText(s: string): string {
  let hex = 'FEFF';
  for (const ch of s) {
    const cp = ch.codePointAt(0) as number;
    const units = cp > 0xffff ? [0xd800 + ((cp - 0x10000) >> 10), 0xdc00 + ((cp - 0x10000) & 0x3ff)] : [cp];
    for (const u of units) hex += u.toString(16).toUpperCase().padStart(4, '0');
  }
  return `<${hex}>`;
}

/**
 * Sets the document information of a PDF (Title, Author, Subject, Creator) by an incremental update
 * appended to the file, as the PDF format allows: Chromium writes "HeadlessChrome" as Creator and no
 * Author. A file whose trailer cannot be read (not a classic xref table) is returned unchanged.
 */
export function withPdfInfo(pdf: Buffer, info: { title?: string; author?: string; subject?: string }): Buffer {
  const tail = pdf.subarray(Math.max(0, pdf.length - 4096)).toString('latin1');
  const start = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail);
  const trailer = tail.lastIndexOf('trailer');
  if (!start || trailer < 0) return pdf;
  const dict = tail.slice(trailer);
  const size = /\/Size (\d+)/.exec(dict);
  const root = /\/Root (\d+ \d+ R)/.exec(dict);
  if (!size || !root) return pdf;
  const id = Number(size[1]);
  const fields = [
    info.title ? `/Title ${pdfText(info.title)}` : '',
    info.author ? `/Author ${pdfText(info.author)}` : '',
    info.subject ? `/Subject ${pdfText(info.subject)}` : '',
    `/Creator ${pdfText('AMO Authoring')}`,
  ].filter(Boolean);
  const body = `\n${id} 0 obj\n<<${fields.join('\n')}>>\nendobj\n`;
  const offset = pdf.length + 1;
  const xrefAt = pdf.length + Buffer.byteLength(body, 'latin1');
  const xref = `xref\n${id} 1\n${String(offset).padStart(10, '0')} 00000 n \ntrailer\n<</Size ${id + 1}\n/Root ${root[1]}\n/Info ${id} 0 R\n/Prev ${start[1]}>>\nstartxref\n${xrefAt}\n%%EOF\n`;
  return Buffer.concat([pdf, Buffer.from(body + xref, 'latin1')]);
}
