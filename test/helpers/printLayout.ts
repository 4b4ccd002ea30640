/**
 * Print layout of an HTML document in a headless Chromium, driven over the DevTools protocol on a pipe
 * (`--remote-debugging-pipe`: no port, no network, no dependency). The page is laid out in print media
 * at the printable width of an A4 page — portrait for the body, landscape for `.amo-landscape`
 * sections — and every element whose box ends right of that width is reported. Test-only.
 */
import { spawn, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { Readable, Writable } from 'stream';

const MM = 96 / 25.4;
/** A4 portrait minus the 15 mm side margins of css.ts; landscape likewise. */
export const PORTRAIT_PX = Math.floor((210 - 30) * MM);
export const LANDSCAPE_PX = Math.floor((297 - 30) * MM);

export interface Overflow {
  /** Tag, classes and the start of the text of the element. */
  what: string;
  right: number;
  limit: number;
}

type Message = { id?: number; result?: Record<string, unknown>; error?: { message: string }; method?: string; sessionId?: string };

export class PrintLayout {
  private child: ChildProcess;
  private input: Writable;
  private pending = new Map<number, (m: Message) => void>();
  private next = 1;
  private buffer = '';
  private session = '';
  private dir: string;

  private constructor(chromium: string) {
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amo-layout-'));
    this.child = spawn(chromium, ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-extensions', '--disable-background-networking', '--host-resolver-rules=MAP * ~NOTFOUND', '--remote-debugging-pipe', `--user-data-dir=${path.join(this.dir, 'profile')}`, 'about:blank'], { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'] });
    this.input = this.child.stdio[3] as Writable;
    (this.child.stdio[4] as Readable).on('data', (b: Buffer) => {
      this.buffer += b.toString('utf8');
      let k: number;
      while ((k = this.buffer.indexOf('\0')) >= 0) {
        const m = JSON.parse(this.buffer.slice(0, k)) as Message;
        this.buffer = this.buffer.slice(k + 1);
        if (m.id !== undefined) this.pending.get(m.id)?.(m);
      }
    });
  }

  static async open(chromium: string): Promise<PrintLayout> {
    const p = new PrintLayout(chromium);
    const { targetId } = (await p.send('Target.createTarget', { url: 'about:blank' }, false)) as { targetId: string };
    p.session = ((await p.send('Target.attachToTarget', { targetId, flatten: true }, false)) as { sessionId: string }).sessionId;
    await p.send('Page.enable');
    await p.send('Emulation.setEmulatedMedia', { media: 'print' });
    return p;
  }

  send(method: string, params: Record<string, unknown> = {}, inSession = true): Promise<Record<string, unknown>> {
    const id = this.next++;
    const msg: Record<string, unknown> = { id, method, params };
    if (inSession) msg.sessionId = this.session;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${method}: no answer from Chromium`)), 30000);
      this.pending.set(id, (m) => {
        clearTimeout(timer);
        this.pending.delete(id);
        if (m.error) reject(new Error(`${method}: ${m.error.message}`));
        else resolve(m.result ?? {});
      });
      this.input.write(JSON.stringify(msg) + '\0');
    });
  }

  private async load(html: string, width: number): Promise<void> {
    const file = path.join(this.dir, 'page.html');
    fs.writeFileSync(file, html);
    await this.send('Emulation.setDeviceMetricsOverride', { width, height: 1100, deviceScaleFactor: 1, mobile: false });
    await this.send('Page.navigate', { url: pathToFileURL(file).toString() });
    for (let i = 0; i < 200; i++) {
      const r = (await this.send('Runtime.evaluate', { expression: 'document.readyState', returnByValue: true })) as { result: { value: string } };
      if (r.result.value === 'complete') return;
      await new Promise((res) => setTimeout(res, 25));
    }
    throw new Error('the page did not load');
  }

  /** Elements wider than the printable width: the body at portrait width, `.amo-landscape` at landscape width. */
  async overflows(html: string): Promise<Overflow[]> {
    const out: Overflow[] = [];
    for (const [width, landscape] of [[PORTRAIT_PX, false], [LANDSCAPE_PX, true]] as const) {
      await this.load(html, width);
      const expr = `(() => {
        const limit = document.documentElement.clientWidth, out = [];
        for (const el of document.querySelectorAll('.amo-doc, .amo-doc *')) {
          if (${landscape ? '!' : ''}el.closest('.amo-landscape')) continue;
          const r = el.getBoundingClientRect();
          if (r.width === 0 || r.height === 0) continue;
          if (r.right > limit + 0.5) out.push({ what: el.tagName.toLowerCase() + (el.className && typeof el.className === 'string' ? '.' + el.className.split(' ').join('.') : '') + ' « ' + (el.textContent || '').trim().slice(0, 60) + ' »', right: Math.round(r.right), limit });
        }
        return out;
      })()`;
      const r = (await this.send('Runtime.evaluate', { expression: expr, returnByValue: true })) as { result: { value: Overflow[] } };
      out.push(...r.result.value);
    }
    return out;
  }

  /** The document printed to PDF by the same browser (for artefacts). */
  async pdf(html: string): Promise<Buffer> {
    await this.load(html, PORTRAIT_PX);
    const r = (await this.send('Page.printToPDF', { preferCSSPageSize: true, printBackground: true })) as { data: string };
    return Buffer.from(r.data, 'base64');
  }

  /** Stops the browser, then removes its profile (once it has exited: it may still be writing to it). */
  async close(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
      this.child.kill('SIGKILL');
      await exited;
    }
    // Chromium's helper processes may outlive the one killed and still write to the profile for a moment: the
    // removal is tried again, and a folder left in the temporary directory is not a failure of the layout tests.
    for (let attempt = 0; ; attempt++) {
      try {
        fs.rmSync(this.dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
        return;
      } catch (err) {
        if (attempt >= 5) {
          console.warn(`print layout: profile folder ${this.dir} left behind (${String((err as Error).message)})`);
          return;
        }
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  }
}
